import type { FollowUp } from '@onething/contract/rest/follow-up';
import { useEffect, useRef, useState } from 'preact/hooks';
import { useT } from '../i18n/i18n.tsx';
import { pick } from '../i18n/strings.ts';
import { fill } from '../seat/format.ts';
import { channelText } from './channel-text.ts';
import { followUpApi } from './follow-up-api.ts';
import { formatDueDay, formatWhen, fromLocalInput, toLocalInput } from './follow-up-text.ts';
import { levelKey } from './FollowUpPage.tsx';

type Outcome = { ok: boolean; text: string } | null;

/**
 * One 差评: what the citizen said (decrypted for supervisors by the server), the case and who
 * served, the two deadlines, and the forms for the call-back and then the fix.
 */
export function FollowUpDetail({
  followUp: f,
  onBack,
  onChanged,
}: {
  followUp: FollowUp;
  onBack: () => void;
  onChanged: (f: FollowUp) => void;
}) {
  const { t, tError, lang } = useT();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const [when, setWhen] = useState(() => toLocalInput(Date.now()));
  const [note, setNote] = useState('');
  const [resolution, setResolution] = useState('');
  const [busy, setBusy] = useState(false);
  const [callOutcome, setCallOutcome] = useState<Outcome>(null);
  const [fixOutcome, setFixOutcome] = useState<Outcome>(null);

  const save = async (
    run: () => Promise<FollowUp>,
    report: (o: Outcome) => void,
  ): Promise<void> => {
    setBusy(true);
    try {
      onChanged(await run());
      report({ ok: true, text: t('super_fu_saved') });
    } catch (e) {
      report({ ok: false, text: tError(e) });
    } finally {
      setBusy(false);
    }
  };

  const recordCallBack = (e: Event) => {
    e.preventDefault();
    const at = fromLocalInput(when);
    if (at === null || note.trim().length < 2) {
      setCallOutcome({ ok: false, text: t('super_fu_needText') });
      return;
    }
    void save(() => followUpApi.callBack(f.id, at, note.trim()), setCallOutcome);
  };
  const recordFix = (e: Event) => {
    e.preventDefault();
    if (resolution.trim().length < 2) {
      setFixOutcome({ ok: false, text: t('super_fu_needText') });
      return;
    }
    void save(() => followUpApi.fix(f.id, resolution.trim()), setFixOutcome);
  };
  const recorded = (who: string, at: number, late: boolean) => (
    <p class="fu-recorded">
      {fill(t('super_fu_recordedBy'), { who, when: formatWhen(at, lang) })}
      {late && <strong class="fu-late"> {t('super_fu_late')}</strong>}
    </p>
  );

  return (
    <>
      <button type="button" class="fu-quiet" onClick={onBack}>
        ← {t('super_fu_back')}
      </button>
      <h2 id="fu-detail-title" tabIndex={-1} ref={heading}>
        {fill(t('super_fu_detailTitle'), { case: f.caseNumber })}
      </h2>
      <div class="fu-grid">
        <section class="seat-card" aria-labelledby="fu-rating-title">
          <h3 id="fu-rating-title">{t(levelKey(f.rating.level))}</h3>
          <dl class="fu-facts">
            <dt>{t('super_fu_comment')}</dt>
            <dd class="fu-comment">{f.rating.comment ?? t('super_fu_noComment')}</dd>
            <dt>{t('super_fu_ratedAt')}</dt>
            <dd>{formatWhen(f.rating.at, lang)}</dd>
            <dt>{t('super_fu_channel')}</dt>
            <dd>{channelText(f.rating.channel, t)}</dd>
            <dt>{t('super_fu_bundle')}</dt>
            <dd>{f.bundleName ? pick(lang, f.bundleName) : (f.bundleCode ?? '—')}</dd>
            <dt>{t('super_fu_col_agent')}</dt>
            <dd>{f.agent?.name ?? t('super_fu_noAgent')}</dd>
            <dt>{t('super_fu_department')}</dt>
            <dd>{f.departmentName ? pick(lang, f.departmentName) : (f.department ?? '—')}</dd>
            <dt>{t('super_fu_callBackDue')}</dt>
            <dd>
              {formatDueDay(f.callBackDueAt, lang)}
              {f.overdue === 'callBack' && (
                <strong class="fu-late"> ⚠ {t('super_fu_overdue')}</strong>
              )}
            </dd>
            <dt>{t('super_fu_fixDue')}</dt>
            <dd>
              {formatDueDay(f.fixDueAt, lang)}
              {f.overdue === 'fix' && <strong class="fu-late"> ⚠ {t('super_fu_overdue')}</strong>}
            </dd>
          </dl>
        </section>
        <div>
          <section class="seat-card" aria-labelledby="fu-call-title">
            <h3 id="fu-call-title">
              1. {t('super_fu_callBackTitle')}
              {f.calledBack && ' ✔'}
            </h3>
            {f.calledBack ? (
              <>
                <p class="fu-comment">{f.calledBack.note}</p>
                {recorded(f.calledBack.by, f.calledBack.at, f.calledBack.at > f.callBackDueAt)}
              </>
            ) : (
              <form class="seat-subform fu-form" onSubmit={recordCallBack}>
                <label class="seat-field">
                  {t('super_fu_callBackAt')}
                  <input
                    type="datetime-local"
                    value={when}
                    required
                    onInput={(e) => setWhen(e.currentTarget.value)}
                  />
                </label>
                <label class="seat-field">
                  {t('super_fu_callBackNote')}
                  <textarea
                    rows={3}
                    maxLength={500}
                    value={note}
                    onInput={(e) => setNote(e.currentTarget.value)}
                  />
                </label>
                <button type="submit" disabled={busy}>
                  {t('super_fu_callBackSave')}
                </button>
              </form>
            )}
            <Outcome outcome={callOutcome} />
          </section>
          <section class="seat-card" aria-labelledby="fu-fix-title">
            <h3 id="fu-fix-title">
              2. {t('super_fu_fixTitle')}
              {f.fixed && ' ✔'}
            </h3>
            {f.fixed ? (
              <>
                <p class="fu-comment">{f.fixed.action}</p>
                {recorded(f.fixed.by, f.fixed.at, f.fixed.at > f.fixDueAt)}
              </>
            ) : f.calledBack ? (
              <form class="seat-subform fu-form" onSubmit={recordFix}>
                <label class="seat-field">
                  {t('super_fu_fixAction')}
                  <textarea
                    rows={3}
                    maxLength={1000}
                    value={resolution}
                    onInput={(e) => setResolution(e.currentTarget.value)}
                  />
                </label>
                <button type="submit" disabled={busy}>
                  {t('super_fu_fixSave')}
                </button>
              </form>
            ) : (
              <p>{t('super_fu_fixNeedsCallBack')}</p>
            )}
            <Outcome outcome={fixOutcome} />
          </section>
          {f.stage === 'closed' && (
            <section class="seat-card" aria-labelledby="fu-rerate-title">
              <h3 id="fu-rerate-title">3. {t('super_fu_reRating')}</h3>
              {f.reRating ? (
                <>
                  <p>
                    <strong>{t(levelKey(f.reRating.level))}</strong> ·{' '}
                    {formatWhen(f.reRating.at, lang)}
                  </p>
                  {f.reRating.comment && <p class="fu-comment">{f.reRating.comment}</p>}
                </>
              ) : (
                <p>{t('super_fu_reRatingWaiting')}</p>
              )}
            </section>
          )}
        </div>
      </div>
    </>
  );
}

function Outcome({ outcome }: { outcome: Outcome }) {
  return (
    <p class="seat-run" role="status">
      {outcome && (
        <span class={outcome.ok ? 'seat-good' : 'seat-bad'}>
          <span aria-hidden="true">{outcome.ok ? '✔' : '⚠'}</span> {outcome.text}
        </span>
      )}
    </p>
  );
}
