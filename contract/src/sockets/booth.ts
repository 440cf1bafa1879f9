import { z } from 'zod';
import { CaseView, Text } from '../rest/kiosk.ts';
import { agentCallBackRequests, kioskCallBackRequests } from './call-backs.ts';
import { IdentityCardSchema } from '../identity/identity-card.ts';
import { defineNotifications, defineRequests } from '../wire/contract.ts';
import { AnswerValue, plainText } from '../text.ts';
import type { ErrorCode } from '../errors.ts';
import { isErrorCode } from '../wire/ack.ts';

/**
 * 政务晓屋 video help: a citizen's ticket, routing to a department agent, the call, remote
 * actions on the booth, text chat, wrap-up and the supervisor's view. Media signalling for the
 * call itself is in media.ts.
 */
const Id = z.string().min(1).max(128);

export const PriorityClass = z.enum(['normal', 'repeat', 'elderly', 'disabled']);
export const AgentStateName = z.enum([
  'offline',
  'available',
  'offered',
  'on_call',
  'wrap_up',
  'break',
]);
export type AgentStateName = z.infer<typeof AgentStateName>;

export const AgentInfo = z.object({
  id: z.string(),
  name: z.string(),
  department: z.string(),
  departmentName: Text,
  regions: z.array(z.string()),
});
export type AgentInfo = z.infer<typeof AgentInfo>;

export const RemoteActionKind = z.enum([
  'readIdCard',
  'showForm',
  'captureDocument',
  'print',
  'acceptCase',
]);
export type RemoteActionKind = z.infer<typeof RemoteActionKind>;

export const RemoteActionRequest = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('readIdCard') }),
  z.object({
    kind: z.literal('showForm'),
    title: z.string().min(1).max(100),
    fields: z
      .array(z.object({ label: z.string().max(60), value: z.string().max(500) }))
      .min(1)
      .max(30),
  }),
  z.object({ kind: z.literal('captureDocument'), material: z.string().min(1).max(100) }),
  z.object({
    kind: z.literal('print'),
    title: z.string().min(1).max(60),
    paragraphs: z.array(z.string().max(2000)).min(1).max(40),
  }),
  /** 收件受理: the agent files the citizen's draft on behalf of the department. */
  z.object({ kind: z.literal('acceptCase') }),
]);
export type RemoteActionRequest = z.infer<typeof RemoteActionRequest>;

/** Whether an action touches personal data and so waits for the citizen's consent on screen. */
export const CONSENT_REQUIRED: Record<RemoteActionKind, boolean> = {
  readIdCard: true,
  showForm: true,
  captureDocument: true,
  print: false,
  acceptCase: true,
};

export const RemoteActionStatus = z.enum(['pending', 'declined', 'done', 'failed']);

/** Why the booth could not do an action the citizen agreed to; the console words it. */
export const RemoteActionFailure = z.enum([
  /** The citizen stopped waiting for the card or the photo. */
  'citizenStopped',
  'cardExpired',
  'cardNotYetValid',
  'cardUnreadable',
  'cardReaderUnavailable',
  'cameraUnavailable',
  'uploadFailed',
  'printerUnavailable',
  /** The printer refused the job. */
  'printFailed',
]);
export type RemoteActionFailure = z.infer<typeof RemoteActionFailure>;

/**
 * What a done action yielded, for the agent's status line (acceptCase: `caseNumber`; showForm
 * and print: nothing).
 */
export const RemoteActionOutcome = z.discriminatedUnion('code', [
  /** The name is masked: the agent sees the full identity only by revealing it. */
  z.object({ code: z.literal('cardRead'), maskedName: z.string().max(100) }),
  z.object({ code: z.literal('documentCaptured'), uploadId: z.string().max(80) }),
]);
export type RemoteActionOutcome = z.infer<typeof RemoteActionOutcome>;

