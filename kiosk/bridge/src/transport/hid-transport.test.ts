import { EventEmitter } from 'node:events';
import { exponentialBackoff } from '@onething/contract/wire/retry';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  findHidDevices,
  type HidBackend,
  type HidDeviceInfo,
  type HidHandle,
  HidTransport,
  nodeHidBackend,
} from './hid-transport.ts';
import { TransportEvent } from './report-transport.ts';
import type { TransportError } from './transport-error.ts';

const reader: HidDeviceInfo = {
  vendorId: 0x10c4,
  productId: 0x0007,
  path: '/dev/hidraw2',
  release: 1,
  interface: 0,
  usagePage: 0xff00,
  usage: 1,
};
const scanner: HidDeviceInfo = {
  vendorId: 0x0c2e,
  productId: 0x0b61,
  path: '/dev/hidraw3',
  release: 1,
  interface: 1,
  usagePage: 0x8c,
  usage: 2,
};
const scannerKeyboard: HidDeviceInfo = {
  ...scanner,
  path: '/dev/hidraw4',
  interface: 0,
  usagePage: 0x01,
  usage: 6,
};

class FakeHandle extends EventEmitter implements HidHandle {
  written: Buffer[] = [];
  closed = false;
  failWrites = false;
  async write(values: number[] | Buffer): Promise<number> {
    if (this.failWrites) throw new Error('could not write to HID device');
    const buf = Buffer.from(values);
    this.written.push(buf);
    return buf.length;
  }
  async close(): Promise<void> {
    this.closed = true;
  }
}

class FakeBackend implements HidBackend {
  present: HidDeviceInfo[] = [];
  openError: Error | null = null;
  handles: FakeHandle[] = [];
  enumerations = 0;
  opened: string[] = [];
  async devices() {
    this.enumerations++;
    return this.present.map((d) => ({ ...d }));
  }
  async open(path: string) {
    if (this.openError) throw this.openError;
    this.opened.push(path);
    const handle = new FakeHandle();
    this.handles.push(handle);
    return handle;
  }
}

function rig(match = { vendorId: 0x10c4, productId: 0x0007 }) {
  const backend = new FakeBackend();
  const transport = new HidTransport({
    match,
    backend,
    nextRetryDelayMs: exponentialBackoff({ initialMs: 100, factor: 2, maxMs: 1000 }),
  });
  const events: string[] = [];
  const errors: TransportError[] = [];
  transport.on(TransportEvent.Open, () => events.push('open'));
  transport.on(TransportEvent.Close, (r) => events.push(`close:${r}`));
  transport.on(TransportEvent.Error, (e) => {
    errors.push(e);
    events.push(`error:${e.code}`);
  });
  return { backend, transport, events, errors };
}

describe('HID enumeration filtering', () => {
  it('matches vendor, product and usage page, skipping interfaces without a path', () => {
    const all = [reader, scannerKeyboard, scanner, { ...reader, path: undefined }];
    expect(findHidDevices(all, { vendorId: 0x10c4, productId: 0x0007 })).toEqual([reader]);
    expect(findHidDevices(all, { vendorId: 0x0c2e, usagePage: 0x8c })).toEqual([scanner]);
    expect(findHidDevices(all, { vendorId: 0x0c2e })).toEqual([scannerKeyboard, scanner]);
    expect(findHidDevices(all, { vendorId: 0x0c2e, usagePage: 0x8c, usage: 3 })).toEqual([]);
    expect(findHidDevices(all, { vendorId: 0x1234 })).toEqual([]);
  });
});

