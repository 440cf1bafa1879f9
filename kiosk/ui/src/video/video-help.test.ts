import type { CaseView } from '@onething/contract/api/kiosk';
import type { AgentInfo, RemoteActionRequest } from '@onething/contract/events/booth';
import { describe, expect, it, vi } from 'vitest';
import { BridgeClient } from '../api/bridge-client.ts';
import { KioskSocket } from '../api/kiosk-socket.ts';
import type { FlowAction } from '../flow/flow-reducer.ts';
import { initialState } from '../flow/flow-state.ts';
import { FlowStore } from '../flow/store.ts';
import { FakeKioskSocket, FakeSocket } from '../testing/fake-socket.ts';
import { card, caseView, catalogue, form, notice } from '../testing/fixtures.ts';
import type { CallMediaEvents, StartCallMedia } from './call-media.ts';
import { activityWords, chatText } from './help-words.ts';
import { VideoHelp } from './video-help.ts';

const AGENT: AgentInfo = {
  id: 'agent-1',
  name: '李警官',
  department: 'PSB',
  departmentName: { zh: '公安局', en: 'Public Security Bureau' },
  regions: ['440113'],
};

type Answer = (payload: any) => unknown;
const ok = (data: unknown) => () => ({ ok: true, data });

/** Video help wired to a fake booth server socket, a fake bridge and fake call media. */
function harness(
  opts: {
    media?: 'live' | 'refused';
    server?: Record<string, Answer>;
    bridge?: Record<string, Answer>;
  } = {},
) {
  const server = new FakeKioskSocket();
  server.connected = false;
  const serverAnswers: Record<string, Answer> = {
    'session:start': ok({ sessionId: 's1', terminalId: 'T1' }),
    'help:request': ok({ ticketId: 't1', position: 2, estimatedWaitSeconds: 90 }),
    'help:cancel': ok({ cancelled: true }),
    'call:hangup': ok({ ended: true }),
    'draft:update': ok({ stored: true }),
    'remote:respond': ok({ recorded: true }),
    'chat:send': ok({ sent: true }),
    ...opts.server,
  };
  server.answer = (event, payload) =>
    serverAnswers[event]?.(payload) ?? {
      ok: false,
      error: { code: 'UNKNOWN_EVENT', message: event },
    };
  const socket = new KioskSocket({
    getToken: async () => 'tok',
    hello: () => ({ language: 'zh-CN', elderMode: false }),
    connect: () => server,
  });
  server.open();

  const bridgeSocket = new FakeSocket();
  const bridgeAnswers: Record<string, Answer> = {
    'print:a4': ok({ jobId: 'a-7' }),
    ...opts.bridge,
  };
  bridgeSocket.answer = (event, payload) =>
    bridgeAnswers[event]?.(payload) ?? {
      ok: false,
      error: { code: 'UNKNOWN_EVENT', message: event },
    };
  const bridge = new BridgeClient({
    bridgeUrl: 'http://127.0.0.1:7071',
    token: 't',
    connect: () => bridgeSocket,
  });

  const store = new FlowStore(initialState({ demo: false, bridgeConnected: true }));
  const uploads: Blob[] = [];
  const filed: CaseView[] = [];
  const media = {
    started: [] as string[],
    left: 0,
    enabled: [] as [string, boolean][],
    events: null as CallMediaEvents | null,
  };
  const startMedia: StartCallMedia = async (_signalling, callId, events) => {
    media.started.push(callId);
    media.events = events;
    if (opts.media === 'refused') throw new Error('MEDIA_UNAVAILABLE');
    return {
      outcome: 'live',
      local: null,
      remote: null as unknown as MediaStream,
      setEnabled: async (kind, on) => {
        media.enabled.push([kind, on]);
      },
      leave: async () => {
        media.left += 1;
      },
    };
  };
  const help = new VideoHelp({
    store,
    socket,
    bridge,
    api: {
      upload: async (data) => {
        uploads.push(data);
        return { uploadId: 'up-9', sha256: 'x', mediaType: 'image/jpeg', bytes: data.size };
      },
    },
    onCaseFiled: (view) => {
      filed.push(view);
      store.dispatch({ type: 'caseFiled', caseView: view });
    },
    startMedia,
    draftDelayMs: 0,
    connectWaitMs: 50,
  });
  help.attach();
  const dispatch = (...actions: FlowAction[]) => {
    for (const a of actions) store.dispatch(a);
  };
  return { server, bridgeSocket, store, help, media, uploads, filed, dispatch, serverAnswers };
}

type H = ReturnType<typeof harness>;

/** The citizen is on the form of the birth bundle, identified with their ID card. */
function toForm(h: H) {
  h.dispatch(
    { type: 'start', journey: 'apply' },
    { type: 'welcomeDone' },
    { type: 'cardInserted', card: card(), validity: 'valid' },
    { type: 'catalogueLoaded', catalogue: catalogue() },
    { type: 'bundleChosen', code: 'birth' },
    { type: 'noticeLoaded', notice: notice() },
    { type: 'noticeRead' },
    { type: 'itemsConfirmed' },
    { type: 'formLoaded', form: form() },
  );
}

