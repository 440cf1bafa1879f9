import { describe, expect, it } from 'vitest';
import { card, caseView, catalogue, form, notice } from '../testing/fixtures.ts';
import { type FlowAction, flowReducer } from './flow-reducer.ts';
import { backTarget } from './navigation.ts';
import { type FlowState, initialState } from './flow-state.ts';

function run(
  actions: FlowAction[],
  from: FlowState = initialState({ demo: false, bridgeConnected: true }),
) {
  return actions.reduce(flowReducer, from);
}

/** A citizen who has reached the review screen of the birth bundle. */
function atReview(): FlowState {
  return run([
    { type: 'start', journey: 'apply' },
    { type: 'welcomeDone' },
    { type: 'cardInserted', card: card(), validity: 'valid' },
    { type: 'catalogueLoaded', catalogue: catalogue() },
    { type: 'bundleChosen', code: 'birth' },
    { type: 'noticeLoaded', notice: notice() },
    { type: 'noticeRead' },
    { type: 'itemsConfirmed' },
    { type: 'formLoaded', form: form() },
    { type: 'answer', key: 'applicant.phone', value: '13800138000' },
    { type: 'validated', errors: [] },
    { type: 'materialCaptured', id: 'birth-cert', uploadId: 'up-1', previewUrl: 'blob:1' },
    { type: 'materialsDone', candidateKey: 'key-0000000000000001' },
  ]);
}

describe('flowReducer: the application journey', () => {
  it('walks attract → welcome → identify → bundle → notice → items → form → materials → review', () => {
    const screens: string[] = [];
    let s = initialState({ demo: false, bridgeConnected: true });
    const steps: FlowAction[] = [
      { type: 'start', journey: 'apply' },
      { type: 'welcomeDone' },
      { type: 'cardInserted', card: card(), validity: 'valid' },
      { type: 'bundleChosen', code: 'birth' },
      { type: 'noticeLoaded', notice: notice() },
      { type: 'noticeRead' },
      { type: 'itemsConfirmed' },
      { type: 'formLoaded', form: form() },
      { type: 'validated', errors: [] },
      { type: 'materialsDone', candidateKey: 'key-0000000000000001' },
    ];
    for (const a of steps) {
      s = flowReducer(s, a);
      screens.push(s.screen);
    }
    expect(screens).toEqual([
      'welcome',
      'identify',
      'chooseBundle',
      'notice',
      'notice',
      'chooseItems',
      'form',
      'form',
      'materials',
      'review',
    ]);
  });

  it('a card placed on the attract screen starts an application and skips the identify step', () => {
    const s = run([
      { type: 'cardInserted', card: card(), validity: 'valid' },
      { type: 'welcomeDone' },
    ]);
    expect(s.journey).toBe('apply');
    expect(s.identity?.card.name).toBe('张三');
    expect(s.screen).toBe('chooseBundle');
  });

  it('an expired card is refused with its own problem and identifies nobody', () => {
    const s = run([
      { type: 'start', journey: 'apply' },
      { type: 'welcomeDone' },
      { type: 'cardInserted', card: card(), validity: 'expired' },
    ]);
    expect(s.screen).toBe('identify');
    expect(s.identity).toBeNull();
    expect(s.identifyProblem).toBe('expired');
  });

  it('selects every item by default when the notice arrives', () => {
    const s = run([
      { type: 'start', journey: 'apply' },
      { type: 'welcomeDone' },
      { type: 'cardInserted', card: card(), validity: 'valid' },
      { type: 'bundleChosen', code: 'birth' },
    ]);
    expect(s.selectedItems).toEqual([]);
    expect(flowReducer(s, { type: 'noticeLoaded', notice: notice() }).selectedItems).toEqual([
      'A',
      'B',
      'C',
    ]);
  });

  it('refuses to drop a mandatory item and says which one blocked it', () => {
    const s = run([
      { type: 'start', journey: 'apply' },
      { type: 'welcomeDone' },
      { type: 'cardInserted', card: card(), validity: 'valid' },
      { type: 'bundleChosen', code: 'birth' },
      { type: 'noticeLoaded', notice: notice() },
      { type: 'noticeRead' },
      { type: 'toggleItem', code: 'A' },
    ]);
    expect(s.selectedItems).toEqual(['A', 'B', 'C']);
    expect(s.itemRefusal).toEqual({ code: 'A', blockedBy: 'A' });
  });

  it('keeps typed answers when the form is merged again after going back', () => {
    const s = run(
      [
        { type: 'reviewEdit', target: 'chooseItems' },
        { type: 'toggleItem', code: 'C' },
        { type: 'itemsConfirmed' },
        { type: 'formLoaded', form: form(['A', 'B']) },
      ],
      atReview(),
    );
    expect(s.screen).toBe('form');
    expect(s.answers['applicant.phone']).toBe('13800138000');
  });

  it('keeps the answers and shows the errors when validation fails', () => {
    const s = run(
      [
        { type: 'reviewEdit', target: 'form' },
        {
          type: 'validated',
          errors: [
            {
              key: 'applicant.phone',
              rule: 'phone',
              message: { zh: '手机号应为11位', en: '11 digits' },
            },
          ],
        },
      ],
      atReview(),
    );
    expect(s.screen).toBe('form');
    expect(s.fieldErrors.map((e) => e.key)).toEqual(['applicant.phone']);
    expect(s.answers['applicant.phone']).toBe('13800138000');
  });

  it('clears a field error as soon as that field is edited', () => {
    const s = run(
      [
        { type: 'reviewEdit', target: 'form' },
        {
          type: 'validated',
          errors: [
            { key: 'applicant.phone', rule: 'phone', message: { zh: '错', en: 'bad' } },
            { key: 'child.weight', rule: 'number', message: { zh: '错', en: 'bad' } },
          ],
        },
        { type: 'answer', key: 'applicant.phone', value: '13900139000' },
      ],
      atReview(),
    );
    expect(s.fieldErrors.map((e) => e.key)).toEqual(['child.weight']);
  });
});

