import { describe, expect, it } from 'vitest';
import {
  buildBaseInfoData,
  buildSamCommand,
  buildSamReply,
  parseBaseInfo,
  parseSamCommand,
  parseSamReply,
  SamCommands,
} from './sam-frame.ts';
import { SamFrameStream } from './sam-frame-stream.ts';
import { KNOWN_SAM_STATUSES, SamStatus, samStatusInfo } from './sam-status.ts';

const hex = (s: string) => Uint8Array.from(Buffer.from(s.replaceAll(' ', ''), 'hex'));
const toHex = (b: Uint8Array) => Buffer.from(b).toString('hex');

describe('SAM frame builder', () => {
  it('builds the documented "find card" frame byte for byte', () => {
    expect(toHex(buildSamCommand(SamCommands.findCard))).toBe('aaaaaa96690003200122');
  });

  it('builds every command with LEN 00 03 and the XOR check byte', () => {
    expect(toHex(buildSamCommand(SamCommands.resetSam))).toBe('aaaaaa9669000310ffec');
    expect(toHex(buildSamCommand(SamCommands.samStatus))).toBe('aaaaaa9669000311ffed');
    expect(toHex(buildSamCommand(SamCommands.readSamId))).toBe('aaaaaa9669000312ffee');
    expect(toHex(buildSamCommand(SamCommands.selectCard))).toBe('aaaaaa96690003200221');
    expect(toHex(buildSamCommand(SamCommands.readBaseInfo))).toBe('aaaaaa96690003300132');
    expect(toHex(buildSamCommand(SamCommands.readWithFingerprint))).toBe('aaaaaa96690003301023');
  });

  it('builds replies with SW1 SW2 = 00 00 and LEN covering SW, data and CHK', () => {
    expect(toHex(buildSamReply(SamStatus.Ok))).toBe('aaaaaa9669000400009094');
    expect(toHex(buildSamReply(SamStatus.CardFound, new Uint8Array(4)))).toBe(
      'aaaaaa9669000800009f0000000097',
    );
  });

  it('gives the read-base-info reply the documented 1295 bytes and LEN 0x0508', () => {
    const data = buildBaseInfoData(new Uint8Array(256), new Uint8Array(1024));
    const frame = buildSamReply(SamStatus.Ok, data);
    expect(frame.length).toBe(1295);
    expect(toHex(frame.subarray(0, 12))).toBe('aaaaaa966905080000900100');
    expect(toHex(frame.subarray(12, 14))).toBe('0400');
  });

  it('gives the fingerprint read the documented 2321 bytes', () => {
    const data = buildBaseInfoData(new Uint8Array(256), new Uint8Array(1024), new Uint8Array(1024));
    expect(buildSamReply(SamStatus.Ok, data).length).toBe(2321);
  });
});

describe('SAM reply parser', () => {
  it('parses status and data from a hand-assembled frame', () => {
    // LEN 00 08 | 00 00 9F | 01 02 03 04 | CHK = 08^9F^01^02^03^04 = 93
    const reply = parseSamReply(hex('aaaaaa9669 0008 00009f 01020304 93'));
    if (!reply.ok) throw reply.error;
    expect(reply.value.status.key).toBe('cardFound');
    expect([...reply.value.data]).toEqual([1, 2, 3, 4]);
  });

  it('names every SW3 status code in the table and flags unknown ones', () => {
    const keys = KNOWN_SAM_STATUSES.map((sw3) => {
      const parsed = parseSamReply(buildSamReply(sw3));
      if (!parsed.ok) throw parsed.error;
      expect(parsed.value.sw3).toBe(sw3);
      return parsed.value.status.key;
    });
    expect(keys.length).toBe(18);
    expect(new Set(keys).size).toBe(18);
    expect(keys).not.toContain('unknown');
    expect(samStatusInfo(0x60)).toMatchObject({ key: 'selfTestFailed', zh: 'SAM自检失败' });
    expect(samStatusInfo(0x41).key).toBe('readFailed');
    expect(samStatusInfo(0x12).key).toBe('unknown');
  });

  it('rejects a wrong preamble', () => {
    const r = parseSamReply(hex('aaaaaa9668000400009094'));
    expect(!r.ok && r.error.code).toBe('PREAMBLE');
  });

  it('rejects a bad checksum, naming expected and actual', () => {
    const r = parseSamReply(hex('aaaaaa9669000400009095'));
    expect(!r.ok && r.error.code).toBe('CHECKSUM');
    expect(!r.ok && r.error.details).toEqual({ expected: 0x94, actual: 0x95 });
  });

  it('rejects truncation, trailing bytes and impossible LEN', () => {
    const good = buildSamReply(SamStatus.Ok);
    const short = parseSamReply(good.subarray(0, good.length - 1));
    expect(!short.ok && short.error.code).toBe('TRUNCATED');
    const headerOnly = parseSamReply(good.subarray(0, 4));
    expect(!headerOnly.ok && headerOnly.error.code).toBe('TRUNCATED');
    const long = parseSamReply(Uint8Array.of(...good, 0));
    expect(!long.ok && long.error.code).toBe('LENGTH');
    const tiny = parseSamReply(hex('aaaaaa966900020000'));
    expect(!tiny.ok && tiny.error.code).toBe('LENGTH');
  });

  it('rejects SW1 SW2 other than 00 00', () => {
    // 00 04 | 01 00 90 → CHK = 04^01^90 = 95
    const r = parseSamReply(hex('aaaaaa9669000401009095'));
    expect(!r.ok && r.error.code).toBe('STATUS_PREFIX');
  });

  it('parses commands back for the simulator', () => {
    const c = parseSamCommand(buildSamCommand(SamCommands.readBaseInfo));
    expect(c.ok && c.value).toMatchObject({ cmd: 0x30, para: 0x01, name: 'readBaseInfo' });
  });
});

