import { Namespace } from '@onething/contract/sockets/namespaces';
import { BridgeContract } from '@onething/contract/sockets/sockets';
import type { Socket } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { healthyHeartbeat } from '../testing/heartbeat.ts';
import { kioskSessionOf } from '../testing/kiosk-client.ts';
import { enrolTerminal } from '../testing/terminals.ts';
import {
  connectSocket,
  login,
  request,
  requestRefusal,
  startTestServer,
  type TestServer,
} from '../testing/test-server.ts';
import { namespaceNotifier, terminalRoom } from './namespaces.ts';

/**
 * Every namespace speaks its contract both ways: a raw socket.io client that sends what the
 * contract does not allow gets a typed refusal and keeps its connection, and what the server
 * would send outside the contract (an answer or a notification) never reaches the client.
 */

let t: TestServer;
let admin: string;

beforeAll(async () => {
  t = await startTestServer();
  admin = await login(t.url, 'admin', 'demo-admin-2026');
});
afterAll(async () => t.close());
afterEach(() => vi.restoreAllMocks());

/** Everything a socket is told, in order. */
function heard(socket: Socket): { event: string; payload: unknown }[] {
  const seen: { event: string; payload: unknown }[] = [];
  socket.onAny((event: string, payload: unknown) => seen.push({ event, payload }));
  return seen;
}

/** What `event` the socket has been told so far, once at least one has arrived. */
async function told(seen: { event: string; payload: unknown }[], event: string) {
  await expect.poll(() => seen.filter((s) => s.event === event)).not.toHaveLength(0);
  return seen.filter((s) => s.event === event).map((s) => s.payload);
}

describe('/staff', () => {
  let maint: Socket;
  let maintId: string;
  beforeAll(async () => {
    maint = await connectSocket(t.url, Namespace.Staff, {
      cookie: await login(t.url, 'maint', 'demo-maint-2026'),
    });
    maintId = (await request(maint, 'session:whoami', {})).data.id;
  });
  afterAll(() => maint.close());

  it('refuses a malformed payload with VALIDATION_FAILED and keeps the connection', async () => {
    const refused = await requestRefusal(maint, 'fleet:detail', { terminalId: 42 });
    expect(refused.error).toMatchObject({ code: 'VALIDATION_FAILED', path: ['terminalId'] });
    expect(maint.connected).toBe(true);
    expect((await request(maint, 'session:whoami', {})).data.id).toBe(maintId);
  });

  it('answers an unknown event with UNKNOWN_EVENT', async () => {
    const refused = await requestRefusal(maint, 'fleet:selfDestruct', {});
    expect(refused.error.code).toBe('UNKNOWN_EVENT');
    expect(maint.connected).toBe(true);
  });

  it('answers INTERNAL, not the broken answer, when a handler breaks its response schema', async () => {
    vi.spyOn(t.server.fleet, 'list').mockResolvedValueOnce([{ id: 42 }] as never);
    const refused = await requestRefusal(maint, 'fleet:list', {});
    expect(refused.error.code).toBe('INTERNAL');
    expect(maint.connected).toBe(true);
  });

  it('does not deliver a notification that breaks the contract or is not in it', async () => {
    const seen = heard(maint);
    t.server.booth.emit('staff', maintId, 'call:ended', { ticketId: 7, callId: 'c' });
    t.server.booth.emit('staff', maintId, 'call:whispered', { ticketId: 't' });
    t.server.booth.emit('staff', maintId, 'call:ended', {
      ticketId: 't',
      callId: 'c',
      endedBy: 'agent',
    });
    expect(await told(seen, 'call:ended')).toEqual([
      { ticketId: 't', callId: 'c', endedBy: 'agent' },
    ]);
    expect(seen.map((s) => s.event)).not.toContain('call:whispered');
  });

  it('tells a sub-case change only to its department serving the region, and never a broken one', async () => {
    const police = await connectSocket(t.url, Namespace.Staff, {
      cookie: await login(t.url, 'agent.police', 'demo-agent-2026'),
    });
    const remote = await connectSocket(t.url, Namespace.Staff, {
      cookie: await login(t.url, 'agent.remote', 'demo-agent-2026'),
    });
    try {
      const [here, there] = [heard(police), heard(remote)];
      const update = (status: string) => ({
        caseNumber: 'YJ000000000000001',
        terminalId: null,
        departments: ['PSB'],
        view: {} as never,
        region: '440113',
        subCases: [{ department: 'PSB', status: status as never, version: 3 }],
      });
      t.server.cases.emit('updated', update('lost'));
      t.server.cases.emit('updated', update('in_review'));
      expect(await told(here, 'workbench:subCaseChanged')).toEqual([
        { caseNumber: 'YJ000000000000001', department: 'PSB', status: 'in_review', version: 3 },
      ]);
      expect(there.map((s) => s.event)).not.toContain('workbench:subCaseChanged');
    } finally {
      police.close();
      remote.close();
    }
  });
});

