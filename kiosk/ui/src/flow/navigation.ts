import type { FlowState, Screen } from './flow-state.ts';

/** Screens where the citizen is still working with their card's data. */
const CARD_NEEDED: ReadonlySet<Screen> = new Set([
  'chooseBundle',
  'notice',
  'chooseItems',
  'form',
  'materials',
  'review',
  'instantConfirm',
  'correctionSupply',
]);

export function isMidFlow(state: FlowState): boolean {
  return state.identity !== null && CARD_NEEDED.has(state.screen);
}

/** Where "back" leads from the current screen, or null when there is no way back. */
export function backTarget(state: FlowState): Screen | null {
  switch (state.screen) {
    case 'welcome':
      return 'attract';
    case 'identify':
      if (state.journey === 'status') return 'statusView';
      return state.journey === 'instant' ? 'instantChoose' : 'welcome';
    case 'notice':
      return 'chooseBundle';
    case 'chooseItems':
      return 'notice';
    case 'form':
      return 'chooseItems';
    case 'materials':
      return 'form';
    case 'review':
      return state.submitPhase === 'sending' ? null : 'materials';
    case 'statusLookup':
      return 'welcome';
    case 'statusView':
      return 'statusLookup';
    case 'correctionSupply':
      return 'statusView';
    case 'instantChoose':
      return 'welcome';
    case 'instantConfirm':
      return 'instantChoose';
    default:
      return null;
  }
}

/** Moves to `screen`, leaving behind the problems of the screen it came from. */
export function go(state: FlowState, screen: Screen): FlowState {
  // a problem belongs to the screen it happened on
  return { ...state, screen, problem: null, identifyProblem: null, itemRefusal: null };
}

/** Where a citizen goes once identified: on with their journey. */
export function afterIdentity(state: FlowState): FlowState {
  if (state.journey === 'instant') {
    return go(state, state.instant.itemCode ? 'instantConfirm' : 'instantChoose');
  }
  if (state.journey === 'status') return go(state, 'correctionSupply');
  return go(state, 'chooseBundle');
}
