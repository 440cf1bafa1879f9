import type { Agent, Ticket } from './types.ts';

/**
 * Chooses which of several agents able to take a ticket gets the offer. The engine has already
 * filtered the candidates (available, skilled for the ticket at its escalation level, not
 * recently declined it); a strategy only ranks them. The three classic ones are provided.
 */
export interface AgentSelectionStrategy {
  readonly name: string;
  /** `candidates` is never empty. */
  select(candidates: readonly Agent[], ticket: Ticket): Agent;
}

function idleFirst(a: Agent, b: Agent): number {
  if (a.idleSince !== b.idleSince) return a.idleSince - b.idleSince;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function pick(candidates: readonly Agent[], before: (a: Agent, b: Agent) => number): Agent {
  let best = candidates[0] as Agent;
  for (const agent of candidates) if (before(agent, best) < 0) best = agent;
  return best;
}

/** The agent idle the longest: the contact-centre default, spreads work evenly over time. */
export class LongestIdleStrategy implements AgentSelectionStrategy {
  readonly name = 'longest-idle';
  select(candidates: readonly Agent[]): Agent {
    return pick(candidates, idleFirst);
  }
}

/**
 * Agents in turn, in id order, separately per queue. The turn is kept in memory only: after a
 * restart it starts again from the first agent, which costs one uneven round at most.
 */
export class RoundRobinStrategy implements AgentSelectionStrategy {
  readonly name = 'round-robin';
  readonly #lastByQueue = new Map<string, string>();

  select(candidates: readonly Agent[], ticket: Ticket): Agent {
    const last = this.#lastByQueue.get(ticket.queueId);
    let first = candidates[0] as Agent;
    let next: Agent | undefined;
    for (const agent of candidates) {
      if (agent.id < first.id) first = agent;
      if (last !== undefined && agent.id > last && (!next || agent.id < next.id)) next = agent;
    }
    const chosen = next ?? first;
    this.#lastByQueue.set(ticket.queueId, chosen.id);
    return chosen;
  }
}

/** The agent who has handled the fewest calls (persisted per agent), then the longest idle. */
export class FewestCallsStrategy implements AgentSelectionStrategy {
  readonly name = 'fewest-calls';
  select(candidates: readonly Agent[]): Agent {
    return pick(candidates, (a, b) => a.callsHandled - b.callsHandled || idleFirst(a, b));
  }
}
