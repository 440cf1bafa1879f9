import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
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
  opts: { seed?: boolean; keepDataDir?: string } = {},
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
      ...overrides,
    },
  );
  const server = await BoothServer.create(config);
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

/** Emits with acknowledgement and resolves with the AckResult. */
export function request<T = unknown>(socket: Socket, event: string, payload?: unknown): Promise<T> {
  return socket.timeout(5000).emitWithAck(event, payload) as Promise<T>;
}

/** Response JSON, loosely typed: tests assert on its shape. */
export async function readJson(res: Response): Promise<any> {
  return res.json();
}
