import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ReceiptPrinter } from '../devices/receipt-printer/receipt-printer.ts';
import { ReceiptPrinterSimulator } from '../devices/receipt-printer/receipt-printer-simulator.ts';
import { createSimulatorLink } from '../transport/simulator-transport.ts';
import { EscPosBuilder } from './escpos/escpos-builder.ts';
import { type PrintJobInfo, PrintQueue, PrintQueueEvent } from './print-queue.ts';

let dir: string;
let file: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'print-queue-'));
  file = join(dir, 'queue.json');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const lines = Array.from({ length: 40 }, (_, i) => `第${i + 1}行 办件材料清单`);
function receiptBytes(title = '受理回执'): Uint8Array {
  const b = new EscPosBuilder().init().line(title);
  for (const line of lines) b.line(line);
  return b.qr('https://zwfw.example.cn/c/1').feed(3).cut().build();
}

async function printerRig() {
  const pair = createSimulatorLink({ reportSize: null });
  const sim = new ReceiptPrinterSimulator(pair.device);
  const printer = new ReceiptPrinter(pair.host, { statusTimeoutMs: 100 });
  await printer.start();
  return { sim, printer };
}

async function openQueue(printer: ReceiptPrinter) {
  const queue = await PrintQueue.open({ file, printer, chunkSize: 128, pollIntervalMs: 10 });
  const progress: PrintJobInfo[] = [];
  queue.on(PrintQueueEvent.Progress, (p) => progress.push(p));
  return { queue, progress };
}

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('PrintQueue', () => {
  it('prints a job once, in chunks, reporting progress, and records it as done', async () => {
    const { sim, printer } = await printerRig();
    const { queue, progress } = await openQueue(printer);
    const bytes = receiptBytes();
    const job = await queue.enqueue(bytes, { label: 'receipt' });
    await until(() => queue.get(job.id)?.state === 'done', 'done');
    expect(sim.receipts).toHaveLength(1);
    expect(sim.receipts[0]?.lines).toEqual(['受理回执', ...lines]);
    expect(sim.receipts[0]?.qrCodes).toEqual(['https://zwfw.example.cn/c/1']);
    const sent = progress.filter((p) => p.state === 'printing').map((p) => p.bytesSent);
    expect(sent.at(-1)).toBe(bytes.length);
    expect(sent.length).toBeGreaterThan(bytes.length / 128);
    await queue.close();
    const saved = JSON.parse(await readFile(file, 'utf8'));
    expect(saved.jobs[0]).toMatchObject({ id: job.id, state: 'done', bytesSent: bytes.length });
    expect((await readdir(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('waits when the paper runs out mid-job and finishes once paper is loaded, nothing twice', async () => {
    const { sim, printer } = await printerRig();
    const { queue, progress } = await openQueue(printer);
    sim.paperOutAfterLines(10);
    const job = await queue.enqueue(receiptBytes());
    await until(() => queue.get(job.id)?.waitingFor === 'paperOut', 'paper-out wait');
    expect(sim.receipts).toHaveLength(0);
    expect(sim.current.lines).toHaveLength(10);
    const sentWhileOut = queue.get(job.id)?.bytesSent ?? 0;
    await new Promise((r) => setTimeout(r, 50));
    expect(queue.get(job.id)?.bytesSent).toBe(sentWhileOut);
    sim.loadPaper();
    await until(() => queue.get(job.id)?.state === 'done', 'done');
    expect(sim.receipts).toHaveLength(1);
    expect(sim.receipts[0]?.lines).toEqual(['受理回执', ...lines]);
    expect(progress.some((p) => p.state === 'waiting' && p.waitingFor === 'paperOut')).toBe(true);
    await queue.close();
  });

  it('waits for a closed cover before starting', async () => {
    const { sim, printer } = await printerRig();
    sim.setCoverOpen(true);
    const { queue } = await openQueue(printer);
    const job = await queue.enqueue(receiptBytes());
    await until(() => queue.get(job.id)?.waitingFor === 'coverOpen', 'cover wait');
    expect(queue.get(job.id)?.bytesSent).toBe(0);
    sim.setCoverOpen(false);
    await until(() => queue.get(job.id)?.state === 'done', 'done');
    expect(sim.receipts).toHaveLength(1);
    await queue.close();
  });

  it('keeps a job across a restart and prints it when the printer is back', async () => {
    const first = await printerRig();
    first.sim.unplug();
    const a = await openQueue(first.printer);
    const job = await a.queue.enqueue(receiptBytes());
    await until(() => a.queue.get(job.id)?.waitingFor === 'disconnected', 'disconnected wait');
    await a.queue.close();

    const second = await printerRig();
    const b = await openQueue(second.printer);
    expect(b.queue.get(job.id)?.state).toMatch(/queued|waiting|printing|done/);
    await until(() => b.queue.get(job.id)?.state === 'done', 'done after restart');
    expect(second.sim.receipts).toHaveLength(1);
    expect(first.sim.receipts).toHaveLength(0);
    await b.queue.close();

    const third = await printerRig();
    const c = await openQueue(third.printer);
    await new Promise((r) => setTimeout(r, 50));
    expect(c.queue.get(job.id)?.state).toBe('done');
    expect(third.sim.receipts).toHaveLength(0);
    await c.queue.close();
  });

  it('marks a job caught mid-print by a crash as interrupted and prints it only on reprint()', async () => {
    const bytes = receiptBytes();
    const now = new Date().toISOString();
    await writeFile(
      file,
      JSON.stringify({
        version: 1,
        jobs: [
          {
            id: 'job-1',
            label: 'receipt',
            state: 'printing',
            waitingFor: null,
            bytesSent: 256,
            createdAt: now,
            updatedAt: now,
            reprintOf: null,
            data: Buffer.from(bytes).toString('base64'),
          },
        ],
      }),
    );
    const { sim, printer } = await printerRig();
    const { queue } = await openQueue(printer);
    expect(queue.get('job-1')?.state).toBe('interrupted');
    await new Promise((r) => setTimeout(r, 50));
    expect(sim.receipts).toHaveLength(0);
    const again = await queue.reprint('job-1');
    expect(again.reprintOf).toBe('job-1');
    await until(() => queue.get(again.id)?.state === 'done', 'reprint done');
    expect(sim.receipts).toHaveLength(1);
    expect(sim.receipts[0]?.lines[0]).toBe('受理回执');
    await queue.close();
  });

  it('interrupts a job whose printer is unplugged part-way, and does not resume it', async () => {
    const { sim, printer } = await printerRig();
    const { queue } = await openQueue(printer);
    sim.paperOutAfterLines(5);
    const job = await queue.enqueue(receiptBytes());
    await until(() => queue.get(job.id)?.waitingFor === 'paperOut', 'paper-out wait');
    sim.unplug();
    await until(() => queue.get(job.id)?.state === 'interrupted', 'interrupted');
    sim.replug();
    sim.loadPaper();
    await new Promise((r) => setTimeout(r, 50));
    expect(queue.get(job.id)?.state).toBe('interrupted');
    await queue.close();
  });

  it('rejects bad requests with typed errors', async () => {
    const { sim, printer } = await printerRig();
    sim.setCoverOpen(true);
    const { queue } = await openQueue(printer);
    await expect(queue.reprint('nope')).rejects.toMatchObject({ code: 'UNKNOWN_JOB' });
    await expect(queue.enqueue(new Uint8Array(0))).rejects.toMatchObject({ code: 'EMPTY_JOB' });
    const job = await queue.enqueue(receiptBytes());
    await expect(queue.reprint(job.id)).rejects.toMatchObject({ code: 'NOT_REPRINTABLE' });
    await queue.cancel(job.id);
    await expect(queue.cancel(job.id)).rejects.toMatchObject({ code: 'NOT_CANCELLABLE' });
    sim.setCoverOpen(false);
    await new Promise((r) => setTimeout(r, 50));
    expect(sim.receipts).toHaveLength(0);
    await queue.close();
    await expect(queue.enqueue(receiptBytes())).rejects.toMatchObject({ code: 'CLOSED' });
  });

  it('moves a corrupt queue file aside and starts empty', async () => {
    await writeFile(file, '{"version":1,"jobs":[{"id":');
    const { printer } = await printerRig();
    const { queue } = await openQueue(printer);
    expect(queue.list()).toEqual([]);
    expect(queue.quarantinedFile).toMatch(/queue\.json\.corrupt-\d+$/);
    expect(await readFile(queue.quarantinedFile as string, 'utf8')).toContain('"version":1');
    await queue.close();
  });

  it('forgets finished jobs and their data after the retention period', async () => {
    const { printer } = await printerRig();
    let now = Date.parse('2025-01-01T00:00:00Z');
    const queue = await PrintQueue.open({
      file,
      printer,
      pollIntervalMs: 10,
      retainMs: 60_000,
      clock: () => new Date(now),
    });
    const job = await queue.enqueue(receiptBytes());
    await until(() => queue.get(job.id)?.state === 'done', 'done');
    now += 61_000;
    await queue.enqueue(receiptBytes('second'));
    await until(() => queue.list().every((j) => j.state === 'done'), 'second done');
    expect(queue.get(job.id)).toBeUndefined();
    await queue.close();
    expect(await readFile(file, 'utf8')).not.toContain(job.id);
  });
});
