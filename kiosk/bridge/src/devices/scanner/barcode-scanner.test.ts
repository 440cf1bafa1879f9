import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSimulatorLink } from '../../transport/simulator-transport.ts';
import { BarcodeScanner, BarcodeScannerEvent } from './barcode-scanner.ts';
import { HidPosScannerSimulator } from './scanner-simulator.ts';

function setup() {
  const link = createSimulatorLink({ reportSize: 64 });
  const sim = new HidPosScannerSimulator(link.device);
  const scanner = new BarcodeScanner(link.host, { interReportTimeoutMs: 300 });
  const log: string[] = [];
  scanner.on(BarcodeScannerEvent.Scan, (s) => log.push(`${s.symbology.aim}:${s.text}`));
  scanner.on(BarcodeScannerEvent.Error, (e) => log.push(`error:${e.code}`));
  return { link, sim, scanner, log };
}

describe('BarcodeScanner against the simulated HID POS scanner', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('emits short and multi-report codes in UTF-8 and GB18030', async () => {
    const t = setup();
    await t.scanner.start();
    const long = `https://zwfw.example.gov.cn/case?no=2024${'0'.repeat(140)}`;
    t.sim.scan('办件编号 A-1');
    t.sim.scan(long);
    t.sim.scan('王䶮', { encoding: 'gb18030', aim: ']Q1' });
    t.sim.scan('6901234567892', { aim: ']E0' });
    await vi.advanceTimersByTimeAsync(10);
    expect(t.log).toEqual([']Q1:办件编号 A-1', `]Q1:${long}`, ']Q1:王䶮', ']E0:6901234567892']);
    await t.scanner.stop();
  });

  it('reports a code whose last report never came, then reads the next one', async () => {
    const t = setup();
    await t.scanner.start();
    t.sim.scanTruncated('x'.repeat(100));
    await vi.advanceTimersByTimeAsync(299);
    expect(t.log).toEqual([]);
    await vi.advanceTimersByTimeAsync(2);
    expect(t.log).toEqual(['error:INCOMPLETE']);
    t.sim.scan('next');
    await vi.advanceTimersByTimeAsync(10);
    expect(t.log).toEqual(['error:INCOMPLETE', ']Q1:next']);
    await t.scanner.stop();
  });

  it('reports interleaved codes without emitting a corrupt one', async () => {
    const t = setup();
    await t.scanner.start();
    t.sim.scanInterleaved({ text: 'q'.repeat(120), aim: ']Q1' }, { text: 'CODE-128', aim: ']C0' });
    await vi.advanceTimersByTimeAsync(400);
    t.sim.scan('after');
    await vi.advanceTimersByTimeAsync(10);
    expect(t.log).toEqual(['error:INTERRUPTED', ']C0:CODE-128', ']Q1:after']);
    await t.scanner.stop();
  });

  it('reports the scanner going away and reads again after it comes back', async () => {
    const t = setup();
    await t.scanner.start();
    t.sim.unplug();
    await vi.advanceTimersByTimeAsync(10);
    expect(t.log).toEqual(['error:DEVICE_UNAVAILABLE']);
    t.sim.replug();
    t.sim.scan('back');
    await vi.advanceTimersByTimeAsync(10);
    expect(t.log).toEqual(['error:DEVICE_UNAVAILABLE', ']Q1:back']);
    await t.scanner.stop();
  });
});
