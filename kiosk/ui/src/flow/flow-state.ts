import type { OpenCaseRefusal } from '@onething/contract/rest/open-case';
import type { PaperState, PrintJobProgress } from '@onething/contract/sockets/bridge-local';
import type {
  BundleNotice,
  CaseView,
  CatalogueIndex,
  FieldError,
  InstantCertificateResponse,
  MergedFormView,
  RatingLevel,
} from '@onething/contract/rest/kiosk';
import type { ErrorCode } from '@onething/contract/errors';
import type {
  AgentInfo,
  ChatMessage,
  RemoteActionRequest,
  RequeueReason,
} from '@onething/contract/sockets/booth';
import type { Language } from '@onething/contract/sockets/kiosk';
import type { IdentityCardData, IdentitySource } from '@onething/contract/identity/identity-card';
import type { ApiFailureKind } from '../api/api-error.ts';
import type { RawAnswers } from './answers.ts';

export type Lang = Language;

/** Which errand the citizen chose on the attract screen. */
export type Journey = 'apply' | 'status' | 'instant';

export type Screen =
  | 'outOfService'
  | 'attract'
  | 'welcome'
  | 'identify'
  | 'chooseBundle'
  | 'notice'
  | 'chooseItems'
  | 'form'
  | 'materials'
  | 'review'
  | 'receipt'
  | 'queued'
  | 'rating'
  | 'finish'
  | 'statusLookup'
  | 'statusView'
  /** The applicant supplies the materials a department asked for (补正), identified. */
  | 'correctionSupply'
  | 'instantChoose'
  | 'instantConfirm'
  | 'instantPrint';

/** Why the terminal could not take this card or code (each has its own calm message). */
export const IDENTIFY_PROBLEMS = [
  'unreadable',
  'badChecksum',
  'expired',
  'notYetValid',
  'readerFault',
  'qrNotOurs',
  'eidRejected',
] as const;
export type IdentifyProblem = (typeof IDENTIFY_PROBLEMS)[number];

/** A failed call, as the citizen needs to hear about it. */
export interface Problem {
  source: 'server' | 'bridge';
  kind: ApiFailureKind;
  code: ErrorCode;
  /** "Try again" repeats the failed call. */
  retryable?: boolean;
  /** CASE_ALREADY_OPEN: the open case (its own applicant) or whom to ask (anyone else). */
  openCase?: OpenCaseRefusal;
}

/** What the terminal is waiting for (one thing at a time; buttons that would repeat it wait). */
export type Busy =
  | 'catalogue'
  | 'notice'
  | 'form'
  | 'validate'
  | 'upload'
  | 'submit'
  | 'queue'
  | 'lookup'
  | 'rating'
  | 'instant'
  | 'print'
  | 'eid';

export type MaterialState =
  { state: 'captured'; uploadId: string; previewUrl: string | null } | { state: 'skipped' };

/** 好差评 dimensions: on-site service, and online service (a video-help call). */
export const ONSITE_DIMENSIONS = ['efficiency', 'competence', 'attitude'] as const;
export const ONLINE_DIMENSIONS = ['efficiency', 'guideAccuracy', 'convenience', 'ease'] as const;
export type RatingDimension =
  (typeof ONSITE_DIMENSIONS)[number] | (typeof ONLINE_DIMENSIONS)[number];

/** A video-help call being rated (channel 'online'); null rates the terminal's own service. */
export interface CallRating {
  callId: string;
  caseNumber: string;
  agentName: string;
}

export type HelpPhase =
  /** Nothing asked; the panel is closed. */
  | 'idle'
  /** help:request sent, no answer yet. */
  | 'requesting'
  /** In the queue: position and estimated wait shown. */
  | 'waiting'
  /** An agent answered: the call panel. */
  | 'connected'
  /** The request could not be made; the problem says why. */
  | 'failed'
  /** The call or request ended; a short note until closed. */
  | 'ended'
  /**
   * Closed (outside the service hours) or nobody online: said plainly, with the call-back form
   * and the hotline instead of a queue.
   */
  | 'unavailable'
  /** A call-back was booked: the masked number it goes to. */
  | 'callBackBooked';

/** Why video help cannot answer now, as the server said (help:availability). */
export interface HelpUnavailable {
  open: boolean;
  /** The next opening (epoch ms) when closed. */
  nextOpenAt: number | null;
  hotline: string;
}

