import type { AgentInfo } from '@onething/contract/sockets/booth';
import { expect, vi } from 'vitest';
import { BridgeClient } from '../api/bridge-client.ts';
import { ServerApi } from '../api/server-api.ts';
import { DEFAULT_CONFIG, type KioskConfig } from '../config.ts';
import { initialState } from '../flow/flow-state.ts';
import { FlowStore } from '../flow/store.ts';
import { KioskSession } from '../session/kiosk-session.ts';
import { FakeSocket } from './fake-socket.ts';
import { card, catalogue, caseView, form, notice } from './fixtures.ts';

// The tests of the session's parts drive them through a whole KioskSession, as the screens do.

type Handler = (
  body: unknown,
) => { status: number; body: unknown } | 'unreachable' | Promise<never>;

/** A session wired to a fake bridge socket and a fake booth server. */
export function harness(
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
export async function toReview(h: Harness) {
  const { session, socket } = h;
  session.start('apply');
  session.welcomeDone();
  socket.push('card:inserted', { card: card(), validity: 'valid' });
  await vi.waitFor(() => expect(session.state.catalogue).not.toBeNull());
  session.bundles.chooseBundle('birth');
  await vi.waitFor(() => expect(session.state.notice).not.toBeNull());
  session.bundles.noticeRead();
  session.bundles.confirmItems();
  await vi.waitFor(() => expect(session.state.form).not.toBeNull());
  session.form.answer('applicant.phone', '13800138000');
  await session.form.checkForm();
  expect(session.state.screen).toBe('materials');
  session.materials.materialsDone();
  expect(session.state.screen).toBe('review');
}

export type Harness = ReturnType<typeof harness>;

const AGENT: AgentInfo = {
  id: 'agent-1',
  name: '李警官',
  department: 'PSB',
  departmentName: { zh: '公安局', en: 'Public Security Bureau' },
  regions: ['440113'],
};

/** The booth server's side of a call, as the video-help controller would dispatch it. */
export function connectCall(h: Harness) {
  const d = h.session.store;
  d.dispatch({ type: 'helpRequested' });
  d.dispatch({ type: 'helpQueued', ticketId: 't1', position: 1, waitSeconds: 30 });
  d.dispatch({ type: 'helpConnected', ticketId: 't1', callId: 't1', agent: AGENT });
}
