import { distance, normalise, simplify } from './geometry.ts';
import type { Point, Stroke } from './stroke.ts';

/**
 * What the matcher compares, computed the same way for the reference characters and for what was
 * drawn, all in the unit square after normalise():
 * - substrokes: each stroke cut at its corners into nearly straight pieces (start, end, length),
 *   so 横折 drawn as one stroke or as two, or two strokes joined by a flick of the pen, still line
 *   up piece by piece;
 * - shape: a coarse map of ink direction (4 orientations) over a GRID×GRID grid, blind to stroke
 *   order and count, used to pick the few characters worth the detailed comparison.
 */
export interface Substroke {
  sx: number;
  sy: number;
  ex: number;
  ey: number;
  len: number;
}

export interface CharFeatures {
  strokeCount: number;
  substrokes: Substroke[];
  /** Summed length of the substrokes, to put scores of big and small characters on one scale. */
  ink: number;
  shape: Float32Array;
}

export const GRID = 8;
const ORIENTATIONS = 4;
export const SHAPE_SIZE = GRID * GRID * ORIENTATIONS;
/** Unit-square tolerance for cutting strokes into straight pieces. */
const SIMPLIFY = 0.035;
/** A turn sharper than this (radians) starts a new substroke. */
const CORNER = (55 * Math.PI) / 180;
const SHAPE_STEP = 1 / 48;

export function charFeatures(strokes: readonly Stroke[]): CharFeatures {
  const drawn = strokes.filter((s) => s.length > 0);
  const unit = normalise(drawn);
  const substrokes = unit.flatMap(splitAtCorners);
  return {
    strokeCount: drawn.length,
    substrokes,
    ink: substrokes.reduce((sum, s) => sum + s.len, 0),
    shape: shapeMap(unit),
  };
}

function splitAtCorners(stroke: Point[]): Substroke[] {
  const pts = simplify(stroke, SIMPLIFY);
  if (pts.length === 1) pts.push(pts[0]!);
  const out: Substroke[] = [];
  let start = pts[0]!;
  let len = 0;
  for (let i = 1; i < pts.length; i++) {
    const a = pts[i - 1]!;
    const b = pts[i]!;
    len += distance(a, b);
    const c = pts[i + 1];
    if (c && turn(a, b, c) <= CORNER) continue;
    out.push({ sx: start.x, sy: start.y, ex: b.x, ey: b.y, len });
    start = b;
    len = 0;
  }
  return out;
}

function turn(a: Point, b: Point, c: Point): number {
  const t = Math.abs(Math.atan2(c.y - b.y, c.x - b.x) - Math.atan2(b.y - a.y, b.x - a.x));
  return t > Math.PI ? 2 * Math.PI - t : t;
}

function shapeMap(unit: Point[][]): Float32Array {
  const map = new Float32Array(SHAPE_SIZE);
  for (const drawn of unit) {
    // the pen's tremor would scatter ink over every orientation: follow the line, not the shake
    const stroke = simplify(drawn, SHAPE_STEP * 1.5);
    if (stroke.length === 1) {
      // a dot: ink without direction, shared by every orientation
      for (let o = 0; o < ORIENTATIONS; o++)
        deposit(map, stroke[0]!.x, stroke[0]!.y, o, SHAPE_STEP / ORIENTATIONS);
    }
    for (let i = 1; i < stroke.length; i++) {
      const a = stroke[i - 1]!;
      const b = stroke[i]!;
      const len = distance(a, b);
      if (len === 0) continue;
      let theta = Math.atan2(b.y - a.y, b.x - a.x);
      if (theta < 0) theta += Math.PI;
      const bin = (theta / Math.PI) * ORIENTATIONS;
      const lo = Math.floor(bin) % ORIENTATIONS;
      const hi = (lo + 1) % ORIENTATIONS;
      const w = bin - Math.floor(bin);
      // the segment cut into short pieces, each adding its ink where it lies
      const pieces = Math.ceil(len / SHAPE_STEP);
      const piece = len / pieces;
      for (let k = 0; k < pieces; k++) {
        const t = (k + 0.5) / pieces;
        const x = a.x + (b.x - a.x) * t;
        const y = a.y + (b.y - a.y) * t;
        deposit(map, x, y, lo, piece * (1 - w));
        deposit(map, x, y, hi, piece * w);
      }
    }
  }
  let norm = 0;
  for (const v of map) norm += v * v;
  norm = Math.sqrt(norm) || 1;
  for (let i = 0; i < map.length; i++) map[i]! /= norm;
  return map;
}

/** Adds ink to the four grid cells around (x, y) (bilinear), so a small shift changes little. */
function deposit(
  map: Float32Array,
  x: number,
  y: number,
  orientation: number,
  amount: number,
): void {
  const gx = Math.max(0, Math.min(GRID - 1, x * GRID - 0.5));
  const gy = Math.max(0, Math.min(GRID - 1, y * GRID - 0.5));
  const x0 = Math.floor(gx);
  const y0 = Math.floor(gy);
  const fx = gx - x0;
  const fy = gy - y0;
  const x1 = Math.min(GRID - 1, x0 + 1);
  const y1 = Math.min(GRID - 1, y0 + 1);
  const at = (x: number, y: number) => (y * GRID + x) * ORIENTATIONS + orientation;
  map[at(x0, y0)]! += amount * (1 - fx) * (1 - fy);
  map[at(x1, y0)]! += amount * fx * (1 - fy);
  map[at(x0, y1)]! += amount * (1 - fx) * fy;
  map[at(x1, y1)]! += amount * fx * fy;
}
