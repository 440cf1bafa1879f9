import { execFileSync } from 'node:child_process';
import { constants, existsSync } from 'node:fs';
import { mkdtemp, open, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exponentialBackoff } from '@onething/contract/wire/retry';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DeviceFileTransport } from './device-file-transport.ts';
import { TransportEvent } from './report-transport.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'devfile-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const fast = exponentialBackoff({ initialMs: 10, factor: 2, maxMs: 40 });

function fifo(name: string): string {
  const path = join(dir, name);
  execFileSync('mkfifo', [path]);
  return path;
}

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('DeviceFileTransport', () => {
  it('reports a missing device as NOT_FOUND and never creates the file', async () => {
    const path = join(dir, 'lp0');
    const t = new DeviceFileTransport({ path, nextRetryDelayMs: fast });
    await expect(t.open()).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await t.close();
    expect(existsSync(path)).toBe(false);
  });

  it('writes a raw byte stream, in order, of any length', async () => {
    const path = join(dir, 'printer.bin');
    await writeFile(path, '');
    const t = new DeviceFileTransport({ path, readable: false });
    expect(t.maxWriteSize).toBeNull();
    await t.open();
    const big = Buffer.alloc(100_000, 0x41);
    await Promise.all([
      t.write(Uint8Array.of(0x1b, 0x40)),
      t.write(big),
      t.write(Uint8Array.of(0x0a)),
    ]);
    await t.close();
    const content = await readFile(path);
    expect(content.length).toBe(100_003);
    expect([...content.subarray(0, 3)]).toEqual([0x1b, 0x40, 0x41]);
    expect(content.at(-1)).toBe(0x0a);
    await expect(t.write(Uint8Array.of(1))).rejects.toMatchObject({ code: 'NOT_OPEN' });
  });

  it('emits what the device sends back (a FIFO standing in for /dev/usb/lp0)', async () => {
    const path = fifo('lp0');
    const t = new DeviceFileTransport({ path, pollMs: 5 });
    const got: number[] = [];
    t.on(TransportEvent.Data, (d) => got.push(...d));
    await t.open();
    const device = await open(path, constants.O_WRONLY | constants.O_NONBLOCK);
    await device.write(Uint8Array.of(0x12, 0x16));
    await until(() => got.length === 2, 'status bytes');
    expect(got).toEqual([0x12, 0x16]);
    await device.close();
    await t.close();
    expect(t.isOpen).toBe(false);
  });

  it('closes on an I/O error and reopens with back-off once the device is back', async () => {
    const path = fifo('lp1');
    let device = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
    const t = new DeviceFileTransport({ path, readable: false, nextRetryDelayMs: fast });
    const events: string[] = [];
    t.on(TransportEvent.Open, () => events.push('open'));
    t.on(TransportEvent.Close, (r) => events.push(`close:${r}`));
    t.on(TransportEvent.Error, (e) => events.push(`error:${e.code}`));
    await t.open();
    await t.write(Uint8Array.of(1, 2, 3));
    const buf = Buffer.alloc(8);
    expect((await device.read(buf, 0, 8, null)).bytesRead).toBe(3);
    await device.close(); // the "printer" goes away: writes now fail with EPIPE
    await expect(t.write(Uint8Array.of(4))).rejects.toMatchObject({ code: 'IO' });
    await until(() => events.includes('close:error'), 'close');
    expect(events).toEqual(['open', 'error:IO', 'close:error']);
    await new Promise((r) => setTimeout(r, 60));
    expect(t.isOpen).toBe(false);
    device = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
    await until(() => t.isOpen, 'reopen');
    expect(events.at(-1)).toBe('open');
    await t.write(Uint8Array.of(9));
    expect((await device.read(buf, 0, 8, null)).bytesRead).toBe(1);
    await t.close();
    await device.close();
  });
});
