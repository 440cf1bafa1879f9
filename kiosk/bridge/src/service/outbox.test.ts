import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { OutboxItem } from '@onething/contract/sockets/bridge-local';
import { exponentialBackoff } from '@onething/contract/wire/retry';
import pino from 'pino';
import { Server } from 'socket.io';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { healthyTelemetry, succeedingCommands } from '../testing/server-link-stubs.ts';
import { Outbox, OutboxEvent } from './outbox.ts';
import { ServerLink } from './server-link.ts';

const log = pino({ level: 'silent' });
const CREDENTIAL = 'OUTBOX-T1.secret-secret-secret';
const fast = exponentialBackoff({ initialMs: 20, factor: 2, maxMs: 100 });

let dir: string;
const cleanups: (() => Promise<void> | void)[] = [];

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'bridge-outbox-'));
});
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
  await rm(dir, { recursive: true, force: true });
});

const item = (n: number, kind: OutboxItem['kind'] = 'case.submit'): OutboxItem => {
  const idempotencyKey = `submission-key-${String(n).padStart(4, '0')}`;
  return kind === 'case.submit'
    ? {
        kind,
        idempotencyKey,
        payload: {
          bundleCode: 'birth',
          itemCodes: ['birth-registration'],
          answers: { 'applicant.phone': '13800138000' },
          uploads: {},
          channel: 'terminal',
          consents: [],
        },
      }
    : {
        kind,
        idempotencyKey,
        payload: {
          caseNumber: 'YJ20261207000001',
          channel: 'onsite',
          level: 'satisfied',
          dimensions: {},
        },
      };
};

type Answer = (item: OutboxItem, attempt: number) => unknown;

