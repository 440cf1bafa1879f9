import type { AgentInfo } from '@onething/contract/sockets/booth';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BridgeClient } from '../api/bridge-client.ts';
import { ServerApi } from '../api/server-api.ts';
import { DEFAULT_CONFIG, type KioskConfig } from '../config.ts';
import { initialState } from '../flow/flow-state.ts';
import { FlowStore } from '../flow/store.ts';
import { FakeSocket } from '../testing/fake-socket.ts';
import { card, caseView, catalogue, form, notice } from '../testing/fixtures.ts';
import { KioskSession } from './kiosk-session.ts';

type Handler = (
  body: unknown,
) => { status: number; body: unknown } | 'unreachable' | Promise<never>;

/** A session wired to a fake bridge socket and a fake booth server. */
function harness(
  config: Partial<KioskConfig> = {},
  routes: Record<string, Handler> = {},
  bridgeOverrides: Record<string, unknown> = {},
) {
  const socket = new FakeSocket();
  const bridgeAnswers: Record<string, unknown> = {
    'session:token': {
      ok: true,
      data: {
        token: 'tok',
        expiresAt: Date.now() + 3_600_000,
        terminalId: 'T1',
        sessionId: 'session-id-0001-abcd',
      },
    },
    'sim:removeCard': { ok: false, error: { code: 'FORBIDDEN', message: 'real hardware' } },
    'session:wipe': { ok: true, data: { wiped: true } },
    'print:receipt': { ok: true, data: { jobId: 'r-1' } },
    'print:a4': { ok: true, data: { jobId: 'a-1' } },
    'outbox:enqueue': { ok: true, data: { queued: true, pending: 1 } },
    ...bridgeOverrides,
  };
  socket.answer = (event) =>
    bridgeAnswers[event] ?? { ok: false, error: { code: 'UNKNOWN_EVENT', message: event } };
  const bridge = new BridgeClient({
    bridgeUrl: 'http://127.0.0.1:7071',
    token: 't',
    connect: () => socket,
  });

  const server: Record<string, Handler> = {
    'GET /api/kiosk/catalogue': () => ({ status: 200, body: catalogue() }),
    'GET /api/kiosk/bundles/birth': () => ({ status: 200, body: notice() }),
    'POST /api/kiosk/forms': () => ({ status: 200, body: form() }),
    'POST /api/kiosk/forms/validate': () => ({ status: 200, body: { errors: [] } }),
    'POST /api/kiosk/cases': () => ({ status: 201, body: { case: caseView(), duplicate: false } }),
    'POST /api/kiosk/ratings': () => ({ status: 200, body: { ok: true } }),
    ...routes,
  };
  const requests: { route: string; body: unknown }[] = [];
  const fetch = (async (url: string, init: RequestInit) => {
    const route = `${init.method} ${url}`;
    const body = typeof init.body === 'string' ? JSON.parse(init.body) : init.body;
    requests.push({ route, body });
    const h = server[route];
    if (!h)
      return new Response(JSON.stringify({ error: { code: 'NOT_FOUND', message: route } }), {
        status: 404,
      });
    const r = await h(body);
    if (r === 'unreachable') throw new TypeError('Failed to fetch');
    return new Response(JSON.stringify(r.body), { status: r.status });
  }) as unknown as typeof globalThis.fetch;

  const api = new ServerApi({ fetch, getToken: (refresh) => bridge.sessionToken(refresh) });
  const store = new FlowStore(initialState({ demo: false, bridgeConnected: true }));
  let keys = 0;
  const revoked: string[] = [];
  const camera = { stopped: 0 };
  const help = { ended: 0 };
  const reloads = { count: 0, screenAtReload: '' };
  const session = new KioskSession({
    store,
    bridge,
    api,
    config: { ...DEFAULT_CONFIG, ...config },
    statusBase: 'https://gov.example.cn/status',
    stopCamera: () => {
      camera.stopped += 1;
    },
    newKey: () => `key-${String(++keys).padStart(16, '0')}`,
    objectUrls: { create: () => `blob:${keys}-${revoked.length}`, revoke: (u) => revoked.push(u) },
    endHelp: () => {
      help.ended += 1;
    },
    reload: () => {
      reloads.count += 1;
      reloads.screenAtReload = store.state.screen;
    },
  });
  session.attach();
  return { session, socket, server, requests, bridgeAnswers, revoked, camera, help, reloads };
}

