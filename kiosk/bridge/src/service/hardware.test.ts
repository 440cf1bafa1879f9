import { EventEmitter } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { BarcodeScannerEvent } from '../devices/scanner/barcode-scanner.ts';
import { encodeHidPosReports, type ScanResult } from '../devices/scanner/hid-pos.ts';
import type { HidBackend, HidDeviceInfo, HidHandle } from '../transport/hid-transport.ts';
import { Hardware, HardwareEvent } from './hardware.ts';

class FakeHandle extends EventEmitter implements HidHandle {
  async write(values: number[] | Buffer): Promise<number> {
    return values.length;
  }
  async close(): Promise<void> {}
}

const reader: HidDeviceInfo = {
  vendorId: 0x10c4,
  productId: 0x0007,
  path: '/dev/hidraw2',
  release: 1,
  interface: 0,
  usagePage: 0xff00,
  usage: 1,
};
const newland = { vendorId: 0x1eab, productId: 0x1d06, release: 1, interface: 1, usage: 2 };
const scannerPos: HidDeviceInfo = { ...newland, path: '/dev/hidraw3', usagePage: 0x8c };
const scannerKeyboard: HidDeviceInfo = {
  ...newland,
  path: '/dev/hidraw4',
  interface: 0,
  usagePage: 0x01,
  usage: 6,
};

function backend(devices: HidDeviceInfo[]) {
  const handles = new Map<string, FakeHandle>();
  const b: HidBackend = {
    devices: async () => devices.map((d) => ({ ...d })),
    open: async (p) => {
      const h = new FakeHandle();
      handles.set(p, h);
      return h;
    },
  };
  return { backend: b, handles };
}

let dir: string;
const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const s of stops.splice(0)) await s();
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function hidHardware(devices: HidDeviceInfo[], env: Record<string, string> = {}) {
  dir = await mkdtemp(path.join(tmpdir(), 'bridge-hw-'));
  const config = loadConfig({
    BRIDGE_SERVER_URL: 'http://127.0.0.1:9',
    BRIDGE_HARDWARE: 'hid',
    BRIDGE_RECEIPT_DEVICE: path.join(dir, 'lp0'),
    ...env,
  });
  const fake = backend(devices);
  const hw = new Hardware(config, { logger: pino({ level: 'silent' }), hidBackend: fake.backend });
  stops.push(() => hw.stop());
  await hw.start();
  return { hw, handles: fake.handles };
}

describe('Hardware in hid mode', () => {
  it('opens the Miaxis reader and a HID POS scanner of any vendor, not its keyboard interface', async () => {
    const { hw, handles } = await hidHardware([scannerKeyboard, reader, scannerPos]);
    expect([...handles.keys()].sort()).toEqual(['/dev/hidraw2', '/dev/hidraw3']);
    expect(hw.simulators).toBeNull();
    const states = hw.states();
    expect(states.scanner).toEqual({ status: 'ok', detail: null });
    expect(states.receiptPrinter.status).toBe('absent');
    expect(hw.lastErrors().map((e) => `${e.device}:${e.code}`)).toContain(
      'receiptPrinter:DEVICE_UNAVAILABLE',
    );

    const scans: ScanResult[] = [];
    hw.scanner.on(BarcodeScannerEvent.Scan, (s) => scans.push(s));
    for (const report of encodeHidPosReports(']Q1', Buffer.from('YX-2026-000123'))) {
      handles.get('/dev/hidraw3')?.emit('data', Buffer.from(report));
    }
    expect(scans.map((s) => s.text)).toEqual(['YX-2026-000123']);
  });

  it('keeps to the configured scanner vendor when one is set', async () => {
    const { hw, handles } = await hidHardware([reader, scannerPos], { BRIDGE_SCANNER_VID: '0c2e' });
    expect([...handles.keys()]).toEqual(['/dev/hidraw2']);
    expect(hw.states().scanner.status).not.toBe('ok');
  });

  it('reports a scanner that goes away as absent, and records it for telemetry', async () => {
    const { hw, handles } = await hidHardware([reader, scannerPos]);
    const states: string[] = [];
    hw.on(HardwareEvent.State, (s) => states.push(s.scanner.status));
    handles.get('/dev/hidraw3')?.emit('error', new Error('could not read from HID device'));
    await new Promise((r) => setTimeout(r, 20));
    expect(hw.states().scanner).toEqual({ status: 'absent', detail: 'not connected' });
    expect(states).toContain('absent');
    expect(hw.lastErrors()).toContainEqual(
      expect.objectContaining({ device: 'scanner', code: 'DEVICE_UNAVAILABLE' }),
    );
  });
});