describe('flowReducer: submission', () => {
  it('keeps one idempotency key across retries of the same review', () => {
    const review = atReview();
    expect(review.idempotencyKey).toBe('key-0000000000000001');
    const s = run(
      [
        { type: 'submitStarted' },
        {
          type: 'submitFailed',
          problem: { source: 'server', kind: 'unreachable', code: 'INTERNAL' },
        },
        { type: 'reviewEdit', target: 'materials' },
        { type: 'materialsDone', candidateKey: 'key-0000000000000002' },
      ],
      review,
    );
    expect(s.idempotencyKey).toBe('key-0000000000000001');
  });

  it('issues a new key once something that is submitted has changed', () => {
    const s = run(
      [
        { type: 'reviewEdit', target: 'form' },
        { type: 'answer', key: 'applicant.phone', value: '13900139000' },
        { type: 'validated', errors: [] },
        { type: 'materialsDone', candidateKey: 'key-0000000000000002' },
      ],
      atReview(),
    );
    expect(s.idempotencyKey).toBe('key-0000000000000002');
  });

  it('ignores a second submit while the first is under way', () => {
    const once = run([{ type: 'submitStarted' }], atReview());
    expect(flowReducer(once, { type: 'submitStarted' })).toBe(once);
    expect(backTarget(once)).toBeNull();
  });

  it('an unreachable server marks the terminal offline and keeps everything typed', () => {
    const s = run(
      [
        { type: 'submitStarted' },
        {
          type: 'submitFailed',
          problem: { source: 'server', kind: 'unreachable', code: 'INTERNAL' },
        },
      ],
      atReview(),
    );
    expect(s.submitPhase).toBe('unreachable');
    expect(s.offline).toBe(true);
    expect(s.screen).toBe('review');
    expect(s.answers['applicant.phone']).toBe('13800138000');
    expect(s.materials['birth-cert']).toEqual({
      state: 'captured',
      uploadId: 'up-1',
      previewUrl: 'blob:1',
    });
  });

  it('goes to the receipt with the case after success, then to rating and finish', () => {
    const s = run(
      [{ type: 'submitStarted' }, { type: 'submitted', caseView: caseView(), duplicate: false }],
      atReview(),
    );
    expect(s.screen).toBe('receipt');
    expect(s.caseView?.caseNumber).toBe('YJS-20250101-0001');
    const after = run(
      [
        { type: 'receiptDone' },
        { type: 'ratingLevel', level: 'satisfied' },
        { type: 'ratingSent' },
      ],
      s,
    );
    expect(after.screen).toBe('finish');
    expect(after.rating.sent).toBe(true);
  });

  it('tracks print progress only for jobs this session started', () => {
    const s = run(
      [
        { type: 'submitted', caseView: caseView(), duplicate: false },
        { type: 'printJob', purpose: 'receipt', jobId: 'job-1' },
        {
          type: 'printProgress',
          progress: { jobId: 'job-1', printer: 'receipt', state: 'done', problem: null },
        },
        {
          type: 'printProgress',
          progress: { jobId: 'other', printer: 'a4', state: 'printing', problem: null },
        },
      ],
      atReview(),
    );
    expect(s.printJobs['job-1']?.state).toBe('done');
    expect(Object.keys(s.printJobs)).toEqual(['job-1']);
  });
});

