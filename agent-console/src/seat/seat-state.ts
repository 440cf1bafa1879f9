import type {
  AgentStateName,
  CallContext,
  ChatMessage,
  OfferView,
  RemoteActionKind,
  RemoteActionOutcome,
  RemoteActionProblem,
  RemoteActionResult,
} from '@onething/contract/sockets/booth';
import type { IdentityCardData } from '@onething/contract/identity/identity-card';

/**
 * The agent seat as one value changed by one reducer: what the server pushed (state, offers,
 * chat, remote results, the end of a call) and what the agent did (accepted, asked the booth for
 * something, revealed the identity, wrapped up). No DOM and no socket here, so it is tested in node.
 */

export interface AgentSelf {
  state: AgentStateName;
  queues: string[];
  callsHandled: number;
}

export type OfferEndReason = 'timedOut' | 'withdrawn' | 'rejected';

/** One remote action the agent asked for; its outcome arrives separately as a remote:result. */
export interface ActionRun {
  localId: number;
  kind: RemoteActionKind;
  /** null until the server acknowledged the request. */
  actionId: string | null;
  needsConsent: boolean;
  /** The request itself failed (no connection, refused); the error code or null. */
  error: string | null;
}

export interface WrapUp {
  ticketId: string;
  endedBy: string;
  caseNumber: string | null;
}

export interface SeatState {
  self: AgentSelf | null;
  offer: OfferView | null;
  /** Why the last offer went away without being accepted; cleared by the next offer or call. */
  offerEnded: OfferEndReason | null;
  call: CallContext | null;
  /** In someone else's call at their invitation: no wrap-up, no ending it for everyone. */
  guest: boolean;
  /** A colleague's invitation into their call, until joined or dismissed. */
  invite: CallContext | null;
  chat: ChatMessage[];
  /**
   * Chat for a call not (yet) on screen: the server's "connected" line can overtake the
   * acknowledgement of the accept. Taken into the call when it starts.
   */
  early: ChatMessage[];
  runs: ActionRun[];
  /** Results by action id: the booth may answer before the request's acknowledgement arrives. */
  results: Record<string, RemoteActionResult>;
  /** The full identity, once revealed (audited on the server). Dropped when the call ends. */
  identity: IdentityCardData | null;
  wrapUp: WrapUp | null;
}

export const initialSeat: SeatState = {
  self: null,
  offer: null,
  offerEnded: null,
  call: null,
  guest: false,
  invite: null,
  chat: [],
  early: [],
  runs: [],
  results: {},
  identity: null,
  wrapUp: null,
};

/** What leaving a call clears: personal data and the call's conversation leave the screen. */
const leftCall = {
  call: null,
  guest: false,
  chat: [],
  runs: [],
  results: {},
  identity: null,
} satisfies Partial<SeatState>;

/** Chat kept on screen for one call; the oldest lines go first. */
export const CHAT_LIMIT = 200;
const EARLY_LIMIT = 20;

export type SeatEvent =
  | { type: 'self'; self: AgentSelf }
  | { type: 'offer'; offer: OfferView }
  | { type: 'offerEnded'; offerId: string; reason: OfferEndReason }
  /** The agent accepted (or was restored into) a call; a fresh call starts clean. */
  | { type: 'call'; context: CallContext; guest?: boolean }
  | { type: 'context'; context: CallContext }
  | { type: 'chat'; message: ChatMessage }
  /** `localId` comes from the caller, who needs it to match the acknowledgement. */
  | { type: 'actionSent'; localId: number; kind: RemoteActionKind }
  | { type: 'actionAcked'; localId: number; actionId: string; needsConsent: boolean }
  | { type: 'actionFailed'; localId: number; error: string }
  | { type: 'result'; result: RemoteActionResult }
  | { type: 'revealed'; identity: IdentityCardData }
  | { type: 'callEnded'; ticketId: string; endedBy: string }
  /** A wrap-up restored after a reload, with nothing else known about the call. */
  | { type: 'wrapUpPending'; ticketId: string }
  | { type: 'wrappedUp' }
  | { type: 'invited'; context: CallContext }
  | { type: 'inviteDismissed' }
  /** A guest left the call they were invited to; the call goes on without them. */
  | { type: 'left' };

