import type { PrintJobProgress } from '@onething/contract/sockets/bridge-local';
import type {
  BundleNotice,
  CaseView,
  CatalogueIndex,
  FieldError,
  InstantCertificateResponse,
  MergedFormView,
  RatingLevel,
} from '@onething/contract/rest/kiosk';
import type { IdentityCardData, IdentitySource } from '@onething/contract/identity/identity-card';
import { seedAnswers } from './answers.ts';
import {
  type Busy,
  type FlowState,
  type IdentifyProblem,
  initialRating,
  initialState,
  type Journey,
  type Lang,
  type PaperNotice,
  type Problem,
  type RatingDimension,
  type TerminalPlace,
} from './flow-state.ts';
import { type HelpFlowAction, helpReducer, isHelpAction } from './help-reducer.ts';
import { initialSelection, isCompleteSelection, toggleItem } from './items.ts';
import { afterIdentity, backTarget, go, isMidFlow } from './navigation.ts';
import { isStatusAction, type StatusFlowAction, statusReducer } from './status-reducer.ts';

export type FlowAction =
  | HelpFlowAction
  | StatusFlowAction
  | { type: 'bridgeConnection'; connected: boolean }
  /** The receipt printer's paper (bridge devices:state) and the server's nearest alternative. */
  | { type: 'paper'; notice: PaperNotice }
  | { type: 'place'; place: TerminalPlace }
  | { type: 'demoMode'; demo: boolean }
  | { type: 'start'; journey: Journey }
  | { type: 'setLang'; lang: Lang }
  | { type: 'setElder'; elder: boolean }
  | { type: 'setVoice'; voice: boolean }
  | { type: 'welcomeDone' }
  | {
      type: 'cardInserted';
      card: IdentityCardData;
      validity: 'valid' | 'expired' | 'notYetValid';
    }
  | { type: 'identified'; card: IdentityCardData; source: IdentitySource }
  | { type: 'identifyFailed'; problem: IdentifyProblem }
  | { type: 'cardRemoved' }
  | { type: 'dismissCardWarning' }
  | { type: 'catalogueLoaded'; catalogue: CatalogueIndex }
  | { type: 'search'; text: string }
  | { type: 'lifeEvent'; lifeEvent: string | null }
  | { type: 'bundleChosen'; code: string }
  | { type: 'noticeLoaded'; notice: BundleNotice }
  | { type: 'noticeRead' }
  | { type: 'toggleItem'; code: string }
  | { type: 'selectAllItems' }
  | { type: 'itemsConfirmed' }
  | { type: 'formLoaded'; form: MergedFormView }
  | { type: 'answer'; key: string; value: string | boolean }
  | { type: 'validated'; errors: FieldError[] }
  | { type: 'materialCaptured'; id: string; uploadId: string; previewUrl: string | null }
  | { type: 'materialSkipped'; id: string }
  | { type: 'materialCleared'; id: string }
  /** `candidateKey` is used only if the review has no key yet (one key per reviewed content). */
  | { type: 'materialsDone'; candidateKey: string }
  | { type: 'reviewEdit'; target: 'chooseItems' | 'form' | 'materials'; field?: string }
  | { type: 'guardianConsentAsked' }
  | { type: 'guardianConsentAnswered'; given: boolean }
  | { type: 'submitStarted' }
  | { type: 'submitFailed'; problem: Problem }
  | { type: 'submitted'; caseView: CaseView; duplicate: boolean }
  | { type: 'queued'; pending: number }
  | { type: 'printJob'; purpose: 'receipt' | 'notice' | 'instant' | 'help'; jobId: string }
  | { type: 'printProgress'; progress: PrintJobProgress }
  | { type: 'receiptDone' }
  | { type: 'ratingLevel'; level: RatingLevel }
  | { type: 'ratingDimension'; dimension: RatingDimension; level: RatingLevel }
  | { type: 'ratingComment'; text: string }
  | { type: 'ratingSent' }
  | { type: 'ratingSkipped' }
  | { type: 'instantChosen'; code: string }
  | { type: 'instantConfirm'; confirmed: boolean }
  | { type: 'instantIssued'; response: InstantCertificateResponse }
  | { type: 'back' }
  | { type: 'busy'; busy: Busy | null }
  | { type: 'callFailed'; problem: Problem }
  | { type: 'callSucceeded' }
  | { type: 'dismissProblem' }
  | { type: 'idleTick'; secondsLeft: number | null }
  | { type: 'simPanel'; open: boolean }
  /** The bridge's ui:maintenance; `alternative` is its message (where to go instead). */
  | { type: 'maintenance'; on: boolean; alternative?: string }
  | { type: 'wipe' };

