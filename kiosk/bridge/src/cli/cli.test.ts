import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { MiaxisHidWrapper } from '../devices/id-card/hid-wrapper.ts';
import { completePerson } from '../devices/id-card/id-card-simulator.ts';
import { buildBaseInfoData, buildSamReply } from '../devices/id-card/sam-frame.ts';
import { SamStatus } from '../devices/id-card/sam-status.ts';
import { encodeTextBlock } from '../devices/id-card/text-block.ts';
import { encodeHidPosReports } from '../devices/scanner/hid-pos.ts';
import type { HidBackend } from '../transport/hid-transport.ts';
import { EXIT_DECODE_FAILED, EXIT_DEVICE_ERROR, EXIT_OK, EXIT_USAGE, runCli } from './cli.ts';

async function cli(argv: string[], backend?: HidBackend) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(
    argv,
    { out: (t) => out.push(t), err: (t) => err.push(t) },
    backend ? { backend } : {},
  );
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const hexOf = (b: Uint8Array | Uint8Array[]) =>
  (Array.isArray(b) ? b : [b]).map((x) => Buffer.from(x).toString('hex')).join(' ');

const cardReply = buildSamReply(
  SamStatus.Ok,
  buildBaseInfoData(
    encodeTextBlock(
      completePerson({
        name: '李秀英',
        idNumber: '11010519491231002X',
        address: '北京市朝阳区建国路88号',
      }),
    ),
    new Uint8Array(1024).fill(7),
  ),
);

describe('kiosk-bridge devices', () => {
  const backend: HidBackend = {
    devices: async () => [
      {
        vendorId: 0x10c4,
        productId: 0x0007,
        path: '/dev/hidraw2',
        release: 1,
        interface: 0,
        usagePage: 0xff00,
        usage: 1,
        product: 'ID Reader',
      },
      {
        vendorId: 0x0c2e,
        productId: 0x0b61,
        path: '/dev/hidraw3',
        release: 1,
        interface: 1,
        usagePage: 0x8c,
        usage: 2,
      },
    ],
    open: async () => {
      throw new Error('not used');
    },
  };

  it('prints a table with paths, usage pages and recognised roles', async () => {
    const r = await cli(['devices'], backend);
    expect(r.code).toBe(EXIT_OK);
    const lines = r.out.split('\n');
    expect(lines[0]).toMatch(/^VID:PID\s+USAGE PAGE\s+USAGE\s+IFACE\s+PATH\s+PRODUCT\s+ROLE$/);
    expect(lines[1]).toMatch(
      /^10c4:0007\s+0xff00\s+0x0001\s+0\s+\/dev\/hidraw2\s+ID Reader\s+id-card reader/,
    );
    expect(lines[2]).toMatch(/0x008c .*\/dev\/hidraw3 .*HID POS scanner$/);
  });

  it('prints JSON with --json', async () => {
    const r = await cli(['devices', '--json'], backend);
    expect(JSON.parse(r.out).map((d: { path: string }) => d.path)).toEqual([
      '/dev/hidraw2',
      '/dev/hidraw3',
    ]);
  });

  it('exits 3 when enumeration fails', async () => {
    const broken: HidBackend = {
      devices: async () => {
        throw new Error('libudev missing');
      },
      open: async () => {
        throw new Error('not used');
      },
    };
    const r = await cli(['devices'], broken);
    expect(r.code).toBe(EXIT_DEVICE_ERROR);
    expect(r.err).toContain('libudev missing');
  });
});

