import type { QueueSummary } from '@onething/contract/sockets/booth';
import { useState } from 'preact/hooks';
import { useT } from '../i18n/i18n.tsx';
import { fill, formatDuration, formatPercent } from '../seat/format.ts';
import { AGENT_STATE } from '../seat/labels.ts';
import { isActiveQueue } from './supervisor-store.ts';
import { pick } from '../i18n/strings.ts';

/** Each department's queue today: who waits, how fast they are answered, how busy agents are. */
export function QueueTable({ queues }: { queues: readonly QueueSummary[] }) {
  const { t, lang } = useT();
  const [all, setAll] = useState(false);
  const active = queues.filter(isActiveQueue);
  const shown = all ? queues : active;
  const none = <span class="seat-muted">{t('seat_noData')}</span>;
  const pct = (v: number | null) => formatPercent(v) ?? none;
  const dur = (v: number | null) => (v === null ? none : formatDuration(v, lang));
  return (
    <section aria-labelledby="sup-queues-title">
      <h3 id="sup-queues-title">{t('sup_queuesTitle')}</h3>
      <p class="seat-hint">{t('sup_queuesHint')}</p>
      {queues.length > active.length && (
        <button
          type="button"
          class="seat-secondary sup-queues-all"
          aria-pressed={all}
          onClick={() => setAll(!all)}
        >
          {fill(t('sup_showAllQueues'), { n: queues.length })}
        </button>
      )}
      {shown.length === 0 ? (
        <p>{t('sup_noActiveQueues')}</p>
      ) : (
        <div class="sup-scroll">
          <table class="seat-table sup-queues" aria-labelledby="sup-queues-title">
            <thead>
              <tr>
                <th scope="col">{t('sup_col_queue')}</th>
                <th scope="col">{t('seat_waiting')}</th>
                <th scope="col">{t('seat_longestWait')}</th>
                <th scope="col">{t('seat_serviceLevel')}</th>
                <th scope="col">{t('sup_asa')}</th>
                <th scope="col">{t('sup_aht')}</th>
                <th scope="col">{t('sup_abandonment')}</th>
                <th scope="col">{t('sup_occupancy')}</th>
                <th scope="col">{t('sup_col_agents')}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((q) => (
                <tr key={q.queueId} data-queue={q.department}>
                  <th scope="row">
                    {pick(lang, q.departmentName)}
                    <span class="seat-sub">{q.department}</span>
                  </th>
                  <td class="seat-num">
                    {q.waiting > 0 ? <strong>{q.waiting}</strong> : q.waiting}
                  </td>
                  <td>{q.waiting > 0 ? formatDuration(q.longestWaitSeconds, lang) : none}</td>
                  <td>{pct(q.serviceLevel)}</td>
                  <td>{dur(q.asaSeconds)}</td>
                  <td>{dur(q.ahtSeconds)}</td>
                  <td>{pct(q.abandonmentRate)}</td>
                  <td>{pct(q.occupancy)}</td>
                  <td>
                    <AgentCounts counts={q.agentsByState} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** "✔ 空闲 2 · ◉ 通话中 1": only the states that have anyone in them. */
function AgentCounts({ counts }: { counts: Record<string, number> }) {
  const { t } = useT();
  const entries = Object.entries(counts).filter(([s, n]) => n > 0 && s in AGENT_STATE);
  if (entries.length === 0) return <span class="seat-muted">{t('sup_noAgents')}</span>;
  return (
    <ul class="sup-counts">
      {entries.map(([state, n]) => {
        const s = AGENT_STATE[state as keyof typeof AGENT_STATE];
        return (
          <li key={state}>
            <span aria-hidden="true">{s.icon}</span> {t(s.label)} <strong>{n}</strong>
          </li>
        );
      })}
    </ul>
  );
}
