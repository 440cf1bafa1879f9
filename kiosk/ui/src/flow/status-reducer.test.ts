import { describe, expect, it } from 'vitest';
import { type FlowAction, flowReducer } from './flow-reducer.ts';
import { card as fixtureCard } from '../testing/fixtures.ts';
import { type FlowState, initialState } from './flow-state.ts';

function run(
  actions: FlowAction[],
  from: FlowState = initialState({ demo: false, bridgeConnected: true }),
) {
  return actions.reduce(flowReducer, from);
}

describe('statusReducer: the status lookup', () => {
  it('a receipt QR scanned on the attract screen opens the lookup with the case number filled in', () => {
    const s = flowReducer(initialState({ demo: false, bridgeConnected: true }), {
      type: 'statusScanned',
      caseNumber: 'YJS-20250101-0001',
    });
    expect(s.screen).toBe('statusLookup');
    expect(s.status.caseNumber).toBe('YJS-20250101-0001');
    expect(s.status.scan).toBe('fromReceipt');
  });

  it('editing a box removes only that box from the invalid list', () => {
    const s = run([
      { type: 'start', journey: 'status' },
      { type: 'welcomeDone' },
      { type: 'statusInvalid', fields: ['caseNumber', 'idLast4'] },
      { type: 'statusInput', idLast4: '123x' },
    ]);
    expect(s.status.invalid).toEqual(['caseNumber']);
    expect(s.status.idLast4).toBe('123X');
  });

  it('a refused lookup stays on the lookup screen until a box is edited', () => {
    const refused = run([
      { type: 'start', journey: 'status' },
      { type: 'welcomeDone' },
      { type: 'statusInput', caseNumber: 'YJ000000000000001', idLast4: '1234' },
      { type: 'busy', busy: 'lookup' },
      { type: 'statusRefused', reason: 'notFound' },
    ]);
    expect(refused.screen).toBe('statusLookup');
    expect(refused.status.refused).toBe('notFound');
    expect(refused.busy).toBeNull();
    expect(refused.status.caseNumber).toBe('YJ000000000000001');
    const edited = flowReducer(refused, { type: 'statusInput', idLast4: '123X' });
    expect(edited.status.refused).toBeNull();
  });
});

describe('statusReducer: supplying the materials of a 补正 request', () => {
  const view = {
    caseNumber: 'YJ000000000000001',
    bundleCode: 'YJSP001',
    bundleName: { zh: '新生儿出生一件事', en: 'A baby is born' },
    status: 'action_needed' as const,
    submittedAt: 1,
    dueAt: null,
    subCases: [],
  };
  const card = fixtureCard();
  const shown = [
    { type: 'start', journey: 'status' },
    { type: 'welcomeDone' },
    { type: 'statusInput', caseNumber: view.caseNumber, idLast4: '022X' },
    { type: 'statusLoaded', view },
  ] satisfies FlowAction[];

  it('asks for the card first, then opens the supply screen', () => {
    const s = run([...shown, { type: 'supplyStart' }]);
    expect(s.screen).toBe('identify');
    const after = run([{ type: 'identified', card, source: 'idCard' }], s);
    expect(after.screen).toBe('correctionSupply');
    expect(after.identity?.card.idNumber).toBe(card.idNumber);
  });

  it('returns to the status with the fresh view once supplied, the photos forgotten', () => {
    const s = run([
      ...shown,
      { type: 'supplyStart' },
      { type: 'identified', card, source: 'idCard' },
      {
        type: 'materialCaptured',
        id: 'child.birthMedicalCertificate',
        uploadId: 'u1',
        previewUrl: null,
      },
      { type: 'correctionSupplied', view: { ...view, status: 'in_progress' } },
    ]);
    expect(s.screen).toBe('statusView');
    expect(s.status.supplied).toBe(true);
    expect(s.status.view?.status).toBe('in_progress');
    expect(s.materials).toEqual({});
  });
});