/** Drives a citizen through to the review screen. */
async function toReview(h: ReturnType<typeof harness>) {
  const { session, socket } = h;
  session.start('apply');
  session.welcomeDone();
  socket.push('card:inserted', { card: card(), validity: 'valid' });
  await vi.waitFor(() => expect(session.state.catalogue).not.toBeNull());
  session.chooseBundle('birth');
  await vi.waitFor(() => expect(session.state.notice).not.toBeNull());
  session.noticeRead();
  session.confirmItems();
  await vi.waitFor(() => expect(session.state.form).not.toBeNull());
  session.answer('applicant.phone', '13800138000');
  await session.checkForm();
  expect(session.state.screen).toBe('materials');
  session.materialsDone();
  expect(session.state.screen).toBe('review');
}

afterEach(() => {
  vi.useRealTimers();
});

describe('KioskSession', () => {
  it('submits once however often Submit is pressed, then prints the receipt', async () => {
    const h = harness();
    await toReview(h);
    await Promise.all([h.session.submit(), h.session.submit(), h.session.submit()]);
    expect(h.requests.filter((r) => r.route === 'POST /api/kiosk/cases')).toHaveLength(1);
    expect(h.session.state.screen).toBe('receipt');
    const printed = h.socket.sent('print:receipt') as {
      document: { lines: { text: string }[]; qr: string };
    }[];
    expect(printed).toHaveLength(1);
    expect(printed[0]?.document.qr).toBe('https://gov.example.cn/status?case=YJS-20250101-0001');
    expect(h.session.state.receiptJobId).toBe('r-1');
  });

  it('reprints through the bridge, which prints only this session’s receipt', async () => {
    const h = harness({}, {}, { 'print:reprintReceipt': { ok: true, data: { jobId: 'r-2' } } });
    await toReview(h);
    await h.session.submit();
    await h.session.reprintReceipt();
    expect(h.socket.sent('print:reprintReceipt')).toEqual([{}]);
    expect(h.socket.sent('print:receipt')).toHaveLength(1);
    expect(h.session.state.receiptJobId).toBe('r-2');

    // A bridge restarted since has forgotten it: the session prints its own case again.
    const restarted = harness(
      {},
      {},
      {
        'print:reprintReceipt': {
          ok: false,
          error: { code: 'RECEIPT_NOT_FOUND', message: 'none' },
        },
      },
    );
    await toReview(restarted);
    await restarted.session.submit();
    await restarted.session.reprintReceipt();
    expect(restarted.socket.sent('print:receipt')).toHaveLength(2);
    expect(restarted.session.state.problem).toBeNull();
  });

  it('checks the form without naming anyone: the server uses the attested identity', async () => {
    const h = harness();
    await toReview(h);
    const checked = h.requests.find((r) => r.route === 'POST /api/kiosk/forms/validate')?.body;
    expect(checked).toMatchObject({
      bundleCode: 'birth',
      answers: { 'applicant.phone': '13800138000' },
    });
    expect(checked).not.toHaveProperty('identity');
  });

  it('sends the reviewed content, answers as typed and the idempotency key, but no identity', async () => {
    const h = harness();
    await toReview(h);
    await h.session.submit();
    const sent = h.requests.find((r) => r.route === 'POST /api/kiosk/cases')?.body as Record<
      string,
      unknown
    >;
    expect(sent).toMatchObject({
      idempotencyKey: 'key-0000000000000001',
      bundleCode: 'birth',
      itemCodes: ['A', 'B', 'C'],
      answers: {
        'applicant.phone': '13800138000',
        'child.hukouAddress': '北京市朝阳区示例路 1 号',
      },
      channel: 'terminal',
    });
    expect(sent).not.toHaveProperty('identity');
  });

  it('retries with the same key after a server error and loses nothing', async () => {
    let attempts = 0;
    const h = harness(
      {},
      {
        'POST /api/kiosk/cases': () => {
          attempts += 1;
          return attempts === 1
            ? { status: 503, body: { error: { code: 'DATABASE_UNAVAILABLE', message: 'down' } } }
            : { status: 201, body: { case: caseView(), duplicate: true } };
        },
      },
    );
    await toReview(h);
    await h.session.submit();
    expect(h.session.state.submitPhase).toBe('failed');
    expect(h.session.state.problem).toMatchObject({ kind: 'server', code: 'DATABASE_UNAVAILABLE' });
    expect(h.session.state.answers['applicant.phone']).toBe('13800138000');
    await h.session.submit();
    const keys = h.requests
      .filter((r) => r.route === 'POST /api/kiosk/cases')
      .map((r) => (r.body as { idempotencyKey: string }).idempotencyKey);
    expect(keys).toEqual(['key-0000000000000001', 'key-0000000000000001']);
    expect(h.session.state.screen).toBe('receipt');
    expect(h.session.state.caseDuplicate).toBe(true);
  });

  it('offers the outbox when the server is unreachable and shows the case when it is delivered', async () => {
    const h = harness({}, { 'POST /api/kiosk/cases': () => 'unreachable' });
    await toReview(h);
    await h.session.submit();
    expect(h.session.state.submitPhase).toBe('unreachable');
    expect(h.session.state.offline).toBe(true);
    await h.session.queueSubmission();
    expect(h.session.state.screen).toBe('queued');
    const queued = h.socket.sent('outbox:enqueue') as {
      kind: string;
      idempotencyKey: string;
      payload: { bundleCode: string };
    }[];
    expect(queued).toEqual([
      expect.objectContaining({ kind: 'case.submit', idempotencyKey: 'key-0000000000000001' }),
    ]);
    expect(queued[0]?.payload.bundleCode).toBe('birth');
    // a reference slip is printed for the queued application
    expect(h.socket.sent('print:receipt')).toHaveLength(1);

    h.socket.push('outbox:delivered', {
      idempotencyKey: 'someone-elses-key-000',
      result: { case: caseView({ caseNumber: 'OTHER-000001' }), duplicate: false },
    });
    expect(h.session.state.screen).toBe('queued');
    h.socket.push('outbox:delivered', {
      idempotencyKey: 'key-0000000000000001',
      result: { case: caseView(), duplicate: false },
    });
    expect(h.session.state.screen).toBe('receipt');
    expect(h.session.state.caseView?.caseNumber).toBe('YJS-20250101-0001');
  });

  it('with the "wipe" policy, removing the card mid-flow wipes everything and tells the bridge', async () => {
    const h = harness({ cardRemoval: 'wipe' });
    await toReview(h);
    h.socket.push('card:removed', {});
    expect(h.session.state.screen).toBe('attract');
    expect(h.session.state.identity).toBeNull();
    expect(h.session.state.answers).toEqual({});
    await vi.waitFor(() => expect(h.socket.sent('session:wipe')).toHaveLength(1));
  });

  it('with the default "warn" policy, removing the card keeps the work and warns', async () => {
    const h = harness();
    await toReview(h);
    h.socket.push('card:removed', {});
    expect(h.session.state.screen).toBe('review');
    expect(h.session.state.cardRemovedWarning).toBe(true);
    expect(h.socket.sent('session:wipe')).toHaveLength(0);
  });

  it('drops an answer that arrives after the session was wiped', async () => {
    let release: (() => void) | null = null;
    const h = harness(
      {},
      {
        'POST /api/kiosk/forms': () =>
          new Promise((resolve) => {
            release = () => resolve({ status: 200, body: form() } as never);
          }) as Promise<never>,
      },
    );
    const { session, socket } = h;
    session.start('apply');
    session.welcomeDone();
    socket.push('card:inserted', { card: card(), validity: 'valid' });
    await vi.waitFor(() => expect(session.state.catalogue).not.toBeNull());
    session.chooseBundle('birth');
    await vi.waitFor(() => expect(session.state.notice).not.toBeNull());
    session.noticeRead();
    session.confirmItems();
    await vi.waitFor(() => expect(release).not.toBeNull());
    session.wipe();
    release!();
    await new Promise((r) => setTimeout(r, 20));
    expect(session.state.form).toBeNull();
    expect(session.state.busy).toBeNull();
    expect(session.state.screen).toBe('attract');
  });

  it('revokes photo previews and stops the camera on wipe', async () => {
    const h = harness(
      {},
      {
        'POST /api/kiosk/uploads': () => ({
          status: 201,
          body: { uploadId: 'up-1', sha256: 'ab', mediaType: 'image/jpeg', bytes: 3 },
        }),
      },
    );
    await toReview(h);
    h.session.reviewEdit('materials');
    await h.session.uploadMaterial(
      'birth-cert',
      new Blob([new Uint8Array([1, 2, 3])]),
      'image/jpeg',
    );
    const m = h.session.state.materials['birth-cert'];
    expect(m?.state).toBe('captured');
    const url = m?.state === 'captured' ? m.previewUrl : null;
    expect(url).toMatch(/^blob:/);
    const stoppedBefore = h.camera.stopped;
    h.session.wipe();
    expect(h.revoked).toContain(url);
    expect(h.camera.stopped).toBeGreaterThan(stoppedBefore);
  });

  it('wipes after the inactivity warning runs out', async () => {
    const h = harness({ idleMs: 60_000, warningMs: 20_000 });
    await toReview(h);
    vi.useFakeTimers();
    h.session.activity(); // re-arm under fake timers
    vi.advanceTimersByTime(60_000);
    expect(h.session.state.idleSecondsLeft).toBe(20);
    vi.advanceTimersByTime(5_000);
    expect(h.session.state.idleSecondsLeft).toBe(15);
    vi.advanceTimersByTime(15_000);
    expect(h.session.state.screen).toBe('attract');
    expect(h.session.state.identity).toBeNull();
    expect(h.session.state.idleSecondsLeft).toBeNull();
  });

  it('"still here" during the warning keeps everything', async () => {
    const h = harness({ idleMs: 60_000, warningMs: 20_000 });
    await toReview(h);
    vi.useFakeTimers();
    h.session.activity();
    vi.advanceTimersByTime(70_000);
    h.session.stillHere();
    expect(h.session.state.idleSecondsLeft).toBeNull();
    vi.advanceTimersByTime(30_000);
    expect(h.session.state.screen).toBe('review');
  });

  it('queues the rating in the outbox when the server is unreachable', async () => {
    const h = harness({}, { 'POST /api/kiosk/ratings': () => 'unreachable' });
    await toReview(h);
    await h.session.submit();
    h.session.receiptDone();
    h.session.rateLevel('very_satisfied');
    await h.session.sendRating();
    expect(h.session.state.screen).toBe('finish');
    const queued = h.socket.sent('outbox:enqueue') as {
      kind: string;
      payload: { level: string };
    }[];
    expect(queued).toEqual([
      expect.objectContaining({
        kind: 'rating.submit',
        payload: expect.objectContaining({ level: 'very_satisfied' }),
      }),
    ]);
  });

  it('treats "already rated" as done', async () => {
    const h = harness(
      {},
      {
        'POST /api/kiosk/ratings': () => ({
          status: 409,
          body: { error: { code: 'ALREADY_RATED', message: 'x' } },
        }),
      },
    );
    await toReview(h);
    await h.session.submit();
    h.session.receiptDone();
    h.session.rateLevel('basic');
    await h.session.sendRating();
    expect(h.session.state.screen).toBe('finish');
  });

  it('identifies with an electronic-ID QR code through the bridge and refuses codes that are not ours', async () => {
    const h = harness();
    // The bridge verifies the code its own scanner read; the page never sends a code or a card.
    const base = h.socket.answer;
    let verdict: unknown = { ok: false, error: { code: 'FORBIDDEN', message: 'expired code' } };
    h.socket.answer = (event, payload) =>
      event === 'identity:electronic' ? verdict : base(event, payload);
    h.session.start('apply');
    h.session.welcomeDone();
    h.socket.push('scanner:scan', { text: '6901234567892', symbology: 'EAN13' });
    expect(h.session.state.identifyProblem).toBe('qrNotOurs');
    h.socket.push('scanner:scan', { text: `CTID:${'x'.repeat(20)}BAD`, symbology: 'QR' });
    await vi.waitFor(() => expect(h.session.state.identifyProblem).toBe('eidRejected'));
    verdict = { ok: true, data: { card: card() } };
    h.socket.push('scanner:scan', { text: `CTID:${'x'.repeat(20)}GOOD`, symbology: 'QR' });
    await vi.waitFor(() => expect(h.session.state.screen).toBe('chooseBundle'));
    expect(h.session.state.identity?.source).toBe('electronicId');
    expect(h.socket.sent('identity:electronic')).toEqual([{}, {}]);
    expect(h.requests.some((r) => r.route.includes('identity'))).toBe(false);
  });

  it('checks the lookup boxes before asking the server', async () => {
    const h = harness(
      {},
      {
        'POST /api/kiosk/cases/lookup': () => ({ status: 200, body: caseView() }),
      },
    );
    h.session.start('status');
    h.session.welcomeDone();
    h.session.statusInput({ caseNumber: 'abc', idLast4: '12' });
    await h.session.lookupStatus();
    expect(h.session.state.status.invalid).toEqual(['caseNumber', 'idLast4']);
    expect(h.requests.some((r) => r.route.includes('lookup'))).toBe(false);
    h.session.statusInput({ caseNumber: 'YJS-20250101-0001', idLast4: '123x' });
    await h.session.lookupStatus();
    expect(h.session.state.screen).toBe('statusView');
    expect(h.requests.find((r) => r.route.includes('lookup'))?.body).toEqual({
      caseNumber: 'YJS-20250101-0001',
      idLast4: '123X',
    });
  });

  it('says a wrong last 4 or an unknown case number next to the boxes, not as a failed call', async () => {
    let answer: { status: number; body: unknown } = {
      status: 404,
      body: { error: { code: 'CASE_NOT_FOUND', message: 'no match' } },
    };
    const h = harness({}, { 'POST /api/kiosk/cases/lookup': () => answer });
    h.session.start('status');
    h.session.welcomeDone();
    h.session.statusInput({ caseNumber: 'YJS-20250101-0001', idLast4: '1234' });
    await h.session.lookupStatus();
    expect(h.session.state.screen).toBe('statusLookup');
    expect(h.session.state.status.refused).toBe('notFound');
    expect(h.session.state.problem).toBeNull();
    expect(h.session.state.busy).toBeNull();
    // what was typed stays, so only the wrong part needs retyping
    expect(h.session.state.status.caseNumber).toBe('YJS-20250101-0001');

    h.session.statusInput({ idLast4: '123X' });
    expect(h.session.state.status.refused).toBeNull();
    answer = { status: 404, body: { error: { code: 'CASE_NOT_FOUND', message: 'none' } } };
    await h.session.lookupStatus();
    expect(h.session.state.status.refused).toBe('notFound');

    // anything else is a failed call, offered again
    answer = { status: 500, body: { error: { code: 'INTERNAL', message: 'boom' } } };
    h.session.statusInput({ caseNumber: 'YJS-20250101-0002' });
    await h.session.lookupStatus();
    expect(h.session.state.status.refused).toBeNull();
    expect(h.session.state.problem).toMatchObject({ code: 'INTERNAL', retryable: true });
  });

  it('issues an instant certificate and prints it on A4 in large print for elder mode', async () => {
    const certificate = {
      serial: 'WF-2025-0001',
      verifyUrl: 'https://gov.example.cn/verify/WF-2025-0001',
      document: {
        kind: 'certificate',
        title: '无犯罪记录证明',
        paragraphs: ['经查，……'],
        serial: 'WF-2025-0001',
        qr: 'https://gov.example.cn/verify/WF-2025-0001',
        issuer: '公安局',
      },
    };
    const h = harness(
      {},
      { 'POST /api/kiosk/instant': () => ({ status: 200, body: certificate }) },
    );
    h.session.start('instant');
    h.session.setElder(true);
    h.session.welcomeDone();
    await vi.waitFor(() => expect(h.session.state.catalogue).not.toBeNull());
    h.session.chooseInstant('no-crime');
    h.socket.push('card:inserted', { card: card(), validity: 'valid' });
    expect(h.session.state.screen).toBe('instantConfirm');
    await h.session.issueInstant();
    expect(h.requests.some((r) => r.route === 'POST /api/kiosk/instant')).toBe(false); // not confirmed yet
    h.session.confirmInstant(true);
    await h.session.issueInstant();
    expect(h.session.state.screen).toBe('instantPrint');
    await vi.waitFor(() => expect(h.socket.sent('print:a4')).toHaveLength(1));
    expect(h.socket.sent('print:a4')[0]).toMatchObject({
      document: { kind: 'certificate', serial: 'WF-2025-0001', largePrint: true },
    });
    // progress counts once the bridge has answered with the job's id
    await vi.waitFor(() => expect(h.session.state.instant.jobId).toBe('a-1'));
    h.socket.push('print:progress', { jobId: 'a-1', printer: 'a4', state: 'done', problem: null });
    expect(h.session.state.printJobs['a-1']?.state).toBe('done');
  });

  it('shows the simulator only when the bridge accepts sim:* requests', async () => {
    const real = harness();
    await vi.waitFor(() => expect(real.socket.sent('sim:removeCard')).toHaveLength(1));
    expect(real.session.state.demo).toBe(false);

    const demo = harness({}, {}, { 'sim:removeCard': { ok: true, data: { removed: true } } });
    await vi.waitFor(() => expect(demo.session.state.demo).toBe(true));
  });
});