describe('base info payload', () => {
  it('splits text, photo and fingerprint by their big-endian lengths', () => {
    const text = new Uint8Array(256).fill(1);
    const photo = new Uint8Array(1024).fill(2);
    const r = parseBaseInfo(buildBaseInfoData(text, photo));
    expect(r.ok && r.value.text).toEqual(text);
    expect(r.ok && r.value.photo).toEqual(photo);
    expect(r.ok && r.value.fingerprint).toBeNull();
    const fp = new Uint8Array(1024).fill(3);
    const r2 = parseBaseInfo(buildBaseInfoData(text, photo, fp), true);
    expect(r2.ok && r2.value.fingerprint).toEqual(fp);
  });

  it('rejects a text length other than 256 and lengths that do not add up', () => {
    const wrongText = parseBaseInfo(buildBaseInfoData(new Uint8Array(255), new Uint8Array(1024)));
    expect(!wrongText.ok && wrongText.error.code).toBe('PAYLOAD');
    const data = buildBaseInfoData(new Uint8Array(256), new Uint8Array(1024));
    const cut = parseBaseInfo(data.subarray(0, data.length - 1));
    expect(!cut.ok && cut.error.message).toMatch(/1284 bytes, got 1283/);
  });
});

describe('SAM frame stream (serial)', () => {
  const ok1 = buildSamReply(SamStatus.Ok);
  const found = buildSamReply(SamStatus.CardFound, new Uint8Array(4));

  it('reassembles frames split at any byte and skips garbage between them', () => {
    const stream = new SamFrameStream();
    const bytes = Uint8Array.of(0x01, 0x02, ...ok1, 0xaa, 0x13, ...found);
    const results = [...bytes].flatMap((b) => stream.push(Uint8Array.of(b)));
    const frames = results.filter((r) => r.ok).map((r) => (r.ok ? toHex(r.value) : ''));
    expect(frames).toEqual([toHex(ok1), toHex(found)]);
    const codes = results.filter((r) => !r.ok).map((r) => (r.ok ? '' : r.error.code));
    expect(codes).toEqual(['GARBAGE', 'GARBAGE']);
    expect(stream.buffered).toBe(0);
  });

  it('reports a truncated frame and still decodes the frame that cut it short', () => {
    const stream = new SamFrameStream();
    const long = buildSamReply(
      SamStatus.Ok,
      buildBaseInfoData(new Uint8Array(256), new Uint8Array(1024)),
    );
    const results = stream.push(Uint8Array.of(...long.subarray(0, 100), ...ok1));
    expect(results.map((r) => (r.ok ? 'frame' : r.error.code))).toEqual(['TRUNCATED', 'frame']);
    expect(stream.buffered).toBe(0);
  });

  it("treats a short frame completed by the next frame's bytes as a checksum error, then resyncs", () => {
    const results = new SamFrameStream().push(Uint8Array.of(...found.subarray(0, 9), ...ok1));
    expect(results.map((r) => (r.ok ? 'frame' : r.error.code))).toEqual(['CHECKSUM', 'frame']);
  });

  it('reports a checksum error and decodes the next frame', () => {
    const bad = Uint8Array.from(found);
    bad[bad.length - 1] = (bad.at(-1) as number) ^ 0xff;
    const results = new SamFrameStream().push(Uint8Array.of(...bad, ...ok1));
    expect(results.map((r) => (r.ok ? 'frame' : r.error.code))).toEqual(['CHECKSUM', 'frame']);
  });
});
