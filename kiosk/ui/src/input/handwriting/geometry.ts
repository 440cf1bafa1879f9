import type { Point, Stroke } from './stroke.ts';

/** Polyline helpers shared by the model builder, the recogniser and the held-out sample maker. */

export function distance(a: Point, b: Point): number {
  return Math.hypot(a.x - b.x, a.y - b.y);
}

export function strokeLength(stroke: Stroke): number {
  let len = 0;
  for (let i = 1; i < stroke.length; i++) len += distance(stroke[i - 1]!, stroke[i]!);
  return len;
}

/** Points `step` apart along the polyline, ends kept, so ink is weighted by length not speed. */
export function resample(stroke: Stroke, step: number): Point[] {
  const first = stroke[0];
  if (!first) return [];
  const out: Point[] = [{ x: first.x, y: first.y }];
  let carried = 0;
  for (let i = 1; i < stroke.length; i++) {
    const a = stroke[i - 1]!;
    const b = stroke[i]!;
    const seg = distance(a, b);
    if (seg === 0) continue;
    let at = step - carried;
    while (at <= seg) {
      const t = at / seg;
      out.push({ x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t });
      at += step;
    }
    carried = seg - (at - step);
  }
  const last = stroke[stroke.length - 1]!;
  const tail = out[out.length - 1]!;
  const gap = distance(tail, last);
  // the end always counts, unless a step already landed (nearly) on it
  if (gap > step * 0.25 || (out.length === 1 && gap > 0)) out.push({ x: last.x, y: last.y });
  return out;
}

/** Ramer–Douglas–Peucker: the fewest points within `tolerance` of the polyline (corners stay). */
export function simplify(stroke: Stroke, tolerance: number): Point[] {
  if (stroke.length <= 2) return stroke.map((p) => ({ x: p.x, y: p.y }));
  const keep = new Uint8Array(stroke.length);
  keep[0] = 1;
  keep[stroke.length - 1] = 1;
  const stack: [number, number][] = [[0, stroke.length - 1]];
  while (stack.length > 0) {
    const [from, to] = stack.pop()!;
    const a = stroke[from]!;
    const b = stroke[to]!;
    let worst = -1;
    let worstDist = tolerance;
    for (let i = from + 1; i < to; i++) {
      const d = pointToSegment(stroke[i]!, a, b);
      if (d > worstDist) {
        worst = i;
        worstDist = d;
      }
    }
    if (worst >= 0) {
      keep[worst] = 1;
      stack.push([from, worst], [worst, to]);
    }
  }
  return stroke.filter((_, i) => keep[i] === 1).map((p) => ({ x: p.x, y: p.y }));
}

export function pointToSegment(p: Point, a: Point, b: Point): number {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const len2 = dx * dx + dy * dy;
  if (len2 === 0) return distance(p, a);
  const t = Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / len2));
  return Math.hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy));
}

/**
 * The strokes moved and scaled (aspect kept) so the ink's centre of mass sits at the middle of
 * the unit square and its spread (standard deviation around that centre) is a fixed fraction of
 * it: where and how big one writes does not matter, and unlike a bounding box, one long tail
 * does not shrink the rest of the character.
 */
export function normalise(strokes: readonly Stroke[]): Point[][] {
  // moments of the ink taken as uniform along each segment (exact for straight pieces)
  let sx = 0;
  let sy = 0;
  let w = 0;
  const each = (f: (a: Point, b: Point, len: number) => void) => {
    for (const s of strokes) {
      if (s.length === 1) f(s[0]!, s[0]!, 1e-3);
      for (let i = 1; i < s.length; i++) f(s[i - 1]!, s[i]!, distance(s[i - 1]!, s[i]!) + 1e-6);
    }
  };
  each((a, b, len) => {
    sx += ((a.x + b.x) / 2) * len;
    sy += ((a.y + b.y) / 2) * len;
    w += len;
  });
  const cx = sx / w;
  const cy = sy / w;
  let v = 0;
  const second = (p: number, q: number) => (p * p + p * q + q * q) / 3;
  each((a, b, len) => {
    v += (second(a.x - cx, b.x - cx) + second(a.y - cy, b.y - cy)) * len;
  });
  // a dot has no spread: a floor keeps it from blowing up
  const spread = Math.max(Math.sqrt(v / w / 2), 1e-6);
  const k = SPREAD / spread;
  return strokes.map((s) => s.map((p) => ({ x: 0.5 + (p.x - cx) * k, y: 0.5 + (p.y - cy) * k })));
}

/** The ink's standard deviation per axis after normalise(), as a fraction of the square. */
const SPREAD = 0.18;
