import type { CaseView } from '@onething/contract/rest/kiosk';
import type { AgentInfo, ChatMessage, RequeueReason } from '@onething/contract/sockets/booth';
import type { IdentityCardData } from '@onething/contract/identity/identity-card';
import {
  type FlowState,
  HELP_CHAT_MAX,
  type HelpAction,
  type HelpActionStage,
  type HelpMedia,
  type HelpState,
  type HelpUnavailable,
  initialHelp,
  initialRating,
  type Problem,
} from './flow-state.ts';
import { go } from './navigation.ts';

/** What happens to the video-help part of the flow: the ticket, the call and its actions. */
export type HelpFlowAction =
  | { type: 'helpRequested' }
  | { type: 'helpQueued'; ticketId: string; position: number; waitSeconds: number }
  | { type: 'helpRequestFailed'; problem: Problem }
  /** Closed or nobody online: no queue, a call-back and the hotline instead. */
  | { type: 'helpUnavailable'; unavailable: HelpUnavailable }
  | { type: 'helpCallBackSending' }
  | { type: 'helpCallBackFailed' }
  | { type: 'helpCallBackBooked'; phoneMasked: string }
  | { type: 'helpPosition'; ticketId: string; position: number; waitSeconds: number }
  | { type: 'helpEscalated'; ticketId: string }
  | { type: 'helpRequeued'; ticketId: string; reason: RequeueReason }
  | { type: 'helpConnected'; ticketId: string; callId: string; agent: AgentInfo }
  | { type: 'helpMedia'; media: HelpMedia }
  | { type: 'helpRemoteVideo'; on: boolean }
  | { type: 'helpQuality'; score: number | null }
  | { type: 'helpReconnecting'; on: boolean }
  | { type: 'helpDevice'; kind: 'mic' | 'camera'; on: boolean }
  | { type: 'helpChat'; message: ChatMessage }
  | { type: 'helpChatFailed'; failed: boolean }
  | { type: 'helpAction'; action: HelpAction }
  | { type: 'helpActionStage'; actionId: string; stage: HelpActionStage }
  | { type: 'helpIdentity'; card: IdentityCardData }
  | {
      type: 'helpEnded';
      ticketId: string;
      callId: string | null;
      caseNumber: string | null;
      /** 'cancelled' when the citizen withdrew the request before anyone answered. */
      endedBy: string;
    }
  | { type: 'helpClosed' }
  /** The agent filed the citizen's case during the call (收件受理). */
  | { type: 'caseFiled'; caseView: CaseView }
  /** A newer view of the case on screen (status changed). */
  | { type: 'caseUpdated'; caseView: CaseView };

const HELP_TYPES: ReadonlySet<string> = new Set<HelpFlowAction['type']>([
  'helpRequested',
  'helpQueued',
  'helpRequestFailed',
  'helpUnavailable',
  'helpCallBackSending',
  'helpCallBackFailed',
  'helpCallBackBooked',
  'helpPosition',
  'helpEscalated',
  'helpRequeued',
  'helpConnected',
  'helpMedia',
  'helpRemoteVideo',
  'helpQuality',
  'helpReconnecting',
  'helpDevice',
  'helpChat',
  'helpChatFailed',
  'helpAction',
  'helpActionStage',
  'helpIdentity',
  'helpEnded',
  'helpClosed',
  'caseFiled',
  'caseUpdated',
]);

export function isHelpAction(action: { type: string }): action is HelpFlowAction {
  return HELP_TYPES.has(action.type);
}

/** The call's parts are live: what arrives for them is applied. */
export function helpActive(h: HelpState): boolean {
  return h.phase === 'waiting' || h.phase === 'connected';
}

function help(state: FlowState, change: Partial<HelpState>): FlowState {
  return { ...state, help: { ...state.help, ...change } };
}

/** What arrives for `ticketId` is for this citizen: their call, and it is live. */
export function ownsTicket(h: HelpState, ticketId: string): boolean {
  return h.ticketId === ticketId && helpActive(h);
}

