import { randomUUID } from 'node:crypto';
import { SafeEventEmitter } from '@onething/contract/node/safe-event-emitter';
import { z } from 'zod';
import { createLogger } from '../logging/logger.ts';
import { type AgentSelectionStrategy, LongestIdleStrategy } from './agent-selection.ts';
import {
  type Clock,
  type DeadlineScheduler,
  type Deadlines,
  systemClock,
  systemTimers,
  type TimerScheduler,
  timerDeadlines,
} from './clock.ts';
import { DEFAULT_INITIAL_AHT_SECONDS, estimatedWaitSeconds, smoothAht } from './estimate.ts';
import { computeQueueKpis, type QueueKpis } from './kpis.ts';
import {
  nextEscalationAt,
  type QueueConfig,
  type QueueConfigInput,
  QueueConfigSchema,
  scopeAt,
} from './queue-config.ts';
import { RoutingError } from './routing-error.ts';
import { isServing, RoutingState } from './routing-state.ts';
import type { RoutingStore, RoutingTx } from './store.ts';
import {
  type Agent,
  type AgentProfile,
  AgentProfileSchema,
  type AgentState,
  type EnqueueInput,
  EnqueueInputSchema,
  LIVE_TICKET_STATES,
  type MatchScope,
  type Offer,
  PRIORITY_WEIGHTS,
  type RoutingRecord,
  type Ticket,
  type TransferInput,
  TransferInputSchema,
} from './types.ts';

/** Only for listeners of internalError that throw: every other fault is an event. */
const log = createLogger('routing');

export enum RoutingEvent {
  /** A ticket entered a queue: new, back after its agent was lost, or transferred. */
  TicketQueued = 'ticketQueued',
  TicketOffered = 'ticketOffered',
  OfferRejected = 'offerRejected',
  OfferTimedOut = 'offerTimedOut',
  /** An offer ended because the ticket ended or the agent left; not the agent's miss. */
  OfferWithdrawn = 'offerWithdrawn',
  TicketConnected = 'ticketConnected',
  /** The routing target widened; also when a named-agent transfer falls back to its queue. */
  TicketEscalated = 'ticketEscalated',
  TicketAbandoned = 'ticketAbandoned',
  TicketCompleted = 'ticketCompleted',
  /** A waiting ticket's position or estimated wait changed. */
  PositionChanged = 'positionChanged',
  AgentStateChanged = 'agentStateChanged',
  /** An agent's profile or queues changed without a state change. */
  AgentUpdated = 'agentUpdated',
  /**
   * A deadline (offer timeout, escalation, wrap-up end) could not be processed, usually because
   * the store failed (retried every second), a deadline could not be stored (the job queue
   * writes it again at its next pass), or an event listener threw. Not named 'error' on
   * purpose: an unhandled 'error' event would take the process down.
   */
  InternalError = 'internalError',
}

export type QueueReason = 'new' | 'agentLost' | 'transfer';
export type AgentChangeReason =
  | 'login'
  | 'request'
  | 'offer'
  | 'accepted'
  | 'rejected'
  | 'offerTimedOut'
  | 'missedOffers'
  | 'offerWithdrawn'
  | 'callEnded'
  | 'wrapUpEnded'
  | 'lost';

export interface TicketQueuedEvent {
  ticket: Ticket;
  reason: QueueReason;
  fromQueueId?: string;
  fromAgentId?: string;
}
export interface OfferEvent {
  offer: Offer;
  ticket: Ticket;
  agent: Agent;
}
export interface OfferWithdrawnEvent extends OfferEvent {
  reason: 'ticketEnded' | 'agentLeft';
}
export interface TicketEscalatedEvent {
  ticket: Ticket;
  level: number;
  scope: MatchScope;
  /** `namedAgentUnavailable`: a transfer to a named agent now goes to the whole queue. */
  reason: 'waitTime' | 'namedAgentUnavailable';
}
export interface TicketAbandonedEvent {
  ticket: Ticket;
  reason: 'cancelled' | 'kioskLost';
}
export interface TicketCompletedEvent {
  ticket: Ticket;
  agentId: string;
  endedBy: 'agent' | 'citizen' | 'kioskLost';
}
export interface PositionChangedEvent {
  ticketId: string;
  queueId: string;
  terminalId: string;
  kioskSessionId: string;
  position: number;
  estimatedWaitSeconds: number;
}
export interface AgentStateChangedEvent {
  agent: Agent;
  previous: AgentState;
  reason: AgentChangeReason;
}

/** Payloads are snapshots shared with the engine's mirror: read them, never mutate them. */
export type RoutingEvents = {
  [RoutingEvent.TicketQueued]: [TicketQueuedEvent];
  [RoutingEvent.TicketOffered]: [OfferEvent];
  [RoutingEvent.OfferRejected]: [OfferEvent];
  [RoutingEvent.OfferTimedOut]: [OfferEvent];
  [RoutingEvent.OfferWithdrawn]: [OfferWithdrawnEvent];
  [RoutingEvent.TicketConnected]: [OfferEvent];
  [RoutingEvent.TicketEscalated]: [TicketEscalatedEvent];
  [RoutingEvent.TicketAbandoned]: [TicketAbandonedEvent];
  [RoutingEvent.TicketCompleted]: [TicketCompletedEvent];
  [RoutingEvent.PositionChanged]: [PositionChangedEvent];
  [RoutingEvent.AgentStateChanged]: [AgentStateChangedEvent];
  [RoutingEvent.AgentUpdated]: [{ agent: Agent }];
  [RoutingEvent.InternalError]: [Error];
};

const TuningSchema = z.strictObject({
  /** How long an agent has to accept an offer. */
  offerTimeoutSeconds: z.number().positive().max(600).default(20),
  /** Offers missed (timed out) in a row that send an agent to break. */
  maxMissedOffers: z.number().int().positive().max(100).default(2),
  /** How long a ticket is kept from an agent who rejected or missed it. */
  declineCooldownSeconds: z.number().nonnegative().max(3600).default(30),
  /** How long a cold transfer to a named agent waits for that agent before joining the queue. */
  namedTransferWaitSeconds: z.number().positive().max(3600).default(60),
  initialAhtSeconds: z.number().positive().max(86_400).default(DEFAULT_INITIAL_AHT_SECONDS),
  /** Y in service level X/Y. */
  serviceLevelSeconds: z.number().positive().max(3600).default(20),
  /** X in service level X/Y, as a share. */
  serviceLevelTarget: z.number().min(0).max(1).default(0.8),
});
export type RoutingTuning = z.input<typeof TuningSchema>;

export interface RoutingEngineOptions extends RoutingTuning {
  store: RoutingStore;
  queues: readonly QueueConfigInput[];
  clock?: Clock;
  /** Process-local timers: the store-failure retry, and the deadlines unless `deadlines` is given. */
  timers?: TimerScheduler;
  /** Where deadlines live; the job table in a booth server, so each runs once cluster-wide. */
  deadlines?: DeadlineScheduler;
  strategy?: AgentSelectionStrategy;
  /** Ticket and offer ids; random UUIDs by default. */
  newId?: () => string;
}