describe('KioskSession: back to the start', () => {
  it('going back to the attract screen is a full wipe, bridge included', async () => {
    const h = harness();
    h.socket.push('card:inserted', { card: card(), validity: 'valid' });
    expect(h.session.state.screen).toBe('welcome');
    h.session.back();
    expect(h.session.state.screen).toBe('attract');
    expect(h.session.state.identity).toBeNull();
    await vi.waitFor(() => expect(h.socket.sent('session:wipe')).toHaveLength(1));
  });

  it('asks the bridge about demo mode once, not on every reconnection', async () => {
    const h = harness({}, {}, { 'sim:removeCard': { ok: true, data: { removed: true } } });
    h.socket.push('connect'); // a second connection while the first answer is on its way
    await vi.waitFor(() => expect(h.session.state.demo).toBe(true));
    h.socket.push('disconnect');
    h.socket.push('connect');
    await new Promise((r) => setTimeout(r, 20));
    expect(h.socket.sent('sim:removeCard')).toHaveLength(1);
  });
});

describe('KioskSession: a revoked terminal', () => {
  it('forgets the citizen mid-flow and stays out of service until the server accepts it again', async () => {
    const h = harness();
    await toReview(h);
    h.session.terminalRevoked();
    expect(h.session.state.screen).toBe('outOfService');
    expect(h.session.state.identity).toBeNull();
    expect(h.camera.stopped).toBeGreaterThan(0);
    expect(h.help.ended).toBe(1);
    await vi.waitFor(() => expect(h.socket.sent('session:wipe')).toHaveLength(1));
    // the server accepts the terminal again (the kiosk socket reconnected) …
    h.session.terminalRestored();
    expect(h.session.state.screen).toBe('attract');
    // … and a reconnection without a revocation does not end a citizen's session
    await toReview(h);
    const screen = h.session.state.screen;
    h.session.terminalRestored();
    expect(h.session.state.screen).toBe(screen);
    expect(h.session.state.identity).not.toBeNull();
  });
});