export function seatReducer(s: SeatState, e: SeatEvent): SeatState {
  switch (e.type) {
    case 'self':
      return { ...s, self: e.self };
    case 'offer':
      return { ...s, offer: e.offer, offerEnded: null };
    case 'offerEnded':
      if (s.offer?.offerId !== e.offerId) return s;
      return { ...s, offer: null, offerEnded: e.reason };
    case 'call':
      // An unsent wrap-up of the previous call is dropped: the server already returned the agent
      // to available (that is how this call could be offered).
      return {
        ...s,
        offer: e.guest ? s.offer : null,
        offerEnded: e.guest ? s.offerEnded : null,
        call: e.context,
        guest: e.guest ?? false,
        invite: s.invite?.ticketId === e.context.ticketId ? null : s.invite,
        chat: s.early.filter((m) => m.ticketId === e.context.ticketId),
        early: [],
        runs: [],
        results: {},
        identity: null,
        wrapUp: e.guest ? s.wrapUp : null,
      };
    case 'context':
      if (s.call?.ticketId !== e.context.ticketId) return s;
      // After a reload the console has no chat of its own: the server's copy fills it in.
      return {
        ...s,
        call: e.context,
        chat: s.chat.length ? s.chat : e.context.chat.slice(-CHAT_LIMIT),
      };
    case 'chat': {
      if (s.call?.ticketId !== e.message.ticketId) {
        return { ...s, early: [...s.early, e.message].slice(-EARLY_LIMIT) };
      }
      const chat = [...s.chat, e.message];
      return { ...s, chat: chat.slice(-CHAT_LIMIT) };
    }
    case 'actionSent':
      if (!s.call) return s;
      return {
        ...s,
        runs: [
          ...s.runs,
          { localId: e.localId, kind: e.kind, actionId: null, needsConsent: false, error: null },
        ],
      };
    case 'actionAcked':
      return {
        ...s,
        runs: s.runs.map((r) =>
          r.localId === e.localId
            ? { ...r, actionId: e.actionId, needsConsent: e.needsConsent }
            : r,
        ),
      };
    case 'actionFailed':
      return {
        ...s,
        runs: s.runs.map((r) => (r.localId === e.localId ? { ...r, error: e.error } : r)),
      };
    case 'result':
      if (s.call?.ticketId !== e.result.ticketId) return s;
      return { ...s, results: { ...s.results, [e.result.actionId]: e.result } };
    case 'revealed':
      if (!s.call) return s;
      return { ...s, identity: e.identity };
    case 'callEnded': {
      const invite = s.invite?.ticketId === e.ticketId ? null : s.invite;
      if (s.call?.ticketId !== e.ticketId) return { ...s, invite };
      return {
        ...s,
        invite,
        ...leftCall,
        wrapUp: s.guest
          ? s.wrapUp
          : { ticketId: e.ticketId, endedBy: e.endedBy, caseNumber: caseNumberOf(s) },
      };
    }
    case 'left':
      return s.guest ? { ...s, ...leftCall } : s;
    case 'invited':
      return { ...s, invite: e.context };
    case 'inviteDismissed':
      return { ...s, invite: null };
    case 'wrapUpPending':
      if (s.call || s.wrapUp) return s;
      return { ...s, wrapUp: { ticketId: e.ticketId, endedBy: 'unknown', caseNumber: null } };
    case 'wrappedUp':
      return { ...s, wrapUp: null };
  }
}

/** The case filed during the call (收件受理), if any. */
export function caseNumberOf(s: Pick<SeatState, 'results'>): string | null {
  const filed = Object.values(s.results).find(
    (r) => r.kind === 'acceptCase' && r.status === 'done' && r.caseNumber,
  );
  return filed?.caseNumber ?? null;
}

export type RunStatus =
  | { phase: 'sending' }
  | { phase: 'error'; code: string }
  | { phase: 'pending'; needsConsent: boolean }
  | { phase: 'done'; caseNumber: string | null; outcome: RemoteActionOutcome | null }
  | { phase: 'declined' }
  | { phase: 'failed'; problem: RemoteActionProblem | null };

/** Where a remote action stands, from the request and whatever the booth reported. */
export function runStatus(run: ActionRun, results: Record<string, RemoteActionResult>): RunStatus {
  if (run.error !== null) return { phase: 'error', code: run.error };
  if (run.actionId === null) return { phase: 'sending' };
  const r = results[run.actionId];
  if (!r || r.status === 'pending') return { phase: 'pending', needsConsent: run.needsConsent };
  if (r.status === 'done') return { phase: 'done', caseNumber: r.caseNumber, outcome: r.outcome };
  if (r.status === 'declined') return { phase: 'declined' };
  return { phase: 'failed', problem: r.problem };
}

/** The latest run of each kind, which is what the agent's panel shows next to its button. */
export function latestRuns(
  runs: readonly ActionRun[],
): Partial<Record<RemoteActionKind, ActionRun>> {
  const out: Partial<Record<RemoteActionKind, ActionRun>> = {};
  for (const r of runs) out[r.kind] = r;
  return out;
}

/** Whether the status switch may ask for a state now; the server refuses the others. */
export function canRequestState(
  current: AgentStateName | undefined,
  wanted: 'available' | 'break' | 'offline',
): boolean {
  if (current === undefined || current === wanted) return false;
  if (current === 'on_call') return false;
  // While an offer rings the agent answers it; going on break or offline withdraws it.
  if (current === 'offered') return wanted !== 'available';
  return true;
}

/** The paragraphs of a print request: one per non-empty line. */
export function paragraphsOf(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
}

export interface FormRow {
  label: string;
  value: string;
}

/** The rows worth sending: a row with neither label nor value is left out. */
export function formFields(rows: readonly FormRow[]): FormRow[] {
  return rows
    .map((r) => ({ label: r.label.trim(), value: r.value.trim() }))
    .filter((r) => r.label.length > 0 || r.value.length > 0);
}
