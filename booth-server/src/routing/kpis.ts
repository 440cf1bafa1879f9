import type { QueueConfig } from './queue-config.ts';
import {
  AGENT_STATES,
  type Agent,
  type AgentState,
  type RoutingRecord,
  type Ticket,
} from './types.ts';

/**
 * Supervisor figures per queue over a window [since, now].
 *
 * - waiting, longestWaitSeconds: live, from the stored waiting/offered tickets (time since the
 *   ticket entered this queue).
 * - answered, abandoned: from the window's `answered` / `abandoned` records. A ticket requeued
 *   after its agent was lost and answered again counts twice, as it was queued twice.
 * - serviceLevel X/Y: answered within Y seconds ÷ (answered + abandoned); `target` is X.
 * - ASA: mean wait of answered tickets. AHT: mean (talk + wrap-up) of `handled` records.
 * - abandonmentRate: abandoned ÷ (answered + abandoned).
 * - occupancy: (on_call + wrap_up time) ÷ (that + available + offered time), summed over the
 *   agents now serving the queue, replayed from their `agentState` records in the window (the
 *   state at `since` is the first record's `from`, or the current state if none).
 * - agentsByState: agents now serving the queue, by state.
 *
 * Ratios with nothing to divide by are null, not 0: "no data" must not read as "0 % answered".
 */
export interface QueueKpis {
  queueId: string;
  department: string;
  waiting: number;
  longestWaitSeconds: number;
  answered: number;
  abandoned: number;
  serviceLevel: { thresholdSeconds: number; target: number; value: number | null };
  asaSeconds: number | null;
  ahtSeconds: number | null;
  abandonmentRate: number | null;
  occupancy: number | null;
  agentsByState: Record<AgentState, number>;
}

export interface KpiInput {
  queues: readonly QueueConfig[];
  /** Records with `at >= since`, in append (time) order. */
  records: readonly RoutingRecord[];
  /** Tickets now waiting or being offered. */
  waiting: readonly Ticket[];
  agents: readonly Agent[];
  since: number;
  now: number;
  serviceLevelSeconds: number;
  serviceLevelTarget: number;
}

const BUSY: ReadonlySet<AgentState> = new Set(['on_call', 'wrap_up']);
const IDLE: ReadonlySet<AgentState> = new Set(['available', 'offered']);

function ratio(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}

/** Busy and idle milliseconds of one agent over [since, now]. */
function agentTime(
  agent: Agent,
  changes: readonly Extract<RoutingRecord, { type: 'agentState' }>[],
  since: number,
  now: number,
): { busy: number; idle: number } {
  let state = changes[0]?.from ?? agent.state;
  let from = since;
  let busy = 0;
  let idle = 0;
  const close = (until: number) => {
    const span = Math.max(0, until - from);
    if (BUSY.has(state)) busy += span;
    else if (IDLE.has(state)) idle += span;
  };
  for (const change of changes) {
    close(change.at);
    state = change.to;
    from = change.at;
  }
  close(now);
  return { busy, idle };
}

export function computeQueueKpis(input: KpiInput): QueueKpis[] {
  const { since, now } = input;
  const changesByAgent = new Map<string, Extract<RoutingRecord, { type: 'agentState' }>[]>();
  for (const r of input.records) {
    if (r.type !== 'agentState') continue;
    const list = changesByAgent.get(r.agentId) ?? [];
    list.push(r);
    changesByAgent.set(r.agentId, list);
  }

  return input.queues.map((queue) => {
    const waiting = input.waiting.filter((t) => t.queueId === queue.id);
    const oldest = Math.min(...waiting.map((t) => t.queuedAt));
    const records = input.records.filter((r) => 'queueId' in r && r.queueId === queue.id);
    const answered = records.filter((r) => r.type === 'answered');
    const abandoned = records.filter((r) => r.type === 'abandoned').length;
    const handled = records.filter((r) => r.type === 'handled');
    const finished = answered.length + abandoned;
    const withinThreshold = answered.filter(
      (r) => r.waitMs <= input.serviceLevelSeconds * 1000,
    ).length;

    const serving = input.agents.filter((a) => a.queues.includes(queue.id));
    const agentsByState = Object.fromEntries(AGENT_STATES.map((s) => [s, 0])) as Record<
      AgentState,
      number
    >;
    let busy = 0;
    let idle = 0;
    for (const agent of serving) {
      agentsByState[agent.state]++;
      const time = agentTime(agent, changesByAgent.get(agent.id) ?? [], since, now);
      busy += time.busy;
      idle += time.idle;
    }

    const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
    return {
      queueId: queue.id,
      department: queue.department,
      waiting: waiting.length,
      longestWaitSeconds: waiting.length ? (now - oldest) / 1000 : 0,
      answered: answered.length,
      abandoned,
      serviceLevel: {
        thresholdSeconds: input.serviceLevelSeconds,
        target: input.serviceLevelTarget,
        value: ratio(withinThreshold, finished),
      },
      asaSeconds: answered.length
        ? sum(answered.map((r) => r.waitMs)) / answered.length / 1000
        : null,
      ahtSeconds: handled.length
        ? sum(handled.map((r) => r.talkMs + r.wrapMs)) / handled.length / 1000
        : null,
      abandonmentRate: ratio(abandoned, finished),
      occupancy: ratio(busy, busy + idle),
      agentsByState,
    };
  });
}
