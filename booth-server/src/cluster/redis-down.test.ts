import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordEvents } from '../testing/event-recorder.ts';
import { kioskSession } from '../testing/kiosk-client.ts';
import { accepts } from '../testing/nginx.ts';
import { createPgTestDatabase, type PgTestDatabase } from '../testing/postgres.ts';
import { clusterSecrets } from '../testing/redis.ts';
import {
  connectSocket,
  login,
  request,
  startTestServer,
  type TestServer,
} from '../testing/test-server.ts';

/**
 * Cluster mode with Redis gone at run time: the server says it is degraded, keeps serving its
 * own clients from PostgreSQL (a ticket filed meanwhile still rings at its agent), and picks the
 * link up again by itself. The test runs a Redis of its own (Debian's redis-server) so that
 * stopping it touches nobody else's.
 */
const REDIS_BINARY = '/usr/bin/redis-server';
/** This test's own Redis port (the helper's port range). */
const PORT = 43410;
/** The client retries with back-off up to 2 s (cluster-link.ts); a margin for a busy machine. */
const RECONNECT_WITHIN_MS = 10_000;

const pg = await createPgTestDatabase();
const skip =
  'skip' in pg
    ? pg.skip
    : existsSync(REDIS_BINARY)
      ? null
      : `no ${REDIS_BINARY}; .ci/run installs Debian's redis-server`;
if (skip) console.warn(`[skip] cluster mode with Redis down: ${skip}`);

describe.skipIf(skip !== null)('cluster mode when Redis goes away', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'onething-redis-down-'));
  let redis: ChildProcess | null = null;
  let t: TestServer;

  async function startRedis(): Promise<void> {
    const child = spawn(
      REDIS_BINARY,
      ['--bind', '127.0.0.1', '--port', String(PORT), '--save', '', '--appendonly', 'no'],
      { cwd: dir, stdio: 'ignore' },
    );
    redis = child;
    while (!(await accepts(PORT))) {
      if (child.exitCode !== null) throw new Error('redis-server exited at start');
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  async function stopRedis(): Promise<void> {
    const child = redis;
    if (!child) return;
    const gone = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await gone;
    redis = null;
  }

  const health = async () =>
    (await (await fetch(`${t.url}/healthz`)).json()) as {
      status: string;
      cluster: { redis: string; downSince: number | null };
    };

  async function until(what: () => Promise<boolean>, withinMs: number): Promise<boolean> {
    const deadline = Date.now() + withinMs;
    while (Date.now() < deadline) {
      if (await what()) return true;
      await new Promise((r) => setTimeout(r, 100));
    }
    return what();
  }

  beforeAll(async () => {
    await startRedis();
    t = await startTestServer({
      DATABASE_URL: (pg as PgTestDatabase).url,
      REDIS_URL: `redis://127.0.0.1:${PORT}`,
      ...clusterSecrets(),
    });
  });
  afterAll(async () => {
    await t?.close();
    await stopRedis();
    await (pg as PgTestDatabase).drop?.();
    rmSync(dir, { recursive: true, force: true });
  });

  it(
    'is degraded while Redis is down, serves its own clients, and recovers by itself',
    { timeout: 60_000 },
    async () => {
      expect((await health()).status).toBe('ok');
      const admin = await login(t.url, 'admin', 'demo-admin-2026');
      const policeCookie = await login(t.url, 'agent.police', 'demo-agent-2026');
      const police = await connectSocket(t.url, '/staff', { cookie: policeCookie });
      const agentEvents = recordEvents(police);
      await request(police, 'agent:setState', { state: 'available' });
      const session = await kioskSession(t.url, admin, 'R-DOWN-1');
      const kiosk = await connectSocket(t.url, '/kiosk', { auth: { token: session.token } });

      await stopRedis();
      expect(await until(async () => (await health()).cluster.redis === 'down', 5_000)).toBe(true);
      const down = await health();
      expect(down.status).toBe('degraded');
      expect(down.cluster.downSince).toBeTypeOf('number');

      // No ticket lost: filed while Redis is down, it rings at the agent on this process.
      const help = await request<any>(kiosk, 'help:request', {
        department: 'PSB',
        language: 'zh-CN',
      });
      const offer = await agentEvents.next('offer:new', (o) => o.ticketId === help.data.ticketId);
      expect(offer.terminal).toMatchObject({ id: 'R-DOWN-1' });
      await request(kiosk, 'help:cancel', { ticketId: help.data.ticketId });
      // A logout still ends this process's sockets, though no other process can be asked.
      const ended = new Promise<unknown>((resolve) => police.once('session:ended', resolve));
      const out = await fetch(`${t.url}/api/auth/logout`, {
        method: 'POST',
        headers: { cookie: policeCookie },
      });
      expect(out.status).toBe(204);
      expect(await ended).toEqual({ reason: 'loggedOut' });

      await startRedis();
      expect(await until(async () => (await health()).status === 'ok', RECONNECT_WITHIN_MS)).toBe(
        true,
      );
      expect((await health()).cluster).toMatchObject({ redis: 'up', downSince: null });
      kiosk.close();
      police.close();
    },
  );
});