describe('kiosk-bridge decode', () => {
  it('decodes a SAM base-info reply with the card masked', async () => {
    const r = await cli(['decode', '--kind', 'id-card', '--hex', hexOf(cardReply)]);
    expect(r.code).toBe(EXIT_OK);
    const [frame] = JSON.parse(r.out);
    expect(frame).toMatchObject({
      type: 'reply',
      status: 'ok',
      dataLength: 1284,
      photoLength: 1024,
      card: {
        name: '李**',
        idNumber: '110***********002X',
        nation: { code: '01', name: '汉' },
        birthYear: '1949',
      },
    });
    expect(r.out).not.toContain('11010519491231002X');
    expect(r.out).not.toContain('李秀英');
    expect(r.out).not.toContain('建国路');
  });

  it('decodes Miaxis HID reports down to the SAM status', async () => {
    const reports = new MiaxisHidWrapper().encode(buildSamReply(SamStatus.SelfTestFailed));
    const r = await cli(['decode', '--kind', 'hid-wrapper', '--hex', hexOf(reports)]);
    expect(r.code).toBe(EXIT_OK);
    expect(JSON.parse(r.out)).toEqual([
      {
        type: 'reply',
        sw3: 0x60,
        status: 'selfTestFailed',
        meaning: 'SAM self-test failed',
        dataLength: 0,
      },
    ]);
  });

  it('names the precise failure and exits 1', async () => {
    const checksum = await cli([
      'decode',
      '--kind',
      'id-card',
      '--hex',
      'aa aa aa 96 69 00 04 00 00 90 95',
    ]);
    expect(checksum.code).toBe(EXIT_DECODE_FAILED);
    expect(JSON.parse(checksum.err)[0].error).toMatchObject({
      code: 'CHECKSUM',
      details: { expected: 0x94, actual: 0x95 },
    });
    const truncated = await cli([
      'decode',
      '--kind',
      'hid-wrapper',
      '--hex',
      hexOf(new MiaxisHidWrapper().encode(cardReply)[0] as Uint8Array),
    ]);
    expect(truncated.code).toBe(EXIT_DECODE_FAILED);
    expect(truncated.err).toContain('unfinished frame');
    const status = await cli([
      'decode',
      '--kind',
      'printer-status',
      '--request',
      '4',
      '--hex',
      'ff',
    ]);
    expect(status.code).toBe(EXIT_DECODE_FAILED);
    expect(JSON.parse(status.err).replies[0].error.code).toBe('STATUS_GARBAGE');
  });

  it('decodes scanner reports into text', async () => {
    const reports = encodeHidPosReports(']Q1', Buffer.from('办件编号 2024-000123'));
    const r = await cli(['decode', '--kind', 'scanner', '--hex', hexOf(reports)]);
    expect(r.code).toBe(EXIT_OK);
    expect(JSON.parse(r.out)).toEqual([
      {
        type: 'scan',
        symbology: { aim: ']Q1', name: 'QR Code' },
        encoding: 'utf-8',
        length: 24,
        text: '办件编号 2024-000123',
      },
    ]);
  });

  it('rejects bad usage with exit 2 and a specific message', async () => {
    expect(await cli(['decode', '--kind', 'fax', '--hex', '00'])).toMatchObject({
      code: EXIT_USAGE,
      err: expect.stringContaining('--kind must be one of'),
    });
    expect(await cli(['decode', '--kind', 'scanner'])).toMatchObject({
      code: EXIT_USAGE,
      err: '--hex "<bytes>" is required',
    });
    expect(await cli(['decode', '--kind', 'scanner', '--hex', 'abc'])).toMatchObject({
      code: EXIT_USAGE,
      err: '--hex: odd number of hex digits (3)',
    });
    expect(await cli(['decode', '--kind', 'scanner', '--hex', '0g'])).toMatchObject({
      code: EXIT_USAGE,
      err: "--hex: not a hex digit: 'g' at digit 2",
    });
    expect((await cli(['decode', '--bogus'])).code).toBe(EXIT_USAGE);
    expect((await cli(['frobnicate'])).code).toBe(EXIT_USAGE);
  });
});

describe('kiosk-bridge entry point', () => {
  it('runs main.ts under tsx and sets the exit code', async () => {
    const main = fileURLToPath(new URL('./main.ts', import.meta.url));
    const run = promisify(execFile);
    const ok = await run(process.execPath, [
      '--import',
      'tsx',
      main,
      'decode',
      '--kind',
      'id-card',
      '--hex',
      'aaaaaa96690003200122',
    ]);
    expect(JSON.parse(ok.stdout)[0]).toMatchObject({ type: 'command', name: 'findCard' });
    const bad = await run(process.execPath, [
      '--import',
      'tsx',
      main,
      'decode',
      '--kind',
      'id-card',
      '--hex',
      'aaaaaa96690003200123',
    ]).catch((e: { code: number; stderr: string }) => e);
    expect(bad).toMatchObject({ code: 1 });
    expect((bad as { stderr: string }).stderr).toContain('CHECKSUM');
  }, 20_000);
});
