import type { PrintJobProgress } from '@onething/shared/api/bridge-local';
import type {
  BundleNotice,
  CaseView,
  CatalogueIndex,
  FieldError,
  InstantCertificateResponse,
  MergedFormView,
  RatingLevel,
} from '@onething/shared/api/kiosk';
import type { ErrorCode } from '@onething/shared/errors';
import type { Language } from '@onething/shared/events/kiosk';
import type { IdentityCardData, IdentitySource } from '@onething/shared/identity/identity-card';
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
  | { state: 'captured'; uploadId: string; previewUrl: string | null }
  | { state: 'skipped' };

export type RatingDimension = 'efficiency' | 'competence' | 'attitude';

export type SubmitPhase = 'idle' | 'sending' | 'failed' | 'unreachable';

export interface FlowState {
  screen: Screen;
  journey: Journey | null;
  lang: Lang;
  elder: boolean;
  voice: boolean;
  /** Demo simulator controls are offered only when the bridge accepts sim:* requests. */
  demo: boolean;
  bridgeConnected: boolean;
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
  materials: Record<string, MaterialState>;
  /** Created when the review screen is first shown; dropped when anything submitted changes. */
  idempotencyKey: string | null;
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
  };

  status: {
    caseNumber: string;
    idLast4: string;
    invalid: ('caseNumber' | 'idLast4')[];
    /** The last scanned code: a receipt of ours (case number filled in) or something else. */
    scan: 'fromReceipt' | 'notOurs' | null;
    view: CaseView | null;
  };

  instant: {
    itemCode: string | null;
    confirmed: boolean;
    response: InstantCertificateResponse | null;
    jobId: string | null;
  };

  /** Seconds left before the inactivity wipe, while the warning shows. */
  idleSecondsLeft: number | null;
  videoHelpOpen: boolean;
  simPanelOpen: boolean;
}

export function initialState(env: {
  demo: boolean;
  bridgeConnected: boolean;
  catalogue?: CatalogueIndex | null;
  screen?: Screen;
}): FlowState {
  return {
    screen: env.screen ?? 'attract',
    journey: null,
    lang: 'zh-CN',
    elder: false,
    voice: false,
    demo: env.demo,
    bridgeConnected: env.bridgeConnected,
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
    materials: {},
    idempotencyKey: null,
    submitPhase: 'idle',
    caseView: null,
    caseDuplicate: false,
    queuedPending: null,
    printJobs: {},
    receiptJobId: null,
    noticeJobId: null,
    rating: { level: null, dimensions: {}, comment: '', sent: false },
    status: { caseNumber: '', idLast4: '', invalid: [], scan: null, view: null },
    instant: { itemCode: null, confirmed: false, response: null, jobId: null },
    idleSecondsLeft: null,
    videoHelpOpen: false,
    simPanelOpen: false,
  };
}
