import type { CallBackView } from '@onething/contract/sockets/call-backs';
import { useEffect, useRef, useState } from 'preact/hooks';
import { useT } from '../i18n/i18n.tsx';
import { pick } from '../i18n/strings.ts';
import { onReconnect } from '../realtime/staff-socket.ts';
import { boothRequest } from './booth-api.ts';
import { fill, formatDuration } from './format.ts';

/** Call-backs arrive without a push to the seat; the same light poll as the queue. */
const POLL_MS = 5000;
const REASON_MIN = 2;

/**
 * Call-backs of the agent's queues: a ticket of its own kind (no video, the citizen waits for a
 * phone call). The agent takes one, which takes it out of the other agents' lists, shows the full
 * number with a reason (audited), rings and records the outcome. The list shows masked numbers.
 */
export function CallBackPanel({ now }: { now: number }) {
  const { t, tError, lang } = useT();
  const [list, setList] = useState<CallBackView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [news, setNews] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  const reload = () => setTick((n) => n + 1);

  useEffect(() => {
    let active = true;
    const load = () =>
      boothRequest('callBack:list', {}).then(
        (r) => {
          if (!active) return;
          setList(r.callBacks);
          setError(null);
        },
        (e) => active && setError(tError(e)),
      );
    load();
    const timer = setInterval(load, POLL_MS);
    const off = onReconnect(load);
    return () => {
      active = false;
      clearInterval(timer);
      off();
    };
  }, [tick, lang]);

  const claim = async (id: string) => {
    setNews(null);
    try {
      await boothRequest('callBack:claim', { id });
    } catch (e) {
      setError(tError(e));
    }
    reload();
  };

  const mine = list?.find((c) => c.mine && c.state === 'claimed') ?? null;
  return (
    <section class="seat-card seat-callbacks" aria-labelledby="seat-cb-title">
      <h3 id="seat-cb-title">{t('cb_title')}</h3>
      <p class="seat-sub">{t('cb_intro')}</p>
      {error && <p role="alert">⚠ {error}</p>}
      <p role="status">{news}</p>
      {!list && !error && <p>{t('loading')}</p>}
      {mine && (
        <WorkCallBack
          key={mine.id}
          callBack={mine}
          onFinished={(outcome) => {
            setNews(t(outcome === 'done' ? 'cb_news_done' : 'cb_news_unreachable'));
            reload();
          }}
        />
      )}
      {list && list.length === 0 && <p>{t('cb_none')}</p>}
      {list && list.length > 0 && (
        <table class="seat-table" aria-labelledby="seat-cb-title">
          <thead>
            <tr>
              <th scope="col">{t('seat_col_waited')}</th>
              <th scope="col">{t('cb_col_phone')}</th>
              <th scope="col">{t('seat_col_bundle')}</th>
              <th scope="col">{t('seat_col_site')}</th>
              <th scope="col">{t('cb_col_language')}</th>
              <th scope="col">{t('cb_col_action')}</th>
            </tr>
          </thead>
          <tbody>
            {list.map((c) => (
              <tr key={c.id} data-testid="call-back">
                <td>{formatDuration(Math.max(0, Math.round((now - c.createdAt) / 1000)), lang)}</td>
                <td class="seat-num">{c.phoneMasked}</td>
                <td>{c.bundleName ? pick(lang, c.bundleName) : t('seat_generalHelp')}</td>
                <td>{c.terminal.site || c.terminal.id}</td>
                <td>{t(c.language === 'en' ? 'cb_lang_en' : 'cb_lang_zh')}</td>
                <td>
                  {c.mine ? (
                    t('cb_mine')
                  ) : (
                    <button
                      type="button"
                      disabled={!!mine}
                      aria-label={`${t('cb_claim')} ${c.phoneMasked}`}
                      onClick={() => void claim(c.id)}
                    >
                      {t('cb_claim')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** The call-back the agent took: the audited reveal, then the outcome. */
function WorkCallBack({
  callBack,
  onFinished,
}: {
  callBack: CallBackView;
  onFinished: (outcome: 'done' | 'unreachable') => void;
}) {
  const { t, tError } = useT();
  const [reason, setReason] = useState('');
  const [phone, setPhone] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const reasonInput = useRef<HTMLInputElement>(null);

  const reveal = async (e: Event) => {
    e.preventDefault();
    const r = reason.trim();
    if (r.length < REASON_MIN) {
      setProblem(t('seat_reasonTooShort'));
      reasonInput.current?.focus();
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      setPhone((await boothRequest('callBack:reveal', { id: callBack.id, reason: r })).phone);
    } catch (err) {
      setProblem(tError(err));
    } finally {
      setBusy(false);
    }
  };

  const finish = async (outcome: 'done' | 'unreachable') => {
    setBusy(true);
    setProblem(null);
    try {
      await boothRequest('callBack:finish', { id: callBack.id, outcome, note: note.trim() });
      onFinished(outcome);
    } catch (err) {
      setProblem(tError(err));
      setBusy(false);
    }
  };

  return (
    <div class="seat-reveal" data-testid="call-back-work">
      <p class="seat-strong">{fill(t('cb_working'), { site: callBack.terminal.site })}</p>
      {phone ? (
        <p class="seat-dial" data-testid="call-back-phone">
          {fill(t('cb_dial'), { phone })}
        </p>
      ) : (
        <form onSubmit={reveal} noValidate class="seat-reveal-form">
          <p>{fill(t('cb_dial'), { phone: callBack.phoneMasked })}</p>
          <p class="seat-audit-note">
            <span aria-hidden="true">ⓘ</span> {t('cb_revealAudited')}
          </p>
          <label class="seat-field">
            {t('seat_revealReason')}
            <input
              ref={reasonInput}
              value={reason}
              maxLength={200}
              aria-invalid={problem !== null}
              aria-describedby={problem ? 'seat-cb-problem' : undefined}
              onInput={(e) => setReason(e.currentTarget.value)}
            />
          </label>
          <div class="seat-row">
            <button type="submit" disabled={busy}>
              {t('cb_revealConfirm')}
            </button>
          </div>
        </form>
      )}
      <label class="seat-field">
        {t('cb_note')}
        <input value={note} maxLength={500} onInput={(e) => setNote(e.currentTarget.value)} />
      </label>
      {problem && (
        <p id="seat-cb-problem" role="alert">
          ⚠ {problem}
        </p>
      )}
      <div class="seat-row">
        <button type="button" disabled={busy} onClick={() => void finish('done')}>
          {t('cb_done')}
        </button>
        <button
          type="button"
          class="seat-secondary"
          disabled={busy}
          onClick={() => void finish('unreachable')}
        >
          {t('cb_unreachable')}
        </button>
      </div>
    </div>
  );
}
