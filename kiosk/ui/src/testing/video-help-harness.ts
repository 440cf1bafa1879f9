import type { CaseView } from '@onething/contract/rest/kiosk';
import type { AgentInfo, RemoteActionRequest } from '@onething/contract/sockets/booth';
import { expect, vi } from 'vitest';
import { BridgeClient } from '../api/bridge-client.ts';
import { KioskSocket } from '../api/kiosk-socket.ts';
import type { FlowAction } from '../flow/flow-reducer.ts';
import { initialState } from '../flow/flow-state.ts';
import { FlowStore } from '../flow/store.ts';
import type { CallMediaEvents, StartCallMedia } from '../video/call-media.ts';
import { VideoHelp } from '../video/video-help.ts';
import { FakeKioskSocket, FakeSocket } from './fake-socket.ts';
import { card, catalogue, form, notice } from './fixtures.ts';

export const AGENT: AgentInfo = {
  id: 'agent-1',
  name: '李警官',
  department: 'PSB',
  departmentName: { zh: '公安局', en: 'Public Security Bureau' },
  regions: ['440113'],
};

type Answer = (payload: any) => unknown;
const ok = (data: unknown) => () => ({ ok: true, data });

/** Video help wired to a fake booth server socket, a fake bridge and fake call media. */
export function harness(
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
    'help:availability': ok({ open: true, agentsOnline: 2, nextOpenAt: null, hotline: '12345' }),
    'help:request': ok({ ticketId: 't1', position: 2, estimatedWaitSeconds: 90 }),
    'help:callBack': ok({ callBackId: 'cb1', phoneMasked: '138****5678' }),
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

export type H = ReturnType<typeof harness>;

/** The citizen is on the form of the birth bundle, identified with their ID card. */
export function toForm(h: H) {
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

/** Help asked for and answered by AGENT, the media live. */
export async function toCall(h: H) {
  await h.help.request();
  expect(h.store.state.help.phase).toBe('waiting');
  h.server.push('help:connected', { ticketId: 't1', callId: 't1', agent: AGENT });
  await vi.waitFor(() => expect(h.store.state.help.media).toBe('live'));
}

/** The agent asks for `request` in the call of ticket t1. */
export function action(
  h: H,
  request: RemoteActionRequest,
  needsConsent = true,
  actionId = 'act-1',
) {
  h.server.push('remote:action', {
    actionId,
    ticketId: 't1',
    request,
    needsConsent,
    agentName: AGENT.name,
  });
}
