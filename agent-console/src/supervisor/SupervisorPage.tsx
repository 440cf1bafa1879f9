import type { AgentRow, CallContext, SupervisorSnapshot } from '@onething/contract/sockets/booth';
import { useEffect, useRef, useState } from 'preact/hooks';
import { useT } from '../i18n/i18n.tsx';
import { boothRequest, onBooth } from '../seat/booth-api.ts';
import { codeText, errorCode, errorText } from '../i18n/error-text.ts';
import { onReconnect } from '../realtime/staff-socket.ts';
import { fill, formatDuration, formatPercent } from '../seat/format.ts';
import { useNow } from '../use-now.ts';
import '../seat/seat.css';
import { OverdueAlerts } from '../follow-ups/OverdueAlerts.tsx';
import '../follow-ups/follow-ups.css';
import { AgentTable } from './AgentTable.tsx';
import { MonitorView } from './MonitorView.tsx';
import { QueueTable } from './QueueTable.tsx';
import { replaceAgent, totals } from './supervisor-store.ts';
import './supervisor.css';

/**
 * The supervisor's dashboard: queues and KPIs, agents, live calls to listen in on, staffing; the
 * open 差评 count opens their follow-up list.
 */
export function SupervisorPage({ onOpenFollowUps }: { onOpenFollowUps: () => void }) {
  const { t, lang } = useT();
  const [snap, setSnap] = useState<{ data: SupervisorSnapshot; at: number } | null>(null);
  // A code, worded at render so that it follows a change of language.
  const [error, setError] = useState<string | null>(null);
  const [monitor, setMonitor] = useState<{ context: CallContext; agentName: string } | null>(null);
  const [monitorError, setMonitorError] = useState<string | null>(null);
  const lastMonitored = useRef<string | null>(null);
  const now = useNow(1000);

  useEffect(() => {
    let active = true;
    const load = () =>
      boothRequest('supervisor:snapshot', {}).then(
        (data) => {
          if (!active) return;
          setSnap({ data, at: Date.now() });
          setError(null);
        },
        (e) => active && setError(errorCode(e)),
      );
    const offs = [
      onBooth('supervisor:update', (data) => setSnap({ data, at: Date.now() })),
      onReconnect(load),
    ];
    void load();
    return () => {
      active = false;
      for (const off of offs) off();
    };
  }, []);

  // Back from monitoring: focus returns to the button that started it.
  useEffect(() => {
    if (monitor === null && lastMonitored.current) {
      document.getElementById(monitorButtonId(lastMonitored.current))?.focus();
    }
  }, [monitor]);

  const startMonitor = async (ticketId: string, agentName: string) => {
    lastMonitored.current = ticketId;
    setMonitorError(null);
    try {
      const context = await boothRequest('supervisor:monitor', { ticketId });
      setMonitor({ context, agentName });
    } catch (e) {
      setMonitorError(errorText(e, lang));
    }
  };

  const data = snap?.data;
  const sum = data ? totals(data) : null;
  const agentName = (id: string) => data?.agents.find((a) => a.id === id)?.name ?? id;

  return (
    <section class="seat sup" aria-labelledby="sup-title">
      <h2 id="sup-title">{t('sup_title')}</h2>
      <OverdueAlerts onOpen={onOpenFollowUps} />
      {error && <p role="alert">⚠ {codeText(error, lang)}</p>}
      {!data && !error && <p>{t('loading')}</p>}
      {monitor && (
        <MonitorView
          context={monitor.context}
          agentName={monitor.agentName}
          onStop={() => setMonitor(null)}
        />
      )}
      {data && sum && (
        <>
          <ul class="sup-overview" aria-label={t('sup_overview')}>
            <li>
              <span>{t('sup_totalWaiting')}</span>
              <strong>{sum.waiting}</strong>
            </li>
            <li>
              <span>{t('seat_longestWait')}</span>
              <strong>
                {sum.waiting > 0 ? formatDuration(sum.longestWaitSeconds, lang) : '—'}
              </strong>
            </li>
            <li>
              <span>{t('sup_signedIn')}</span>
              <strong>{sum.signedIn}</strong>
            </li>
            <li>
              <span>{t('sup_activeCalls')}</span>
              <strong>{sum.onCall}</strong>
            </li>
            <li>
              <span>{t('sup_csat')}</span>
              <strong>{formatPercent(data.csat) ?? t('seat_noData')}</strong>
            </li>
            <li>
              <button
                type="button"
                class="sup-tile"
                aria-label={`${t('sup_followUps')} ${data.openFollowUps}: ${t('super_openFollowUps')}`}
                onClick={onOpenFollowUps}
              >
                <span>{t('sup_followUps')}</span>
                <strong>{data.openFollowUps}</strong>
              </button>
            </li>
          </ul>
          <QueueTable queues={data.queues} />
          <section aria-labelledby="sup-calls-title">
            <h3 id="sup-calls-title">{t('sup_callsTitle')}</h3>
            {monitorError && <p role="alert">⚠ {monitorError}</p>}
            {data.calls.length === 0 ? (
              <p>{t('sup_noCalls')}</p>
            ) : (
              <table class="seat-table" aria-labelledby="sup-calls-title">
                <thead>
                  <tr>
                    <th scope="col">{t('sup_col_agent')}</th>
                    <th scope="col">{t('sup_col_booth')}</th>
                    <th scope="col">{t('sup_col_duration')}</th>
                    <th scope="col">{t('sup_col_monitor')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.calls.map((c) => (
                    <tr key={c.ticketId}>
                      <th scope="row">{agentName(c.agentId)}</th>
                      <td>{c.terminalId}</td>
                      <td>{formatDuration((now - c.since) / 1000, lang)}</td>
                      <td>
                        <button
                          type="button"
                          id={monitorButtonId(c.ticketId)}
                          aria-label={fill(t('sup_monitorNamed'), {
                            name: agentName(c.agentId),
                          })}
                          disabled={monitor?.context.ticketId === c.ticketId}
                          onClick={() => startMonitor(c.ticketId, agentName(c.agentId))}
                        >
                          {t('sup_monitor')}
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
          <AgentTable
            agents={data.agents}
            queues={data.queues}
            at={snap.at}
            now={now}
            onMoved={(row: AgentRow) =>
              setSnap((s) => s && { data: replaceAgent(s.data, row), at: s.at })
            }
          />
        </>
      )}
    </section>
  );
}

const monitorButtonId = (ticketId: string) => `sup-monitor-${ticketId}`;