export function helpReducer(state: FlowState, action: HelpFlowAction): FlowState {
  const h = state.help;
  switch (action.type) {
    case 'helpRequested':
      if (h.phase === 'requesting' || helpActive(h)) return state;
      return { ...state, help: { ...initialHelp(), phase: 'requesting' } };
    case 'helpQueued':
      if (h.phase !== 'requesting') return state;
      return help(state, {
        phase: 'waiting',
        ticketId: action.ticketId,
        position: action.position,
        waitSeconds: action.waitSeconds,
      });
    case 'helpRequestFailed':
      if (h.phase !== 'requesting') return state;
      return help(state, { phase: 'failed', problem: action.problem });
    case 'helpUnavailable':
      if (h.phase !== 'requesting') return state;
      return help(state, { phase: 'unavailable', unavailable: action.unavailable });
    case 'helpCallBackSending':
      if (h.phase !== 'unavailable') return state;
      return help(state, { callBackSending: true, callBackFailed: false });
    case 'helpCallBackFailed':
      if (h.phase !== 'unavailable') return state;
      return help(state, { callBackSending: false, callBackFailed: true });
    case 'helpCallBackBooked':
      if (h.phase !== 'unavailable') return state;
      return help(state, {
        phase: 'callBackBooked',
        callBackSending: false,
        callBackPhone: action.phoneMasked,
      });
    case 'helpPosition':
      if (!ownsTicket(state.help, action.ticketId) || h.phase !== 'waiting') return state;
      return help(state, { position: action.position, waitSeconds: action.waitSeconds });
    case 'helpEscalated':
      return ownsTicket(state.help, action.ticketId) ? help(state, { escalated: true }) : state;
    case 'helpRequeued':
      if (!ownsTicket(state.help, action.ticketId)) return state;
      // the agent is gone: the call's parts end, the chat history stays readable
      return help(state, {
        phase: 'waiting',
        requeued: action.reason,
        callId: null,
        media: 'off',
        remoteVideo: false,
        quality: null,
        reconnecting: false,
        position: null,
        waitSeconds: null,
        action: null,
      });
    case 'helpConnected':
      if (!ownsTicket(state.help, action.ticketId)) return state;
      return help(state, {
        phase: 'connected',
        callId: action.callId,
        agent: action.agent,
        requeued: null,
        escalated: false,
        position: null,
        waitSeconds: null,
        media: 'starting',
        mic: true,
        camera: true,
      });
    case 'helpMedia':
      return h.phase === 'connected' ? help(state, { media: action.media }) : state;
    case 'helpRemoteVideo':
      return h.phase === 'connected' ? help(state, { remoteVideo: action.on }) : state;
    case 'helpQuality':
      return h.phase === 'connected' ? help(state, { quality: action.score }) : state;
    case 'helpReconnecting':
      return helpActive(h) ? help(state, { reconnecting: action.on }) : state;
    case 'helpDevice':
      return help(state, action.kind === 'mic' ? { mic: action.on } : { camera: action.on });
    case 'helpChat':
      if (!ownsTicket(state.help, action.message.ticketId)) return state;
      return help(state, {
        chat: [...h.chat, action.message].slice(-HELP_CHAT_MAX),
        chatFailed: action.message.from === 'citizen' ? false : h.chatFailed,
      });
    case 'helpChatFailed':
      return help(state, { chatFailed: action.failed });
    case 'helpAction':
      return h.phase === 'connected' ? help(state, { action: action.action }) : state;
    case 'helpActionStage':
      if (h.action?.actionId !== action.actionId) return state;
      return help(state, { action: { ...h.action, stage: action.stage } });
    case 'helpIdentity':
      return h.phase === 'connected' ? help(state, { identity: action.card }) : state;
    case 'helpClosed':
      return h.phase === 'failed' ||
        h.phase === 'ended' ||
        h.phase === 'requesting' ||
        h.phase === 'unavailable' ||
        h.phase === 'callBackBooked'
        ? { ...state, help: initialHelp() }
        : state;
    case 'helpEnded':
      return helpEnded(state, action);
    case 'caseFiled': {
      const view = action.caseView;
      if (h.phase !== 'connected') return state;
      const next = help(state, { caseNumber: view.caseNumber });
      return go(
        {
          ...next,
          journey: 'apply',
          caseView: view,
          caseDuplicate: false,
          submitPhase: 'idle',
          busy: null,
          queuedPending: null,
          receiptJobId: null,
        },
        'receipt',
      );
    }
    case 'caseUpdated':
      if (state.caseView?.caseNumber !== action.caseView.caseNumber) return state;
      return { ...state, caseView: action.caseView };
  }
}

/**
 * The call is over. The citizen stays where they were; a call that produced a case is rated
 * (好差评, channel 'online'): on the receipt the normal "rate this service" step rates the
 * call; anywhere else the rating screen comes now and then returns to where they were. A call
 * without a case has nothing to rate against and is simply closed.
 */
function helpEnded(
  state: FlowState,
  action: Extract<HelpFlowAction, { type: 'helpEnded' }>,
): FlowState {
  const h = state.help;
  if (h.ticketId !== action.ticketId || !helpActive(h)) return state;
  const afterCall = h.agent !== null;
  const quiet = !afterCall && action.endedBy === 'cancelled';
  const ended: FlowState = {
    ...state,
    help: { ...initialHelp(), phase: quiet ? 'idle' : 'ended', endedAfterCall: afterCall },
  };
  if (!h.agent || !action.caseNumber) return ended;
  const call = {
    callId: action.callId ?? action.ticketId,
    caseNumber: action.caseNumber,
    agentName: h.agent.name,
  };
  if (state.screen === 'receipt' || state.screen === 'rating') {
    return { ...ended, rating: { ...initialRating(), call } };
  }
  return go(
    {
      ...ended,
      help: { ...ended.help, phase: 'idle' },
      rating: { ...initialRating(), call, returnTo: state.screen },
    },
    'rating',
  );
}