async function toCall(h: H) {
  await h.help.request();
  expect(h.store.state.help.phase).toBe('waiting');
  h.server.push('help:connected', { ticketId: 't1', callId: 't1', agent: AGENT });
  await vi.waitFor(() => expect(h.store.state.help.media).toBe('live'));
}

function action(h: H, request: RemoteActionRequest, needsConsent = true, actionId = 'act-1') {
  h.server.push('remote:action', {
    actionId,
    ticketId: 't1',
    request,
    needsConsent,
    agentName: AGENT.name,
  });
}

describe('VideoHelp: asking for help', () => {
  it('asks for the chosen bundle, never naming a priority (the server derives it), and shows the queue', async () => {
    const h = harness();
    toForm(h);
    h.dispatch({ type: 'setElder', elder: true });
    await h.help.request();
    expect(h.server.sent('help:request')).toEqual([{ bundleCode: 'birth', language: 'zh-CN' }]);
    expect(h.store.state.help).toMatchObject({ phase: 'waiting', position: 2, waitSeconds: 90 });
    h.server.push('help:position', { ticketId: 't1', position: 1, estimatedWaitSeconds: 15 });
    h.server.push('help:escalated', { ticketId: 't1', scope: 'province' });
    expect(h.store.state.help).toMatchObject({ position: 1, waitSeconds: 15, escalated: true });
  });

  it('asks without a bundle before one is chosen', async () => {
    const h = harness();
    await h.help.request();
    expect(h.server.sent('help:request')).toEqual([{ language: 'zh-CN' }]);
  });

  it('says why when help cannot be asked for', async () => {
    const refused = harness({
      server: { 'help:request': () => ({ ok: false, error: { code: 'CONFLICT', message: 'm' } }) },
    });
    await refused.help.request();
    expect(refused.store.state.help).toMatchObject({
      phase: 'failed',
      problem: { kind: 'server', code: 'CONFLICT' },
    });
    const offline = harness();
    offline.server.connected = false;
    await offline.help.request();
    expect(offline.store.state.help.problem?.kind).toBe('unreachable');
  });

  it('waits for the server socket when help is asked for just after start-up', async () => {
    const h = harness();
    h.server.connected = false;
    const asked = h.help.request();
    h.server.open();
    await asked;
    expect(h.store.state.help.phase).toBe('waiting');
  });

  it('withdraws the ticket when the citizen cancels, and when the session is wiped', async () => {
    const h = harness();
    await h.help.request();
    await h.help.cancel();
    expect(h.server.sent('help:cancel')).toEqual([{ ticketId: 't1' }]);
    expect(h.store.state.help.phase).toBe('idle');

    const w = harness();
    await w.help.request();
    w.help.end();
    await vi.waitFor(() => expect(w.server.sent('help:cancel')).toEqual([{ ticketId: 't1' }]));
  });

  it('cancels a ticket whose answer arrives after the citizen gave up', async () => {
    const h = harness();
    const asked = h.help.request();
    await h.help.cancel();
    await asked;
    expect(h.store.state.help.phase).toBe('idle');
    expect(h.server.sent('help:cancel')).toEqual([{ ticketId: 't1' }]);
  });
});

