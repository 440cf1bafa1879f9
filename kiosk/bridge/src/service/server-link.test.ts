import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { Server, type Socket as ServerSocket } from 'socket.io';
import { io, type Socket } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  login,
  readJson,
  startTestServer,
  type TestServer,
} from '../../../../booth-server/src/testing/test-server.ts';
import type { FleetNotifications } from '@onething/contract/sockets/fleet';
import type { NotificationOf } from '@onething/contract/wire/contract';
import { loadConfig } from '../config.ts';
import { capturedLogger } from '../testing/captured-logger.ts';
import { healthyTelemetry, succeedingCommands } from '../testing/server-link-stubs.ts';
import { BridgeLinkError } from './bridge-link-error.ts';
import { KioskBridge } from './kiosk-bridge.ts';
import { type CommandHandlers, DEFAULT_RECONNECT_DELAY_MAX_MS, ServerLink } from './server-link.ts';

/** How long a notification may take to reach the page on a busy machine. */
const PAGE_HEARS_MS = 10_000;

let t: TestServer;
let admin: string;
const staff = { id: 'maint-test', name: '运维小周', ip: null };
const cleanups: (() => Promise<unknown> | unknown)[] = [];

beforeAll(async () => {
  t = await startTestServer();
  admin = await login(t.url, 'admin', 'demo-admin-2026');
});
afterAll(async () => {
  await t.close();
});
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function register(id: string): Promise<string> {
  const res = await fetch(`${t.url}/api/admin/terminals`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: admin },
    body: JSON.stringify({
      id,
      name: `终端 ${id}`,
      site: '青川区政务服务中心',
      region: '440113',
      kind: 'terminal',
    }),
  });
  expect(res.status).toBe(201);
  return (await readJson(res)).enrolmentCode;
}

/** A bridge with simulated hardware, enrolled with a fresh code from the real server. */
async function startBridge(id: string, opts: { onRestart?: () => void; serverUrl?: string } = {}) {
  const code = await register(id);
  const dir = await mkdtemp(path.join(tmpdir(), 'bridge-link-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  const config = loadConfig({
    BRIDGE_SERVER_URL: opts.serverUrl ?? t.url,
    BRIDGE_DATA_DIR: dir,
    BRIDGE_LOCAL_PORT: '0',
    BRIDGE_TERMINAL_ID: id,
    BRIDGE_ENROLMENT_CODE: code,
  });
  const bridge = await KioskBridge.start(config, {
    logger: pino({ level: 'silent' }),
    readerPollMs: 300,
    printerStatusPollMs: 200,
    printPollMs: 50,
    ...(opts.onRestart && { onRestart: opts.onRestart }),
  });
  cleanups.push(() => bridge.close());
  return { bridge, dir };
}