export type HelpMedia =
  | 'off'
  | 'starting'
  | 'live'
  /** No camera or microphone here: the citizen sees and hears the agent, and types. */
  | 'receiveOnly'
  /** No media at all (no SFU, join failed): chat only. */
  | 'unavailable';

export type HelpActionStage =
  'ask' | 'placeCard' | 'capture' | 'working' | 'done' | 'declined' | 'failed';

/** A remote action of the agent on this terminal, and how far it got. */
export interface HelpAction {
  actionId: string;
  request: RemoteActionRequest;
  agentName: string;
  needsConsent: boolean;
  stage: HelpActionStage;
}

export interface HelpState {
  phase: HelpPhase;
  ticketId: string | null;
  position: number | null;
  waitSeconds: number | null;
  escalated: boolean;
  /** Why the call went back to the queue (help:requeued), said while waiting again. */
  requeued: RequeueReason | null;
  agent: AgentInfo | null;
  callId: string | null;
  media: HelpMedia;
  /** The agent's video is arriving. */
  remoteVideo: boolean;
  /** Worst of the call's 0–10 scores, when known. */
  quality: number | null;
  reconnecting: boolean;
  mic: boolean;
  camera: boolean;
  chat: ChatMessage[];
  chatFailed: boolean;
  /** The current (or last) remote action. */
  action: HelpAction | null;
  /** A card read for the agent on consent, when the flow itself holds none. */
  identity: IdentityCardData | null;
  printJobId: string | null;
  /** The case the agent filed during this call (收件受理), once filed. */
  caseNumber: string | null;
  problem: Problem | null;
  /** Whether the request that ended had been answered by an agent. */
  endedAfterCall: boolean;
  unavailable: HelpUnavailable | null;
  /** The call-back request is on its way. */
  callBackSending: boolean;
  /** The call-back could not be booked (the form stays, the number kept). */
  callBackFailed: boolean;
  /** Where the booked call-back will ring, masked. */
  callBackPhone: string | null;
}

export const HELP_CHAT_MAX = 100;

export function initialHelp(): HelpState {
  return {
    phase: 'idle',
    ticketId: null,
    position: null,
    waitSeconds: null,
    escalated: false,
    requeued: null,
    agent: null,
    callId: null,
    media: 'off',
    remoteVideo: false,
    quality: null,
    reconnecting: false,
    mic: true,
    camera: true,
    chat: [],
    chatFailed: false,
    action: null,
    identity: null,
    printJobId: null,
    caseNumber: null,
    problem: null,
    endedAfterCall: false,
    unavailable: null,
    callBackSending: false,
    callBackFailed: false,
    callBackPhone: null,
  };
}

/**
 * Why the server refused a status lookup. A wrong last 4 and an unknown case number are one
 * answer on purpose (case numbers are sequential; telling them apart would list the cases).
 */
export type StatusRefusal = 'notFound';

export type SubmitPhase = 'idle' | 'sending' | 'failed' | 'unreachable';

/** Maintenance staff took the terminal out of service (the bridge's ui:maintenance). */
export interface Maintenance {
  /** The nearest terminal in service, as the server names it ("番禺区政务服务中心 2号机"). */
  alternative: string | null;
}

export interface FlowState {
  screen: Screen;
  journey: Journey | null;
  lang: Lang;
  elder: boolean;
  voice: boolean;
  /** Demo simulator controls are offered only when the bridge accepts sim:* requests. */
  demo: boolean;
  /** Null until the bridge's first connection attempt has told (no warning flashes at start-up). */
  bridgeConnected: boolean | null;
  /** Set while the terminal is in maintenance: the out-of-service screen stays up, even on wipe. */
  maintenance: Maintenance | null;
  /** Describes the terminal, so it survives a wipe. */
  paper: PaperNotice;
  /** Where the terminal stands and the hotline (attract screen); null until the server said. */
  place: TerminalPlace | null;
  /** The booth server did not answer the last call; everything typed is kept. */
  offline: boolean;
  busy: Busy | null;
  problem: Problem | null;

  identity: { card: IdentityCardData; source: IdentitySource } | null;
  identifyProblem: IdentifyProblem | null;
  /** The card left the reader mid-flow and the policy is 'warn'. */
  cardRemovedWarning: boolean;