describe('VideoHelp: the call', () => {
  it('joins the media when an agent answers and ends it on hang-up, at once', async () => {
    const h = harness();
    toForm(h);
    await toCall(h);
    expect(h.media.started).toEqual(['t1']);
    expect(h.store.state.help).toMatchObject({ phase: 'connected', agent: AGENT });
    h.media.events?.quality(4);
    expect(h.store.state.help.quality).toBe(4);
    await h.help.setDevice('mic', false);
    expect(h.media.enabled).toEqual([['audio', false]]);
    expect(h.store.state.help.mic).toBe(false);
    await h.help.hangup();
    expect(h.media.left).toBe(1);
    expect(h.server.sent('call:hangup')).toEqual([{ ticketId: 't1' }]);
    expect(h.store.state.help).toMatchObject({ phase: 'ended', endedAfterCall: true });
    expect(h.store.state.screen).toBe('form');
  });

  it('carries on with text chat when the server has no media for the call', async () => {
    const h = harness({ media: 'refused' });
    await h.help.request();
    h.server.push('help:connected', { ticketId: 't1', callId: 't1', agent: AGENT });
    await vi.waitFor(() => expect(h.store.state.help.media).toBe('unavailable'));
    expect(await h.help.send('  我听不清  ')).toBe(true);
    expect(h.server.sent('chat:send')).toEqual([{ ticketId: 't1', text: '我听不清' }]);
    h.server.push('chat:message', {
      ticketId: 't1',
      from: 'agent',
      name: AGENT.name,
      text: '请看屏幕',
      at: 1,
    });
    expect(h.store.state.help.chat.map((m) => chatText('zh-CN', m))).toEqual(['请看屏幕']);
  });

  it('keeps a chat line that did not go out, and says so', async () => {
    const h = harness({
      server: { 'chat:send': () => ({ ok: false, error: { code: 'CONFLICT', message: 'x' } }) },
    });
    await toCall(h);
    expect(await h.help.send('hello')).toBe(false);
    expect(h.store.state.help.chatFailed).toBe(true);
  });

  it('goes back to waiting without media when the agent is lost, and joins again on the next answer', async () => {
    const h = harness();
    await toCall(h);
    h.server.push('help:requeued', { ticketId: 't1', reason: 'agentLost' });
    expect(h.media.left).toBe(1);
    expect(h.store.state.help.phase).toBe('waiting');
    h.server.push('help:connected', { ticketId: 't1', callId: 't1', agent: AGENT });
    await vi.waitFor(() => expect(h.media.started).toEqual(['t1', 't1']));
  });

  it('says the connection is being recovered while the server socket is away', async () => {
    const h = harness();
    await toCall(h);
    h.server.connected = false;
    h.server.push('disconnect');
    expect(h.store.state.help.reconnecting).toBe(true);
    h.server.open();
    expect(h.store.state.help.reconnecting).toBe(false);
  });

  it('keeps the agent’s view of the draft current while connected, and only then', async () => {
    const h = harness();
    toForm(h);
    await h.help.request();
    h.dispatch({ type: 'answer', key: 'applicant.phone', value: '13800138000' });
    expect(h.server.sent('draft:update')).toHaveLength(0);
    await toCall(h);
    await vi.waitFor(() => expect(h.server.sent('draft:update')).toHaveLength(1));
    expect(h.server.sent('draft:update')[0]).toMatchObject({
      ticketId: 't1',
      draft: {
        bundleCode: 'birth',
        itemCodes: ['A', 'B', 'C'],
        step: 'form',
        // The card used to sign in is not shared until the citizen consents to a card read.
        identity: null,
      },
    });
    h.dispatch({ type: 'answer', key: 'applicant.phone', value: '13900139000' });
    await vi.waitFor(() => expect(h.server.sent('draft:update')).toHaveLength(2));
    const second = h.server.sent('draft:update')[1] as { draft: { answers: object } };
    expect(JSON.stringify(second.draft.answers)).toContain('13900139000');
    // nothing the agent sees changed: nothing sent
    h.dispatch({ type: 'simPanel', open: true });
    await new Promise((r) => setTimeout(r, 20));
    expect(h.server.sent('draft:update')).toHaveLength(2);
  });
});

describe('VideoHelp: remote actions', () => {
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
    await h.help.answer(true);
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
    await h.help.answer(true);
    await vi.waitFor(() => expect(h.server.sent('remote:respond')).toHaveLength(1));
    expect(h.server.sent('remote:respond')[0]).toEqual({ actionId: 'act-1', consent: true });

    const bad = harness();
    bad.dispatch({ type: 'start', journey: 'status' });
    await toCall(bad);
    action(bad, { kind: 'readIdCard' });
    await bad.help.answer(true);
    bad.bridgeSocket.push('card:inserted', {
      card: card(),
      validity: 'expired',
    });
    await vi.waitFor(() => expect(bad.server.sent('remote:respond')).toHaveLength(1));
    expect(bad.server.sent('remote:respond')[0]).toEqual({
      actionId: 'act-1',
      consent: true,
      failed: 'the card is expired',
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
    await h.help.answer(false);
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
      failed: 'the printer did not take the job (CONFLICT)',
    });
    await vi.waitFor(() => expect(h.store.state.help.action?.stage).toBe('failed'));
  });

  it('photographs the document and hands over the upload; stopping is reported as such', async () => {
    const h = harness();
    await toCall(h);
    action(h, { kind: 'captureDocument', material: '户口簿' });
    await h.help.captured(new Blob(['too early']));
    expect(h.uploads).toHaveLength(0);
    await h.help.answer(true);
    expect(h.store.state.help.action?.stage).toBe('capture');
    await h.help.captured(new Blob(['jpeg'], { type: 'image/jpeg' }));
    expect(h.uploads).toHaveLength(1);
    expect(h.server.sent('remote:respond')[0]).toEqual({
      actionId: 'act-1',
      consent: true,
      uploadId: 'up-9',
    });

    action(h, { kind: 'captureDocument', material: '结婚证' }, true, 'act-2');
    await h.help.answer(true);
    await h.help.stopAction();
    expect(h.server.sent('remote:respond')[1]).toEqual({
      actionId: 'act-2',
      consent: true,
      failed: 'the citizen stopped',
    });
  });

  it('takes one action at a time, in order', async () => {
    const h = harness();
    await toCall(h);
    action(h, { kind: 'acceptCase' }, true, 'first');
    action(h, { kind: 'readIdCard' }, true, 'second');
    expect(h.store.state.help.action?.actionId).toBe('first');
    await h.help.answer(false);
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
    await h.help.answer(true);
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
    await h.help.answer(true);
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
