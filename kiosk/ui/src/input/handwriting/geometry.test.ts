import { describe, expect, it } from 'vitest';
import { distance, normalise, resample, simplify, strokeLength } from './geometry.ts';

describe('handwriting geometry', () => {
  it('resamples a polyline at even steps along its length, ends kept', () => {
    const line = [
      { x: 0, y: 0 },
      { x: 10, y: 0 },
      { x: 10, y: 10 },
    ];
    const pts = resample(line, 2);
    expect(pts[0]).toEqual({ x: 0, y: 0 });
    expect(pts[pts.length - 1]).toEqual({ x: 10, y: 10 });
    expect(pts).toHaveLength(11);
    for (let i = 1; i < pts.length; i++) {
      // along the path each step is 2; across the corner the straight gap is shorter
      expect(distance(pts[i - 1]!, pts[i]!)).toBeLessThanOrEqual(2 + 1e-9);
    }
    expect(strokeLength(pts)).toBeCloseTo(20, 5);
  });

  it('resamples a tap (one point) to that point', () => {
    expect(resample([{ x: 3, y: 4 }], 1)).toEqual([{ x: 3, y: 4 }]);
  });

  it('simplifies a wobbly line to its corners', () => {
    const wobbly = [
      { x: 0, y: 0 },
      { x: 5, y: 0.2 },
      { x: 10, y: 0 },
      { x: 10.1, y: 5 },
      { x: 10, y: 10 },
    ];
    expect(simplify(wobbly, 0.5)).toEqual([
      { x: 0, y: 0 },
      { x: 10, y: 0 },
      { x: 10, y: 10 },
    ]);
  });

  it('normalises away where and how big a character was written', () => {
    const small = [
      [
        { x: 10, y: 10 },
        { x: 30, y: 10 },
      ],
      [
        { x: 20, y: 0 },
        { x: 20, y: 40 },
      ],
    ];
    const big = small.map((s) => s.map((p) => ({ x: 500 + p.x * 7, y: 200 + p.y * 7 })));
    const a = normalise(small).flat();
    const b = normalise(big).flat();
    a.forEach((p, i) => {
      expect(p.x).toBeCloseTo(b[i]!.x, 6);
      expect(p.y).toBeCloseTo(b[i]!.y, 6);
    });
    // the ink's centre lands in the middle of the unit square
    const mid = normalise([
      [
        { x: 0, y: 0 },
        { x: 100, y: 0 },
      ],
    ]).flat();
    expect((mid[0]!.x + mid[1]!.x) / 2).toBeCloseTo(0.5, 9);
  });
});
