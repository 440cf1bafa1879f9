import type { CaseView } from '@onething/contract/rest/kiosk';
import type { FlowState, StatusRefusal } from './flow-state.ts';
import { go } from './navigation.ts';

/** What happens in the status lookup journey: the two boxes, a scanned receipt, the answer. */
export type StatusFlowAction =
  | { type: 'statusInput'; caseNumber?: string; idLast4?: string }
  | { type: 'statusInvalid'; fields: ('caseNumber' | 'idLast4')[] }
  | { type: 'statusScanned'; caseNumber: string }
  | { type: 'statusScanRejected' }
  | { type: 'statusRefused'; reason: StatusRefusal }
  | { type: 'statusLoaded'; view: CaseView }
  | { type: 'supplyStart' }
  | { type: 'correctionSupplied'; view: CaseView };

const STATUS_TYPES: ReadonlySet<string> = new Set<StatusFlowAction['type']>([
  'statusInput',
  'statusInvalid',
  'statusScanned',
  'statusScanRejected',
  'statusRefused',
  'statusLoaded',
  'supplyStart',
  'correctionSupplied',
]);

export function isStatusAction(action: { type: string }): action is StatusFlowAction {
  return STATUS_TYPES.has(action.type);
}

/** The status lookup: a case number and the last four ID characters, or a receipt's QR code. */
export function statusReducer(state: FlowState, action: StatusFlowAction): FlowState {
  switch (action.type) {
    case 'statusInput': {
      const s = { ...state.status };
      if (action.caseNumber !== undefined) s.caseNumber = action.caseNumber.slice(0, 40);
      if (action.idLast4 !== undefined) s.idLast4 = action.idLast4.toUpperCase().slice(0, 4);
      // an edited box is no longer the one that was wrong
      s.invalid = s.invalid.filter((f) =>
        f === 'caseNumber' ? action.caseNumber === undefined : action.idLast4 === undefined,
      );
      s.refused = null;
      return { ...state, status: s };
    }
    case 'statusInvalid':
      return { ...state, status: { ...state.status, invalid: action.fields } };
    case 'statusScanned': {
      const status: FlowState['status'] = {
        ...state.status,
        caseNumber: action.caseNumber,
        invalid: [],
        scan: 'fromReceipt',
        refused: null,
        view: null,
      };
      if (state.screen === 'attract')
        return go({ ...state, journey: 'status', status }, 'statusLookup');
      if (state.screen === 'statusLookup' || state.screen === 'statusView') {
        return go({ ...state, status }, 'statusLookup');
      }
      return state;
    }
    case 'statusScanRejected':
      if (state.screen !== 'statusLookup') return state;
      return { ...state, status: { ...state.status, scan: 'notOurs' } };
    case 'statusRefused':
      if (state.screen !== 'statusLookup') return state;
      return { ...state, status: { ...state.status, refused: action.reason }, busy: null };
    case 'statusLoaded':
      if (state.screen !== 'statusLookup') return state;
      return go(
        {
          ...state,
          status: { ...state.status, view: action.view, refused: null, supplied: false },
          busy: null,
        },
        'statusView',
      );
    case 'supplyStart':
      // adding papers to a case needs the applicant in person: their card first
      if (state.screen !== 'statusView') return state;
      return go(state, state.identity ? 'correctionSupply' : 'identify');
    case 'correctionSupplied':
      if (state.screen !== 'correctionSupply') return state;
      return go(
        {
          ...state,
          status: { ...state.status, view: action.view, supplied: true },
          materials: {},
          busy: null,
        },
        'statusView',
      );
  }
}
