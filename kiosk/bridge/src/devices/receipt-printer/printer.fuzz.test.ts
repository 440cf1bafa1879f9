import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EscPosBuilder } from '../../printing/escpos/escpos-builder.ts';
import { EscPosParser } from '../../printing/escpos/escpos-parser.ts';
import { fuzzParameters, protocolBytes } from '../fuzz-config.ts';
import { hidReportLink } from './printer-link.ts';
import { decodeStatusByte, isStatusByte, type StatusRequest } from './printer-status.ts';

const params = fuzzParameters();

describe('fuzz: printer status and link', () => {
  it('accepts a status byte exactly when its fixed bits are right', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -5, max: 300 }),
        fc.constantFrom(...([1, 2, 3, 4] as StatusRequest[])),
        (byte, request) => {
          const r = decodeStatusByte(request, byte);
          const valid = byte >= 0 && byte <= 255 && isStatusByte(byte);
          expect(r.ok).toBe(valid);
          if (!r.ok) expect(r.error.code).toBe('STATUS_GARBAGE');
        },
      ),
      params,
    );
  });

  it('HID printer reports decode to their announced bytes or BAD_REPORT', () => {
    const link = hidReportLink(64);
    fc.assert(
      fc.property(protocolBytes(80), (input) => {
        const r = link.decode(input);
        if (r.ok) expect(r.value.length).toBe(input[0]);
        else expect(r.error.code).toBe('BAD_REPORT');
      }),
      params,
    );
  });
});

describe('fuzz: ESC/POS interpreter', () => {
  it('never throws on arbitrary bytes, in any chunking, and reports what it skips', () => {
    fc.assert(
      fc.property(protocolBytes(2000), fc.integer({ min: 1, max: 64 }), (bytes, chunk) => {
        const parser = new EscPosParser();
        for (let i = 0; i < bytes.length; i += chunk) {
          for (const e of parser.push(bytes.subarray(i, i + chunk))) {
            expect(['item', 'cut', 'init', 'unknown']).toContain(e.type);
          }
        }
      }),
      params,
    );
  });

  it('reads back any text the builder encodes', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: 'grapheme', maxLength: 40 }), { maxLength: 10 }),
        (lines) => {
          const b = new EscPosBuilder().init();
          for (const line of lines) b.line(line);
          const events = new EscPosParser().push(b.cut().build());
          const texts = events.flatMap((e) =>
            e.type === 'item' && e.item.kind === 'text' ? [e.item.text] : [],
          );
          // Control characters are replaced by spaces on the way out.
          // eslint-disable-next-line no-control-regex -- mirrors the builder's rule
          expect(texts).toEqual(lines.map((l) => l.replace(/[\u0000-\u001f\u007f]/g, ' ')));
        },
      ),
      params,
    );
  });
});
