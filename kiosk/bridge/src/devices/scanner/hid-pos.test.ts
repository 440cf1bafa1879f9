import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { encodeHidPosReports, HidPosReassembler } from './hid-pos.ts';
import { decodeScanText } from './scan-text.ts';

/** A report built by hand from the vendor layout, independent of encodeHidPosReports. */
function report(aim: string, data: Uint8Array | string, more = false, n?: number): Uint8Array {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  const r = new Uint8Array(64);
  r[0] = 0x02;
  r[1] = n ?? bytes.length;
  r.set(Buffer.from(aim, 'latin1'), 2);
  r.set(bytes, 5);
  r[63] = more ? 1 : 0;
  return r;
}

const outcome = (rs: ReturnType<HidPosReassembler['push']>) =>
  rs.map((r) => (r.ok ? `scan:${r.value.text}` : r.error.code));

describe('HID POS report layout', () => {
  it('lays out report id, length, AIM id, data and the more-follows flag', () => {
    const [r] = encodeHidPosReports(']Q1', Buffer.from('ABC'));
    expect(Buffer.from(r as Uint8Array).toString('hex')).toBe(
      `02035d5131414243${'00'.repeat(55)}00`,
    );
    expect(r?.length).toBe(64);
  });

  it('splits long codes into 58-byte chunks with the flag set on all but the last', () => {
    const data = Buffer.alloc(150, 0x41);
    const reports = encodeHidPosReports(']Q1', data);
    expect(reports.map((r) => [r[1], r[63]])).toEqual([
      [58, 1],
      [58, 1],
      [34, 0],
    ]);
  });
});

describe('HID POS reassembly', () => {
  it('decodes a single hand-built report', () => {
    const r = new HidPosReassembler().push(report(']Q1', 'https://zwfw.example.cn/q/AB12'));
    expect(r[0]?.ok && r[0].value).toMatchObject({
      symbology: { aim: ']Q1', name: 'QR Code' },
      text: 'https://zwfw.example.cn/q/AB12',
      encoding: 'utf-8',
    });
  });

  it('reassembles a code spread over several reports', () => {
    const text = `一件事一次办${'x'.repeat(120)}办件编号2024-0001`;
    const a = new HidPosReassembler();
    const results = encodeHidPosReports(']Q1', Buffer.from(text)).flatMap((r) => a.push(r));
    expect(outcome(results)).toEqual([`scan:${text}`]);
  });

  it('decodes GB18030 codes, including characters outside GB2312', () => {
    const text = '姓名：王䶮 地址：北京市';
    const bytes = iconv.encode(text, 'gb18030');
    const results = new HidPosReassembler().push(report(']Q1', bytes));
    expect(results[0]?.ok && results[0].value).toMatchObject({ text, encoding: 'gb18030' });
    const forcedUtf8 = new HidPosReassembler({ encoding: 'utf-8' }).push(report(']Q1', bytes));
    expect(outcome(forcedUtf8)).toEqual(['ENCODING']);
  });

  it('rejects bytes that are neither UTF-8 nor GB18030', () => {
    expect(decodeScanText(Uint8Array.of(0x81, 0x20)).ok).toBe(false);
    expect(decodeScanText(Uint8Array.of(0xff)).ok).toBe(false);
  });

  it('names each malformed report and keeps working', () => {
    const a = new HidPosReassembler();
    const other = report(']Q1', 'x');
    other[0] = 0x01;
    expect(outcome(a.push(other))).toEqual(['REPORT_ID']);
    expect(outcome(a.push(report(']Q1', 'x').subarray(0, 20)))).toEqual(['SHORT_REPORT']);
    expect(outcome(a.push(report(']Q1', 'x', false, 59)))).toEqual(['LENGTH']);
    expect(outcome(a.push(report('XQ1', 'x')))).toEqual(['AIM']);
    expect(outcome(a.push(new Uint8Array(64).fill(0, 1).fill(2, 0, 1)))).toEqual([]);
    expect(outcome(a.push(report(']Q1', 'ok')))).toEqual(['scan:ok']);
  });

  it('reports an interrupted code, decodes the interrupting one and drops the orphaned tail', () => {
    const a = new HidPosReassembler();
    const first = encodeHidPosReports(']Q1', Buffer.alloc(100, 0x61));
    const second = encodeHidPosReports(']C0', Buffer.from('CODE128'));
    const results = [first[0], ...second, ...first.slice(1)].flatMap((r) =>
      a.push(r as Uint8Array),
    );
    expect(outcome(results)).toEqual(['INTERRUPTED', 'scan:CODE128']);
    expect(a.pending).toBe(false);
    expect(outcome(a.push(report(']Q1', 'next')))).toEqual(['scan:next']);
  });

  it('flush() gives up on a code whose last report never came', () => {
    const a = new HidPosReassembler();
    a.push(encodeHidPosReports(']Q1', Buffer.alloc(100, 0x61))[0] as Uint8Array);
    expect(a.pending).toBe(true);
    expect(a.flush()?.code).toBe('INCOMPLETE');
    expect(a.pending).toBe(false);
    expect(a.flush()).toBeNull();
  });

  it('drops codes longer than the limit', () => {
    const a = new HidPosReassembler({ maxBytes: 100 });
    const results = encodeHidPosReports(']Q1', Buffer.alloc(150, 0x61)).flatMap((r) => a.push(r));
    expect(outcome(results)).toEqual(['TOO_LONG']);
    expect(outcome(a.push(report(']Q1', 'short')))).toEqual(['scan:short']);
  });
});
