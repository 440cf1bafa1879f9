import type { AgentRow, QueueSummary } from '@onething/contract/events/booth';
import { Fragment } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { useT } from '../i18n/i18n.tsx';
import { boothRequest } from '../seat/booth-api.ts';
import { requestErrorText } from '../staff-contract.ts';
import { elapsedSince, fill, formatDuration } from '../seat/format.ts';
import { AGENT_STATE } from '../seat/labels.ts';
import { StateBadge } from '../seat/StateBadge.tsx';
import { countByState, departmentName, sortAgents, toggle } from './supervisor-store.ts';

/** The contract's limit on the queues one agent serves. */
const MAX_QUEUES = 10;

/** Agents by state, with how long they have been in it and the queues they serve. */
export function AgentTable({
  agents,
  queues,
  at,
  now,
  onMoved,
}: {
  agents: readonly AgentRow[];
  queues: readonly QueueSummary[];
  /** When the snapshot was received, to keep "for how long" counting. */
  at: number;
  now: number;
  onMoved: (row: AgentRow) => void;
}) {
  const { t, lang } = useT();
  const [moving, setMoving] = useState<string | null>(null);
  const counts = countByState(agents);
  const names = (codes: readonly string[]) =>
    codes.map((c) => departmentName(c, queues, lang)).join(lang === 'zh' ? '、' : ', ');

  return (
    <section aria-labelledby="sup-agents-title">
      <h3 id="sup-agents-title">{t('sup_agentsTitle')}</h3>
      <ul class="sup-counts sup-state-counts" aria-label={t('sup_agentsByState')}>
        {Object.entries(counts).map(([state, n]) => {
          const s = AGENT_STATE[state as keyof typeof AGENT_STATE];
          return (
            <li key={state} class={`seat-badge seat-tone-${s.tone}`}>
              <span aria-hidden="true">{s.icon}</span> {t(s.label)} <strong>{n}</strong>
            </li>
          );
        })}
      </ul>
      {agents.length === 0 ? (
        <p>{t('sup_noAgentsYet')}</p>
      ) : (
        <table class="seat-table" aria-labelledby="sup-agents-title">
          <thead>
            <tr>
              <th scope="col">{t('sup_col_agent')}</th>
              <th scope="col">{t('sup_col_state')}</th>
              <th scope="col">{t('sup_col_since')}</th>
              <th scope="col">{t('sup_col_queues')}</th>
              <th scope="col">{t('sup_col_tidal')}</th>
            </tr>
          </thead>
          <tbody>
            {sortAgents(agents).map((a) => (
              <Fragment key={a.id}>
                <tr data-agent={a.name}>
                  <th scope="row">
                    {a.name}
                    <span class="seat-sub">{departmentName(a.department, queues, lang)}</span>
                  </th>
                  <td>
                    <StateBadge state={a.state} />
                  </td>
                  <td>{formatDuration(elapsedSince(a.sinceSeconds, at, now), lang)}</td>
                  <td>{a.queues.length ? names(a.queues) : <span class="seat-muted">—</span>}</td>
                  <td>
                    <button
                      type="button"
                      class="seat-secondary"
                      aria-expanded={moving === a.id}
                      aria-label={fill(t('sup_moveNamed'), { name: a.name })}
                      onClick={() => setMoving(moving === a.id ? null : a.id)}
                    >
                      {t('sup_move')}
                    </button>
                  </td>
                </tr>
                {moving === a.id && (
                  <tr class="sup-move-row">
                    <td colSpan={5}>
                      <MoveAgent
                        agent={a}
                        queues={queues}
                        onDone={(row) => {
                          if (row) onMoved(row);
                          setMoving(null);
                        }}
                      />
                    </td>
                  </tr>
                )}
              </Fragment>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** 潮汐窗口: pick the departments an agent serves from now on. */
function MoveAgent({
  agent,
  queues,
  onDone,
}: {
  agent: AgentRow;
  queues: readonly QueueSummary[];
  onDone: (row: AgentRow | null) => void;
}) {
  const { t, lang } = useT();
  const [selected, setSelected] = useState<string[]>(agent.queues);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const first = useRef<HTMLInputElement>(null);
  const order = queues.map((q) => q.department);

  useEffect(() => first.current?.focus(), []);

  const save = async (e: Event) => {
    e.preventDefault();
    if (selected.length === 0) return setProblem(t('sup_move_needOne'));
    if (selected.length > MAX_QUEUES) {
      return setProblem(fill(t('sup_move_tooMany'), { n: MAX_QUEUES }));
    }
    setBusy(true);
    setProblem(null);
    try {
      onDone(
        await boothRequest('supervisor:moveAgent', { agentId: agent.id, departments: selected }),
      );
    } catch (err) {
      setProblem(requestErrorText(err, lang));
      setBusy(false);
    }
  };

  return (
    <form class="sup-move" onSubmit={save} noValidate>
      <fieldset>
        <legend>{fill(t('sup_moveLegend'), { name: agent.name })}</legend>
        <div class="sup-move-options">
          {queues.map((q, i) => (
            <label key={q.department} class="seat-check">
              <input
                ref={i === 0 ? first : undefined}
                type="checkbox"
                checked={selected.includes(q.department)}
                onChange={() => setSelected((s) => toggle(s, q.department, order))}
              />
              {q.departmentName[lang]}
            </label>
          ))}
        </div>
        {problem && <p role="alert">⚠ {problem}</p>}
        <div class="seat-row">
          <button type="submit" disabled={busy}>
            {t('sup_moveSave')}
          </button>
          <button type="button" class="seat-secondary" onClick={() => onDone(null)}>
            {t('seat_cancel')}
          </button>
        </div>
      </fieldset>
    </form>
  );
}
