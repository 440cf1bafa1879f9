import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EscPosBuilder } from '../../printing/escpos/escpos-builder.ts';
import { DeviceFileTransport } from '../../transport/device-file-transport.ts';
import { createSimulatorLink } from '../../transport/simulator-transport.ts';
import type { PrinterError } from './printer-error.ts';
import { ReceiptPrinter, ReceiptPrinterEvent } from './receipt-printer.ts';
import { ReceiptPrinterSimulator } from './receipt-printer-simulator.ts';

function setup(link: 'stream' | 'hid-report') {
  const pair = createSimulatorLink({ reportSize: link === 'stream' ? null : 64 });
  const sim = new ReceiptPrinterSimulator(pair.device, { link });
  const printer = new ReceiptPrinter(pair.host, { statusTimeoutMs: 200 });
  const errors: PrinterError[] = [];
  printer.on(ReceiptPrinterEvent.Error, (e) => errors.push(e));
  const writes: Uint8Array[] = [];
  pair.device.on('write', (w) => writes.push(w));
  return { pair, sim, printer, errors, writes };
}

const receipt = new EscPosBuilder()
  .init()
  .align('center')
  .size(2, 2)
  .line('受理回执')
  .size(1, 1)
  .align('left')
  .line('姓名：王䶮')
  .line('办件编号：2024-000123')
  .qr('https://zwfw.example.cn/c/2024-000123')
  .feed(3)
  .cut()
  .build();

describe.each(['stream', 'hid-report'] as const)('ReceiptPrinter over a %s link', (link) => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('prints a receipt the simulator reads back line by line', async () => {
    const t = setup(link);
    await t.printer.start();
    await t.printer.write(receipt);
    expect(t.sim.receipts).toHaveLength(1);
    expect(t.sim.receipts[0]?.lines).toEqual(['受理回执', '姓名：王䶮', '办件编号：2024-000123']);
    expect(t.sim.receipts[0]?.qrCodes).toEqual(['https://zwfw.example.cn/c/2024-000123']);
    expect(t.sim.receipts[0]?.cut).toBe('full');
    expect(t.sim.unknown).toEqual([]);
    if (link === 'hid-report') {
      expect(t.writes.every((w) => w.length === 64 && (w[0] as number) <= 63)).toBe(true);
      expect(t.writes).toHaveLength(Math.ceil(receipt.length / 63));
    }
    await t.printer.stop();
  });

  it('reads status with DLE EOT 1-4 and reports each condition', async () => {
    const t = setup(link);
    await t.printer.start();
    expect(await t.printer.queryStatus()).toMatchObject({ ready: true, paperOut: false });
    expect(t.sim.statusRequests).toEqual([1, 2, 3, 4]);
    t.sim.setPaperOut(true);
    expect(await t.printer.queryStatus()).toMatchObject({
      ready: false,
      online: false,
      paperOut: true,
    });
    t.sim.loadPaper();
    t.sim.setCoverOpen(true);
    expect(await t.printer.queryStatus()).toMatchObject({ ready: false, coverOpen: true });
    t.sim.setCoverOpen(false);
    t.sim.setFault('autocutter');
    expect(await t.printer.queryStatus()).toMatchObject({ ready: false, faults: ['autocutter'] });
    t.sim.setFault('autocutter', false);
    t.sim.paperNearEndAfterLines(1);
    await t.printer.write(new EscPosBuilder().line('x').build());
    expect(await t.printer.queryStatus()).toMatchObject({ ready: true, paperNearEnd: true });
    t.sim.loadPaper();
    t.sim.setPaperNearEnd(true);
    expect(await t.printer.queryStatus()).toMatchObject({ ready: true, paperNearEnd: true });
    t.sim.setPaperNearEnd(false);
    expect(await t.printer.queryStatus()).toMatchObject({ ready: true, paperNearEnd: false });
    await t.printer.stop();
  });

  it('rejects a garbage status byte, times out, and then reads status normally', async () => {
    const t = setup(link);
    await t.printer.start();
    t.sim.garbleStatusReplies(1);
    const query = t.printer.queryStatus();
    const outcome = expect(query).rejects.toMatchObject({ code: 'STATUS_TIMEOUT' });
    await vi.advanceTimersByTimeAsync(250);
    await outcome;
    expect(t.errors.map((e) => e.code)).toEqual(['STATUS_GARBAGE']);
    expect(await t.printer.queryStatus()).toMatchObject({ ready: true });
    await t.printer.stop();
  });

  it('polls the status on an interval and reports a silent printer once', async () => {
    const pair = createSimulatorLink({ reportSize: link === 'stream' ? null : 64 });
    const sim = new ReceiptPrinterSimulator(pair.device, { link });
    const printer = new ReceiptPrinter(pair.host, { statusTimeoutMs: 200, statusPollMs: 5000 });
    const seen: string[] = [];
    printer.on(ReceiptPrinterEvent.Status, (s) => seen.push(s.paperNearEnd ? 'near-end' : 'ok'));
    printer.on(ReceiptPrinterEvent.Error, (e) => seen.push(e.code));
    await printer.start();
    await vi.advanceTimersByTimeAsync(5000);
    sim.paperNearEndAfterLines(1);
    await printer.write(new EscPosBuilder().line('x').build());
    await vi.advanceTimersByTimeAsync(5000);
    expect(seen).toEqual(['ok', 'near-end']);
    expect(printer.lastStatus?.paperNearEnd).toBe(true);
    sim.ignoreStatusRequests(100);
    await vi.advanceTimersByTimeAsync(3 * 5200);
    expect(seen).toEqual(['ok', 'near-end', 'STATUS_TIMEOUT']);
    await printer.stop();
  });

  it('reports unplugging and fails status reads until the printer is back', async () => {
    const t = setup(link);
    const events: string[] = [];
    t.printer.on(ReceiptPrinterEvent.Disconnected, () => events.push('disconnected'));
    t.printer.on(ReceiptPrinterEvent.Connected, () => events.push('connected'));
    await t.printer.start();
    await vi.advanceTimersByTimeAsync(0);
    t.sim.unplug();
    await vi.advanceTimersByTimeAsync(0);
    expect(t.printer.connected).toBe(false);
    await expect(t.printer.queryStatus()).rejects.toMatchObject({ code: 'DEVICE_UNAVAILABLE' });
    t.sim.replug();
    await vi.advanceTimersByTimeAsync(0);
    expect(events).toEqual(['connected', 'disconnected', 'connected']);
    expect(await t.printer.queryStatus()).toMatchObject({ ready: true });
    await t.printer.stop();
  });
});

describe('ReceiptPrinter over a device file', () => {
  it('writes the ESC/POS stream unchanged, as /dev/usb/lp0 expects', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'lp-'));
    try {
      const path = join(dir, 'lp0');
      await writeFile(path, '');
      const printer = new ReceiptPrinter(new DeviceFileTransport({ path, readable: false }));
      await printer.start();
      await printer.write(receipt);
      await printer.stop();
      expect(new Uint8Array(await readFile(path))).toEqual(receipt);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