export interface TicketPosition {
  position: number;
  estimatedWaitSeconds: number;
}

export interface RoutingSnapshot {
  /** Waiting, offered and connected tickets. */
  tickets: Ticket[];
  agents: Agent[];
  /** Pending offers. */
  offers: Offer[];
}

/** One command's unit of work: a store transaction plus what to announce once it commits. */
interface Op {
  readonly tx: RoutingTx;
  readonly now: number;
  /** Whether the mirror changed (so a failure must force a reload). */
  mutated: boolean;
  /** Whether a store write method was called (so the commit bumps the revision). */
  wrote: boolean;
  /** During recovery, dispatch waits for the single full pass at the end. */
  holdDispatch: boolean;
  /** Deadlines to arm (epoch ms) or drop (null) once the transaction committed. */
  readonly deadlines: Map<string, number | null>;
  readonly records: RoutingRecord[];
  readonly emits: (() => void)[];
  readonly dirtyQueues: Set<string>;
}

/** A command result that commits the transaction and then fails (e.g. accept after timeout). */
class CommitThenFail {
  readonly error: RoutingError;
  constructor(error: RoutingError) {
    this.error = error;
  }
}

function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = (issue?.path ?? []).map((p) => (typeof p === 'symbol' ? String(p) : p));
  const where = path.length ? path.join('.') : '(root)';
  throw RoutingError.invalidInput(`${where}: ${issue?.message ?? 'invalid'}`, path);
}

const IdSchema = z.string().min(1).max(128);

/**
 * The video-booth routing engine: tickets from booths, agents on remote seats, offers between
 * them. Pure logic over a RoutingStore: it keeps an in-memory mirror of the store with
 * skill-keyed indexes so a dispatch is a few map lookups, writes every change through one store
 * transaction per command, and announces changes as events only after they committed.
 *
 * Commands run one at a time (a per-engine queue plus the store lock). Invariant after every
 * command: no waiting ticket has an available agent able to take it (other than agents who
 * declined it recently). So when a ticket starts waiting, only that ticket needs an agent; when
 * an agent becomes available, only that agent needs a ticket; and service order holds.
 */
export class RoutingEngine extends SafeEventEmitter<RoutingEvents> {
  readonly #store: RoutingStore;
  readonly #clock: Clock;
  readonly #timers: TimerScheduler;
  readonly #deadlines: Deadlines;
  readonly #strategy: AgentSelectionStrategy;
  readonly #newId: () => string;
  readonly #tuning: z.output<typeof TuningSchema>;
  readonly #queues = new Map<string, QueueConfig>();
  readonly #queueByDepartment = new Map<string, QueueConfig>();
  readonly #state: RoutingState;
  /** The store revision the mirror reflects; -1 forces a reload. */
  #revision = -1;
  #tail: Promise<unknown> = Promise.resolve();
  #closed = false;
  readonly #lastPositions = new Map<string, TicketPosition>();
  #retryTimer: unknown;

