import type { Point } from './stroke.ts';

/**
 * The recogniser's reference data as one compact binary asset (written at build time by
 * kiosk/ui/scripts/handwriting/model.ts, fetched when the pad first opens):
 *
 *   "HW1" · u16 character count · per character: u16 code point · u8 stroke count ·
 *   per stroke: u8 point count · per point: u8 x · u8 y
 *
 * Points are a stroke's median (its centre line, in writing order) simplified to its corners and
 * quantised to a 0–255 grid over the font's em square, y downwards.
 */
export interface ReferenceChar {
  char: string;
  strokes: Point[][];
}

const MAGIC = [0x48, 0x57, 0x31]; // "HW1"

export function encodeModel(chars: readonly ReferenceChar[]): Uint8Array {
  const bytes: number[] = [...MAGIC, chars.length & 0xff, chars.length >> 8];
  for (const { char, strokes } of chars) {
    const code = char.codePointAt(0)!;
    if (code > 0xffff) throw new Error(`${char} is outside the Basic Multilingual Plane`);
    bytes.push(code & 0xff, code >> 8, strokes.length);
    for (const stroke of strokes) {
      if (stroke.length > 255) throw new Error(`${char}: a stroke has ${stroke.length} points`);
      bytes.push(stroke.length);
      for (const p of stroke) bytes.push(quantise(p.x), quantise(p.y));
    }
  }
  return Uint8Array.from(bytes);
}

function quantise(v: number): number {
  return Math.max(0, Math.min(255, Math.round(v)));
}

export function decodeModel(bytes: Uint8Array): ReferenceChar[] {
  if (MAGIC.some((b, i) => bytes[i] !== b)) throw new Error('not a handwriting model (HW1)');
  let at = 3;
  const u8 = (): number => {
    if (at >= bytes.length) throw new Error('handwriting model is truncated');
    return bytes[at++]!;
  };
  const u16 = (): number => u8() | (u8() << 8);
  const count = u16();
  const chars: ReferenceChar[] = [];
  for (let c = 0; c < count; c++) {
    const char = String.fromCodePoint(u16());
    const strokes: Point[][] = [];
    for (let s = u8(); s > 0; s--) {
      const stroke: Point[] = [];
      for (let p = u8(); p > 0; p--) stroke.push({ x: u8(), y: u8() });
      strokes.push(stroke);
    }
    chars.push({ char, strokes });
  }
  return chars;
}
