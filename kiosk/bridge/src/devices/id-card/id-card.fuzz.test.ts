import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CodedError } from '../coded-error.ts';
import { fuzzParameters, mutateOne, protocolBytes } from '../fuzz-config.ts';
import { MiaxisHidWrapper, splitIntoReports, wrapSamFrame } from './hid-wrapper.ts';
import { completePerson } from './id-card-simulator.ts';
import {
  buildBaseInfoData,
  buildSamReply,
  parseBaseInfo,
  parseSamCommand,
  parseSamReply,
} from './sam-frame.ts';
import { SamFrameStream } from './sam-frame-stream.ts';
import { SamStatus } from './sam-status.ts';
import { decodeTextBlock, encodeTextBlock } from './text-block.ts';

const params = fuzzParameters();
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

const goodReply = buildSamReply(SamStatus.CardFound, Uint8Array.of(1, 2, 3, 4));
const longReply = buildSamReply(
  SamStatus.Ok,
  buildBaseInfoData(
    encodeTextBlock(completePerson({ name: '张三', idNumber: '44030419900307123X' })),
    new Uint8Array(1024).fill(0x5a),
  ),
);

/** A bad thing that can happen to a frame on the wire. */
type Damage =
  | { kind: 'garbage'; bytes: Uint8Array }
  | { kind: 'mutate'; index: number; xor: number }
  | { kind: 'truncate'; keep: number };

const damage: fc.Arbitrary<Damage> = fc.oneof(
  fc.record({ kind: fc.constant('garbage' as const), bytes: protocolBytes(200) }),
  fc.record({
    kind: fc.constant('mutate' as const),
    index: fc.nat(),
    xor: fc.integer({ min: 1, max: 255 }),
  }),
  fc.record({ kind: fc.constant('truncate' as const), keep: fc.nat() }),
);

function damaged(frame: Uint8Array, d: Damage): Uint8Array {
  if (d.kind === 'garbage') return d.bytes;
  if (d.kind === 'mutate') return mutateOne(frame, d.index, d.xor);
  return frame.subarray(0, d.keep % frame.length);
}

function expectTyped(results: { ok: boolean; error?: unknown }[]): void {
  for (const r of results) if (!r.ok) expect(r.error).toBeInstanceOf(CodedError);
}

describe('fuzz: SAM frame codec', () => {
  it('parseSamReply / parseSamCommand / parseBaseInfo never throw on arbitrary bytes', () => {
    fc.assert(
      fc.property(protocolBytes(3000), (bytes) => {
        for (const r of [
          parseSamReply(bytes),
          parseSamCommand(bytes),
          parseBaseInfo(bytes),
          parseBaseInfo(bytes, true),
        ]) {
          if (!r.ok) expect(r.error).toBeInstanceOf(CodedError);
        }
      }),
      params,
    );
  });

  it('a frame with any one byte changed is rejected with a typed error', () => {
    fc.assert(
      fc.property(fc.nat(), fc.integer({ min: 1, max: 255 }), (index, xor) => {
        const r = parseSamReply(mutateOne(goodReply, index, xor));
        // Only SW3 can change into another valid status... but then CHK no longer matches.
        expect(r.ok).toBe(false);
        if (!r.ok)
          expect(['PREAMBLE', 'LENGTH', 'TRUNCATED', 'CHECKSUM', 'STATUS_PREFIX']).toContain(
            r.error.code,
          );
      }),
      params,
    );
  });

  it('the serial stream decodes the next good frame after garbage, mutation or truncation', () => {
    fc.assert(
      fc.property(
        fc.array(damage, { maxLength: 4 }),
        fc.array(fc.integer({ min: 1, max: 97 }), { minLength: 1, maxLength: 8 }),
        (damages, cuts) => {
          const stream = new SamFrameStream();
          const parts = damages.map((d) => damaged(longReply, d));
          const all = Buffer.concat([...parts, goodReply]);
          // Deliver in arbitrary chunk sizes.
          const results = [];
          for (let i = 0, c = 0; i < all.length; c++) {
            const size = cuts[c % cuts.length] as number;
            results.push(...stream.push(all.subarray(i, i + size)));
            i += size;
          }
          expectTyped(results);
          const last = results.at(-1);
          expect(last?.ok && hex(last.value)).toBe(hex(goodReply));
          expect(stream.buffered).toBe(0);
        },
      ),
      params,
    );
  });
});

describe('fuzz: Miaxis HID wrapper', () => {
  it('never throws and keeps its buffer bounded on arbitrary reports', () => {
    fc.assert(
      fc.property(fc.array(protocolBytes(64), { maxLength: 40 }), (reports) => {
        const wrapper = new MiaxisHidWrapper();
        for (const report of reports) {
          expectTyped(wrapper.push(report));
          expect(wrapper.buffered).toBeLessThanOrEqual(4096 + 16 + 64);
        }
      }),
      params,
    );
  });

  it('decodes the next good reply after damaged messages and garbage reports', () => {
    fc.assert(
      fc.property(fc.array(damage, { maxLength: 4 }), (damages) => {
        const wrapper = new MiaxisHidWrapper();
        const message = wrapSamFrame(longReply);
        const reports = [
          ...damages.flatMap((d) => splitIntoReports(damaged(message, d))),
          ...wrapper.encode(goodReply),
        ];
        const results = reports.flatMap((r) => wrapper.push(r));
        expectTyped(results);
        const last = results.at(-1);
        expect(last?.ok && hex(last.value)).toBe(hex(goodReply));
      }),
      params,
    );
  });
});

describe('fuzz: ID card text block', () => {
  const valid = encodeTextBlock(completePerson({ name: '李秀英', idNumber: '11010519491231002X' }));

  it('returns a card or a typed error for arbitrary 256-byte blocks', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 256, maxLength: 256 }), (block) => {
        const r = decodeTextBlock(block);
        if (!r.ok) expect(r.error).toBeInstanceOf(CodedError);
      }),
      params,
    );
  });

  it('returns a card or a typed error for a valid block with one byte changed', () => {
    fc.assert(
      fc.property(fc.nat(), fc.integer({ min: 1, max: 255 }), (index, xor) => {
        const r = decodeTextBlock(mutateOne(valid, index, xor));
        if (r.ok) expect(r.value.idNumber).toMatch(/^\d{17}[\dX]$/);
        else expect(r.error).toBeInstanceOf(CodedError);
      }),
      params,
    );
  });

  it('rejects blocks of any other length', () => {
    fc.assert(
      fc.property(
        protocolBytes(600).filter((b) => b.length !== 256),
        (block) => {
          const r = decodeTextBlock(block);
          expect(!r.ok && r.error.code).toBe('LENGTH');
        },
      ),
      params,
    );
  });
});