  constructor(options: RoutingEngineOptions) {
    super(log);
    const { store, queues, clock, timers, deadlines, strategy, newId, ...tuning } = options;
    this.#store = store;
    this.#clock = clock ?? systemClock;
    this.#timers = timers ?? systemTimers;
    this.#deadlines = (deadlines ?? timerDeadlines(this.#timers, this.#clock))((key) =>
      this.#onDeadline(key),
    );
    this.#strategy = strategy ?? new LongestIdleStrategy();
    this.#newId = newId ?? randomUUID;
    this.#tuning = parseInput(TuningSchema, tuning);
    const parsedQueues = parseInput(z.array(QueueConfigSchema).min(1), queues);
    for (const queue of parsedQueues) {
      if (this.#queues.has(queue.id)) {
        throw RoutingError.invalidInput(`queue ${queue.id} is configured twice`, ['queues']);
      }
      if (this.#queueByDepartment.has(queue.department)) {
        throw RoutingError.invalidInput(`department ${queue.department} has more than one queue`, [
          'queues',
        ]);
      }
      this.#queues.set(queue.id, queue);
      this.#queueByDepartment.set(queue.department, queue);
    }
    this.#state = new RoutingState((t) => scopeAt(this.#queue(t.queueId), t.escalationLevel));
  }

  get queues(): readonly QueueConfig[] {
    return [...this.#queues.values()];
  }

  /**
   * Loads the store and resumes: waiting tickets keep their order, offers and wrap-ups whose
   * deadline passed while no engine ran are finished now, agents keep their states (an agent on
   * a call stays on it), then every waiting ticket is dispatched. Other commands also load on
   * first use; calling start() first just makes it explicit.
   */
  async start(): Promise<void> {
    await this.#run(async () => undefined);
  }

  /**
   * Refuses further commands and stops handling deadlines here (durable ones stay armed for the
   * other processes); resolves once the running command is done.
   */
  async close(): Promise<void> {
    this.#closed = true;
    await this.#tail;
    if (this.#retryTimer !== undefined) this.#timers.clearTimeout(this.#retryTimer);
    this.#retryTimer = undefined;
    this.#deadlines.close();
  }

  /** Resolves when every command issued so far has finished. */
  async settled(): Promise<void> {
    await this.#tail;
  }

  // ---- Citizen side ----

  /** A help request from a booth. Refused for terminals in maintenance mode. */
  async enqueue(input: EnqueueInput): Promise<Ticket> {
    const parsed = parseInput(EnqueueInputSchema, input);
    return this.#run(async (op) => {
      const { terminalId, kioskSessionId } = parsed.context;
      if (this.#state.maintenance.has(terminalId)) {
        throw RoutingError.terminalInMaintenance(terminalId);
      }
      const queue = this.#queueByDepartment.get(parsed.skills.department);
      if (!queue) throw RoutingError.noQueueForDepartment(parsed.skills.department);
      const live = this.#state.ticketsOfSession(kioskSessionId)[0];
      if (live) {
        throw RoutingError.duplicateTicket(
          `kiosk session already has ticket ${live.id} (${live.state})`,
          live.id,
        );
      }
      const id = parsed.id ?? this.#newId();
      if (this.#state.tickets.has(id) || (await op.tx.getTicket(id))) {
        throw RoutingError.duplicateTicket(`ticket ${id} already exists`, id);
      }
      const ticket: Ticket = {
        id,
        createdAt: op.now,
        queuedAt: op.now,
        queueId: queue.id,
        skills: parsed.skills,
        priorityClass: parsed.priority,
        priority: PRIORITY_WEIGHTS[parsed.priority],
        context: parsed.context,
        state: 'waiting',
        escalationLevel: 0,
        declined: [],
      };
      await this.#writeTicket(op, ticket);
      op.records.push({
        type: 'enqueued',
        at: op.now,
        ticketId: id,
        queueId: queue.id,
        priority: ticket.priority,
      });
      op.emits.push(() => this.safeEmit(RoutingEvent.TicketQueued, { ticket, reason: 'new' }));
      await this.#dispatchTicket(op, id);
      return this.#state.tickets.get(id) ?? ticket;
    });
  }

  /** The citizen gave up while waiting (or while an agent was being offered the ticket). */
  async cancel(ticketId: string): Promise<Ticket> {
    const id = parseInput(IdSchema, ticketId);
    return this.#run(async (op) => {
      const ticket = await this.#liveTicket(op, id, 'cancel');
      if (ticket.state === 'connected') {
        throw RoutingError.invalidTransition(`ticket ${id}`, ticket.state, 'cancel (end the call)');
      }
      return this.#abandon(op, ticket, 'cancelled');
    });
  }

  /**
   * The kiosk session disconnected for good: its waiting tickets are abandoned and its call, if
   * any, ends (the agent goes to wrap-up). Returns the tickets as they ended; none is not an error.
   */
  async kioskLost(kioskSessionId: string): Promise<Ticket[]> {
    const session = parseInput(IdSchema, kioskSessionId);
    return this.#run(async (op) => {
      const ended: Ticket[] = [];
      for (const ticket of this.#state.ticketsOfSession(session)) {
        ended.push(
          ticket.state === 'connected'
            ? await this.#endCall(op, ticket, 'kioskLost')
            : await this.#abandon(op, ticket, 'kioskLost'),
        );
      }
      return ended;
    });
  }

  /** Terminals in maintenance get no new tickets; tickets already waiting are left alone. */
  async setTerminalMaintenance(terminalId: string, inMaintenance: boolean): Promise<void> {
    const id = parseInput(IdSchema, terminalId);
    const on = parseInput(z.boolean(), inMaintenance);
    return this.#run(async (op) => {
      op.mutated = true;
      op.wrote = true;
      await op.tx.setTerminalMaintenance(id, on);
      if (on) this.#state.maintenance.add(id);
      else this.#state.maintenance.delete(id);
    });
  }

  // ---- Agent side ----

  /**
   * An agent signs in (state `available` unless `break` is asked for). Signing in again while
   * online (a reconnect) updates the profile and keeps the state, so a call survives it.
   */
  async agentLogin(
    profile: AgentProfile,
    opts: { state?: 'available' | 'break' } = {},
  ): Promise<Agent> {
    const parsed = parseInput(AgentProfileSchema, profile);
    const initial = parseInput(z.enum(['available', 'break']).default('available'), opts?.state);
    return this.#run(async (op) => {
      const home = this.#queueByDepartment.get(parsed.department);
      if (!parsed.queues && !home) throw RoutingError.noQueueForDepartment(parsed.department);
      const queues = this.#checkQueues(parsed.queues ?? [home?.id ?? '']);
      const fields = {
        name: parsed.name,
        department: parsed.department,
        regions: [...new Set(parsed.regions)],
        languages: [...new Set(parsed.languages)],
        queues,
      };
      const existing = this.#state.agents.get(parsed.id);
      if (existing && existing.state !== 'offline') {
        const updated: Agent = { ...existing, ...fields };
        await this.#writeAgent(op, updated);
        op.emits.push(() => this.safeEmit(RoutingEvent.AgentUpdated, { agent: updated }));
        await this.#dispatchAgent(op, updated.id);
        return this.#state.agents.get(updated.id) ?? updated;
      }
      const base: Agent = existing ?? {
        id: parsed.id,
        ...fields,
        state: 'offline',
        lastStateChangeAt: op.now,
        idleSince: op.now,
        missedOffersInRow: 0,
        callsHandled: 0,
      };
      const agent = await this.#changeAgentState(op, { ...base, ...fields }, initial, 'login', {
        missedOffersInRow: 0,
      });
      await this.#dispatchAgent(op, agent.id);
      return this.#state.agents.get(agent.id) ?? agent;
    });
  }

  /**
   * The agent's own state change. Going on break or offline while being offered a ticket
   * withdraws the offer (the ticket goes to the next agent); during a call it is refused.
   */
  async setAgentState(agentId: string, state: 'available' | 'break' | 'offline'): Promise<Agent> {
    const id = parseInput(IdSchema, agentId);
    const to = parseInput(z.enum(['available', 'break', 'offline']), state);
    return this.#run(async (op) => {
      const agent = this.#agent(id);
      if (agent.state === to) return agent;
      if (agent.state === 'on_call' || (agent.state === 'offered' && to === 'available')) {
        throw RoutingError.invalidTransition(`agent ${id}`, agent.state, `become ${to}`);
      }
      const withdrawn = await this.#withdrawOfferOf(op, agent);
      const updated = await this.#changeAgentState(
        op,
        agent,
        to,
        'request',
        to === 'available' ? { missedOffersInRow: 0 } : {},
      );
      if (withdrawn) await this.#dispatchTicket(op, withdrawn);
      await this.#dispatchAgent(op, id);
      return this.#state.agents.get(id) ?? updated;
    });
  }

  /**
   * The agent's connection is gone for good. A call in progress goes back to the head of its
   * queue (keeping its age and priority, flagged `requeuedReason: 'agentLost'`); an offer is
   * withdrawn; the agent goes offline.
   */
  async agentLost(agentId: string): Promise<Agent> {
    const id = parseInput(IdSchema, agentId);
    return this.#run(async (op) => {
      const agent = this.#agent(id);
      if (agent.state === 'offline') return agent;
      let requeue: string | undefined;
      if (agent.state === 'on_call' && agent.ticketId) {
        const ticket = this.#mirrorTicket(agent.ticketId);
        const back: Ticket = {
          ...withoutCall(ticket),
          state: 'waiting',
          queuedAt: op.now,
          requeuedReason: 'agentLost',
          declined: liveDeclines(ticket, op.now),
        };
        await this.#writeTicket(op, back);
        op.records.push({
          type: 'requeued',
          at: op.now,
          ticketId: back.id,
          queueId: back.queueId,
          fromQueueId: back.queueId,
          reason: 'agentLost',
        });
        op.emits.push(() =>
          this.safeEmit(RoutingEvent.TicketQueued, {
            ticket: back,
            reason: 'agentLost',
            fromAgentId: id,
          }),
        );
        requeue = back.id;
      } else {
        requeue = await this.#withdrawOfferOf(op, agent);
      }
      const offline = await this.#changeAgentState(op, agent, 'offline', 'lost');
      if (requeue) await this.#dispatchTicket(op, requeue);
      return offline;
    });
  }

  /** Tidal staffing (潮汐窗口): the queues an agent serves change, effective immediately. */
  async moveAgent(agentId: string, queues: readonly string[]): Promise<Agent> {
    const id = parseInput(IdSchema, agentId);
    const wanted = parseInput(z.array(IdSchema).max(64), queues);
    return this.#run(async (op) => {
      const agent = this.#agent(id);
      const updated: Agent = { ...agent, queues: this.#checkQueues(wanted) };
      await this.#writeAgent(op, updated);
      op.emits.push(() => this.safeEmit(RoutingEvent.AgentUpdated, { agent: updated }));
      await this.#dispatchAgent(op, id);
      return this.#state.agents.get(id) ?? updated;
    });
  }

  /**
   * The agent takes the offered ticket. Refused for someone else's offer, an offer already
   * answered, and an offer past its deadline (which is then timed out, as if its timer had fired).
   */
  async accept(offerId: string, agentId: string): Promise<{ ticket: Ticket; agent: Agent }> {
    const oid = parseInput(IdSchema, offerId);
    const aid = parseInput(IdSchema, agentId);
    return this.#run(async (op) => {
      const offer = await this.#answerableOffer(op, oid, aid, 'accept');
      if (offer instanceof CommitThenFail) return offer;
      const ticket = this.#mirrorTicket(offer.ticketId);
      const agent = this.#agent(offer.agentId);
      const accepted = await this.#resolveOffer(op, offer, 'accepted');
      const connected: Ticket = { ...ticket, state: 'connected', connectedAt: op.now };
      delete connected.targetAgentId; // a named transfer has reached its agent
      await this.#writeTicket(op, connected);
      const onCall = await this.#changeAgentState(op, agent, 'on_call', 'accepted', {
        missedOffersInRow: 0,
        ticketId: ticket.id,
      });
      op.records.push({
        type: 'answered',
        at: op.now,
        ticketId: ticket.id,
        queueId: ticket.queueId,
        agentId: aid,
        waitMs: op.now - ticket.queuedAt,
      });
      op.emits.push(() =>
        this.safeEmit(RoutingEvent.TicketConnected, {
          offer: accepted,
          ticket: connected,
          agent: onCall,
        }),
      );
      return { ticket: connected, agent: onCall };
    });
  }

  /** The agent declines: the ticket goes to the next agent, the agent stays available. */
  async reject(offerId: string, agentId: string): Promise<Agent> {
    const oid = parseInput(IdSchema, offerId);
    const aid = parseInput(IdSchema, agentId);
    return this.#run(async (op) => {
      const offer = await this.#answerableOffer(op, oid, aid, 'reject');
      if (offer instanceof CommitThenFail) return offer;
      const { resolved, ticket } = await this.#returnOfferedTicket(op, offer, 'rejected');
      const agent = await this.#changeAgentState(op, this.#agent(aid), 'available', 'rejected', {
        missedOffersInRow: 0,
      });
      op.emits.push(() =>
        this.safeEmit(RoutingEvent.OfferRejected, { offer: resolved, ticket, agent }),
      );
      await this.#dispatchTicket(op, ticket.id);
      await this.#dispatchAgent(op, aid);
      return this.#state.agents.get(aid) ?? agent;
    });
  }

  /**
   * The call ends normally. With `agentId` the agent hung up (and must be the one connected);
   * without it the citizen did. The agent goes to wrap-up for the queue's wrap-up time.
   */
  async endCall(ticketId: string, agentId?: string): Promise<Ticket> {
    const id = parseInput(IdSchema, ticketId);
    const aid = agentId === undefined ? undefined : parseInput(IdSchema, agentId);
    return this.#run(async (op) => {
      const ticket = await this.#liveTicket(op, id, 'end the call');
      if (ticket.state !== 'connected') {
        throw RoutingError.invalidTransition(`ticket ${id}`, ticket.state, 'end the call');
      }
      if (aid !== undefined && ticket.agentId !== aid) throw RoutingError.notYourCall(id, aid);
      return this.#endCall(op, ticket, aid === undefined ? 'citizen' : 'agent');
    });
  }

  /**
   * Cold transfer: the connected agent hands the citizen to another queue (department) or a
   * named agent and goes to wrap-up. The ticket goes back to the head of the target queue with
   * the new department (and optionally language/region), its age and priority kept. A named
   * agent gets it alone for `namedTransferWaitSeconds`, then anyone in the queue may.
   */
  async transfer(input: TransferInput): Promise<Ticket> {
    const parsed = parseInput(TransferInputSchema, input);
    return this.#run(async (op) => {
      const ticket = await this.#liveTicket(op, parsed.ticketId, 'transfer');
      if (ticket.state !== 'connected') {
        throw RoutingError.invalidTransition(`ticket ${ticket.id}`, ticket.state, 'transfer');
      }
      if (ticket.agentId !== parsed.agentId) {
        throw RoutingError.notYourCall(ticket.id, parsed.agentId);
      }
      const agent = this.#agent(parsed.agentId);
      let queue: QueueConfig;
      let targetAgentId: string | undefined;
      if ('queueId' in parsed.to) {
        queue = this.#queue(parsed.to.queueId);
      } else {
        const target = this.#agent(parsed.to.agentId);
        if (target.id === agent.id) {
          throw RoutingError.invalidTransition(
            `agent ${agent.id}`,
            'on this call',
            'transfer to self',
          );
        }
        const home = this.#queueByDepartment.get(target.department);
        const queueId = home && target.queues.includes(home.id) ? home.id : target.queues[0];
        if (queueId === undefined) throw RoutingError.unknownQueue(`(none for agent ${target.id})`);
        queue = this.#queue(queueId);
        targetAgentId = target.id;
      }
      const talkMs = op.now - (ticket.connectedAt ?? op.now);
      op.records.push({
        type: 'callEnded',
        at: op.now,
        ticketId: ticket.id,
        queueId: ticket.queueId,
        agentId: agent.id,
        talkMs,
      });
      const moved: Ticket = {
        ...withoutCall(ticket),
        state: 'waiting',
        queueId: queue.id,
        skills: {
          department: queue.department,
          language: parsed.skills?.language ?? ticket.skills.language,
          region: parsed.skills?.region ?? ticket.skills.region,
        },
        queuedAt: op.now,
        escalationLevel: 0,
        requeuedReason: 'transfer',
        // The transferring agent should not get the citizen straight back after wrap-up.
        declined: [
          ...liveDeclines(ticket, op.now).filter((d) => d.agentId !== agent.id),
          { agentId: agent.id, until: op.now + this.#tuning.declineCooldownSeconds * 1000 },
        ],
        ...(targetAgentId ? { targetAgentId } : {}),
      };
      await this.#writeTicket(op, moved);
      op.records.push({
        type: 'requeued',
        at: op.now,
        ticketId: moved.id,
        queueId: queue.id,
        fromQueueId: ticket.queueId,
        reason: 'transfer',
      });
      op.emits.push(() =>
        this.safeEmit(RoutingEvent.TicketQueued, {
          ticket: moved,
          reason: 'transfer',
          fromQueueId: ticket.queueId,
          fromAgentId: agent.id,
        }),
      );
      await this.#startWrapUp(op, agent, ticket.queueId, ticket.id, talkMs);
      await this.#dispatchTicket(op, moved.id);
      return this.#state.tickets.get(moved.id) ?? moved;
    });
  }

  // ---- Queries ----

  async getTicket(ticketId: string): Promise<Ticket> {
    const id = parseInput(IdSchema, ticketId);
    return this.#run(async (op) => {
      const ticket = this.#state.tickets.get(id) ?? (await op.tx.getTicket(id));
      if (!ticket) throw RoutingError.ticketNotFound(id);
      return ticket;
    });
  }

  async getAgent(agentId: string): Promise<Agent> {
    const id = parseInput(IdSchema, agentId);
    return this.#run(async () => this.#agent(id));
  }

  /** Position and estimated wait of a waiting ticket; undefined once it is no longer waiting. */
  async positionOf(ticketId: string): Promise<TicketPosition | undefined> {
    const id = parseInput(IdSchema, ticketId);
    return this.#run(async () => {
      const ticket = this.#state.tickets.get(id);
      if (ticket?.state !== 'waiting') return undefined;
      const position = this.#state.line(ticket.queueId).findIndex((t) => t.id === id) + 1;
      return { position, estimatedWaitSeconds: this.#ewt(ticket.queueId, position) };
    });
  }

  /** Live tickets, all agents and pending offers, for supervisor views and tests. */
  async snapshot(): Promise<RoutingSnapshot> {
    return this.#run(async () => ({
      tickets: [...this.#state.tickets.values()],
      agents: [...this.#state.agents.values()],
      offers: [...this.#state.offers.values()],
    }));
  }

  /** KPIs per queue over records since `since` (default: the last 24 hours). */
  async queueKpis(opts: { since?: number } = {}): Promise<QueueKpis[]> {
    const from = parseInput(z.number().int().nonnegative().optional(), opts?.since);
    return this.#run(async (op) => {
      const since = from ?? op.now - 86_400_000;
      const records = await op.tx.listRecords(since);
      return computeQueueKpis({
        queues: this.queues,
        records,
        waiting: [...this.#state.tickets.values()].filter((t) => t.state !== 'connected'),
        agents: [...this.#state.agents.values()],
        since,
        now: op.now,
        serviceLevelSeconds: this.#tuning.serviceLevelSeconds,
        serviceLevelTarget: this.#tuning.serviceLevelTarget,
      });
    });
  }

  // ---- Command plumbing ----

  #run<T>(body: (op: Op) => Promise<T | CommitThenFail>): Promise<T> {
    const result = this.#tail.then(() => this.#execute(body));
    this.#tail = result.catch(() => undefined);
    return result;
  }

  async #execute<T>(body: (op: Op) => Promise<T | CommitThenFail>): Promise<T> {
    if (this.#closed) throw RoutingError.closed();
    const started: { op?: Op; inBody?: boolean } = {};
    let outcome: { op: Op; value: T | CommitThenFail };
    try {
      outcome = await this.#store.withLock(async (storeTx) => {
        started.inBody = true;
        const tx = guardTx(storeTx);
        const op: Op = {
          tx,
          now: this.#clock.now(),
          mutated: false,
          wrote: false,
          holdDispatch: false,
          deadlines: new Map(),
          records: [],
          emits: [],
          dirtyQueues: new Set(),
        };
        started.op = op;
        if (tx.revision !== this.#revision) await this.#reload(op);
        const value = await body(op);
        this.#pushPositions(op);
        if (op.records.length > 0) {
          op.wrote = true;
          await tx.appendRecords(op.records);
        }
        started.inBody = false;
        return { op, value };
      });
    } catch (err) {
      // The mirror may hold changes the store rolled back: rebuild it on the next command.
      if (started.op?.mutated !== false) this.#revision = -1;
      // Store calls inside the body already fail as STORE_FAILED; anything else thrown there is
      // an engine bug and goes up as it is. Outside the body it is the lock or the commit.
      if (err instanceof RoutingError || started.inBody) throw err;
      throw RoutingError.storeFailed(err);
    }
    const { op, value } = outcome;
    this.#revision = op.wrote ? op.tx.revision + 1 : op.tx.revision;
    // Only committed deadlines are armed: a rolled-back command leaves none behind. They are
    // stored before anyone hears of the change, so a process dying after its announcement
    // does not take the deadline with it.
    await Promise.all(
      [...op.deadlines].map(([key, at]) =>
        at === null ? this.#deadlines.clear(key) : this.#deadlines.set(key, at),
      ),
    ).catch((err: unknown) => this.#reportInternal(err));
    // safeEmit: a faulty listener stops neither the others nor the engine (listenerFailed).
    for (const emit of op.emits) emit();
    if (value instanceof CommitThenFail) throw value.error;
    return value;
  }

  /**
   * Runs a deadline as a command. A failure is reported, never thrown (no one is awaiting it),
   * and retried a second later: the retry reloads from the store, which finishes every deadline
   * that has passed by then.
   */
  #fromTimer(body: (op: Op) => Promise<void>): Promise<void> {
    if (this.#closed) return Promise.resolve();
    return this.#run(body).catch((err: unknown) => {
      if (this.#closed) return;
      this.#reportInternal(err);
      this.#revision = -1;
      if (this.#retryTimer === undefined) {
        this.#retryTimer = this.#timers.setTimeout(() => {
          this.#retryTimer = undefined;
          return this.#fromTimer(async () => undefined).catch(() => undefined);
        }, 1_000);
      }
      // A durable deadline is tried again by its scheduler, in whichever process is alive.
      throw err;
    });
  }

  /**
   * A deadline fell due (in this process or, with durable deadlines, wherever it was armed). The
   * state is checked again under the store lock, so a deadline run twice or late does nothing
   * wrong: a stale one finds nothing due.
   */
  #onDeadline(key: string): Promise<void> {
    if (this.#closed) return Promise.reject(RoutingError.closed());
    const split = key.indexOf(':');
    const id = key.slice(split + 1);
    switch (key.slice(0, split)) {
      case 'offer':
        return this.#fromTimer(async (op) => {
          const pending = this.#state.offers.get(id);
          if (pending?.status === 'pending' && pending.expiresAt <= op.now) {
            await this.#timeOut(op, pending);
          }
        });
      case 'ticket':
        return this.#fromTimer((op) => this.#wake(op, id));
      case 'wrapUp':
        return this.#fromTimer((op) => this.#endWrapUp(op, id));
      default:
        return Promise.resolve();
    }
  }

  #reportInternal(err: unknown): void {
    this.safeEmit(RoutingEvent.InternalError, err instanceof Error ? err : new Error(String(err)));
  }

  /** A listener that threw is reported as internalError, like any other engine fault. */
  protected override listenerFailed(event: keyof RoutingEvents & string, error: unknown): void {
    // An internalError listener that throws has only the log left to report to.
    if (event === RoutingEvent.InternalError) super.listenerFailed(event, error);
    else this.#reportInternal(error);
  }

  /** Rebuilds the mirror from the store and catches up on deadlines missed meanwhile. */
  async #reload(op: Op): Promise<void> {
    op.mutated = true;
    this.#state.clear();
    this.#lastPositions.clear();
    const { tx } = op;
    for (const agent of await tx.listAgents()) this.#state.putAgent(agent);
    for (const ticket of await tx.listTickets(LIVE_TICKET_STATES)) this.#state.putTicket(ticket);
    const offers = await tx.listPendingOffers();
    for (const offer of offers) this.#state.putOffer(offer);
    for (const stats of await tx.listQueueStats()) this.#state.stats.set(stats.queueId, stats);
    for (const id of await tx.listMaintenanceTerminals()) this.#state.maintenance.add(id);

    op.holdDispatch = true;
    for (const ticket of [...this.#state.tickets.values()]) await this.#wake(op, ticket.id);
    for (const offer of offers.sort((a, b) => a.expiresAt - b.expiresAt)) {
      if (offer.expiresAt <= op.now) await this.#timeOut(op, offer);
      else op.deadlines.set(offerKey(offer.id), offer.expiresAt);
    }
    for (const agent of [...this.#state.agents.values()]) {
      if (agent.state !== 'wrap_up') continue;
      if ((agent.wrapUp?.until ?? 0) <= op.now) await this.#endWrapUp(op, agent.id);
      else this.#scheduleWrapUp(op, agent);
    }
    op.holdDispatch = false;
    for (const ticket of this.#state.waitingInOrder()) await this.#dispatchTicket(op, ticket.id);
    for (const queueId of this.#queues.keys()) op.dirtyQueues.add(queueId);
  }

  // ---- Writes (store + mirror + deadlines, always together) ----

  async #writeTicket(op: Op, ticket: Ticket): Promise<void> {
    op.mutated = true;
    op.wrote = true;
    await op.tx.putTicket(ticket);
    const old = this.#state.tickets.get(ticket.id);
    this.#state.putTicket(ticket);
    if (old) op.dirtyQueues.add(old.queueId);
    op.dirtyQueues.add(ticket.queueId);
    if (ticket.state !== 'waiting') this.#lastPositions.delete(ticket.id);
    this.#scheduleTicket(op, ticket);
  }

  async #writeAgent(op: Op, agent: Agent): Promise<void> {
    op.mutated = true;
    op.wrote = true;
    await op.tx.putAgent(agent);
    const old = this.#state.agents.get(agent.id);
    this.#state.putAgent(agent);
    if (
      !old ||
      isServing(old.state) !== isServing(agent.state) ||
      old.queues.join('\n') !== agent.queues.join('\n')
    ) {
      for (const q of [...(old?.queues ?? []), ...agent.queues]) op.dirtyQueues.add(q);
    }
    if (agent.state === 'wrap_up') this.#scheduleWrapUp(op, agent);
    else if (old?.state === 'wrap_up') op.deadlines.set(wrapUpKey(agent.id), null);
  }

  async #writeOffer(op: Op, offer: Offer): Promise<void> {
    op.mutated = true;
    op.wrote = true;
    await op.tx.putOffer(offer);
    this.#state.putOffer(offer);
    op.deadlines.set(offerKey(offer.id), offer.status === 'pending' ? offer.expiresAt : null);
  }

  async #changeAgentState(
    op: Op,
    agent: Agent,
    to: AgentState,
    reason: AgentChangeReason,
    patch: Partial<Agent> = {},
  ): Promise<Agent> {
    const from = agent.state;
    if (from === 'wrap_up' && agent.wrapUp) await this.#recordHandled(op, agent);
    const next: Agent = { ...agent, ...patch, state: to, lastStateChangeAt: op.now };
    // Idle time counts from the end of work, a break or login; a declined offer does not reset it.
    if (to === 'available' && from !== 'offered') next.idleSince = op.now;
    if (to !== 'offered' && to !== 'on_call') delete next.ticketId;
    if (to !== 'wrap_up') delete next.wrapUp;
    await this.#writeAgent(op, next);
    op.records.push({ type: 'agentState', at: op.now, agentId: agent.id, from, to });
    op.emits.push(() =>
      this.safeEmit(RoutingEvent.AgentStateChanged, { agent: next, previous: from, reason }),
    );
    return next;
  }

  async #recordHandled(op: Op, agent: Agent): Promise<void> {
    const wrap = agent.wrapUp;
    if (!wrap) return;
    const wrapMs = Math.max(0, op.now - wrap.startedAt);
    op.records.push({
      type: 'handled',
      at: op.now,
      ticketId: wrap.ticketId,
      queueId: wrap.queueId,
      agentId: agent.id,
      talkMs: wrap.talkMs,
      wrapMs,
    });
    const previous = this.#state.stats.get(wrap.queueId);
    const stats = {
      queueId: wrap.queueId,
      smoothedAhtMs: smoothAht(
        previous?.smoothedAhtMs ?? this.#tuning.initialAhtSeconds * 1000,
        wrap.talkMs + wrapMs,
      ),
      handled: (previous?.handled ?? 0) + 1,
    };
    op.mutated = true;
    op.wrote = true;
    await op.tx.putQueueStats(stats);
    this.#state.stats.set(stats.queueId, stats);
    op.dirtyQueues.add(stats.queueId);
  }

  // ---- Routing ----

  async #dispatchTicket(op: Op, ticketId: string): Promise<void> {
    if (op.holdDispatch) return;
    for (;;) {
      const ticket = this.#state.tickets.get(ticketId);
      if (ticket?.state !== 'waiting') return;
      const candidates = this.#state.candidatesFor(ticket, op.now);
      if (candidates.length === 0) return;
      const agent = this.#strategy.select(candidates, ticket);
      // A decline ending this very millisecond makes an earlier ticket eligible before its own
      // timer has run; the agent still gets the ticket first in line, and this one tries again.
      const first = this.#state.bestTicketFor(agent, op.now) ?? ticket;
      await this.#offer(op, first, agent);
      if (first.id === ticketId) return;
    }
  }

  async #dispatchAgent(op: Op, agentId: string): Promise<void> {
    if (op.holdDispatch) return;
    const agent = this.#state.agents.get(agentId);
    if (agent?.state !== 'available') return;
    const ticket = this.#state.bestTicketFor(agent, op.now);
    if (ticket) await this.#offer(op, ticket, agent);
  }

  async #offer(op: Op, ticket: Ticket, agent: Agent): Promise<void> {
    const offer: Offer = {
      id: this.#newId(),
      ticketId: ticket.id,
      agentId: agent.id,
      createdAt: op.now,
      expiresAt: op.now + Math.round(this.#tuning.offerTimeoutSeconds * 1000),
      status: 'pending',
    };
    await this.#writeOffer(op, offer);
    const offered: Ticket = { ...ticket, state: 'offered', agentId: agent.id };
    await this.#writeTicket(op, offered);
    const reserved = await this.#changeAgentState(op, agent, 'offered', 'offer', {
      ticketId: ticket.id,
    });
    op.records.push({
      type: 'offered',
      at: op.now,
      ticketId: ticket.id,
      queueId: ticket.queueId,
      agentId: agent.id,
    });
    op.emits.push(() =>
      this.safeEmit(RoutingEvent.TicketOffered, { offer, ticket: offered, agent: reserved }),
    );
  }

  /** The pending offer `agentId` may answer, or a failure to report after timing it out. */
  async #answerableOffer(
    op: Op,
    offerId: string,
    agentId: string,
    action: string,
  ): Promise<Offer | CommitThenFail> {
    const offer = this.#state.offers.get(offerId) ?? (await op.tx.getOffer(offerId));
    if (!offer) throw RoutingError.offerNotFound(offerId);
    if (offer.agentId !== agentId) throw RoutingError.notYourOffer(offerId, agentId);
    if (offer.status === 'timedOut') throw RoutingError.offerExpired(offerId);
    if (offer.status !== 'pending') {
      throw RoutingError.invalidTransition(`offer ${offerId}`, offer.status, action);
    }
    if (op.now >= offer.expiresAt) {
      await this.#timeOut(op, offer);
      return new CommitThenFail(RoutingError.offerExpired(offerId));
    }
    return offer;
  }

  async #resolveOffer(op: Op, offer: Offer, status: Offer['status']): Promise<Offer> {
    const resolved: Offer = { ...offer, status, resolvedAt: op.now };
    await this.#writeOffer(op, resolved);
    if (status === 'rejected' || status === 'timedOut' || status === 'withdrawn') {
      op.records.push({
        type: 'offerEnded',
        at: op.now,
        ticketId: offer.ticketId,
        queueId: this.#mirrorTicket(offer.ticketId).queueId,
        agentId: offer.agentId,
        status,
      });
    }
    return resolved;
  }

  /** Ends an offer and puts its ticket back to waiting, keeping it from a declining agent. */
  async #returnOfferedTicket(
    op: Op,
    offer: Offer,
    status: 'rejected' | 'timedOut' | 'withdrawn',
  ): Promise<{ resolved: Offer; ticket: Ticket }> {
    const resolved = await this.#resolveOffer(op, offer, status);
    const ticket = this.#mirrorTicket(offer.ticketId);
    const declined = liveDeclines(ticket, op.now).filter((d) => d.agentId !== offer.agentId);
    if (status !== 'withdrawn') {
      declined.push({
        agentId: offer.agentId,
        until: op.now + this.#tuning.declineCooldownSeconds * 1000,
      });
    }
    const back: Ticket = { ...ticket, state: 'waiting', declined };
    delete back.agentId;
    await this.#writeTicket(op, back);
    return { resolved, ticket: back };
  }

  async #timeOut(op: Op, offer: Offer): Promise<void> {
    const { resolved, ticket } = await this.#returnOfferedTicket(op, offer, 'timedOut');
    const agent = this.#agent(offer.agentId);
    const missed = agent.missedOffersInRow + 1;
    const toBreak = missed >= this.#tuning.maxMissedOffers;
    const after = await this.#changeAgentState(
      op,
      agent,
      toBreak ? 'break' : 'available',
      toBreak ? 'missedOffers' : 'offerTimedOut',
      { missedOffersInRow: missed },
    );
    op.emits.push(() =>
      this.safeEmit(RoutingEvent.OfferTimedOut, { offer: resolved, ticket, agent: after }),
    );
    await this.#dispatchTicket(op, ticket.id);
    await this.#dispatchAgent(op, agent.id);
  }

  /** Withdraws the agent's pending offer, if any; returns the ticket put back to waiting. */
  async #withdrawOfferOf(op: Op, agent: Agent): Promise<string | undefined> {
    const offer = this.#state.pendingOfferOfAgent(agent.id);
    if (!offer) return undefined;
    const { resolved, ticket } = await this.#returnOfferedTicket(op, offer, 'withdrawn');
    op.emits.push(() =>
      this.safeEmit(RoutingEvent.OfferWithdrawn, {
        offer: resolved,
        ticket,
        agent: this.#state.agents.get(agent.id) ?? agent,
        reason: 'agentLeft',
      }),
    );
    return ticket.id;
  }

  async #abandon(op: Op, ticket: Ticket, reason: 'cancelled' | 'kioskLost'): Promise<Ticket> {
    const offer = this.#state.pendingOfferOfTicket(ticket.id);
    const ended: Ticket = { ...ticket, state: 'abandoned', endedAt: op.now };
    delete ended.agentId;
    if (offer) {
      const resolved = await this.#resolveOffer(op, offer, 'withdrawn');
      const agent = await this.#changeAgentState(
        op,
        this.#agent(offer.agentId),
        'available',
        'offerWithdrawn',
      );
      op.emits.push(() =>
        this.safeEmit(RoutingEvent.OfferWithdrawn, {
          offer: resolved,
          ticket: ended,
          agent,
          reason: 'ticketEnded',
        }),
      );
    }
    await this.#writeTicket(op, ended);
    op.records.push({
      type: 'abandoned',
      at: op.now,
      ticketId: ticket.id,
      queueId: ticket.queueId,
      waitMs: op.now - ticket.queuedAt,
      reason,
    });
    op.emits.push(() => this.safeEmit(RoutingEvent.TicketAbandoned, { ticket: ended, reason }));
    if (offer) await this.#dispatchAgent(op, offer.agentId);
    return ended;
  }

  async #endCall(
    op: Op,
    ticket: Ticket,
    endedBy: TicketCompletedEvent['endedBy'],
  ): Promise<Ticket> {
    const agent = this.#agent(ticket.agentId ?? '');
    const talkMs = op.now - (ticket.connectedAt ?? op.now);
    const ended: Ticket = { ...ticket, state: 'completed', endedAt: op.now };
    await this.#writeTicket(op, ended);
    op.records.push({
      type: 'callEnded',
      at: op.now,
      ticketId: ticket.id,
      queueId: ticket.queueId,
      agentId: agent.id,
      talkMs,
    });
    op.emits.push(() =>
      this.safeEmit(RoutingEvent.TicketCompleted, { ticket: ended, agentId: agent.id, endedBy }),
    );
    await this.#startWrapUp(op, agent, ticket.queueId, ticket.id, talkMs);
    return ended;
  }

  async #startWrapUp(
    op: Op,
    agent: Agent,
    queueId: string,
    ticketId: string,
    talkMs: number,
  ): Promise<void> {
    const wrapMs = Math.round(this.#queue(queueId).wrapUpSeconds * 1000);
    await this.#changeAgentState(op, agent, 'wrap_up', 'callEnded', {
      callsHandled: agent.callsHandled + 1,
      wrapUp: { ticketId, queueId, talkMs, startedAt: op.now, until: op.now + wrapMs },
    });
    if (wrapMs === 0) await this.#endWrapUp(op, agent.id);
  }

  async #endWrapUp(op: Op, agentId: string): Promise<void> {
    const agent = this.#state.agents.get(agentId);
    if (agent?.state !== 'wrap_up' || (agent.wrapUp?.until ?? 0) > op.now) return;
    await this.#changeAgentState(op, agent, 'available', 'wrapUpEnded');
    await this.#dispatchAgent(op, agentId);
  }

  /** A ticket's deadline: escalate if due, drop a named-agent target if due, retry dispatch. */
  async #wake(op: Op, ticketId: string): Promise<void> {
    const ticket = this.#state.tickets.get(ticketId);
    if (!ticket || ticket.state === 'connected') return;
    const queue = this.#queue(ticket.queueId);
    const reached: number[] = [];
    let level = ticket.escalationLevel;
    for (;;) {
      const at = nextEscalationAt(queue, level, ticket.queuedAt);
      if (at === undefined || at > op.now) break;
      level++;
      reached.push(level);
    }
    const dropTarget =
      ticket.targetAgentId !== undefined &&
      op.now >= ticket.queuedAt + this.#tuning.namedTransferWaitSeconds * 1000;
    const declined = liveDeclines(ticket, op.now);
    if (reached.length > 0 || dropTarget || declined.length !== ticket.declined.length) {
      const next: Ticket = { ...ticket, escalationLevel: level, declined };
      if (dropTarget) delete next.targetAgentId;
      await this.#writeTicket(op, next);
      for (const l of reached) {
        op.records.push({
          type: 'escalated',
          at: op.now,
          ticketId,
          queueId: next.queueId,
          level: l,
        });
      }
      const announce = (l: number, reason: TicketEscalatedEvent['reason']) =>
        op.emits.push(() =>
          this.safeEmit(RoutingEvent.TicketEscalated, {
            ticket: next,
            level: l,
            scope: scopeAt(queue, l),
            reason,
          }),
        );
      for (const l of reached) announce(l, 'waitTime');
      if (dropTarget) announce(level, 'namedAgentUnavailable');
    } else {
      this.#scheduleTicket(op, ticket);
    }
    await this.#dispatchTicket(op, ticketId);
  }

  // ---- Deadlines ----

  #nextWake(ticket: Ticket, now: number): number | undefined {
    let wake =
      nextEscalationAt(this.#queue(ticket.queueId), ticket.escalationLevel, ticket.queuedAt) ??
      Number.POSITIVE_INFINITY;
    if (ticket.targetAgentId !== undefined) {
      wake = Math.min(wake, ticket.queuedAt + this.#tuning.namedTransferWaitSeconds * 1000);
    }
    for (const d of ticket.declined) if (d.until > now) wake = Math.min(wake, d.until);
    return Number.isFinite(wake) ? wake : undefined;
  }

  #scheduleTicket(op: Op, ticket: Ticket): void {
    const live = ticket.state === 'waiting' || ticket.state === 'offered';
    op.deadlines.set(ticketKey(ticket.id), live ? (this.#nextWake(ticket, op.now) ?? null) : null);
  }

  #scheduleWrapUp(op: Op, agent: Agent): void {
    op.deadlines.set(wrapUpKey(agent.id), agent.wrapUp?.until ?? op.now);
  }

  // ---- Positions ----

  #ewt(queueId: string, position: number): number {
    const aht =
      this.#state.stats.get(queueId)?.smoothedAhtMs ?? this.#tuning.initialAhtSeconds * 1000;
    return estimatedWaitSeconds(aht, position, this.#state.servingCount(queueId));
  }

  #pushPositions(op: Op): void {
    for (const queueId of op.dirtyQueues) {
      let position = 0;
      for (const ticket of this.#state.line(queueId)) {
        position++;
        if (ticket.state !== 'waiting') continue;
        const estimatedWaitSeconds = this.#ewt(queueId, position);
        const last = this.#lastPositions.get(ticket.id);
        if (last?.position === position && last.estimatedWaitSeconds === estimatedWaitSeconds) {
          continue;
        }
        this.#lastPositions.set(ticket.id, { position, estimatedWaitSeconds });
        const event: PositionChangedEvent = {
          ticketId: ticket.id,
          queueId,
          terminalId: ticket.context.terminalId,
          kioskSessionId: ticket.context.kioskSessionId,
          position,
          estimatedWaitSeconds,
        };
        op.emits.push(() => this.safeEmit(RoutingEvent.PositionChanged, event));
      }
    }
  }

  // ---- Lookups ----

  #queue(queueId: string): QueueConfig {
    const queue = this.#queues.get(queueId);
    // A stored ticket or agent may name a queue removed from the configuration since.
    if (!queue) throw RoutingError.unknownQueue(queueId);
    return queue;
  }

  #checkQueues(queueIds: readonly string[]): string[] {
    const unique = [...new Set(queueIds)];
    for (const id of unique) this.#queue(id);
    return unique;
  }

  #agent(agentId: string): Agent {
    const agent = this.#state.agents.get(agentId);
    if (!agent) throw RoutingError.agentNotFound(agentId);
    return agent;
  }

  /** A ticket the mirror must hold (referenced by an offer or an agent). */
  #mirrorTicket(ticketId: string): Ticket {
    const ticket = this.#state.tickets.get(ticketId);
    if (!ticket) throw RoutingError.ticketNotFound(ticketId);
    return ticket;
  }

  /** A live ticket for a command; a finished one is an invalid transition, not "not found". */
  async #liveTicket(op: Op, ticketId: string, action: string): Promise<Ticket> {
    const live = this.#state.tickets.get(ticketId);
    if (live) return live;
    const stored = await op.tx.getTicket(ticketId);
    if (!stored) throw RoutingError.ticketNotFound(ticketId);
    throw RoutingError.invalidTransition(`ticket ${ticketId}`, stored.state, action);
  }
}