async function until<T>(check: () => T | Promise<T>, what: string, ms = 8000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

type CommandResult = NotificationOf<typeof FleetNotifications, 'fleet:commandResult'>;

function commandResult(commandId: string): Promise<CommandResult> {
  return new Promise((resolve) => {
    const listener = (r: CommandResult) => {
      if (r.commandId !== commandId) return;
      t.server.fleet.off('commandResult', listener);
      resolve(r);
    };
    t.server.fleet.on('commandResult', listener);
  });
}

/** The kiosk page, connected to the bridge's local API with the token from the launch URL. */
async function kioskPage(
  bridge: KioskBridge,
): Promise<{ socket: Socket; seen: { event: string; payload: any }[] }> {
  const fragment = new URLSearchParams(bridge.launchUrl.split('#')[1]);
  const socket = io(`${fragment.get('bridge')}/local`, {
    auth: { token: fragment.get('token') },
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
  });
  cleanups.push(() => socket.close());
  const seen: { event: string; payload: any }[] = [];
  socket.onAny((event: string, payload: unknown) => seen.push({ event, payload }));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  return { socket, seen };
}

describe('the bridge against a real booth server', () => {
  it('enrols with the code, stores the credential and the local token privately, and shows up online', async () => {
    const { bridge, dir } = await startBridge('LINK-0001');
    expect(bridge.credential.terminalId).toBe('LINK-0001');
    expect((await stat(path.join(dir, 'credential.json'))).mode & 0o777).toBe(0o600);
    expect((await stat(path.join(dir, 'local-token'))).mode & 0o777).toBe(0o600);
    expect(await readFile(path.join(dir, 'local-token'), 'utf8')).toBe(bridge.localToken);
    expect(bridge.launchUrl).toBe(
      `${t.url}/kiosk/#bridge=http://127.0.0.1:${bridge.local.port}&token=${bridge.localToken}`,
    );

    const summary = await until(() => {
      try {
        const s = t.server.fleet.summary('LINK-0001');
        return s.online ? s : null;
      } catch {
        return null;
      }
    }, 'heartbeat');
    expect(summary).toMatchObject({ online: true, paper: 'ok' });
    const detail = await t.server.fleet.detail('LINK-0001');
    expect(detail.heartbeat).toMatchObject({
      versions: { bridge: '0.1.0', ui: null, node: process.version },
      devices: {
        idCardReader: { status: 'ok', cardPresent: false },
        receiptPrinter: { status: 'ok', paper: 'ok' },
        a4Printer: { status: 'absent', queue: null },
        scanner: { status: 'ok' },
        camera: { status: 'unknown', detail: null },
      },
      maintenance: false,
    });
    expect(detail.heartbeat?.resources.diskFreePercent).toBeGreaterThan(0);
    // The server records the heartbeat before its acknowledgement gets back to the bridge.
    const rtt = await until(() => bridge.server.rttMs !== null && bridge.server.rttMs + 1, 'ack');
    expect(rtt).toBeGreaterThan(0);
  });

  it('reports the paper running out and an unplugged scanner in the next heartbeat', async () => {
    const { bridge } = await startBridge('LINK-0002');
    await until(() => bridge.server.connected, 'connection');
    bridge.hardware.simulators?.printer.setPaperOut(true);
    bridge.hardware.simulators?.scanner.unplug();
    await until(() => bridge.hardware.states().receiptPrinter.paper === 'out', 'paper out seen');
    expect(await bridge.server.heartbeat()).toBe(true);
    expect(t.server.fleet.summary('LINK-0002').paper).toBe('out');
    const hb = (await t.server.fleet.detail('LINK-0002')).heartbeat;
    expect(hb?.devices.scanner.status).toBe('absent');
    expect(hb?.lastErrors).toContainEqual({
      at: expect.any(Number),
      device: 'scanner',
      code: 'DEVICE_UNAVAILABLE',
    });
  });

  it('prints a test page when maintenance asks, and the result reaches the fleet', async () => {
    const { bridge } = await startBridge('LINK-0003');
    await until(() => bridge.server.connected, 'connection');
    const { commandId, delivered } = await t.server.fleet.action(
      'LINK-0003',
      'printTestPage',
      staff,
    );
    expect(delivered).toBe(true);
    const result = await commandResult(commandId);
    expect(result).toMatchObject({
      action: 'printTestPage',
      ok: true,
      outcome: 'testPagePrinted',
      detailCode: null,
    });
    const page = bridge.hardware.simulators?.printer.receipts.at(-1);
    expect(page?.lines).toContain('打印测试页');
    expect(page?.lines).toContain('终端 Terminal: LINK-0003');
    expect(page?.qrCodes).toEqual(['onething:test-page:LINK-0003']);
  });

  it('runs the reader self-test and reports a failed SAM', async () => {
    const { bridge } = await startBridge('LINK-0004');
    await until(() => bridge.server.connected, 'connection');
    const ok = await t.server.fleet.action('LINK-0004', 'readerSelfTest', staff);
    expect(await commandResult(ok.commandId)).toMatchObject({ ok: true, outcome: 'readerOk' });
    bridge.hardware.simulators?.reader.setSelfTestFailed(true);
    const bad = await t.server.fleet.action('LINK-0004', 'readerSelfTest', staff);
    const result = await commandResult(bad.commandId);
    expect(result.ok).toBe(false);
    expect(result).toMatchObject({
      outcome: 'readerSamFailed',
      detailCode: 'SAM_SELF_TEST_FAILED',
    });
    expect(bridge.hardware.states().idCardReader.status).toBe('fault');
  });

  it('forwards maintenance mode, naming the terminal to use at once, and reload to the kiosk page', async () => {
    const { bridge: neighbour } = await startBridge('LINK-0005N');
    const { bridge } = await startBridge('LINK-0005');
    await until(() => bridge.server.connected, 'connection');
    await until(() => t.server.fleet.summary('LINK-0005N').online, 'neighbour online');
    const page = await kioskPage(bridge);
    await until(
      () => page.seen.some((s) => s.event === 'server:status' && s.payload.connected),
      'server status',
    );

    const alternative = t.server.fleet.alternativeTo('LINK-0005');
    expect(alternative).not.toBeNull();
    const on = await t.server.fleet.action('LINK-0005', 'maintenanceOn', staff);
    expect(await commandResult(on.commandId)).toMatchObject({ ok: true, outcome: 'maintenanceOn' });
    // Named with the command itself, not after the next heartbeat (15 s later by default).
    expect(page.seen.find((s) => s.event === 'ui:maintenance')?.payload).toEqual({
      on: true,
      message: `${alternative?.site} ${alternative?.name}`,
    });
    expect(neighbour.server.maintenance).toBe(false);
    // The heartbeat now carries the flag, and a page that connects later is told at once.
    await bridge.server.heartbeat();
    expect((await t.server.fleet.detail('LINK-0005')).heartbeat?.maintenance).toBe(true);
    const later = await kioskPage(bridge);
    await until(
      () => later.seen.some((s) => s.event === 'ui:maintenance' && s.payload.on),
      'maintenance on connect',
    );

    const reload = await t.server.fleet.action('LINK-0005', 'reloadUi', staff);
    expect(await commandResult(reload.commandId)).toMatchObject({
      ok: true,
      outcome: 'uiReloaded',
    });
    expect(page.seen.some((s) => s.event === 'ui:reload')).toBe(true);

    const off = await t.server.fleet.action('LINK-0005', 'maintenanceOff', staff);
    expect(await commandResult(off.commandId)).toMatchObject({ outcome: 'maintenanceOff' });
    expect(page.seen.filter((s) => s.event === 'ui:maintenance').at(-1)?.payload).toEqual({
      on: false,
    });
  });

  it('acknowledges a restart before it asks to be restarted', async () => {
    let restarts = 0;
    const { bridge } = await startBridge('LINK-0006', { onRestart: () => restarts++ });
    await until(() => bridge.server.connected, 'connection');
    const { commandId } = await t.server.fleet.action('LINK-0006', 'restartBridge', staff);
    const result = await commandResult(commandId);
    expect(result).toMatchObject({ ok: true, outcome: 'restarting' });
    await until(() => restarts === 1, 'restart requested');
  });

  it('hands the kiosk page a session token for the booth server', async () => {
    const { bridge } = await startBridge('LINK-0007');
    const page = await kioskPage(bridge);
    const ack = await page.socket.timeout(5000).emitWithAck('session:token', {});
    expect(ack.ok).toBe(true);
    expect(ack.data.terminalId).toBe('LINK-0007');
    // The token really opens the kiosk API.
    const res = await fetch(`${t.url}/api/kiosk/catalogue`, {
      headers: { authorization: `Bearer ${ack.data.token}` },
    });
    expect(res.status).toBe(200);
    const forged = await fetch(`${t.url}/api/kiosk/catalogue`, {
      headers: { authorization: `Bearer ${ack.data.token}x` },
    });
    expect(forged.status).toBe(401);
  });
});

describe('the bridge when the booth server goes away', () => {
  it('tells the page, answers session:token with a clear code, and reconnects when it is back', async () => {
    const serverDir = await mkdtemp(path.join(tmpdir(), 'bridge-server-'));
    cleanups.push(() => rm(serverDir, { recursive: true, force: true }));
    let own = await startTestServer({}, { keepDataDir: serverDir });
    cleanups.push(() => own.close());
    const port = Number(new URL(own.url).port);
    const ownAdmin = await login(own.url, 'admin', 'demo-admin-2026');
    const reg = await fetch(`${own.url}/api/admin/terminals`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: ownAdmin },
      body: JSON.stringify({
        id: 'LINK-0100',
        name: '终端',
        site: '中心',
        region: '440113',
        kind: 'terminal',
      }),
    });
    const code = (await readJson(reg)).enrolmentCode;
    const dir = await mkdtemp(path.join(tmpdir(), 'bridge-link-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const config = loadConfig({
      BRIDGE_SERVER_URL: own.url,
      BRIDGE_DATA_DIR: dir,
      BRIDGE_LOCAL_PORT: '0',
      BRIDGE_TERMINAL_ID: 'LINK-0100',
      BRIDGE_ENROLMENT_CODE: code,
    });
    const bridge = await KioskBridge.start(config, { logger: pino({ level: 'silent' }) });
    cleanups.push(() => bridge.close());
    await until(() => bridge.server.connected, 'connection');
    const page = await kioskPage(bridge);

    await own.close();
    await until(
      () => page.seen.some((s) => s.event === 'server:status' && s.payload.connected === false),
      'disconnect reported',
    );
    const ack = await page.socket.timeout(15_000).emitWithAck('session:token', {});
    expect(ack).toMatchObject({
      ok: false,
      error: {
        code: 'DEVICE_UNAVAILABLE',
        message: expect.stringMatching(/booth server unreachable/),
      },
    });

    // The same server comes back on the same address: the link reconnects by itself.
    own = await startTestServer({ PORT: port }, { keepDataDir: serverDir, seed: false });
    // The next attempt comes at most one back-off maximum later; the page hears of it after.
    await until(
      () => page.seen.filter((s) => s.event === 'server:status').at(-1)?.payload.connected === true,
      'the page told of the reconnection',
      DEFAULT_RECONNECT_DELAY_MAX_MS + PAGE_HEARS_MS,
    );
    expect(bridge.server.connected).toBe(true);
    const again = await page.socket.timeout(5000).emitWithAck('session:token', {});
    expect(again).toMatchObject({ ok: true, data: { terminalId: 'LINK-0100' } });
    // Grown from the default 30 s: the reconnection alone may take the back-off maximum.
  }, 90_000);
});