  catalogue: CatalogueIndex | null;
  search: string;
  lifeEvent: string | null;
  bundleCode: string | null;
  notice: BundleNotice | null;
  selectedItems: string[];
  /** Last refusal of a toggle, so the screen can say why in words. */
  itemRefusal: { code: string; blockedBy: string } | null;
  form: MergedFormView | null;
  answers: RawAnswers;
  fieldErrors: FieldError[];
  /** The field to show when the form is opened from the review ("fix this" goes straight there). */
  formFocus: string | null;
  materials: Record<string, MaterialState>;
  /** Created when the review screen is first shown; dropped when anything submitted changes. */
  idempotencyKey: string | null;
  /**
   * A guardian's separate consent for a minor's data (bundles that carry one): asked when the
   * citizen submits, kept for this bundle only.
   */
  guardianConsent: 'notAsked' | 'asking' | 'given' | 'declined';
  submitPhase: SubmitPhase;
  caseView: CaseView | null;
  /** The server had this idempotency key already: the receipt shows the original case. */
  caseDuplicate: boolean;
  /** Submissions parked in the bridge's outbox while the server was unreachable. */
  queuedPending: number | null;

  printJobs: Record<string, PrintJobProgress>;
  receiptJobId: string | null;
  noticeJobId: string | null;

  rating: {
    level: RatingLevel | null;
    dimensions: Partial<Record<RatingDimension, RatingLevel>>;
    comment: string;
    sent: boolean;
    /** Set when the rating is of a video-help call. */
    call: CallRating | null;
    /** Where the citizen goes after rating a call mid-errand (else: the finish screen). */
    returnTo: Screen | null;
  };

  status: {
    caseNumber: string;
    idLast4: string;
    invalid: ('caseNumber' | 'idLast4')[];
    /** The last scanned code: a receipt of ours (case number filled in) or something else. */
    scan: 'fromReceipt' | 'notOurs' | null;
    /** The server found no such case, or the last 4 did not match it (each said in its words). */
    refused: StatusRefusal | null;
    view: CaseView | null;
    /** The applicant has just supplied the materials asked for. */
    supplied: boolean;
  };

  instant: {
    itemCode: string | null;
    confirmed: boolean;
    response: InstantCertificateResponse | null;
    jobId: string | null;
  };

  /** Seconds left before the inactivity wipe, while the warning shows. */
  idleSecondsLeft: number | null;
  help: HelpState;
  simPanelOpen: boolean;
}

/**
 * The receipt printer's paper as the bridge last reported it, and where else to go when it is
 * out (the nearest terminal in service, from the server; null when none or not asked yet).
 */
export interface PaperNotice {
  paper: PaperState;
  alternative: { name: string; site: string } | null;
}

/** The terminal's name and site, and the hotline to name. */
export interface TerminalPlace {
  name: string;
  site: string;
  hotline: string;
}

export function initialState(env: {
  demo: boolean;
  bridgeConnected: boolean | null;
  catalogue?: CatalogueIndex | null;
  screen?: Screen;
  maintenance?: Maintenance | null;
  paper?: PaperNotice;
  place?: TerminalPlace | null;
}): FlowState {
  const maintenance = env.maintenance ?? null;
  return {
    screen: maintenance ? 'outOfService' : (env.screen ?? 'attract'),
    journey: null,
    lang: 'zh-CN',
    elder: false,
    voice: false,
    demo: env.demo,
    bridgeConnected: env.bridgeConnected,
    maintenance,
    paper: env.paper ?? { paper: 'unknown', alternative: null },
    place: env.place ?? null,
    offline: false,
    busy: null,
    problem: null,
    identity: null,
    identifyProblem: null,
    cardRemovedWarning: false,
    catalogue: env.catalogue ?? null,
    search: '',
    lifeEvent: null,
    bundleCode: null,
    notice: null,
    selectedItems: [],
    itemRefusal: null,
    form: null,
    answers: {},
    fieldErrors: [],
    formFocus: null,
    materials: {},
    idempotencyKey: null,
    guardianConsent: 'notAsked',
    submitPhase: 'idle',
    caseView: null,
    caseDuplicate: false,
    queuedPending: null,
    printJobs: {},
    receiptJobId: null,
    noticeJobId: null,
    rating: initialRating(),
    status: {
      caseNumber: '',
      idLast4: '',
      invalid: [],
      scan: null,
      refused: null,
      view: null,
      supplied: false,
    },
    instant: { itemCode: null, confirmed: false, response: null, jobId: null },
    idleSecondsLeft: null,
    help: initialHelp(),
    simPanelOpen: false,
  };
}

export function initialRating(): FlowState['rating'] {
  return { level: null, dimensions: {}, comment: '', sent: false, call: null, returnTo: null };
}