/** The transaction with every store failure turned into a typed STORE_FAILED error. */
function guardTx(tx: RoutingTx): RoutingTx {
  const guard =
    <A extends unknown[], R>(method: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      try {
        return await method.apply(tx, args);
      } catch (err) {
        throw RoutingError.storeFailed(err);
      }
    };
  return {
    revision: tx.revision,
    getTicket: guard(tx.getTicket),
    listTickets: guard(tx.listTickets),
    putTicket: guard(tx.putTicket),
    getAgent: guard(tx.getAgent),
    listAgents: guard(tx.listAgents),
    putAgent: guard(tx.putAgent),
    getOffer: guard(tx.getOffer),
    listPendingOffers: guard(tx.listPendingOffers),
    putOffer: guard(tx.putOffer),
    listQueueStats: guard(tx.listQueueStats),
    putQueueStats: guard(tx.putQueueStats),
    listMaintenanceTerminals: guard(tx.listMaintenanceTerminals),
    setTerminalMaintenance: guard(tx.setTerminalMaintenance),
    appendRecords: guard(tx.appendRecords),
    listRecords: guard(tx.listRecords),
  };
}

const offerKey = (offerId: string) => `offer:${offerId}`;
const ticketKey = (ticketId: string) => `ticket:${ticketId}`;
const wrapUpKey = (agentId: string) => `wrapUp:${agentId}`;

function liveDeclines(ticket: Ticket, now: number): Ticket['declined'] {
  return ticket.declined.filter((d) => d.until > now);
}

/** A connected ticket stripped of its call, ready to queue again. */
function withoutCall(ticket: Ticket): Ticket {
  const copy = { ...ticket };
  delete copy.agentId;
  delete copy.connectedAt;
  delete copy.targetAgentId;
  return copy;
}
