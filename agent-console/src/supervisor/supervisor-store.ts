import type {
  AgentRow,
  AgentStateName,
  QueueSummary,
  SupervisorSnapshot,
} from '@onething/contract/sockets/booth';
import { type Lang, pick } from '../i18n/strings.ts';
import { AGENT_STATES } from '../seat/labels.ts';

/**
 * The supervisor dashboard's pure logic: ordering, counting and naming what a snapshot holds.
 * No DOM and no socket here, so it is tested in node.
 */

/** Agents grouped the way a supervisor scans them: by state (working first), then by name. */
export function sortAgents(agents: readonly AgentRow[]): AgentRow[] {
  const rank = (s: AgentStateName) => AGENT_STATES.indexOf(s);
  return [...agents].sort(
    (a, b) => rank(a.state) - rank(b.state) || a.name.localeCompare(b.name, 'zh-CN'),
  );
}

/** How many agents are in each state, every state present (zero included). */
export function countByState(agents: readonly AgentRow[]): Record<AgentStateName, number> {
  const counts = Object.fromEntries(AGENT_STATES.map((s) => [s, 0])) as Record<
    AgentStateName,
    number
  >;
  for (const a of agents) counts[a.state] += 1;
  return counts;
}

/** A department's name from the queues the server reported, or its code when unknown. */
export function departmentName(
  code: string,
  queues: readonly Pick<QueueSummary, 'department' | 'departmentName'>[],
  lang: Lang,
): string {
  const queue = queues.find((q) => q.department === code);
  return queue ? pick(lang, queue.departmentName) : code;
}

/** Totals over all queues for the overview line. */
export function totals(snapshot: SupervisorSnapshot): {
  waiting: number;
  longestWaitSeconds: number;
  signedIn: number;
  onCall: number;
} {
  return {
    waiting: snapshot.queues.reduce((n, q) => n + q.waiting, 0),
    longestWaitSeconds: Math.max(0, ...snapshot.queues.map((q) => q.longestWaitSeconds)),
    signedIn: snapshot.agents.filter((a) => a.state !== 'offline').length,
    onCall: snapshot.calls.length,
  };
}

/** Replaces one agent's row (after a move) without waiting for the next snapshot. */
export function replaceAgent(snapshot: SupervisorSnapshot, row: AgentRow): SupervisorSnapshot {
  return { ...snapshot, agents: snapshot.agents.map((a) => (a.id === row.id ? row : a)) };
}

/** Adds or removes a department from a selection, keeping the queues' order. */
export function toggle(
  selected: readonly string[],
  code: string,
  order: readonly string[],
): string[] {
  const next = selected.includes(code) ? selected.filter((c) => c !== code) : [...selected, code];
  return order.filter((c) => next.includes(c)).concat(next.filter((c) => !order.includes(c)));
}

/** A queue worth a line by default: someone waits in it or an agent is signed in to it. */
export function isActiveQueue(q: Pick<QueueSummary, 'waiting' | 'agentsByState'>): boolean {
  return (
    q.waiting > 0 ||
    Object.entries(q.agentsByState).some(([state, n]) => state !== 'offline' && n > 0)
  );
}
