import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CodedError } from '../coded-error.ts';
import { fuzzParameters, mutateOne, protocolBytes } from '../fuzz-config.ts';
import { encodeHidPosReports, HidPosReassembler } from './hid-pos.ts';
import { decodeScanText } from './scan-text.ts';

const params = fuzzParameters();

/** Reports that look like scanner input: right report id most of the time. */
const report = fc.oneof(
  protocolBytes(80),
  protocolBytes(63).map((p) => Uint8Array.of(0x02, ...p)),
  fc
    .tuple(
      fc.integer({ min: 0, max: 70 }),
      fc.constantFrom(']Q1', ']C0', ']E0', 'xyz'),
      protocolBytes(59),
      fc.boolean(),
    )
    .map(([n, aim, data, more]) => {
      const r = new Uint8Array(64);
      r[0] = 0x02;
      r[1] = n;
      r.set(Buffer.from(aim, 'latin1'), 2);
      r.set(data, 5);
      r[63] = more ? 1 : 0;
      return r;
    }),
);

describe('fuzz: HID POS reassembly', () => {
  it('never throws on arbitrary reports and only returns typed errors', () => {
    fc.assert(
      fc.property(fc.array(report, { maxLength: 30 }), (reports) => {
        const a = new HidPosReassembler({ maxBytes: 1024 });
        for (const r of reports) {
          for (const result of a.push(r))
            if (!result.ok) expect(result.error).toBeInstanceOf(CodedError);
        }
        const flushed = a.flush();
        if (flushed) expect(flushed.code).toBe('INCOMPLETE');
        expect(a.pending).toBe(false);
      }),
      params,
    );
  });

  it('decodes the next good code after garbage, once the inter-report timeout has flushed', () => {
    fc.assert(
      fc.property(
        fc.array(report, { maxLength: 10 }),
        fc.string({ minLength: 1, maxLength: 300 }).filter((s) => !s.includes('\u0000')),
        (garbage, text) => {
          const a = new HidPosReassembler();
          for (const r of garbage) a.push(r);
          a.flush();
          const results = encodeHidPosReports(']Q1', Buffer.from(text, 'utf8')).flatMap((r) =>
            a.push(r),
          );
          expect(results).toHaveLength(1);
          expect(results[0]?.ok && results[0].value.text).toBe(text);
        },
      ),
      params,
    );
  });

  it('survives any one corrupted report of a long code (the layout has no checksum)', () => {
    const text = 'https://zwfw.example.cn/c/'.padEnd(150, '0');
    const reports = encodeHidPosReports(']Q1', Buffer.from(text));
    fc.assert(
      fc.property(
        fc.nat(reports.length - 1),
        fc.nat(63),
        fc.integer({ min: 1, max: 255 }),
        (which, index, xor) => {
          const a = new HidPosReassembler();
          const damaged = reports.map((r, i) => (i === which ? mutateOne(r, index, xor) : r));
          for (const result of damaged.flatMap((r) => a.push(r))) {
            if (!result.ok) expect(result.error).toBeInstanceOf(CodedError);
            else expect(result.value.symbology.aim).toMatch(/^\][A-Za-z][0-9A-Za-z]$/);
          }
          a.flush();
          expect(a.pending).toBe(false);
        },
      ),
      params,
    );
  });

  it('decodeScanText returns text or ENCODING for arbitrary bytes', () => {
    fc.assert(
      fc.property(protocolBytes(200), (bytes) => {
        const r = decodeScanText(bytes);
        if (!r.ok) expect(r.error.code).toBe('ENCODING');
      }),
      params,
    );
  });
});
