import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { enrolTerminal } from '../../../../booth-server/src/testing/terminals.ts';
import {
  login,
  startTestServer,
  type TestServer,
} from '../../../../booth-server/src/testing/test-server.ts';
import { ReceiptPrinter } from '../devices/receipt-printer/receipt-printer.ts';
import { ReceiptPrinterSimulator } from '../devices/receipt-printer/receipt-printer-simulator.ts';
import { EscPosBuilder } from '../printing/escpos/escpos-builder.ts';
import { PrintQueue } from '../printing/print-queue.ts';
import { createSimulatorLink } from '../transport/simulator-transport.ts';
import { healthyTelemetry, succeedingCommands } from '../testing/server-link-stubs.ts';
import { Outbox, OutboxEvent } from './outbox.ts';
import { ServerLink } from './server-link.ts';

const log = pino({ level: 'silent' });
const NAME = '林晓雯';
const ID = '33990219940612022X';
let dir: string;
const cleanups: (() => Promise<unknown> | unknown)[] = [];
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'bridge-files-'));
});
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
  await rm(dir, { recursive: true, force: true });
});

async function until(check: () => boolean, what: string, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Every file the bridge keeps in its data directory, with its mode. */
async function filesIn(d: string): Promise<{ name: string; mode: string; text: string }[]> {
  const names = await readdir(d);
  return Promise.all(
    names.map(async (name) => ({
      name,
      mode: ((await stat(path.join(d, name))).mode & 0o777).toString(8),
      text: await readFile(path.join(d, name), 'utf8'),
    })),
  );
}

describe('the bridge keeps personal data only as long as it needs it, owner-only', () => {
  it('a submission the real server refuses for good is dead-lettered without the identity, in 0600 files', async () => {
    const t: TestServer = await startTestServer();
    cleanups.push(() => t.close());
    const admin = await login(t.url, 'admin', 'demo-admin-2026');
    const credential = await enrolTerminal(t.url, admin, 'FILES-1');
    const link = new ServerLink({
      serverUrl: t.url,
      credential,
      dataDir: dir,
      bridgeVersion: 'test',
      logger: log,
      telemetry: healthyTelemetry,
      commands: succeedingCommands,
    });
    cleanups.push(() => link.close());
    const outbox = await Outbox.open({ dataDir: dir, logger: log });
    cleanups.push(() => outbox.close());
    const key = `files-${randomUUID()}`;
    await outbox.enqueue({
      kind: 'case.submit',
      idempotencyKey: key,
      payload: {
        bundleCode: 'NO-SUCH-BUNDLE',
        itemCodes: ['X'],
        answers: {
          'applicant.name': NAME,
          'applicant.idNumber': ID,
          'applicant.phone': '13800138000',
        },
        uploads: {},
        channel: 'terminal',
        consents: [],
      },
    });
    // The event comes once the dead-letter file is written.
    const refused = new Promise<{ code: string }>((resolve) =>
      outbox.once(OutboxEvent.DeadLettered, resolve),
    );
    outbox.setTransport(link);
    link.connect();
    // No card read of this bridge vouches for the item, so the server refuses it for good.
    expect((await refused).code).toBe('IDENTITY_NOT_ATTESTED');
    await outbox.close();

    const files = await filesIn(dir);
    expect(files.map((f) => f.name)).toEqual(
      expect.arrayContaining(['outbox.json', 'outbox-dead.json']),
    );
    for (const f of files) {
      expect(f.mode, f.name).toBe('600');
      expect(f.text, f.name).not.toContain(NAME);
      expect(f.text, f.name).not.toContain(ID);
      expect(f.text, f.name).not.toContain('13800138000');
    }
    const dead = JSON.parse(await readFile(outbox.deadFile, 'utf8'));
    expect(dead.items[0]).toMatchObject({ kind: 'case.submit', idempotencyKey: key });
  });

  it('drops dead letters past their retention on its timer, and minimises an old full file at once', async () => {
    let now = Date.UTC(2026, 11, 1);
    // An earlier bridge's file: whole items, identity included.
    await writeFile(
      path.join(dir, 'outbox-dead.json'),
      JSON.stringify({
        version: 1,
        items: [
          {
            item: {
              kind: 'case.submit',
              idempotencyKey: 'old-key-000000000001',
              payload: { bundleCode: 'YJSP001', identity: { name: NAME, idNumber: ID } },
            },
            code: 'VALIDATION_FAILED',
            message: `identity.idNumber: ${ID} is not valid`,
            at: now - 86_400_000,
          },
        ],
      }),
      { mode: 0o644 },
    );
    const checkMs = 50;
    const outbox = await Outbox.open({
      dataDir: dir,
      logger: log,
      clock: () => now,
      deadLetterRetentionMs: 7 * 86_400_000,
      retentionCheckMs: checkMs,
    });
    cleanups.push(() => outbox.close());
    const minimised = await readFile(outbox.deadFile, 'utf8');
    expect(minimised).not.toContain(NAME);
    expect(minimised).not.toContain(ID);
    expect(((await stat(outbox.deadFile)).mode & 0o777).toString(8)).toBe('600');
    expect(outbox.deadLetters).toEqual(['old-key-000000000001']);

    now += 7 * 86_400_000; // now eight days old: due
    await until(() => outbox.deadLetters.length === 0, 'the retention timer', 20 * checkMs + 2000);
    await outbox.close();
    expect(JSON.parse(await readFile(outbox.deadFile, 'utf8')).items).toEqual([]);
  });

  it('drops a finished receipt job 15 minutes on, with no later job to trigger it', async () => {
    let now = Date.UTC(2026, 11, 1, 9);
    // The simulated receipt printer the demo bridge runs on, over its real protocol.
    const pair = createSimulatorLink({ reportSize: null });
    const sim = new ReceiptPrinterSimulator(pair.device);
    const printer = new ReceiptPrinter(pair.host, { statusTimeoutMs: 100 });
    await printer.start();
    cleanups.push(() => printer.stop());
    const file = path.join(dir, 'print-queue.json');
    const queue = await PrintQueue.open({
      file,
      printer,
      pollIntervalMs: 10,
      clock: () => new Date(now),
      purgeIntervalMs: 50,
      logger: log,
    });
    cleanups.push(() => queue.close());
    const receipt = new EscPosBuilder().init().line(`回执 ${NAME} ${ID}`).cut().build();
    const job = await queue.enqueue(receipt);
    await until(() => queue.get(job.id)?.state === 'done', 'the job to print');
    expect(sim.receipts).toHaveLength(1);
    expect(((await stat(file)).mode & 0o777).toString(8)).toBe('600');
    now += 14 * 60_000;
    await new Promise((r) => setTimeout(r, 200));
    expect(queue.get(job.id)).toBeDefined(); // still within its retention: reprint possible
    now += 2 * 60_000;
    await until(() => queue.get(job.id) === undefined, 'the purge timer', 3000);
    await queue.close();
    expect(JSON.parse(await readFile(file, 'utf8')).jobs).toEqual([]);
  });
});
