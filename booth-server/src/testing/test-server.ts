import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AckResult, ErrorBody } from '@onething/contract/errors';
import { io, type Socket } from 'socket.io-client';
import { BoothServer } from '../booth-server.ts';
import { type Config, loadConfig } from '../config/config.ts';
import { seedDemoAccounts } from '../demo/demo-accounts.ts';

export interface TestServer {
  server: BoothServer;
  url: string;
  dataDir: string;
  close(): Promise<void>;
}

/** A real booth server on an ephemeral loopback port with a fresh data directory. */
export async function startTestServer(
  overrides: Partial<Record<keyof Config, unknown>> = {},
  opts: { seed?: boolean; keepDataDir?: string; now?: () => number } = {},
): Promise<TestServer> {
  const dataDir = opts.keepDataDir ?? mkdtempSync(path.join(os.tmpdir(), 'onething-test-'));
  const config = loadConfig(
    {},
    {
      ONETHING_MODE: 'test',
      PORT: 0,
      DATA_DIR: dataDir,
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
      MEDIA_DISABLED: true,
      // Round the clock, so a test's outcome never depends on when it runs; tests of the
      // service hours set their own.
      HELP_SERVICE_HOURS: '1-7 00:00-24:00',
      ...overrides,
    },
  );
  const server = await BoothServer.create(config, { now: opts.now });
  if (opts.seed ?? true) await seedDemoAccounts(server.accounts);
  await server.listen();
  return {
    server,
    url: server.url,
    dataDir,
    async close() {
      await server.close();
      if (!opts.keepDataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Signs in through the real REST API and returns the session cookie header. */
export async function login(url: string, username: string, password: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!res.ok) throw new Error(`login ${username} failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers.get('set-cookie');
  if (!cookie) throw new Error('no session cookie');
  return cookie.split(';')[0] as string;
}

/** A real socket.io client connected to a namespace, resolved once connected. */
export async function connectSocket(
  url: string,
  namespace: string,
  opts: { cookie?: string; auth?: Record<string, unknown> } = {},
): Promise<Socket> {
  const socket = io(`${url}${namespace}`, {
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
    extraHeaders: opts.cookie ? { cookie: opts.cookie } : {},
    auth: opts.auth ?? {},
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (e) => {
      socket.close();
      reject(e);
    });
  });
  return socket;
}

/** How long a test waits for an acknowledgement before it fails. */
const ACK_TIMEOUT_MS = 5000;

/**
 * Emits with acknowledgement and resolves with the successful AckResult. An `ok: false` answer
 * fails the test with the server's code and message, so a set-up step cannot fail silently; a
 * test that expects a refusal asks for it with `requestOutcome`.
 */
export async function request<T = any>(
  socket: Socket,
  event: string,
  payload?: unknown,
): Promise<{ ok: true; data: T }> {
  const result = await requestOutcome<T>(socket, event, payload);
  if (!result.ok) {
    throw new Error(`${event} refused: ${result.error.code} ${result.error.message}`);
  }
  return result;
}

/** Emits with acknowledgement; the test expects a refusal and fails if the server accepted. */
export async function requestRefusal(
  socket: Socket,
  event: string,
  payload?: unknown,
): Promise<{ ok: false; error: ErrorBody }> {
  const result = await requestOutcome(socket, event, payload);
  if (result.ok) throw new Error(`${event} was accepted; the test expected a refusal`);
  return result;
}

/** Emits with acknowledgement and resolves with whatever AckResult comes back, refusals too. */
export async function requestOutcome<T = any>(
  socket: Socket,
  event: string,
  payload?: unknown,
): Promise<AckResult<T>> {
  return (await socket.timeout(ACK_TIMEOUT_MS).emitWithAck(event, payload)) as AckResult<T>;
}

/** Response JSON, loosely typed: tests assert on its shape. */
export async function readJson(res: Response): Promise<any> {
  return res.json();
}