describe('KioskSession: maintenance and reload from the fleet', () => {
  it('maintenance on mid-flow stops the camera and any call, forgets the citizen and names where to go', async () => {
    const h = harness();
    await toReview(h);
    h.socket.push('ui:maintenance', { on: true, message: '番禺区政务服务中心 2号机' });
    expect(h.session.state.screen).toBe('outOfService');
    expect(h.session.state.maintenance).toEqual({ alternative: '番禺区政务服务中心 2号机' });
    expect(h.session.state.identity).toBeNull();
    expect(h.camera.stopped).toBeGreaterThan(0);
    expect(h.help.ended).toBe(1);
    await vi.waitFor(() => expect(h.socket.sent('session:wipe')).toHaveLength(1));

    // a card put in while out of service starts nothing
    h.socket.push('card:inserted', { card: card(), validity: 'valid' });
    expect(h.session.state.screen).toBe('outOfService');
    expect(h.session.state.identity).toBeNull();

    h.socket.push('ui:maintenance', { on: false });
    expect(h.session.state.screen).toBe('attract');
    expect(h.session.state.maintenance).toBeNull();
  });

  it('a repeated "off" does not end the session of the citizen now at the terminal', async () => {
    const h = harness();
    await toReview(h);
    h.socket.push('ui:maintenance', { on: false });
    expect(h.session.state.screen).toBe('review');
    expect(h.session.state.identity).not.toBeNull();
    expect(h.socket.sent('session:wipe')).toHaveLength(0);
  });

  it('a malformed maintenance notice is dropped, not half applied', async () => {
    const h = harness();
    h.socket.push('ui:maintenance', { on: 'yes' });
    expect(h.session.state.screen).toBe('attract');
    expect(h.session.state.maintenance).toBeNull();
  });

  it('ui:reload wipes the session before the page reloads', async () => {
    const h = harness();
    await toReview(h);
    h.socket.push('ui:reload', {});
    expect(h.reloads).toEqual({ count: 1, screenAtReload: 'attract' });
    expect(h.session.state.identity).toBeNull();
    await vi.waitFor(() => expect(h.socket.sent('session:wipe')).toHaveLength(1));
  });
});

