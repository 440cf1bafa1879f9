import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Server } from 'socket.io';
import { afterEach, describe, expect, it } from 'vitest';
import { registerTerminal } from '../../../../booth-server/src/testing/terminals.ts';
import {
  login,
  startTestServer,
  type TestServer,
} from '../../../../booth-server/src/testing/test-server.ts';
import { loadConfig } from '../config.ts';
import { capturedLogger } from '../testing/captured-logger.ts';
import { healthyTelemetry, succeedingCommands } from '../testing/server-link-stubs.ts';
import { KioskBridge } from './kiosk-bridge.ts';
import { heartbeatBackoff, ServerLink } from './server-link.ts';

const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function until<T>(check: () => T, what: string, ms: number): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = check();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('the heartbeat interval belongs to the server', () => {
  it('a bridge beats at the interval the server names, and every beat is accepted, many more than the old fixed limit of 12 a minute', async () => {
    const intervalMs = 150;
    const t: TestServer = await startTestServer({ HEARTBEAT_INTERVAL_MS: intervalMs });
    cleanups.push(() => t.close());
    const admin = await login(t.url, 'admin', 'demo-admin-2026');
    const enrolmentCode = await registerTerminal(t.url, admin, 'BEAT-0001');
    const dir = await mkdtemp(path.join(tmpdir(), 'bridge-beat-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const { logger, lines } = capturedLogger();
    let accepted = 0;
    t.server.fleet.on('terminal', (s) => {
      if (s.id === 'BEAT-0001') accepted++;
    });
    const bridge = await KioskBridge.start(
      loadConfig({
        BRIDGE_SERVER_URL: t.url,
        BRIDGE_DATA_DIR: dir,
        BRIDGE_LOCAL_PORT: '0',
        BRIDGE_TERMINAL_ID: 'BEAT-0001',
        BRIDGE_ENROLMENT_CODE: enrolmentCode,
      }),
      { logger },
    );
    cleanups.push(() => bridge.close());

    const beats = 30;
    // Generous for a busy machine: each beat is sent one interval after the previous ack.
    await until(() => accepted >= beats, `${beats} accepted heartbeats`, beats * intervalMs * 4);
    expect(bridge.server.heartbeatMs).toBe(intervalMs);
    expect(lines.filter((l) => /heartbeat refused/.test(l.msg))).toEqual([]);
  });

  it('a bridge told RATE_LIMITED backs off, doubling its wait, and returns to the interval once accepted', async () => {
    const intervalMs = 100;
    // A server that names the interval, then refuses three beats in a row.
    const io = new Server();
    const arrivals: number[] = [];
    io.of('/bridge').on('connection', (socket) => {
      socket.on('telemetry:heartbeat', (_hb: unknown, ack: (r: unknown) => void) => {
        arrivals.push(Date.now());
        const n = arrivals.length;
        if (n >= 2 && n <= 4) {
          ack({ ok: false, error: { code: 'RATE_LIMITED', message: 'too many' } });
          return;
        }
        const now = Date.now();
        ack({
          ok: true,
          data: {
            serverTime: now,
            clockSkewMs: 0,
            maintenance: false,
            alternative: null,
            intervalMs,
          },
        });
      });
    });
    const http = (await import('node:http')).createServer();
    io.attach(http);
    await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
    cleanups.push(() => new Promise((r) => io.close(() => r(undefined))));
    const dir = await mkdtemp(path.join(tmpdir(), 'bridge-backoff-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const { logger, lines } = capturedLogger();
    const link = new ServerLink({
      serverUrl: `http://127.0.0.1:${(http.address() as AddressInfo).port}`,
      credential: 'T.secret',
      telemetry: healthyTelemetry,
      commands: succeedingCommands,
      dataDir: dir,
      bridgeVersion: 'test',
      logger,
    });
    cleanups.push(() => link.close());
    link.connect();
    await until(() => arrivals.length >= 6, 'six heartbeats', 15_000);
    const gaps = arrivals.slice(1).map((at, i) => at - (arrivals[i] as number));
    // After the accepted first beat: one interval; after each refusal: 2, 4, 8 intervals; after
    // the accepted fifth: one interval again. Timers never fire early, so these are lower bounds.
    const tolerance = 5;
    expect(gaps[0]).toBeGreaterThanOrEqual(intervalMs - tolerance);
    expect(gaps[1]).toBeGreaterThanOrEqual(2 * intervalMs - tolerance);
    expect(gaps[2]).toBeGreaterThanOrEqual(4 * intervalMs - tolerance);
    expect(gaps[3]).toBeGreaterThanOrEqual(8 * intervalMs - tolerance);
    expect(gaps[4]).toBeLessThan(gaps[3] as number);
    expect(lines.filter((l) => /too frequent; backing off/.test(l.msg))).toHaveLength(3);
  });
});

describe('heartbeatBackoff', () => {
  it('waits 2, 4, 8, then at most 16 of the server’s current intervals', () => {
    let intervalMs = 100;
    const policy = heartbeatBackoff(() => intervalMs);
    const delays = [1, 2, 3, 4, 5, 9].map((attempt) => policy({ attempt, elapsedMs: 0 }));
    expect(delays).toEqual([200, 400, 800, 1600, 1600, 1600]);
    intervalMs = 1000;
    expect(policy({ attempt: 1, elapsedMs: 0 })).toBe(2000);
  });
});
