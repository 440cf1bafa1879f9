import { z } from 'zod';

/**
 * The routing engine's records. Each type is inferred from its zod schema so a persistent store
 * can validate what it reads back (rows are plain JSON-compatible data: no Dates, no classes).
 * Times are epoch milliseconds from the engine's injected clock.
 */

const Id = z.string().min(1).max(128);
const Code = z.string().min(1).max(64);
const Millis = z.number().int().nonnegative();

export const PRIORITY_CLASSES = ['normal', 'repeat', 'elderly', 'disabled'] as const;
export const PriorityClassSchema = z.enum(PRIORITY_CLASSES);
export type PriorityClass = z.infer<typeof PriorityClassSchema>;

/**
 * Higher is served first. Vulnerable citizens come before repeat visits; a repeat visit (the
 * citizen had to come back) still beats a first visit, because 一次办 promises one trip.
 */
export const PRIORITY_WEIGHTS: Readonly<Record<PriorityClass, number>> = {
  normal: 0,
  repeat: 1,
  elderly: 2,
  disabled: 3,
};

export const TICKET_STATES = ['waiting', 'offered', 'connected', 'abandoned', 'completed'] as const;
export const TicketStateSchema = z.enum(TICKET_STATES);
export type TicketState = z.infer<typeof TicketStateSchema>;
/** States in which a ticket is still routed or served; the others are final. */
export const LIVE_TICKET_STATES: readonly TicketState[] = ['waiting', 'offered', 'connected'];

export const AGENT_STATES = [
  'offline',
  'available',
  'offered',
  'on_call',
  'wrap_up',
  'break',
] as const;
export const AgentStateSchema = z.enum(AGENT_STATES);
export type AgentState = z.infer<typeof AgentStateSchema>;

/**
 * How wide a ticket's routing target is: the booth's own region, any region serving the queue,
 * then (if a queue is configured for it) any agent of the queue whatever their languages.
 */
export const MATCH_SCOPES = ['region', 'anyRegion', 'anyLanguage'] as const;
export const MatchScopeSchema = z.enum(MATCH_SCOPES);
export type MatchScope = z.infer<typeof MatchScopeSchema>;

export const SkillsSchema = z.strictObject({
  department: Code,
  /** The booth's region (e.g. an administrative division code). */
  region: Code,
  language: Code,
});
export type Skills = z.infer<typeof SkillsSchema>;

/** What the agent sees about where the ticket came from. Identifiers only, no personal data. */
export const TicketContextSchema = z.strictObject({
  bundleCode: Code.optional(),
  draftCaseId: Id.optional(),
  terminalId: Id,
  kioskSessionId: Id,
});
export type TicketContext = z.infer<typeof TicketContextSchema>;

export const REQUEUE_REASONS = ['agentLost', 'transfer'] as const;
export type RequeueReason = (typeof REQUEUE_REASONS)[number];

export const TicketSchema = z.object({
  id: Id,
  createdAt: Millis,
  /** When the ticket last entered a queue; escalation and ASA count from here. */
  queuedAt: Millis,
  queueId: Id,
  skills: SkillsSchema,
  priorityClass: PriorityClassSchema,
  priority: z.number().int(),
  context: TicketContextSchema,
  state: TicketStateSchema,
  escalationLevel: z.number().int().nonnegative(),
  /** Set when the ticket came back after being served; such tickets go to the head of the line. */
  requeuedReason: z.enum(REQUEUE_REASONS).optional(),
  /** A cold transfer to a named agent: only that agent is offered the ticket until it escalates. */
  targetAgentId: Id.optional(),
  /** The agent the ticket is offered to or connected with. */
  agentId: Id.optional(),
  connectedAt: Millis.optional(),
  endedAt: Millis.optional(),
  /** Agents who rejected or missed this ticket are not offered it again until `until`. */
  declined: z.array(z.object({ agentId: Id, until: Millis })),
});
export type Ticket = z.infer<typeof TicketSchema>;

export const WrapUpSchema = z.object({
  ticketId: Id,
  queueId: Id,
  talkMs: Millis,
  startedAt: Millis,
  until: Millis,
});
export type WrapUp = z.infer<typeof WrapUpSchema>;

export const AgentSchema = z.object({
  id: Id,
  name: z.string().min(1).max(100),
  department: Code,
  regions: z.array(Code).min(1),
  languages: z.array(Code).min(1),
  queues: z.array(Id),
  state: AgentStateSchema,
  lastStateChangeAt: Millis,
  /** When the agent last became available after work, a break or logging in. */
  idleSince: Millis,
  missedOffersInRow: z.number().int().nonnegative(),
  callsHandled: z.number().int().nonnegative(),
  /** The ticket offered to or connected with the agent. */
  ticketId: Id.optional(),
  wrapUp: WrapUpSchema.optional(),
});
export type Agent = z.infer<typeof AgentSchema>;