function sameItems(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((c) => b.includes(c));
}

/**
 * The kiosk's one state machine over screens: the application journey, the instant certificate,
 * printing, rating and the session's safety (card removal, wipe, maintenance). Video help and
 * the status lookup change parts of the state no other action touches: they have reducers of
 * their own.
 */
export function flowReducer(state: FlowState, action: FlowAction): FlowState {
  if (isHelpAction(action)) return helpReducer(state, action);
  if (isStatusAction(action)) return statusReducer(state, action);
  switch (action.type) {
    case 'bridgeConnection':
      return { ...state, bridgeConnected: action.connected };
    case 'paper':
      return { ...state, paper: action.notice };
    case 'place':
      return { ...state, place: action.place };
    case 'demoMode':
      return { ...state, demo: action.demo };
    case 'start':
      if (state.screen !== 'attract') return state;
      return go({ ...state, journey: action.journey }, 'welcome');
    case 'setLang':
      return { ...state, lang: action.lang };
    case 'setElder':
      return { ...state, elder: action.elder };
    case 'setVoice':
      return { ...state, voice: action.voice };
    case 'welcomeDone': {
      if (state.screen !== 'welcome' || !state.journey) return state;
      if (state.journey === 'status') return go(state, 'statusLookup');
      if (state.journey === 'instant') return go(state, 'instantChoose');
      return state.identity ? afterIdentity(state) : go(state, 'identify');
    }

    case 'cardInserted': {
      if (action.validity !== 'valid') {
        return flowReducer(state, {
          type: 'identifyFailed',
          problem: action.validity === 'expired' ? 'expired' : 'notYetValid',
        });
      }
      return flowReducer(state, { type: 'identified', card: action.card, source: 'idCard' });
    }
    case 'identified': {
      const identity = { card: action.card, source: action.source };
      if (state.screen === 'attract') {
        // a card put in on the attract screen starts an application
        return go({ ...state, journey: 'apply', identity }, 'welcome');
      }
      if (state.screen === 'welcome') {
        // a status lookup needs no identity (until the citizen supplies material): keep no
        // personal data it does not need
        return state.journey === 'status' ? state : { ...state, identity, identifyProblem: null };
      }
      if (state.screen === 'identify') return afterIdentity({ ...state, identity });
      // the same card back in the reader clears the warning; another person's card changes nothing
      if (state.identity?.card.idNumber === action.card.idNumber) {
        return { ...state, cardRemovedWarning: false };
      }
      return state;
    }
    case 'identifyFailed':
      if (state.screen !== 'identify' && state.screen !== 'attract' && state.screen !== 'welcome') {
        return state;
      }
      return { ...state, identifyProblem: action.problem };
    case 'cardRemoved':
      return isMidFlow(state) && state.identity?.source === 'idCard'
        ? { ...state, cardRemovedWarning: true }
        : state;
    case 'dismissCardWarning':
      return { ...state, cardRemovedWarning: false };

    case 'catalogueLoaded':
      return { ...state, catalogue: action.catalogue };
    case 'search':
      return { ...state, search: action.text.slice(0, 40) };
    case 'lifeEvent':
      return { ...state, lifeEvent: action.lifeEvent };
    case 'bundleChosen': {
      if (state.screen !== 'chooseBundle') return state;
      const changed = state.bundleCode !== action.code;
      const next: FlowState = changed
        ? {
            ...state,
            bundleCode: action.code,
            notice: null,
            selectedItems: [],
            form: null,
            fieldErrors: [],
            materials: {},
            idempotencyKey: null,
            guardianConsent: 'notAsked',
            noticeJobId: null,
          }
        : state;
      return go(next, 'notice');
    }
    case 'noticeLoaded': {
      if (action.notice.bundle.code !== state.bundleCode) return state;
      const keep =
        state.selectedItems.length > 0 &&
        state.selectedItems.every((c) => action.notice.items.some((i) => i.code === c));
      return {
        ...state,
        notice: action.notice,
        selectedItems: keep ? state.selectedItems : initialSelection(action.notice.items),
      };
    }
    case 'noticeRead':
      return state.screen === 'notice' && state.notice ? go(state, 'chooseItems') : state;
    case 'toggleItem': {
      if (!state.notice) return state;
      const r = toggleItem(state.notice.items, state.selectedItems, action.code);
      if (!r.ok) return { ...state, itemRefusal: { code: action.code, blockedBy: r.blockedBy } };
      return { ...state, selectedItems: r.selected, itemRefusal: null, idempotencyKey: null };
    }
    case 'selectAllItems':
      if (!state.notice) return state;
      return {
        ...state,
        selectedItems: initialSelection(state.notice.items),
        itemRefusal: null,
        idempotencyKey: null,
      };
    case 'itemsConfirmed': {
      if (state.screen !== 'chooseItems' || !state.notice) return state;
      if (!isCompleteSelection(state.notice.items, state.selectedItems)) return state;
      const keepForm = state.form !== null && sameItems(state.form.itemCodes, state.selectedItems);
      return go({ ...state, form: keepForm ? state.form : null }, 'form');
    }
    case 'formLoaded': {
      if (state.screen !== 'form') return state;
      const keys = new Set(action.form.sections.flatMap((s) => s.fields.map((f) => f.key)));
      return {
        ...state,
        form: action.form,
        answers: seedAnswers(action.form, state.answers),
        fieldErrors: state.fieldErrors.filter((e) => keys.has(e.key)),
      };
    }
    case 'answer':
      return {
        ...state,
        answers: { ...state.answers, [action.key]: action.value },
        // the old message no longer describes what is in the box
        fieldErrors: state.fieldErrors.filter((e) => e.key !== action.key),
        idempotencyKey: null,
      };
    case 'validated':
      if (state.screen !== 'form') return state;
      if (action.errors.length > 0) return { ...state, fieldErrors: action.errors, busy: null };
      return go({ ...state, fieldErrors: [], formFocus: null, busy: null }, 'materials');
    case 'materialCaptured':
      return {
        ...state,
        materials: {
          ...state.materials,
          [action.id]: {
            state: 'captured',
            uploadId: action.uploadId,
            previewUrl: action.previewUrl,
          },
        },
        idempotencyKey: null,
      };
    case 'materialSkipped':
      return {
        ...state,
        materials: { ...state.materials, [action.id]: { state: 'skipped' } },
        idempotencyKey: null,
      };
    case 'materialCleared': {
      const { [action.id]: _gone, ...rest } = state.materials;
      return { ...state, materials: rest, idempotencyKey: null };
    }
    case 'materialsDone':
      if (state.screen !== 'materials') return state;
      return go(
        {
          ...state,
          idempotencyKey: state.idempotencyKey ?? action.candidateKey,
          submitPhase: 'idle',
        },
        'review',
      );

    case 'reviewEdit':
      if (state.screen !== 'review' || state.submitPhase === 'sending') return state;
      return go({ ...state, formFocus: action.field ?? null }, action.target);
    case 'guardianConsentAsked':
      if (state.screen !== 'review') return state;
      return { ...state, guardianConsent: 'asking' };
    case 'guardianConsentAnswered':
      if (state.guardianConsent !== 'asking') return state;
      return { ...state, guardianConsent: action.given ? 'given' : 'declined' };
    case 'submitStarted':
      if (state.screen !== 'review' || state.submitPhase === 'sending') return state;
      return { ...state, submitPhase: 'sending', busy: 'submit', problem: null };
    case 'submitFailed':
      return {
        ...state,
        submitPhase: action.problem.kind === 'unreachable' ? 'unreachable' : 'failed',
        busy: null,
        problem: action.problem,
        offline: action.problem.source === 'server' && action.problem.kind === 'unreachable',
      };
    case 'submitted':
      if (state.screen !== 'review' && state.screen !== 'queued') return state;
      return go(
        {
          ...state,
          caseView: action.caseView,
          caseDuplicate: action.duplicate,
          submitPhase: 'idle',
          busy: null,
          offline: false,
          queuedPending: null,
        },
        'receipt',
      );
    case 'queued':
      if (state.screen !== 'review') return state;
      return go(
        { ...state, queuedPending: action.pending, busy: null, submitPhase: 'idle' },
        'queued',
      );

    case 'printJob': {
      const progress: PrintJobProgress = {
        jobId: action.jobId,
        printer: action.purpose === 'receipt' ? 'receipt' : 'a4',
        state: 'queued',
        problem: null,
      };
      const next = { ...state, printJobs: { ...state.printJobs, [action.jobId]: progress } };
      if (action.purpose === 'receipt') return { ...next, receiptJobId: action.jobId };
      if (action.purpose === 'notice') return { ...next, noticeJobId: action.jobId };
      if (action.purpose === 'help') {
        return { ...next, help: { ...state.help, printJobId: action.jobId } };
      }
      return { ...next, instant: { ...state.instant, jobId: action.jobId } };
    }
    case 'printProgress':
      // progress of jobs this session did not start is none of its business
      if (!Object.hasOwn(state.printJobs, action.progress.jobId)) return state;
      return {
        ...state,
        printJobs: { ...state.printJobs, [action.progress.jobId]: action.progress },
      };
    case 'receiptDone':
      return state.screen === 'receipt' ? go(state, 'rating') : state;

    case 'ratingLevel':
      return { ...state, rating: { ...state.rating, level: action.level } };
    case 'ratingDimension':
      return {
        ...state,
        rating: {
          ...state.rating,
          dimensions: { ...state.rating.dimensions, [action.dimension]: action.level },
        },
      };
    case 'ratingComment':
      return { ...state, rating: { ...state.rating, comment: action.text.slice(0, 500) } };
    case 'ratingSent': {
      // a call rated mid-errand: back to the errand
      const back = state.rating.returnTo;
      if (back) return go({ ...state, rating: initialRating(), busy: null }, back);
      return go({ ...state, rating: { ...state.rating, sent: true }, busy: null }, 'finish');
    }
    case 'ratingSkipped': {
      if (state.screen !== 'rating') return state;
      const back = state.rating.returnTo;
      return back ? go({ ...state, rating: initialRating() }, back) : go(state, 'finish');
    }

    case 'instantChosen': {
      if (state.screen !== 'instantChoose') return state;
      const next = {
        ...state,
        instant: { itemCode: action.code, confirmed: false, response: null, jobId: null },
      };
      return go(next, next.identity ? 'instantConfirm' : 'identify');
    }
    case 'instantConfirm':
      return { ...state, instant: { ...state.instant, confirmed: action.confirmed } };
    case 'instantIssued':
      if (state.screen !== 'instantConfirm') return state;
      return go(
        { ...state, instant: { ...state.instant, response: action.response }, busy: null },
        'instantPrint',
      );

    case 'back': {
      const target = backTarget(state);
      if (!target) return state;
      // the attract screen holds nothing personal: going back to it is a wipe
      if (target === 'attract') return flowReducer(state, { type: 'wipe' });
      return go({ ...state, busy: null }, target);
    }
    case 'busy':
      return { ...state, busy: action.busy };
    case 'callFailed':
      return {
        ...state,
        busy: null,
        problem: action.problem,
        offline:
          action.problem.source === 'server'
            ? action.problem.kind === 'unreachable'
            : state.offline,
      };
    case 'callSucceeded':
      return { ...state, offline: false, problem: null };
    case 'dismissProblem':
      return { ...state, problem: null };
    case 'idleTick':
      return { ...state, idleSecondsLeft: action.secondsLeft };
    case 'simPanel':
      return { ...state, simPanelOpen: action.open };
    case 'maintenance': {
      if (action.on) {
        // "on" again without a message means "still on" (the bridge repeats it on reconnection)
        const alternative = action.alternative ?? state.maintenance?.alternative ?? null;
        if (state.maintenance?.alternative === alternative) return state;
        return flowReducer({ ...state, maintenance: { alternative } }, { type: 'wipe' });
      }
      if (!state.maintenance) return state;
      return flowReducer({ ...state, maintenance: null }, { type: 'wipe' });
    }
    case 'wipe':
      // only what describes the terminal survives; nothing of the citizen
      return initialState({
        demo: state.demo,
        bridgeConnected: state.bridgeConnected,
        catalogue: state.catalogue,
        maintenance: state.maintenance,
        paper: state.paper,
        place: state.place,
      });
  }
}