/** Why a consented action failed, as codes and parameters the console words. */
export const RemoteActionProblem = z.discriminatedUnion('code', [
  /** The booth reported the failure itself. */
  z.object({ code: z.literal('booth'), reason: RemoteActionFailure }),
  /** readIdCard: the device bridge attested no card for this kiosk session. */
  z.object({ code: z.literal('noCardRead') }),
  z.object({ code: z.literal('noDocumentCaptured') }),
  /** acceptCase: the citizen has not identified or chosen a 一件事 yet. */
  z.object({ code: z.literal('draftIncomplete') }),
  /** acceptCase: filing was refused; `field` is the answer at fault, when there is one. */
  z.object({
    code: z.literal('filingRefused'),
    error: z.custom<ErrorCode>(isErrorCode),
    field: z.string().max(200).nullable(),
  }),
  /** acceptCase: filing broke for a reason that is not in the catalogue. */
  z.object({ code: z.literal('filingFailed') }),
]);
export type RemoteActionProblem = z.infer<typeof RemoteActionProblem>;

export const RemoteActionResult = z.object({
  actionId: z.string(),
  ticketId: z.string(),
  kind: RemoteActionKind,
  status: RemoteActionStatus,
  /** Set when the status is done and the action yielded something to show. */
  outcome: RemoteActionOutcome.nullable(),
  /** Set when the status is failed. */
  problem: RemoteActionProblem.nullable(),
  /** acceptCase: the case filed. */
  caseNumber: z.string().nullable(),
});
export type RemoteActionResult = z.infer<typeof RemoteActionResult>;

const ChatLine = { ticketId: z.string(), at: z.number() };

/**
 * What the booth itself says in a call's chat: a code and its parameters, worded by each client
 * in its reader's language (the server sends no UI text).
 */
export const SystemChatMessage = z.discriminatedUnion('code', [
  /** The agent picked up the call. */
  z.object({
    ...ChatLine,
    from: z.literal('system'),
    code: z.literal('agentConnected'),
    params: z.object({ name: z.string(), departmentName: Text }),
  }),
  /** An invited agent, or a supervisor listening in, joined the call. */
  z.object({
    ...ChatLine,
    from: z.literal('system'),
    code: z.literal('guestJoined'),
    params: z.object({ name: z.string(), role: z.enum(['agent', 'supervisor']) }),
  }),
]);
export type SystemChatMessage = z.infer<typeof SystemChatMessage>;

/** A line of a call's chat; the citizen is named by each client, staff by their own name. */
export const ChatMessage = z.discriminatedUnion('from', [
  z.object({ ...ChatLine, from: z.literal('citizen'), text: z.string() }),
  z.object({ ...ChatLine, from: z.literal('agent'), name: z.string(), text: z.string() }),
  SystemChatMessage,
]);
export type ChatMessage = z.infer<typeof ChatMessage>;

/** What the citizen's kiosk knows of its draft, shared with the agent it is connected to. */
export const DraftContext = z.object({
  bundleCode: z.string().max(64).nullable(),
  itemCodes: z.array(z.string().max(64)).max(30),
  answers: z.record(z.string(), AnswerValue),
  identity: IdentityCardSchema.nullable(),
  step: z.string().max(40),
});
export type DraftContext = z.infer<typeof DraftContext>;

/** Why a connected call went back to the head of the queue. */
export const RequeueReason = z.enum(['agentLost', 'transfer']);
export type RequeueReason = z.infer<typeof RequeueReason>;

// ——— kiosk side ———

export const KioskBoothRequests = defineRequests({
  ...kioskCallBackRequests,
  'help:request': {
    request: z.object({
      /** The department to reach; defaults to the lead department of the bundle, else general help. */
      department: z.string().max(16).optional(),
      bundleCode: z.string().max(64).optional(),
      language: z.enum(['zh-CN', 'en']),
      // No priority: the server derives it from the attested person, never from the kiosk.
    }),
    response: z.object({
      ticketId: z.string(),
      position: z.number().int(),
      estimatedWaitSeconds: z.number(),
    }),
  },
  'help:cancel': {
    request: z.object({ ticketId: Id }),
    response: z.object({ cancelled: z.literal(true) }),
  },
  'call:hangup': {
    request: z.object({ ticketId: Id }),
    response: z.object({ ended: z.literal(true) }),
  },
  /** The kiosk keeps the agent's view of its draft current while connected. */
  'draft:update': {
    request: z.object({ ticketId: Id, draft: DraftContext }),
    response: z.object({ stored: z.literal(true) }),
  },
  'remote:respond': {
    request: z.object({
      actionId: Id,
      consent: z.boolean(),
      // readIdCard: no card here; the server takes the one the device bridge attested.
      uploadId: z.string().max(80).optional(),
      /** The citizen agreed but the booth could not do it. */
      failed: RemoteActionFailure.optional(),
    }),
    response: z.object({ recorded: z.literal(true) }),
  },
  'chat:send': {
    request: z.object({
      ticketId: Id,
      text: plainText(z.string().trim().min(1).max(500), { multiline: true }),
    }),
    response: z.object({ sent: z.literal(true) }),
  },
});