export const OFFER_STATUSES = ['pending', 'accepted', 'rejected', 'timedOut', 'withdrawn'] as const;
export const OfferSchema = z.object({
  id: Id,
  ticketId: Id,
  agentId: Id,
  createdAt: Millis,
  expiresAt: Millis,
  status: z.enum(OFFER_STATUSES),
  resolvedAt: Millis.optional(),
});
export type Offer = z.infer<typeof OfferSchema>;
export type OfferStatus = Offer['status'];

/** Per-queue running figures that must survive a restart (the smoothed AHT feeds the EWT). */
export const QueueStatsSchema = z.object({
  queueId: Id,
  smoothedAhtMs: z.number().nonnegative(),
  handled: z.number().int().nonnegative(),
});
export type QueueStats = z.infer<typeof QueueStatsSchema>;

/**
 * The append-only log KPIs are computed from. Every record names its queue except agent state
 * changes, which are per agent (occupancy is computed over the agents serving a queue).
 */
export const RoutingRecordSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('enqueued'),
    at: Millis,
    ticketId: Id,
    queueId: Id,
    priority: z.number().int(),
  }),
  z.object({
    type: z.literal('requeued'),
    at: Millis,
    ticketId: Id,
    queueId: Id,
    fromQueueId: Id,
    reason: z.enum(REQUEUE_REASONS),
  }),
  z.object({ type: z.literal('offered'), at: Millis, ticketId: Id, queueId: Id, agentId: Id }),
  z.object({
    type: z.literal('offerEnded'),
    at: Millis,
    ticketId: Id,
    queueId: Id,
    agentId: Id,
    status: z.enum(['rejected', 'timedOut', 'withdrawn']),
  }),
  z.object({
    type: z.literal('answered'),
    at: Millis,
    ticketId: Id,
    queueId: Id,
    agentId: Id,
    waitMs: Millis,
  }),
  z.object({
    type: z.literal('abandoned'),
    at: Millis,
    ticketId: Id,
    queueId: Id,
    waitMs: Millis,
    reason: z.enum(['cancelled', 'kioskLost']),
  }),
  z.object({
    type: z.literal('escalated'),
    at: Millis,
    ticketId: Id,
    queueId: Id,
    level: z.number().int().positive(),
  }),
  z.object({
    type: z.literal('callEnded'),
    at: Millis,
    ticketId: Id,
    queueId: Id,
    agentId: Id,
    talkMs: Millis,
  }),
  /** Written when the agent leaves wrap-up: one handled contact with its full handle time. */
  z.object({
    type: z.literal('handled'),
    at: Millis,
    ticketId: Id,
    queueId: Id,
    agentId: Id,
    talkMs: Millis,
    wrapMs: Millis,
  }),
  z.object({
    type: z.literal('agentState'),
    at: Millis,
    agentId: Id,
    from: AgentStateSchema,
    to: AgentStateSchema,
  }),
]);
export type RoutingRecord = z.infer<typeof RoutingRecordSchema>;

// ---- Inputs accepted from outside the engine (validated, unknown keys refused) ----

export const EnqueueInputSchema = z.strictObject({
  /** Lets a caller make enqueue idempotent across retries; generated when absent. */
  id: Id.optional(),
  skills: SkillsSchema,
  priority: PriorityClassSchema.default('normal'),
  context: TicketContextSchema,
});
export type EnqueueInput = z.input<typeof EnqueueInputSchema>;

export const AgentProfileSchema = z.strictObject({
  id: Id,
  name: z.string().min(1).max(100),
  department: Code,
  regions: z.array(Code).min(1).max(64),
  languages: z.array(Code).min(1).max(16),
  /** Queues served; defaults to the queue of the agent's department. */
  queues: z.array(Id).max(64).optional(),
});
export type AgentProfile = z.input<typeof AgentProfileSchema>;

export const TransferInputSchema = z.strictObject({
  ticketId: Id,
  /** The agent handing the call over; must be the one connected. */
  agentId: Id,
  to: z.union([z.strictObject({ queueId: Id }), z.strictObject({ agentId: Id })]),
  /** Optional changes of the required language or region for the new target. */
  skills: z.strictObject({ language: Code.optional(), region: Code.optional() }).optional(),
});
export type TransferInput = z.input<typeof TransferInputSchema>;
