import { describe, expect, it, vi } from 'vitest';
import { card, caseView } from '../testing/fixtures.ts';
import { action, AGENT, harness, toCall, toForm } from '../testing/video-help-harness.ts';
import { activityWords } from './help-words.ts';

describe('RemoteActions', () => {
  it('reads the ID card only after consent, from the card placed at the booth', async () => {
    const h = harness();
    // a status lookup keeps no identity: the card has to be placed for the agent
    h.dispatch({ type: 'start', journey: 'status' }, { type: 'welcomeDone' });
    await toCall(h);
    action(h, { kind: 'readIdCard' });
    expect(h.store.state.help.action?.stage).toBe('ask');
    expect(activityWords('zh-CN', h.store.state.help.action)).toContain('读取您的身份证');
    h.bridgeSocket.push('card:inserted', { card: card(), validity: 'valid' });
    expect(h.server.sent('remote:respond')).toHaveLength(0);
    await h.help.actions.answer(true);
    expect(h.store.state.help.action?.stage).toBe('placeCard');
    h.bridgeSocket.push('card:inserted', { card: card(), validity: 'valid' });
    await vi.waitFor(() => expect(h.server.sent('remote:respond')).toHaveLength(1));
    // consent only: the server takes the card the bridge attested, never one from the page
    expect(h.server.sent('remote:respond')[0]).toEqual({ actionId: 'act-1', consent: true });
    await vi.waitFor(() => expect(h.store.state.help.action?.stage).toBe('done'));
    expect(h.store.state.help.identity?.idNumber).toBe(card().idNumber);
    expect(h.store.state.identity).toBeNull();
  });

  it('hands over the card already read at this terminal, and reports a card that will not read', async () => {
    const h = harness();
    toForm(h);
    await toCall(h);
    action(h, { kind: 'readIdCard' });
    await h.help.actions.answer(true);
    await vi.waitFor(() => expect(h.server.sent('remote:respond')).toHaveLength(1));
    expect(h.server.sent('remote:respond')[0]).toEqual({ actionId: 'act-1', consent: true });

    const bad = harness();
    bad.dispatch({ type: 'start', journey: 'status' });
    await toCall(bad);
    action(bad, { kind: 'readIdCard' });
    await bad.help.actions.answer(true);
    bad.bridgeSocket.push('card:inserted', {
      card: card(),
      validity: 'expired',
    });
    await vi.waitFor(() => expect(bad.server.sent('remote:respond')).toHaveLength(1));
    expect(bad.server.sent('remote:respond')[0]).toEqual({
      actionId: 'act-1',
      consent: true,
      failed: 'cardExpired',
    });
  });

  it('sends a refusal when the citizen says no', async () => {
    const h = harness();
    await toCall(h);
    action(h, {
      kind: 'showForm',
      title: '出生登记申请表',
      fields: [{ label: '新生儿姓名', value: '周一诺' }],
    });
    await h.help.actions.answer(false);
    expect(h.server.sent('remote:respond')).toEqual([{ actionId: 'act-1', consent: false }]);
    expect(h.store.state.help.action?.stage).toBe('declined');
  });

  it('prints what the agent sends on A4 as a form, without asking, in large print for elders', async () => {
    const h = harness();
    h.dispatch({ type: 'start', journey: 'apply' }, { type: 'setElder', elder: true });
    await toCall(h);
    action(h, { kind: 'print', title: '材料清单', paragraphs: ['户口簿', '出生医学证明'] }, false);
    await vi.waitFor(() => expect(h.server.sent('remote:respond')).toHaveLength(1));
    expect(h.bridgeSocket.sent('print:a4')).toEqual([
      {
        document: {
          kind: 'form',
          title: '材料清单',
          paragraphs: ['户口簿', '出生医学证明'],
          largePrint: true,
        },
      },
    ]);
    expect(h.server.sent('remote:respond')[0]).toEqual({ actionId: 'act-1', consent: true });
    expect(h.store.state.help.printJobId).toBe('a-7');
  });

  it('tells the agent when the printer did not take the job', async () => {
    const h = harness({
      bridge: { 'print:a4': () => ({ ok: false, error: { code: 'CONFLICT', message: 'x' } }) },
    });
    await toCall(h);
    action(h, { kind: 'print', title: '材料清单', paragraphs: ['户口簿'] }, false);
    await vi.waitFor(() => expect(h.server.sent('remote:respond')).toHaveLength(1));
    expect(h.server.sent('remote:respond')[0]).toEqual({
      actionId: 'act-1',
      consent: true,
      failed: 'printFailed',
    });
    await vi.waitFor(() => expect(h.store.state.help.action?.stage).toBe('failed'));
  });

  it('photographs the document and hands over the upload; stopping is reported as such', async () => {
    const h = harness();
    await toCall(h);
    action(h, { kind: 'captureDocument', material: '户口簿' });
    await h.help.actions.captured(new Blob(['too early']));
    expect(h.uploads).toHaveLength(0);
    await h.help.actions.answer(true);
    expect(h.store.state.help.action?.stage).toBe('capture');
    await h.help.actions.captured(new Blob(['jpeg'], { type: 'image/jpeg' }));
    expect(h.uploads).toHaveLength(1);
    expect(h.server.sent('remote:respond')[0]).toEqual({
      actionId: 'act-1',
      consent: true,
      uploadId: 'up-9',
    });

    action(h, { kind: 'captureDocument', material: '结婚证' }, true, 'act-2');
    await h.help.actions.answer(true);
    await h.help.actions.stop();
    expect(h.server.sent('remote:respond')[1]).toEqual({
      actionId: 'act-2',
      consent: true,
      failed: 'citizenStopped',
    });
  });

  it('answers a camera, an upload or a card that fails with its reason code', async () => {
    const h = harness();
    h.dispatch({ type: 'start', journey: 'status' });
    await toCall(h);
    action(h, { kind: 'captureDocument', material: '户口簿' });
    await h.help.actions.answer(true);
    await h.help.actions.cameraFailed();
    action(h, { kind: 'readIdCard' }, true, 'act-2');
    await vi.waitFor(() => expect(h.store.state.help.action?.actionId).toBe('act-2'));
    await h.help.actions.answer(true);
    h.bridgeSocket.push('card:error', { code: 'badChecksum', message: 'x' });
    await vi.waitFor(() => expect(h.server.sent('remote:respond')).toHaveLength(2));
    action(h, { kind: 'readIdCard' }, true, 'act-3');
    await vi.waitFor(() => expect(h.store.state.help.action?.actionId).toBe('act-3'));
    await h.help.actions.answer(true);
    h.bridgeSocket.push('card:error', { code: 'readerFault', message: 'x' });
    await vi.waitFor(() => expect(h.server.sent('remote:respond')).toHaveLength(3));
    expect(h.server.sent('remote:respond')).toEqual([
      { actionId: 'act-1', consent: true, failed: 'cameraUnavailable' },
      { actionId: 'act-2', consent: true, failed: 'cardUnreadable' },
      { actionId: 'act-3', consent: true, failed: 'cardReaderUnavailable' },
    ]);
  });

  it('takes one action at a time, in order', async () => {
    const h = harness();
    await toCall(h);
    action(h, { kind: 'acceptCase' }, true, 'first');
    action(h, { kind: 'readIdCard' }, true, 'second');
    expect(h.store.state.help.action?.actionId).toBe('first');
    await h.help.actions.answer(false);
    expect(h.store.state.help.action).toMatchObject({ actionId: 'second', stage: 'ask' });
  });

  it('shows the receipt of the case the citizen agreed to have filed, and of no other', async () => {
    const h = harness();
    toForm(h);
    await toCall(h);
    h.server.push('case:updated', caseView({ caseNumber: 'YJS-EARLIER-0001' }));
    expect(h.filed).toHaveLength(0);
    // as the server does: the case is filed, and sent, before the answer is acknowledged
    h.serverAnswers['remote:respond'] = () => {
      h.server.push('case:updated', caseView());
      return { ok: true, data: { recorded: true } };
    };
    action(h, { kind: 'acceptCase' });
    await h.help.actions.answer(true);
    expect(h.server.sent('remote:respond')).toEqual([{ actionId: 'act-1', consent: true }]);
    expect(h.filed.map((c) => c.caseNumber)).toEqual([caseView().caseNumber]);
    expect(h.store.state.screen).toBe('receipt');
    expect(h.store.state.help.action?.stage).toBe('done');

    // the agent ends the call: the receipt stays, and its rating step rates the call
    h.server.push('help:ended', {
      ticketId: 't1',
      callId: 't1',
      endedBy: 'agent',
      caseNumber: caseView().caseNumber,
    });
    expect(h.media.left).toBe(1);
    expect(h.store.state.screen).toBe('receipt');
    expect(h.store.state.rating.call).toMatchObject({ callId: 't1', agentName: AGENT.name });
  });

  it('does not claim the case was filed when the server could not file it', async () => {
    const h = harness();
    toForm(h);
    await toCall(h);
    action(h, { kind: 'acceptCase' });
    await h.help.actions.answer(true);
    expect(h.store.state.help.action?.stage).toBe('failed');
    expect(activityWords('en', h.store.state.help.action)).toContain('Not done');
    // a case arriving later is not this citizen's consent any more
    h.server.push('case:updated', caseView());
    expect(h.filed).toHaveLength(0);
    expect(h.store.state.screen).toBe('form');
  });

  it('ignores actions for another ticket, and actions while nobody is connected', async () => {
    const h = harness();
    await h.help.request();
    action(h, { kind: 'acceptCase' });
    expect(h.store.state.help.action).toBeNull();
    h.server.push('help:connected', { ticketId: 't1', callId: 't1', agent: AGENT });
    h.server.push('remote:action', {
      actionId: 'x',
      ticketId: 'someone-else',
      request: { kind: 'acceptCase' },
      needsConsent: true,
      agentName: 'x',
    });
    expect(h.store.state.help.action).toBeNull();
  });
});
