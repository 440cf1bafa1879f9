/**
 * The held-out accuracy set: each character taken from ANOTHER font's outlines (Noto Sans CJK SC,
 * Debian fonts-noto-cjk; nothing from Make Me a Hanzi), rasterised, thinned to a skeleton, traced
 * into strokes, then written the way a hurried hand would: strokes pointing the usual way (left to
 * right, top to bottom), the whole character slanted and squashed, the lines wobbling, strokes in
 * random order, and some neighbouring strokes joined in one movement of the pen.
 */
import { createRequire } from 'node:module';
import { simplify } from '../../src/input/handwriting/geometry.ts';
import { type PathCommand, rasterise } from './glyph-raster.ts';
import { type Polyline, thin, traceStrokes } from './skeleton.ts';

const require = createRequire(import.meta.url);
export const NOTO_SANS_CJK = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc';
const FACE = 'NotoSansCJKsc-Regular';
const SIZE = 128;

export interface Sample {
  char: string;
  /** Strokes as flat [x0, y0, x1, y1, …] lists on a 0–255 pad, y downwards. */
  strokes: number[][];
}

interface FontkitGlyph {
  path: { commands: PathCommand[] };
}
interface FontkitFont {
  unitsPerEm: number;
  descent: number;
  glyphForCodePoint(code: number): FontkitGlyph;
  hasGlyphForCodePoint(code: number): boolean;
}
interface FontkitCollection {
  getFont(name: string): FontkitFont;
}

export function openFont(file = NOTO_SANS_CJK): FontkitFont {
  const fontkit = require('fontkit') as { openSync(file: string): FontkitCollection };
  return fontkit.openSync(file).getFont(FACE);
}

/** The character's strokes as traced from the font, before any hand-made distortion. */
export function tracedStrokes(font: FontkitFont, char: string): Polyline[] {
  const code = char.codePointAt(0)!;
  if (!font.hasGlyphForCodePoint(code)) throw new Error(`${FACE} has no glyph for ${char}`);
  // the em box sits 120 units under the ascender like the font's CJK ideographic box
  const bitmap = rasterise(font.glyphForCodePoint(code).path.commands, font.unitsPerEm, -120, SIZE);
  const skeleton = thin(bitmap);
  let ink = 0;
  let bone = 0;
  for (let i = 0; i < bitmap.pixels.length; i++) {
    ink += bitmap.pixels[i]!;
    bone += skeleton[i]!;
  }
  const width = ink / Math.max(1, bone);
  return traceStrokes(skeleton, SIZE, Math.max(3, Math.round(width * 1.2)))
    .filter((line) => line.length >= 2)
    .map(orient);
}

/** People write a stroke left to right when it lies flat and top to bottom when it stands. */
function orient(line: Polyline): Polyline {
  const a = line[0]!;
  const b = line[line.length - 1]!;
  const flat = Math.abs(b.x - a.x) > Math.abs(b.y - a.y);
  const backwards = flat ? b.x < a.x : b.y < a.y;
  return backwards ? [...line].reverse() : line;
}

/** A small seeded generator (mulberry32), so the set is the same on every run. */
export function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Distortion {
  /** Chance that a stroke is joined to the one written before it when they are close. */
  joinChance: number;
  /** Largest gap (pad fraction) a joining movement spans. */
  joinGap: number;
  /** Largest slant (radians) and squash (fraction) of the whole character. */
  rotate: number;
  squash: number;
  /** Amplitude (pad fraction) of the slow wobble and of the per-point tremor. */
  wobble: number;
  tremor: number;
}

export const DEFAULT_DISTORTION: Distortion = {
  joinChance: 0.3,
  joinGap: 0.3,
  rotate: 0.1,
  squash: 0.12,
  wobble: 0.02,
  tremor: 0.006,
};

export function handwrite(
  strokes: Polyline[],
  rand: () => number,
  d: Distortion = DEFAULT_DISTORTION,
): number[][] {
  const span = (a: number) => (rand() * 2 - 1) * a;
  const angle = span(d.rotate);
  const shear = span(d.rotate);
  const sx = 1 + span(d.squash);
  const sy = 1 + span(d.squash);
  const phase = [rand(), rand(), rand(), rand()].map((v) => v * 2 * Math.PI);
  const c = SIZE / 2;
  const place = (p: { x: number; y: number }) => {
    const u = (p.x - c) / SIZE;
    const v = (p.y - c) / SIZE;
    const x = (u + shear * v) * sx;
    const y = v * sy;
    const rx = x * Math.cos(angle) - y * Math.sin(angle);
    const ry = x * Math.sin(angle) + y * Math.cos(angle);
    return {
      x: rx + d.wobble * Math.sin(ry * 9 + phase[0]!),
      y: ry + d.wobble * Math.sin(rx * 9 + phase[1]!),
    };
  };
  const order = strokes.map((s, i) => ({ s, key: rand(), i }));
  order.sort((a, b) => a.key - b.key);
  const written: { x: number; y: number }[][] = [];
  for (const { s } of order) {
    const line = s.map(place);
    const prev = written[written.length - 1];
    if (prev) {
      const end = prev[prev.length - 1]!;
      const gap = Math.hypot(line[0]!.x - end.x, line[0]!.y - end.y);
      if (gap < d.joinGap && rand() < d.joinChance) {
        prev.push(...line);
        continue;
      }
    }
    written.push(line);
  }
  // kept to the points that carry the shape (within 1.5 pad units), then shaken by the tremor
  const pad = 200;
  return written.map((line) =>
    simplify(
      line.map((p) => ({ x: 128 + p.x * pad, y: 128 + p.y * pad })),
      1.5,
    ).flatMap((p) => [
      Math.max(0, Math.min(255, Math.round(p.x + span(d.tremor) * pad))),
      Math.max(0, Math.min(255, Math.round(p.y + span(d.tremor) * pad))),
    ]),
  );
}

export function heldOutSamples(chars: readonly string[], seed: number): Sample[] {
  const font = openFont();
  const rand = random(seed);
  return chars.map((char) => ({ char, strokes: handwrite(tracedStrokes(font, char), rand) }));
}