/**
 * A booth server that breaks the contract on purpose: it answers each request with what
 * `answer` returns and records what it was sent.
 */
async function brokenServer(
  answer: (event: string, payload: unknown) => unknown,
  commands: CommandHandlers = succeedingCommands,
) {
  const io = new Server();
  const http = createServer();
  io.attach(http);
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  cleanups.push(() => new Promise((r) => io.close(() => r(undefined))));
  const received: { event: string; payload: unknown }[] = [];
  const sockets: ServerSocket[] = [];
  io.of('/bridge').on('connection', (socket) => {
    sockets.push(socket);
    socket.onAny((event: string, payload: unknown, ack: unknown) => {
      received.push({ event, payload });
      if (typeof ack === 'function') ack(answer(event, payload));
    });
  });
  const dir = await mkdtemp(path.join(tmpdir(), 'bridge-broken-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  const { logger, lines } = capturedLogger();
  const link = new ServerLink({
    serverUrl: `http://127.0.0.1:${(http.address() as AddressInfo).port}`,
    credential: 'T.secret',
    telemetry: healthyTelemetry,
    commands,
    dataDir: dir,
    bridgeVersion: 'test',
    logger,
    ackTimeoutMs: 2000,
  });
  cleanups.push(() => link.close());
  link.connect();
  const socket = await until(() => (link.connected ? sockets[0] : undefined), 'the link');
  if (!socket) throw new Error('no connection');
  return { link, socket, received, lines };
}

const HEARTBEAT_ACK = {
  ok: true,
  data: {
    serverTime: 0,
    clockSkewMs: 0,
    maintenance: false,
    alternative: null,
    intervalMs: 60_000,
  },
};

describe('the server link when the booth server breaks the contract', () => {
  it('reports a command that threw as the code failed, its message kept on the terminal', async () => {
    const thrown: CommandHandlers = {
      ...succeedingCommands,
      printTestPage: () => Promise.reject(new Error('打印 林晓雯 的回执时出错')),
      readerSelfTest: () => Promise.reject(Object.assign(new Error('slow'), { code: 'TIMEOUT' })),
    };
    const { socket, received, lines } = await brokenServer(
      (event) =>
        event === 'telemetry:heartbeat' ? HEARTBEAT_ACK : { ok: true, data: { recorded: true } },
      thrown,
    );
    socket.emit('command', { commandId: 'c-print', action: 'printTestPage', issuedBy: 'ops' });
    socket.emit('command', { commandId: 'c-reader', action: 'readerSelfTest', issuedBy: 'ops' });
    await until(
      () => received.filter((r) => r.event === 'command:result').length === 2,
      'both results',
    );
    expect(received.filter((r) => r.event === 'command:result').map((r) => r.payload)).toEqual([
      { commandId: 'c-print', ok: false, outcome: 'failed', detailCode: 'OTHER' },
      { commandId: 'c-reader', ok: false, outcome: 'failed', detailCode: 'TIMEOUT' },
    ]);
    expect(lines.some((l) => /fleet command failed/.test(l.msg))).toBe(true);
  });

  it('drops a malformed command or session notice, and still runs the next good command', async () => {
    // As the real server does, the terminal is in maintenance from the moment the command is
    // issued, so a heartbeat answered after it says so (one answered before arrives before it).
    let maintenance = false;
    const { link, socket, received, lines } = await brokenServer((event) =>
      event === 'telemetry:heartbeat'
        ? { ...HEARTBEAT_ACK, data: { ...HEARTBEAT_ACK.data, maintenance } }
        : { ok: true, data: { recorded: true } },
    );
    socket.emit('command', { commandId: 7, action: 'selfDestruct' });
    socket.emit('session:ended', { reason: 'because' });
    maintenance = true;
    socket.emit('command', { commandId: 'cmd-2', action: 'maintenanceOn', issuedBy: 'ops' });
    const result = await until(
      () => received.find((r) => r.event === 'command:result'),
      'the command result',
    );
    expect(result?.payload).toEqual({
      commandId: 'cmd-2',
      ok: true,
      outcome: 'maintenanceOn',
      detailCode: null,
    });
    expect(received.filter((r) => r.event === 'command:result')).toHaveLength(1);
    expect(link.maintenance).toBe(true);
    const dropped = lines.filter((l) => /notification dropped/.test(l.msg));
    expect(dropped.map((l) => l.event)).toEqual(['command', 'session:ended']);
    // the link ends only when the server says so in a well-formed notice
    expect(lines.some((l) => l.msg === 'booth server is ending the terminal link')).toBe(false);
    expect(link.connected).toBe(true);
  });

  it('takes a malformed answer as a typed error, never a crash', async () => {
    const { link, lines } = await brokenServer((event) => {
      if (event === 'telemetry:heartbeat') return { ok: true, data: { intervalMs: 'soon' } };
      if (event === 'outbox:deliver') return 'delivered, honestly';
      return { ok: false, error: { code: 'NO_SUCH_CODE', message: 'x' } };
    });
    expect(await link.heartbeat()).toBe(false);
    expect(lines.some((l) => /acknowledgement does not match the contract/.test(l.msg))).toBe(true);
    expect(link.heartbeatMs).toBe(15_000);
    // the outbox is told INTERNAL, which it retries; nothing is taken as delivered
    expect(
      await link.deliver({
        kind: 'rating.submit',
        idempotencyKey: 'broken-server-0001',
        payload: {
          caseNumber: 'YJ20261207000001',
          channel: 'onsite',
          level: 'satisfied',
          dimensions: {},
        },
      }),
    ).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    const error = await link
      .attestation('identity:clear', { sessionId: 'session-id-0001-abcd' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BridgeLinkError);
    expect(error).toMatchObject({ kind: 'badResponse', code: 'INTERNAL' });
    expect(link.connected).toBe(true);
  });

  it('sends nothing that breaks the contract: its own bad request is a typed error', async () => {
    const { link, received } = await brokenServer(() => HEARTBEAT_ACK);
    const error = await link
      .attestation('identity:clear', { sessionId: 'short' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BridgeLinkError);
    expect(error).toMatchObject({
      kind: 'invalidRequest',
      code: 'VALIDATION_FAILED',
      message: expect.stringContaining('sessionId'),
    });
    expect(received.some((r) => r.event === 'identity:clear')).toBe(false);
    // an outbox item that breaks the contract is refused for good, as the server would
    expect(
      await link.deliver({
        kind: 'rating.submit',
        idempotencyKey: 'short',
        payload: {} as never,
      }),
    ).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(received.some((r) => r.event === 'outbox:deliver')).toBe(false);
  });
});