export const KioskBoothNotifications = defineNotifications({
  'help:position': z.object({
    ticketId: z.string(),
    position: z.number().int(),
    estimatedWaitSeconds: z.number(),
  }),
  'help:escalated': z.object({ ticketId: z.string(), scope: z.string() }),
  /**
   * The agent's connection was lost or the call was transferred: back to the head of the queue.
   * The kiosk words the `reason` for the citizen.
   */
  'help:requeued': z.object({
    ticketId: z.string(),
    reason: RequeueReason,
  }),
  'help:connected': z.object({ ticketId: z.string(), callId: z.string(), agent: AgentInfo }),
  'help:ended': z.object({
    ticketId: z.string(),
    callId: z.string().nullable(),
    endedBy: z.string(),
    caseNumber: z.string().nullable(),
  }),
  'remote:action': z.object({
    actionId: z.string(),
    ticketId: z.string(),
    request: RemoteActionRequest,
    needsConsent: z.boolean(),
    agentName: z.string(),
  }),
  'chat:message': ChatMessage,
  'case:updated': CaseView,
});

// ——— agent console side ———

export const OfferView = z.object({
  offerId: z.string(),
  ticketId: z.string(),
  expiresAt: z.number(),
  priority: PriorityClass,
  language: z.string(),
  bundleName: Text.nullable(),
  terminal: z.object({ id: z.string(), site: z.string(), region: z.string() }),
  waitedSeconds: z.number(),
});
export type OfferView = z.infer<typeof OfferView>;

export const CallContext = z.object({
  ticketId: z.string(),
  callId: z.string(),
  terminal: z.object({ id: z.string(), site: z.string(), region: z.string() }),
  bundleName: Text.nullable(),
  draft: z.object({
    bundleCode: z.string().nullable(),
    itemCodes: z.array(z.string()),
    step: z.string(),
    answeredFields: z.number().int(),
    /** Masked (e.g. 林** 339***********022X) until the agent reveals it, which is audited. */
    identity: z
      .object({ name: z.string(), idNumber: z.string(), revealed: z.boolean() })
      .nullable(),
  }),
  participants: z.array(
    z.object({ id: z.string(), name: z.string(), role: z.enum(['agent', 'supervisor']) }),
  ),
  /** The call's chat so far, so a reloaded console shows what was said. */
  chat: z.array(ChatMessage),
});
export type CallContext = z.infer<typeof CallContext>;

export const QueueSummary = z.object({
  queueId: z.string(),
  department: z.string(),
  departmentName: Text,
  waiting: z.number().int(),
  longestWaitSeconds: z.number(),
  agentsByState: z.record(z.string(), z.number().int()),
  serviceLevel: z.number().nullable(),
  asaSeconds: z.number().nullable(),
  ahtSeconds: z.number().nullable(),
  abandonmentRate: z.number().nullable(),
  occupancy: z.number().nullable(),
});
export type QueueSummary = z.infer<typeof QueueSummary>;

export const AgentRow = z.object({
  id: z.string(),
  name: z.string(),
  department: z.string(),
  state: AgentStateName,
  queues: z.array(z.string()),
  regions: z.array(z.string()),
  sinceSeconds: z.number(),
  ticketId: z.string().nullable(),
});
export type AgentRow = z.infer<typeof AgentRow>;

