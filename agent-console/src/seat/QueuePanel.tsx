import type { OfferView, QueueSummary } from '@onething/contract/events/booth';
import { useEffect, useState } from 'preact/hooks';
import { useT } from '../i18n/i18n.tsx';
import { boothRequest, onReconnect } from './booth-api.ts';
import { requestErrorText } from '../staff-contract.ts';
import { elapsedSince, formatDuration, formatPercent } from './format.ts';
import { PRIORITY } from './labels.ts';

type Waiting = Omit<OfferView, 'offerId' | 'expiresAt'>;

/** Agents get no queue pushes; a light poll keeps the view honest while they wait. */
const POLL_MS = 5000;

/**
 * The agent's own queues: how many citizens wait and for how long, and each waiting ticket
 * without personal data (priority, waited time, the 一件事, the booth's site).
 */
export function QueuePanel({ refreshKey, now }: { refreshKey: string; now: number }) {
  const { t, lang } = useT();
  const [data, setData] = useState<{
    queues: QueueSummary[];
    waiting: Waiting[];
    at: number;
  } | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let active = true;
    const load = () =>
      boothRequest('agent:queue', {}).then(
        (r) => {
          if (!active) return;
          setData({ ...r, at: Date.now() });
          setError(null);
        },
        (e) => active && setError(requestErrorText(e, lang)),
      );
    load();
    const timer = setInterval(load, POLL_MS);
    const off = onReconnect(load);
    return () => {
      active = false;
      clearInterval(timer);
      off();
    };
  }, [refreshKey, lang]);

  const none = t('seat_noData');
  return (
    <section class="seat-card seat-queue" aria-labelledby="seat-queue-title">
      <h3 id="seat-queue-title">{t('seat_queueTitle')}</h3>
      {error && <p role="alert">⚠ {error}</p>}
      {!data && !error && <p>{t('loading')}</p>}
      {data && data.queues.length === 0 && <p>{t('seat_noQueues')}</p>}
      {data && data.queues.length > 0 && (
        <ul class="seat-kpis">
          {data.queues.map((q) => (
            <li key={q.queueId}>
              <h4>{q.departmentName[lang]}</h4>
              <dl class="seat-facts">
                <div>
                  <dt>{t('seat_waiting')}</dt>
                  <dd class="seat-num">{q.waiting}</dd>
                </div>
                <div>
                  <dt>{t('seat_longestWait')}</dt>
                  <dd>{q.waiting > 0 ? formatDuration(q.longestWaitSeconds, lang) : none}</dd>
                </div>
                <div>
                  <dt>{t('seat_serviceLevel')}</dt>
                  <dd>{formatPercent(q.serviceLevel) ?? none}</dd>
                </div>
              </dl>
            </li>
          ))}
        </ul>
      )}
      {data && (
        <>
          <h4 id="seat-waiting-title">{t('seat_waitingTickets')}</h4>
          {data.waiting.length === 0 ? (
            <p>{t('seat_nobodyWaiting')}</p>
          ) : (
            <table class="seat-table" aria-labelledby="seat-waiting-title">
              <thead>
                <tr>
                  <th scope="col">{t('seat_col_priority')}</th>
                  <th scope="col">{t('seat_col_waited')}</th>
                  <th scope="col">{t('seat_col_bundle')}</th>
                  <th scope="col">{t('seat_col_site')}</th>
                </tr>
              </thead>
              <tbody>
                {data.waiting.map((w) => (
                  <tr key={w.ticketId}>
                    <td>
                      <PriorityWord priority={w.priority} />
                    </td>
                    <td>{formatDuration(elapsedSince(w.waitedSeconds, data.at, now), lang)}</td>
                    <td>{w.bundleName ? w.bundleName[lang] : t('seat_generalHelp')}</td>
                    <td>{w.terminal.site || w.terminal.id}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  );
}

/** Priority in words; the classes that go first carry a marker shape too. */
export function PriorityWord({ priority }: { priority: string }) {
  const { t } = useT();
  const key = PRIORITY[priority];
  const first = priority !== 'normal';
  return (
    <span class={first ? 'seat-prio seat-prio-first' : 'seat-prio'}>
      {first && (
        <span class="seat-icon" aria-hidden="true">
          ★
        </span>
      )}
      {key ? t(key) : priority}
    </span>
  );
}
