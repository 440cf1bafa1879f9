import type { Agent, AgentState, MatchScope, Offer, QueueStats, Ticket } from './types.ts';

/**
 * Service order: tickets that came back after being served (agent lost, transfer) go to the
 * head of the line; then higher priority; then older; the id makes the order total.
 */
export function compareTickets(a: Ticket, b: Ticket): number {
  const headA = a.requeuedReason ? 0 : 1;
  const headB = b.requeuedReason ? 0 : 1;
  if (headA !== headB) return headA - headB;
  if (a.priority !== b.priority) return b.priority - a.priority;
  if (a.createdAt !== b.createdAt) return a.createdAt - b.createdAt;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export function isDeclinedBy(ticket: Ticket, agentId: string, now: number): boolean {
  return ticket.declined.some((d) => d.agentId === agentId && d.until > now);
}

const SERVING: ReadonlySet<AgentState> = new Set(['available', 'offered', 'on_call', 'wrap_up']);

/** Whether an agent in `state` counts as serving their queues for the estimated wait. */
export function isServing(state: AgentState): boolean {
  return SERVING.has(state);
}

/** Tickets kept in service order; insert and remove by binary search. */
class TicketLine {
  readonly items: Ticket[] = [];

  insert(ticket: Ticket): void {
    this.items.splice(this.#lowerBound(ticket), 0, ticket);
  }

  remove(ticket: Ticket): void {
    const i = this.#lowerBound(ticket);
    if (this.items[i]?.id === ticket.id) this.items.splice(i, 1);
  }

  #lowerBound(ticket: Ticket): number {
    let lo = 0;
    let hi = this.items.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareTickets(this.items[mid] as Ticket, ticket) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

// Match keys: a waiting ticket sits under exactly one key (its target at its escalation level);
// an available agent is listed under every key it can serve. A ticket matches an agent exactly
// when the ticket's key is among the agent's, so dispatch is a few map lookups, never a scan of
// all agents or all tickets.
const SEP = '\u0001';

function ticketKey(ticket: Ticket, scope: MatchScope): string {
  if (ticket.targetAgentId !== undefined) return `A${SEP}${ticket.targetAgentId}`;
  const { language, region } = ticket.skills;
  switch (scope) {
    case 'region':
      return `R${SEP}${ticket.queueId}${SEP}${language}${SEP}${region}`;
    case 'anyRegion':
      return `L${SEP}${ticket.queueId}${SEP}${language}`;
    case 'anyLanguage':
      return `Q${SEP}${ticket.queueId}`;
  }
}

function agentKeys(agent: Agent): string[] {
  const keys = [`A${SEP}${agent.id}`];
  for (const q of agent.queues) {
    keys.push(`Q${SEP}${q}`);
    for (const language of agent.languages) {
      keys.push(`L${SEP}${q}${SEP}${language}`);
      for (const region of agent.regions) keys.push(`R${SEP}${q}${SEP}${language}${SEP}${region}`);
    }
  }
  return keys;
}

/**
 * The engine's in-memory mirror of the store: live tickets, all agents, pending offers, plus the
 * indexes dispatch needs. Every change goes through `put…`, which unindexes the old version and
 * indexes the new one, so the indexes cannot drift from the records.
 */
export class RoutingState {
  /** Tickets that are waiting, offered or connected. */
  readonly tickets = new Map<string, Ticket>();
  readonly agents = new Map<string, Agent>();
  /** Pending offers only. */
  readonly offers = new Map<string, Offer>();
  readonly stats = new Map<string, QueueStats>();
  readonly maintenance = new Set<string>();

  readonly #scopeOf: (ticket: Ticket) => MatchScope;
  readonly #waitingByKey = new Map<string, TicketLine>();
  readonly #lineByQueue = new Map<string, TicketLine>();
  readonly #availableByKey = new Map<string, Map<string, Agent>>();
  readonly #agentKeys = new Map<string, string[]>();
  readonly #servingByQueue = new Map<string, number>();
  readonly #ticketsBySession = new Map<string, Set<string>>();
  readonly #offerByAgent = new Map<string, Offer>();
  readonly #offerByTicket = new Map<string, Offer>();

  constructor(scopeOf: (ticket: Ticket) => MatchScope) {
    this.#scopeOf = scopeOf;
  }

  clear(): void {
    for (const map of [
      this.tickets,
      this.agents,
      this.offers,
      this.stats,
      this.#waitingByKey,
      this.#lineByQueue,
      this.#availableByKey,
      this.#agentKeys,
      this.#servingByQueue,
      this.#ticketsBySession,
      this.#offerByAgent,
      this.#offerByTicket,
    ]) {
      map.clear();
    }
    this.maintenance.clear();
  }

  putTicket(ticket: Ticket): void {
    const old = this.tickets.get(ticket.id);
    if (old) this.#unindexTicket(old);
    if (ticket.state === 'waiting' || ticket.state === 'offered' || ticket.state === 'connected') {
      this.tickets.set(ticket.id, ticket);
      this.#indexTicket(ticket);
    } else {
      this.tickets.delete(ticket.id);
    }
  }

  putAgent(agent: Agent): void {
    const old = this.agents.get(agent.id);
    if (old) this.#unindexAgent(old);
    this.agents.set(agent.id, agent);
    this.#indexAgent(agent);
  }

  putOffer(offer: Offer): void {
    if (offer.status === 'pending') {
      this.offers.set(offer.id, offer);
      this.#offerByAgent.set(offer.agentId, offer);
      this.#offerByTicket.set(offer.ticketId, offer);
    } else if (this.offers.delete(offer.id)) {
      this.#offerByAgent.delete(offer.agentId);
      this.#offerByTicket.delete(offer.ticketId);
    }
  }

  pendingOfferOfAgent(agentId: string): Offer | undefined {
    return this.#offerByAgent.get(agentId);
  }

  pendingOfferOfTicket(ticketId: string): Offer | undefined {
    return this.#offerByTicket.get(ticketId);
  }

  /** Waiting and offered tickets of a queue, in service order. */
  line(queueId: string): readonly Ticket[] {
    return this.#lineByQueue.get(queueId)?.items ?? [];
  }

  /** All waiting tickets in service order (for a full dispatch pass). */
  waitingInOrder(): Ticket[] {
    const waiting: Ticket[] = [];
    for (const line of this.#waitingByKey.values()) waiting.push(...line.items);
    return waiting.sort(compareTickets);
  }

  servingCount(queueId: string): number {
    return this.#servingByQueue.get(queueId) ?? 0;
  }

  ticketsOfSession(kioskSessionId: string): Ticket[] {
    const ids = this.#ticketsBySession.get(kioskSessionId) ?? new Set<string>();
    return [...ids].map((id) => this.tickets.get(id)).filter((t): t is Ticket => t !== undefined);
  }

  /** The first ticket in service order that `agent` can take now. */
  bestTicketFor(agent: Agent, now: number): Ticket | undefined {
    let best: Ticket | undefined;
    for (const key of this.#agentKeys.get(agent.id) ?? agentKeys(agent)) {
      const line = this.#waitingByKey.get(key);
      if (!line) continue;
      for (const ticket of line.items) {
        if (best && compareTickets(ticket, best) >= 0) break;
        if (isDeclinedBy(ticket, agent.id, now)) continue;
        best = ticket;
        break;
      }
    }
    return best;
  }

  /** Available agents who can take `ticket` now. */
  candidatesFor(ticket: Ticket, now: number): Agent[] {
    const pool = this.#availableByKey.get(ticketKey(ticket, this.#scopeOf(ticket)));
    if (!pool) return [];
    const candidates: Agent[] = [];
    for (const agent of pool.values()) {
      if (!isDeclinedBy(ticket, agent.id, now)) candidates.push(agent);
    }
    return candidates;
  }

  #indexTicket(ticket: Ticket): void {
    if (ticket.state === 'waiting') {
      lineIn(this.#waitingByKey, ticketKey(ticket, this.#scopeOf(ticket))).insert(ticket);
    }
    if (ticket.state !== 'connected') lineIn(this.#lineByQueue, ticket.queueId).insert(ticket);
    const session = ticket.context.kioskSessionId;
    const ids = this.#ticketsBySession.get(session) ?? new Set<string>();
    ids.add(ticket.id);
    this.#ticketsBySession.set(session, ids);
  }

  #unindexTicket(ticket: Ticket): void {
    if (ticket.state === 'waiting') {
      const key = ticketKey(ticket, this.#scopeOf(ticket));
      this.#waitingByKey.get(key)?.remove(ticket);
      if (this.#waitingByKey.get(key)?.items.length === 0) this.#waitingByKey.delete(key);
    }
    if (ticket.state !== 'connected') this.#lineByQueue.get(ticket.queueId)?.remove(ticket);
    const ids = this.#ticketsBySession.get(ticket.context.kioskSessionId);
    ids?.delete(ticket.id);
    if (ids?.size === 0) this.#ticketsBySession.delete(ticket.context.kioskSessionId);
  }

  #indexAgent(agent: Agent): void {
    if (agent.state === 'available') {
      const keys = agentKeys(agent);
      this.#agentKeys.set(agent.id, keys);
      for (const key of keys) {
        const pool = this.#availableByKey.get(key) ?? new Map<string, Agent>();
        pool.set(agent.id, agent);
        this.#availableByKey.set(key, pool);
      }
    }
    if (SERVING.has(agent.state)) {
      for (const q of agent.queues) this.#servingByQueue.set(q, this.servingCount(q) + 1);
    }
  }

  #unindexAgent(agent: Agent): void {
    const keys = this.#agentKeys.get(agent.id);
    if (keys) {
      for (const key of keys) {
        const pool = this.#availableByKey.get(key);
        pool?.delete(agent.id);
        if (pool?.size === 0) this.#availableByKey.delete(key);
      }
      this.#agentKeys.delete(agent.id);
    }
    if (SERVING.has(agent.state)) {
      for (const q of agent.queues) this.#servingByQueue.set(q, this.servingCount(q) - 1);
    }
  }
}

function lineIn(map: Map<string, TicketLine>, key: string): TicketLine {
  let line = map.get(key);
  if (!line) {
    line = new TicketLine();
    map.set(key, line);
  }
  return line;
}