describe('/kiosk', () => {
  const terminalId = 'T-CONTRACT-K';
  let kiosk: Socket;
  beforeAll(async () => {
    const { token } = await kioskSessionOf(
      t.url,
      await enrolTerminal(t.url, admin, terminalId, { kind: 'booth' }),
    );
    kiosk = await connectSocket(t.url, Namespace.Kiosk, { auth: { token } });
  });
  afterAll(() => kiosk.close());

  it('refuses a malformed payload with VALIDATION_FAILED and keeps the connection', async () => {
    const refused = await requestRefusal(kiosk, 'session:start', {
      language: 'zh-CN',
      elderMode: 'yes',
    });
    expect(refused.error).toMatchObject({ code: 'VALIDATION_FAILED', path: ['elderMode'] });
    expect(kiosk.connected).toBe(true);
    const started = await request(kiosk, 'session:start', { language: 'zh-CN', elderMode: false });
    expect(started.data.terminalId).toBe(terminalId);
  });

  it('answers an unknown event with UNKNOWN_EVENT', async () => {
    const refused = await requestRefusal(kiosk, 'help:jumpTheQueue', {});
    expect(refused.error.code).toBe('UNKNOWN_EVENT');
    expect(kiosk.connected).toBe(true);
  });

  it('answers INTERNAL, not the broken answer, when a handler breaks its response schema', async () => {
    vi.spyOn(t.server.calls, 'media').mockResolvedValueOnce({ peerId: 7 });
    const refused = await requestRefusal(kiosk, 'media:join', { callId: 'call-1' });
    expect(refused.error.code).toBe('INTERNAL');
    expect(kiosk.connected).toBe(true);
  });

  it('does not deliver a notification that breaks the contract, and strips what it does not name', async () => {
    const seen = heard(kiosk);
    const position = { ticketId: 't', position: 1, estimatedWaitSeconds: 60 };
    t.server.booth.emit('kiosk', terminalId, 'help:position', { ...position, position: 'first' });
    t.server.booth.emit('kiosk', terminalId, 'help:position', {
      ...position,
      idNumber: '11010519491231002X',
    });
    expect(await told(seen, 'help:position')).toEqual([position]);
  });
});

describe('/bridge', () => {
  const terminalId = 'T-CONTRACT-B';
  let bridge: Socket;
  let maint: Socket;
  beforeAll(async () => {
    bridge = await connectSocket(t.url, Namespace.Bridge, {
      auth: { credential: await enrolTerminal(t.url, admin, terminalId) },
    });
    maint = await connectSocket(t.url, Namespace.Staff, {
      cookie: await login(t.url, 'maint', 'demo-maint-2026'),
    });
  });
  afterAll(() => {
    bridge.close();
    maint.close();
  });

  it('refuses a malformed payload with VALIDATION_FAILED and keeps the connection', async () => {
    const refused = await requestRefusal(bridge, 'command:result', {
      commandId: 'c-1',
      ok: 'yes',
      detail: '',
    });
    expect(refused.error).toMatchObject({ code: 'VALIDATION_FAILED', path: ['ok'] });
    expect(bridge.connected).toBe(true);
  });

  it('answers an unknown event with UNKNOWN_EVENT', async () => {
    const refused = await requestRefusal(bridge, 'command:forge', { commandId: 'c-1' });
    expect(refused.error.code).toBe('UNKNOWN_EVENT');
    expect(bridge.connected).toBe(true);
  });

  it('answers INTERNAL, not the broken answer, when a handler breaks its response schema', async () => {
    vi.spyOn(t.server.fleet, 'heartbeat').mockResolvedValueOnce({ serverTime: 'now' } as never);
    const refused = await requestRefusal(bridge, 'telemetry:heartbeat', healthyHeartbeat());
    expect(refused.error.code).toBe('INTERNAL');
    expect(bridge.connected).toBe(true);
  });

  it('does not deliver a command that breaks the contract; a valid one arrives', async () => {
    const seen = heard(bridge);
    const notifier = namespaceNotifier(Namespace.Bridge, BridgeContract.notifications);
    const room = t.server.io.of(Namespace.Bridge).to(terminalRoom(terminalId));
    expect(
      notifier.relay(room, 'command', { commandId: 'c-0', action: 'selfDestruct', issuedBy: 'x' }),
    ).toBe(false);
    const sent = await request(maint, 'fleet:action', { terminalId, action: 'reloadUi' });
    expect(sent.data.delivered).toBe(true);
    const commands = await told(seen, 'command');
    expect(commands).toEqual([expect.objectContaining({ action: 'reloadUi' })]);
  });
});