const AGENT: AgentInfo = {
  id: 'agent-1',
  name: '李警官',
  department: 'PSB',
  departmentName: { zh: '公安局', en: 'Public Security Bureau' },
  regions: ['440113'],
};

/** The booth server's side of a call, as the video-help controller would dispatch it. */
function connectCall(h: ReturnType<typeof harness>) {
  const d = h.session.store;
  d.dispatch({ type: 'helpRequested' });
  d.dispatch({ type: 'helpQueued', ticketId: 't1', position: 1, waitSeconds: 30 });
  d.dispatch({ type: 'helpConnected', ticketId: 't1', callId: 't1', agent: AGENT });
}

describe('KioskSession: video help', () => {
  it('does not wipe while the citizen waits for or talks to an agent, and resumes after', async () => {
    const h = harness({ idleMs: 60_000, warningMs: 20_000 });
    await toReview(h);
    vi.useFakeTimers();
    h.session.activity();
    vi.advanceTimersByTime(65_000);
    expect(h.session.state.idleSecondsLeft).not.toBeNull();
    connectCall(h);
    // the warning goes away: the citizen is busy with the agent, not gone
    expect(h.session.state.idleSecondsLeft).toBeNull();
    vi.advanceTimersByTime(30 * 60_000);
    expect(h.session.state.screen).toBe('review');
    h.session.store.dispatch({
      type: 'helpEnded',
      ticketId: 't1',
      callId: 't1',
      caseNumber: null,
      endedBy: 'agent',
    });
    vi.advanceTimersByTime(80_000);
    expect(h.session.state.screen).toBe('attract');
  });

  it('ends the call before it forgets the citizen', async () => {
    const h = harness();
    await toReview(h);
    h.session.wipe();
    expect(h.help.ended).toBe(1);
    expect(h.session.state.identity).toBeNull();
  });

  it('prints the receipt of a case the agent filed, and rates the call as online service', async () => {
    const h = harness();
    await toReview(h);
    connectCall(h);
    h.session.caseFiledByAgent(caseView());
    expect(h.session.state.screen).toBe('receipt');
    await vi.waitFor(() => expect(h.socket.sent('print:receipt')).toHaveLength(1));
    h.session.store.dispatch({
      type: 'helpEnded',
      ticketId: 't1',
      callId: 't1',
      caseNumber: caseView().caseNumber,
      endedBy: 'agent',
    });
    h.session.receiptDone();
    h.session.rateLevel('very_satisfied');
    h.session.rateDimension('guideAccuracy', 'satisfied');
    await h.session.sendRating();
    const rating = h.requests.find((r) => r.route === 'POST /api/kiosk/ratings');
    expect(rating?.body).toEqual({
      caseNumber: caseView().caseNumber,
      channel: 'online',
      callId: 't1',
      level: 'very_satisfied',
      dimensions: { guideAccuracy: 'satisfied' },
    });
    expect(h.session.state.screen).toBe('finish');
  });

  it('rates the terminal’s own service on site when no call was involved', async () => {
    const h = harness();
    await toReview(h);
    await h.session.submit();
    h.session.receiptDone();
    h.session.rateLevel('basic');
    await h.session.sendRating();
    const rating = h.requests.find((r) => r.route === 'POST /api/kiosk/ratings');
    expect(rating?.body).toMatchObject({ channel: 'onsite', level: 'basic' });
    expect(rating?.body).not.toHaveProperty('callId');
  });
});