describe('HidTransport', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('opens the matching device by path and emits its input reports as Uint8Array', async () => {
    const t = rig({ vendorId: 0x0c2e, usagePage: 0x8c } as never);
    t.backend.present = [scannerKeyboard, scanner];
    await t.transport.open();
    expect(t.backend.opened).toEqual(['/dev/hidraw3']);
    expect(t.transport.isOpen).toBe(true);
    expect(t.transport.description).toBe('hid 0c2e:* usagePage 0x8c /dev/hidraw3');
    const got: Uint8Array[] = [];
    t.transport.on(TransportEvent.Data, (d) => got.push(d));
    t.backend.handles[0]?.emit('data', Buffer.from([2, 1, 0x5d]));
    expect(got).toEqual([Uint8Array.of(2, 1, 0x5d)]);
    expect(Buffer.isBuffer(got[0])).toBe(false);
    await t.transport.close();
  });

  it('writes one report: report id first, then the payload zero-padded to the report size', async () => {
    const t = rig();
    t.backend.present = [reader];
    await t.transport.open();
    await t.transport.write(Uint8Array.of(0x88, 0x00, 0x00));
    const written = t.backend.handles[0]?.written[0] as Buffer;
    expect(written.length).toBe(65);
    expect([...written.subarray(0, 5)]).toEqual([0x00, 0x88, 0x00, 0x00, 0x00]);
    await expect(t.transport.write(new Uint8Array(65))).rejects.toMatchObject({
      code: 'BAD_WRITE',
    });
    await t.transport.close();
    await expect(t.transport.write(new Uint8Array(1))).rejects.toMatchObject({ code: 'NOT_OPEN' });
  });

  it('rejects with NOT_FOUND when nothing matches, and opens once the device is plugged in', async () => {
    const t = rig();
    await expect(t.transport.open()).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(t.events).toEqual([]);
    await vi.advanceTimersByTimeAsync(100 + 200 + 400);
    expect(t.backend.enumerations).toBe(4); // 1 + retries after 100, 200, 400 ms
    t.backend.present = [reader];
    await vi.advanceTimersByTimeAsync(800);
    expect(t.events).toEqual(['open']);
    expect(t.transport.isOpen).toBe(true);
    await t.transport.close();
  });

  it('reports an open failure (permissions) with a hint and retries', async () => {
    const t = rig();
    t.backend.present = [reader];
    t.backend.openError = Object.assign(new Error('cannot open device with path /dev/hidraw2'), {
      code: 'EACCES',
    });
    const failure = await t.transport.open().catch((e: TransportError) => e);
    expect(failure).toMatchObject({ code: 'OPEN_FAILED' });
    expect((failure as TransportError).message).toMatch(/udev/);
    t.backend.openError = null;
    await vi.advanceTimersByTimeAsync(100);
    expect(t.events).toEqual(['open']);
    await t.transport.close();
  });

  it('closes after an unplug error and reopens with back-off on the new path', async () => {
    const t = rig();
    t.backend.present = [reader];
    await t.transport.open();
    const first = t.backend.handles[0] as FakeHandle;
    t.backend.present = [];
    first.emit('error', new Error('could not read from HID device'));
    await vi.advanceTimersByTimeAsync(0);
    expect(t.events).toEqual(['open', 'error:IO', 'close:error']);
    expect(first.closed).toBe(true);
    expect(t.transport.isOpen).toBe(false);
    await vi.advanceTimersByTimeAsync(100 + 200 + 400 + 800 + 1000 + 1000);
    expect(t.backend.enumerations).toBe(1 + 6); // capped at the 1000 ms rescan
    t.backend.present = [{ ...reader, path: '/dev/hidraw7' }];
    await vi.advanceTimersByTimeAsync(1000);
    expect(t.events.at(-1)).toBe('open');
    expect(t.transport.path).toBe('/dev/hidraw7');
    await t.transport.close();
    expect(t.events.at(-1)).toBe('close:closed');
  });

  it('treats a failed write as an unplug', async () => {
    const t = rig();
    t.backend.present = [reader];
    await t.transport.open();
    (t.backend.handles[0] as FakeHandle).failWrites = true;
    await expect(t.transport.write(Uint8Array.of(1))).rejects.toMatchObject({ code: 'IO' });
    await vi.advanceTimersByTimeAsync(0);
    expect(t.events).toEqual(['open', 'error:IO', 'close:error']);
    await vi.advanceTimersByTimeAsync(100);
    expect(t.events.at(-1)).toBe('open');
    await t.transport.close();
  });

  it('asks the retry policy before each reopen; null stops until the next open()', async () => {
    const asked: { attempt: number; error: string }[] = [];
    const backend = new FakeBackend();
    const transport = new HidTransport({
      match: { vendorId: 0x10c4, productId: 0x0007 },
      backend,
      nextRetryDelayMs: ({ attempt, error }) => {
        asked.push({ attempt, error: (error as TransportError).code });
        return attempt < 3 ? 100 : null;
      },
    });
    await expect(transport.open()).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await vi.advanceTimersByTimeAsync(5000);
    expect(asked).toEqual([
      { attempt: 1, error: 'NOT_FOUND' },
      { attempt: 2, error: 'NOT_FOUND' },
      { attempt: 3, error: 'NOT_FOUND' },
    ]);
    expect(backend.enumerations).toBe(3);
    backend.present = [reader];
    await transport.open();
    expect(transport.isOpen).toBe(true);
    await transport.close();
  });

  it('stops retrying after close()', async () => {
    const t = rig();
    await t.transport.open().catch(() => undefined);
    await t.transport.close();
    t.backend.present = [reader];
    await vi.advanceTimersByTimeAsync(5000);
    expect(t.backend.enumerations).toBe(1);
    expect(t.transport.isOpen).toBe(false);
  });
});

describe('node-hid backend on this machine', () => {
  it('enumerates through the real native module', async () => {
    const devices = await nodeHidBackend.devices();
    expect(Array.isArray(devices)).toBe(true);
    for (const d of devices) expect(typeof d.vendorId).toBe('number');
  });

  it('fails to open a path that does not exist with OPEN_FAILED', async () => {
    // Enumeration is faked to name a path; opening it goes through the real node-hid.
    const backend: HidBackend = {
      devices: async () => [{ ...reader, path: '/dev/hidraw-does-not-exist' }],
      open: (path) => nodeHidBackend.open(path),
    };
    const transport = new HidTransport({ match: { vendorId: 0x10c4 }, backend });
    await expect(transport.open()).rejects.toMatchObject({ code: 'OPEN_FAILED' });
    await transport.close();
  });
});
