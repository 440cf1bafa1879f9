import { describe, expect, it } from 'vitest';
import { MiaxisHidWrapper, splitIntoReports, wrapSamFrame } from './hid-wrapper.ts';
import { buildBaseInfoData, buildSamCommand, buildSamReply, SamCommands } from './sam-frame.ts';
import { SamStatus } from './sam-status.ts';

const toHex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const outcome = (rs: { ok: boolean; error?: { code: string } }[]) =>
  rs.map((r) => (r.ok ? 'frame' : (r.error?.code ?? '?')));

const findCard = buildSamCommand(SamCommands.findCard);
const baseInfo = buildSamReply(
  SamStatus.Ok,
  buildBaseInfoData(
    new Uint8Array(256).fill(0x41),
    Uint8Array.from({ length: 1024 }, (_, i) => i),
  ),
);

describe('Miaxis HID wrapper encoding', () => {
  it('wraps "find card" into one 64-byte report with LEN = payload + 1 and SUM16 LE', () => {
    const reports = new MiaxisHidWrapper().encode(findCard);
    expect(reports).toHaveLength(1);
    const report = reports[0] as Uint8Array;
    expect(report.length).toBe(64);
    // 88 | SRN 00 00 | LEN 0B 00 | B1 | SAM frame (10) | SUM16 = 0x03FF → FF 03 | zero padding
    expect(toHex(report.subarray(0, 18))).toBe(
      '88' + '0000' + '0b00' + 'b1' + 'aaaaaa96690003200122' + 'ff03',
    );
    expect(report.subarray(18).every((b) => b === 0)).toBe(true);
  });

  it('spreads the 1295-byte base-info reply over 21 reports', () => {
    const message = wrapSamFrame(baseInfo);
    expect(message.length).toBe(1295 + 8);
    expect(toHex(message.subarray(0, 6))).toBe('8800001005b1');
    expect(splitIntoReports(message)).toHaveLength(21);
  });
});

describe('Miaxis HID wrapper reassembly', () => {
  it('reassembles a multi-report reply using the total length from the first report', () => {
    const wrapper = new MiaxisHidWrapper();
    const reports = wrapper.encode(baseInfo);
    const results = reports.flatMap((r) => wrapper.push(r));
    expect(outcome(results)).toEqual(['frame']);
    expect(results[0]?.ok && toHex(results[0].value)).toBe(toHex(baseInfo));
    expect(wrapper.buffered).toBe(0);
  });

  it('returns nothing until the last report arrives', () => {
    const wrapper = new MiaxisHidWrapper();
    const reports = wrapper.encode(baseInfo);
    for (const r of reports.slice(0, -1)) expect(wrapper.push(r)).toEqual([]);
    expect(outcome(wrapper.push(reports.at(-1) as Uint8Array))).toEqual(['frame']);
  });

  it('skips a garbage report with one error and decodes the next reply', () => {
    const wrapper = new MiaxisHidWrapper();
    const garbage = new Uint8Array(64).fill(0x5a);
    const results = [garbage, garbage, ...wrapper.encode(findCard)].flatMap((r) => wrapper.push(r));
    expect(outcome(results)).toEqual(['GARBAGE', 'frame']);
  });

  it('reports a SUM16 mismatch and decodes the following reply', () => {
    const wrapper = new MiaxisHidWrapper();
    const bad = wrapper.encode(findCard)[0] as Uint8Array;
    bad[16] = (bad[16] as number) ^ 0x01;
    const results = [bad, ...wrapper.encode(findCard)].flatMap((r) => wrapper.push(r));
    expect(outcome(results)).toEqual(['CHECKSUM', 'frame']);
    expect(results[1]?.ok && toHex(results[1].value)).toBe(toHex(findCard));
  });

  it('reports truncation when a new reply starts before the previous one finished', () => {
    const wrapper = new MiaxisHidWrapper();
    const long = wrapper.encode(baseInfo);
    const results = [...long.slice(0, 3), ...wrapper.encode(findCard)].flatMap((r) =>
      wrapper.push(r),
    );
    expect(outcome(results)).toEqual(['TRUNCATED', 'frame']);
  });

  it('recovers from interleaved reports of two replies and decodes the next clean reply', () => {
    const wrapper = new MiaxisHidWrapper();
    const a = wrapper.encode(baseInfo);
    const b = wrapper.encode(buildSamReply(SamStatus.Ok));
    const interleaved = [a[0], b[0], ...a.slice(1)] as Uint8Array[];
    const results = [...interleaved, ...wrapper.encode(findCard)].flatMap((r) => wrapper.push(r));
    // A is cut short by B's header; B decodes; A's orphaned tail is one garbage run.
    expect(outcome(results)).toEqual(['TRUNCATED', 'frame', 'GARBAGE', 'frame']);
  });

  it('rejects a header whose LEN is implausible instead of waiting for kilobytes', () => {
    const wrapper = new MiaxisHidWrapper();
    const report = new Uint8Array(64);
    report.set([0x88, 0x00, 0x00, 0xff, 0xff, 0xb1]);
    expect(outcome(wrapper.push(report))).toEqual(['GARBAGE']);
    expect(wrapper.buffered).toBe(0);
  });

  it('reset() drops a partial reply', () => {
    const wrapper = new MiaxisHidWrapper();
    wrapper.push(wrapper.encode(baseInfo)[0] as Uint8Array);
    expect(wrapper.buffered).toBe(64);
    wrapper.reset();
    expect(wrapper.buffered).toBe(0);
    expect(outcome(wrapper.push(wrapper.encode(findCard)[0] as Uint8Array))).toEqual(['frame']);
  });
});