describe('flowReducer: session safety', () => {
  it('wipe forgets the citizen and keeps only what describes the terminal', () => {
    const before = run(
      [
        { type: 'setLang', lang: 'en' },
        { type: 'setElder', elder: true },
        { type: 'demoMode', demo: true },
      ],
      atReview(),
    );
    const s = flowReducer(before, { type: 'wipe' });
    expect(s.screen).toBe('attract');
    expect(s.identity).toBeNull();
    expect(s.answers).toEqual({});
    expect(s.materials).toEqual({});
    expect(s.form).toBeNull();
    expect(s.idempotencyKey).toBeNull();
    expect(s.lang).toBe('zh-CN');
    expect(s.elder).toBe(false);
    expect(s.demo).toBe(true);
    expect(s.catalogue?.version).toBe('v1');
  });

  it('warns when the card is removed mid-flow, not after submission', () => {
    const mid = flowReducer(atReview(), { type: 'cardRemoved' });
    expect(mid.cardRemovedWarning).toBe(true);
    const done = run(
      [{ type: 'submitted', caseView: caseView(), duplicate: false }, { type: 'cardRemoved' }],
      atReview(),
    );
    expect(done.cardRemovedWarning).toBe(false);
  });

  it('clears the warning when the same card returns, but not for another person', () => {
    const warned = flowReducer(atReview(), { type: 'cardRemoved' });
    const other = flowReducer(warned, {
      type: 'cardInserted',
      card: card({ idNumber: '11010519900307131X', name: '李四' }),
      validity: 'valid',
    });
    expect(other.cardRemovedWarning).toBe(true);
    expect(other.identity?.card.name).toBe('张三');
    const same = flowReducer(warned, { type: 'cardInserted', card: card(), validity: 'valid' });
    expect(same.cardRemovedWarning).toBe(false);
  });
});

describe('flowReducer: instant certificate', () => {
  it('instant: choose → identify → confirm, with back leading to the list', () => {
    const s = run([
      { type: 'start', journey: 'instant' },
      { type: 'welcomeDone' },
      { type: 'instantChosen', code: 'no-crime' },
    ]);
    expect(s.screen).toBe('identify');
    expect(backTarget(s)).toBe('instantChoose');
    const confirmed = run(
      [
        { type: 'cardInserted', card: card(), validity: 'valid' },
        { type: 'instantConfirm', confirmed: true },
      ],
      s,
    );
    expect(confirmed.screen).toBe('instantConfirm');
    expect(confirmed.instant).toMatchObject({ itemCode: 'no-crime', confirmed: true });
  });
});

describe('flowReducer: nothing personal outside a journey', () => {
  it('going back to the attract screen forgets a card read on the welcome screen', () => {
    const s = run([{ type: 'cardInserted', card: card(), validity: 'valid' }, { type: 'back' }]);
    expect(s.screen).toBe('attract');
    expect(s.identity).toBeNull();
    expect(s.journey).toBeNull();
  });

  it('a status lookup does not keep a card placed on its welcome screen', () => {
    const s = run([
      { type: 'start', journey: 'status' },
      { type: 'cardInserted', card: card(), validity: 'valid' },
      { type: 'welcomeDone' },
    ]);
    expect(s.screen).toBe('statusLookup');
    expect(s.identity).toBeNull();
  });
});

describe('flowReducer: maintenance', () => {
  const PLACE = '番禺区政务服务中心 2号机';

  it('maintenance on forgets the citizen and shows the out-of-service screen with the alternative', () => {
    const s = flowReducer(atReview(), { type: 'maintenance', on: true, alternative: PLACE });
    expect(s.screen).toBe('outOfService');
    expect(s.maintenance).toEqual({ alternative: PLACE });
    expect(s.identity).toBeNull();
    expect(s.answers).toEqual({});
    expect(s.journey).toBeNull();
    expect(s.catalogue?.version).toBe('v1');
  });

  it('stays out of service through a wipe and through input, and keeps the named alternative', () => {
    const on = flowReducer(initialState({ demo: false, bridgeConnected: true }), {
      type: 'maintenance',
      on: true,
      alternative: PLACE,
    });
    const s = run(
      [
        { type: 'wipe' },
        { type: 'start', journey: 'apply' },
        { type: 'cardInserted', card: card(), validity: 'valid' },
        { type: 'statusScanned', caseNumber: 'YJ000000000000001' },
        // the bridge repeats "on" without a message when the page reconnects
        { type: 'maintenance', on: true },
      ],
      on,
    );
    expect(s.screen).toBe('outOfService');
    expect(s.identity).toBeNull();
    expect(s.maintenance).toEqual({ alternative: PLACE });
  });

  it('maintenance on without an alternative still takes the terminal out of service', () => {
    const s = flowReducer(initialState({ demo: false, bridgeConnected: true }), {
      type: 'maintenance',
      on: true,
    });
    expect(s.screen).toBe('outOfService');
    expect(s.maintenance).toEqual({ alternative: null });
  });

  it('maintenance off returns to the attract screen with nothing kept; a stray "off" changes nothing', () => {
    const on = flowReducer(atReview(), { type: 'maintenance', on: true, alternative: PLACE });
    const off = flowReducer(on, { type: 'maintenance', on: false });
    expect(off.screen).toBe('attract');
    expect(off.maintenance).toBeNull();
    expect(off.identity).toBeNull();

    const working = atReview();
    expect(flowReducer(working, { type: 'maintenance', on: false })).toBe(working);
  });
});