export const SupervisorSnapshot = z.object({
  queues: z.array(QueueSummary),
  agents: z.array(AgentRow),
  calls: z.array(
    z.object({
      ticketId: z.string(),
      callId: z.string(),
      agentId: z.string(),
      terminalId: z.string(),
      since: z.number(),
    }),
  ),
  csat: z.number().nullable(),
  openFollowUps: z.number().int(),
});
export type SupervisorSnapshot = z.infer<typeof SupervisorSnapshot>;

export const AgentSelf = z.object({
  state: AgentStateName,
  queues: z.array(z.string()),
  callsHandled: z.number().int(),
});

export const AgentBoothRequests = defineRequests({
  ...agentCallBackRequests,
  'agent:setState': {
    request: z.object({ state: z.enum(['available', 'break', 'offline']) }),
    response: AgentSelf,
  },
  'agent:self': { request: z.object({}).strict(), response: AgentSelf },
  /** Waiting tickets of the agent's queues, without personal data. */
  'agent:queue': {
    request: z.object({}).strict(),
    response: z.object({
      queues: z.array(QueueSummary),
      waiting: z.array(OfferView.omit({ offerId: true, expiresAt: true })),
    }),
  },
  'offer:accept': { request: z.object({ offerId: Id }), response: CallContext },
  'offer:reject': {
    request: z.object({ offerId: Id }),
    response: z.object({ rejected: z.literal(true) }),
  },
  'call:context': { request: z.object({ ticketId: Id }), response: CallContext },
  'call:revealIdentity': {
    request: z.object({ ticketId: Id, reason: z.string().trim().min(2).max(200) }),
    response: IdentityCardSchema,
  },
  'call:end': {
    request: z.object({ ticketId: Id }),
    response: z.object({ ended: z.literal(true) }),
  },
  'call:wrapUp': {
    request: z.object({
      ticketId: Id,
      disposition: z.enum([
        'resolved',
        'caseAccepted',
        'referred',
        'citizenLeft',
        'technicalIssue',
        'other',
      ]),
      note: plainText(z.string().max(1000), { multiline: true }).default(''),
    }),
    response: z.object({ recorded: z.literal(true) }),
  },
  'call:transfer': {
    request: z.object({
      ticketId: Id,
      to: z.union([z.object({ department: z.string().min(1).max(16) }), z.object({ agentId: Id })]),
    }),
    response: z.object({ transferred: z.literal(true) }),
  },
  /** Three-party: invite another agent (or a supervisor) into the call. */
  'call:invite': {
    request: z.object({ ticketId: Id, staffId: Id }),
    response: z.object({ invited: z.literal(true) }),
  },
  'remote:request': {
    request: z.object({ ticketId: Id, action: RemoteActionRequest }),
    response: z.object({ actionId: z.string(), needsConsent: z.boolean() }),
  },
  'chat:send': {
    request: z.object({
      ticketId: Id,
      text: plainText(z.string().trim().min(1).max(500), { multiline: true }),
    }),
    response: z.object({ sent: z.literal(true) }),
  },
  // supervisor
  'supervisor:snapshot': { request: z.object({}).strict(), response: SupervisorSnapshot },
  'supervisor:moveAgent': {
    request: z.object({
      agentId: Id,
      departments: z.array(z.string().min(1).max(16)).min(1).max(10),
    }),
    response: AgentRow,
  },
  /** Silent monitor: join a call receiving media only; the citizen and agent are told. */
  'supervisor:monitor': { request: z.object({ ticketId: Id }), response: CallContext },
});

export const AgentBoothNotifications = defineNotifications({
  'agent:state': AgentSelf,
  'offer:new': OfferView,
  'offer:ended': z.object({
    offerId: z.string(),
    reason: z.enum(['timedOut', 'withdrawn', 'rejected']),
  }),
  'call:ended': z.object({ ticketId: z.string(), callId: z.string(), endedBy: z.string() }),
  'call:invited': CallContext,
  'remote:result': RemoteActionResult,
  'chat:message': ChatMessage,
  'supervisor:update': SupervisorSnapshot,
});
