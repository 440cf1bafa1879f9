import { describe, expect, it } from 'vitest';
import { card } from '../testing/fixtures.ts';
import { type FlowState, initialState } from './flow-state.ts';
import { afterIdentity, backTarget, go, isMidFlow } from './navigation.ts';

const at = (screen: FlowState['screen'], change: Partial<FlowState> = {}): FlowState => ({
  ...initialState({ demo: false, bridgeConnected: true }),
  screen,
  ...change,
});

describe('navigation between screens', () => {
  it('leads back one step, to the attract screen from welcome, and nowhere while sending', () => {
    expect(backTarget(at('form'))).toBe('chooseItems');
    expect(backTarget(at('welcome'))).toBe('attract');
    expect(backTarget(at('identify', { journey: 'instant' }))).toBe('instantChoose');
    expect(backTarget(at('review', { submitPhase: 'sending' }))).toBeNull();
    expect(backTarget(at('receipt'))).toBeNull();
  });

  it('counts as mid-flow only a citizen with an identity on a screen that uses it', () => {
    const identity = { card: card(), source: 'idCard' as const };
    expect(isMidFlow(at('form', { identity }))).toBe(true);
    expect(isMidFlow(at('form'))).toBe(false);
    expect(isMidFlow(at('receipt', { identity }))).toBe(false);
  });

  it('leaves a screen’s problem behind, and goes on with the journey once identified', () => {
    const problem: FlowState['problem'] = {
      source: 'server',
      kind: 'unreachable',
      code: 'NOT_FOUND',
    };
    expect(go(at('form', { problem }), 'materials')).toMatchObject({
      screen: 'materials',
      problem: null,
    });
    expect(afterIdentity(at('identify', { journey: 'apply' })).screen).toBe('chooseBundle');
    expect(afterIdentity(at('identify', { journey: 'instant' })).screen).toBe('instantChoose');
  });
});
