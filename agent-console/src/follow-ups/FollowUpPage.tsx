import type { FollowUp, FollowUpList } from '@onething/contract/rest/follow-up';
import { useEffect, useRef, useState } from 'preact/hooks';
import { useT } from '../i18n/i18n.tsx';
import type { StringKey } from '../i18n/strings.ts';
import { onStaff } from '../realtime/staff-socket.ts';
import { fill } from '../seat/format.ts';
import '../seat/seat.css';
import { FollowUpDetail } from './FollowUpDetail.tsx';
import { byUrgency, currentDue, formatDueDay } from './follow-up-text.ts';
import { followUpApi } from './follow-up-api.ts';
import { OverdueAlerts } from './OverdueAlerts.tsx';
import './follow-ups.css';

type Show = 'open' | 'closed' | 'all';

/** 差评 follow-up for supervisors: the list by urgency, and one follow-up's call-back and fix. */
export function FollowUpPage() {
  const { t, tError, lang } = useT();
  const [show, setShow] = useState<Show>('open');
  const [data, setData] = useState<FollowUpList | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [openId, setOpenId] = useState<string | null>(null);
  const lastOpened = useRef<string | null>(null);

  const load = () =>
    followUpApi.list(show).then(
      (d) => {
        setData(d);
        setError(null);
      },
      (e: unknown) => setError(e),
    );
  useEffect(() => {
    void load();
    // An overdue alert changes what the list shows.
    return onStaff('followUp:overdue', () => void load());
  }, [show]);
  // Back from a follow-up: focus returns to its button in the list.
  useEffect(() => {
    if (openId === null && lastOpened.current) {
      document.getElementById(openButtonId(lastOpened.current))?.focus();
    }
  }, [openId]);

  const open = data?.followUps.find((f) => f.id === openId);
  if (open) {
    return (
      <section class="seat fu" aria-labelledby="fu-detail-title">
        <FollowUpDetail
          followUp={open}
          onBack={() => setOpenId(null)}
          onChanged={(f) =>
            setData(
              (d) => d && { ...d, followUps: d.followUps.map((x) => (x.id === f.id ? f : x)) },
            )
          }
        />
      </section>
    );
  }

  const days = (n: number) =>
    fill(t(n === 1 ? 'super_workingDays_one' : 'super_workingDays_other'), { n });
  const rows = [...(data?.followUps ?? [])].sort(byUrgency);
  return (
    <section class="seat fu" aria-labelledby="fu-title">
      <h2 id="fu-title">{t('super_fu_title')}</h2>
      <OverdueAlerts onOpen={() => void load()} />
      {data && (
        <p>
          {fill(t('super_fu_intro'), {
            callBack: days(data.policy.callBackWorkingDays),
            fix: days(data.policy.fixWorkingDays),
          })}
        </p>
      )}
      <fieldset class="fu-show">
        <legend>{t('super_fu_show')}</legend>
        {(['open', 'closed', 'all'] as const).map((s) => (
          <label key={s} class="seat-radio">
            <input type="radio" name="fu-show" checked={show === s} onChange={() => setShow(s)} />
            {t(`super_fu_status_${s}`)}
          </label>
        ))}
      </fieldset>
      {error !== null && <p role="alert">⚠ {tError(error)}</p>}
      {!data && error === null && <p>{t('loading')}</p>}
      {data && rows.length === 0 && (
        <p>{t(show === 'closed' ? 'super_fu_noneClosed' : 'super_fu_none')}</p>
      )}
      {rows.length > 0 && (
        <table class="seat-table fu-table" aria-labelledby="fu-title">
          <thead>
            <tr>
              <th scope="col">{t('super_fu_col_case')}</th>
              <th scope="col">{t('super_fu_col_rating')}</th>
              <th scope="col">{t('super_fu_col_agent')}</th>
              <th scope="col">{t('super_fu_col_step')}</th>
              <th scope="col">{t('super_fu_col_due')}</th>
              <th scope="col">
                <span class="fu-sr">{t('super_fu_open')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((f) => {
              const due = currentDue(f);
              return (
                <tr key={f.id} class={f.overdue ? 'fu-overdue' : undefined}>
                  <th scope="row">{f.caseNumber}</th>
                  <td>{t(levelKey(f.rating.level))}</td>
                  <td>{f.agent?.name ?? '—'}</td>
                  <td>{t(`super_fu_stage_${f.stage}`)}</td>
                  <td>
                    {due === null ? '—' : formatDueDay(due, lang)}
                    {f.overdue && (
                      <strong class="fu-late">
                        {' '}
                        <span aria-hidden="true">⚠</span> {t('super_fu_overdue')}
                      </strong>
                    )}
                  </td>
                  <td>
                    <button
                      type="button"
                      id={openButtonId(f.id)}
                      aria-label={fill(t('super_fu_openNamed'), { case: f.caseNumber })}
                      onClick={() => {
                        lastOpened.current = f.id;
                        setOpenId(f.id);
                      }}
                    >
                      {t('super_fu_open')}
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}

export const levelKey = (level: FollowUp['rating']['level']): StringKey => `super_level_${level}`;
const openButtonId = (id: string) => `fu-open-${id}`;