/** A stand-in booth server: the /bridge namespace with the terminal credential, acking deliveries. */
async function fakeServer(answer: Answer, port = 0) {
  const http = createServer();
  const io = new Server(http);
  const deliveries: string[] = [];
  const attempts = new Map<string, number>();
  const nsp = io.of('/bridge');
  nsp.use((socket, next) =>
    socket.handshake.auth.credential === CREDENTIAL ? next() : next(new Error('UNAUTHENTICATED')),
  );
  nsp.on('connection', (socket) => {
    socket.on('telemetry:heartbeat', (_hb, ack) =>
      ack({ ok: true, data: { serverTime: Date.now(), clockSkewMs: 0, maintenance: false } }),
    );
    socket.on('outbox:deliver', (payload: OutboxItem, ack: (r: unknown) => void) => {
      const n = (attempts.get(payload.idempotencyKey) ?? 0) + 1;
      attempts.set(payload.idempotencyKey, n);
      const reply = answer(payload, n) as { ok: boolean };
      if (reply.ok) deliveries.push(payload.idempotencyKey);
      ack(reply);
    });
  });
  await new Promise<void>((resolve) => http.listen(port, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  const close = () => new Promise<void>((resolve) => io.close(() => resolve()));
  cleanups.push(close);
  return { url, deliveries, attempts, close };
}

const accept: Answer = (i) => ({
  ok: true,
  data: { result: { caseNumber: `YX-${i.idempotencyKey.slice(-4)}` } },
});

function link(url: string, reconnectDelayMs = 1000): ServerLink {
  const l = new ServerLink({
    serverUrl: url,
    credential: CREDENTIAL,
    dataDir: dir,
    bridgeVersion: 'test',
    logger: log,
    reconnectDelayMs,
    reconnectDelayMaxMs: reconnectDelayMs,
    telemetry: healthyTelemetry,
    commands: succeedingCommands,
  });
  cleanups.push(() => l.close());
  return l;
}

async function until(check: () => boolean, what: string, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function open(): Promise<Outbox> {
  const outbox = await Outbox.open({ dataDir: dir, logger: log, nextRetryDelayMs: fast });
  cleanups.push(() => outbox.close());
  return outbox;
}

describe('Outbox', () => {
  it('keeps items across a restart and delivers each exactly once, in order, once connected', async () => {
    const first = await open();
    expect(await first.enqueue(item(1))).toEqual({ queued: true, pending: 1 });
    expect(await first.enqueue(item(2, 'rating.submit'))).toEqual({ queued: true, pending: 2 });
    expect(await first.enqueue(item(1))).toEqual({ queued: false, pending: 2 });
    await first.close();
    expect((await stat(first.file)).mode & 0o777).toBe(0o600);

    // The process restarts: a new Outbox on the same file still holds both.
    const second = await open();
    expect(second.status()).toEqual({ pending: 2, delivered: [] });
    expect(await second.enqueue(item(2))).toEqual({ queued: false, pending: 2 });

    const server = await fakeServer(accept);
    const delivered: unknown[] = [];
    second.on(OutboxEvent.Delivered, (d) => delivered.push(d));
    const l = link(server.url);
    second.setTransport(l);
    l.connect();
    // Delivered is announced after the removal is persisted; wait for both announcements.
    await until(() => delivered.length === 2, 'delivery');
    expect(second.pending).toBe(0);
    expect(server.deliveries).toEqual([item(1).idempotencyKey, item(2).idempotencyKey]);
    expect(delivered).toEqual([
      { idempotencyKey: item(1).idempotencyKey, result: { caseNumber: 'YX-0001' } },
      { idempotencyKey: item(2).idempotencyKey, result: { caseNumber: 'YX-0002' } },
    ]);
    // Nothing is sent again later, nor after another restart.
    await new Promise((r) => setTimeout(r, 200));
    await second.close();
    const third = await open();
    expect(third.status()).toEqual({
      pending: 0,
      delivered: [item(1).idempotencyKey, item(2).idempotencyKey],
    });
    expect(await third.enqueue(item(1))).toEqual({ queued: false, pending: 0 });
    third.setTransport(l);
    await new Promise((r) => setTimeout(r, 100));
    expect(server.deliveries).toHaveLength(2);
  });

  it('keeps an item the server cannot take yet (UNKNOWN_EVENT) and retries until it is acknowledged', async () => {
    const server = await fakeServer((i, attempt) =>
      attempt < 3
        ? { ok: false, error: { code: 'UNKNOWN_EVENT', message: 'unknown event outbox:deliver' } }
        : accept(i, attempt),
    );
    const outbox = await open();
    const l = link(server.url);
    outbox.setTransport(l);
    l.connect();
    await outbox.enqueue(item(7));
    await until(() => (server.attempts.get(item(7).idempotencyKey) ?? 0) >= 1, 'first attempt');
    // Refused for now: still in the file.
    const file = JSON.parse(await readFile(outbox.file, 'utf8'));
    expect(file.pending.map((p: { item: OutboxItem }) => p.item.idempotencyKey)).toEqual([
      item(7).idempotencyKey,
    ]);
    await until(() => outbox.pending === 0, 'delivery after retries');
    expect(server.attempts.get(item(7).idempotencyKey)).toBe(3);
    expect(server.deliveries).toEqual([item(7).idempotencyKey]);
    expect(outbox.deadLetters).toEqual([]);
  });

  it('moves an item the server refuses as invalid to the dead letters, tells, and goes on', async () => {
    const bad = item(8);
    const server = await fakeServer((i, attempt) =>
      i.idempotencyKey === bad.idempotencyKey
        ? {
            ok: false,
            error: {
              code: 'VALIDATION_FAILED',
              message: 'bundleCode: unknown',
              path: ['bundleCode'],
            },
          }
        : accept(i, attempt),
    );
    const outbox = await open();
    const dead: unknown[] = [];
    outbox.on(OutboxEvent.DeadLettered, (d) => dead.push(d));
    await outbox.enqueue(bad);
    await outbox.enqueue(item(9));
    const l = link(server.url);
    outbox.setTransport(l);
    l.connect();
    await until(() => outbox.pending === 0, 'queue drained');
    expect(server.deliveries).toEqual([item(9).idempotencyKey]);
    expect(server.attempts.get(bad.idempotencyKey)).toBe(1);
    expect(dead).toEqual([
      {
        idempotencyKey: bad.idempotencyKey,
        code: 'VALIDATION_FAILED',
        message: 'bundleCode: unknown',
      },
    ]);
    const deadFile = JSON.parse(await readFile(outbox.deadFile, 'utf8'));
    expect(deadFile.items).toHaveLength(1);
    expect(deadFile.items[0]).toMatchObject({
      kind: bad.kind,
      idempotencyKey: bad.idempotencyKey,
      code: 'VALIDATION_FAILED',
    });
    expect(deadFile.items[0].item).toBeUndefined();
    expect((await stat(outbox.deadFile)).mode & 0o777).toBe(0o600);
    await outbox.close();
    const again = await open();
    expect(again.pending).toBe(0);
    expect(again.deadLetters).toEqual([bad.idempotencyKey]);
    expect(await again.enqueue(bad)).toEqual({ queued: false, pending: 0 });
  });

  it('waits for a server that is down and delivers when it comes up', async () => {
    const probe = await fakeServer(accept);
    const port = Number(new URL(probe.url).port);
    await probe.close();
    const outbox = await open();
    const l = link(`http://127.0.0.1:${port}`, 50);
    outbox.setTransport(l);
    l.connect();
    await outbox.enqueue(item(11));
    await new Promise((r) => setTimeout(r, 150));
    expect(outbox.pending).toBe(1);
    const server = await fakeServer(accept, port);
    await until(() => outbox.pending === 0, 'delivery after the server came up');
    expect(server.deliveries).toEqual([item(11).idempotencyKey]);
  });

  it('moves a damaged outbox file aside and starts empty', async () => {
    await writeFile(path.join(dir, 'outbox.json'), '{"version":1,"pending":[{"item":');
    const outbox = await open();
    expect(outbox.pending).toBe(0);
    const files = await readdir(dir);
    expect(files.some((f) => f.startsWith('outbox.json.corrupt-'))).toBe(true);
  });
});
