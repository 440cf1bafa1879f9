import { describe, expect, it } from 'vitest';
import { charFeatures } from './features.ts';

describe('handwriting features', () => {
  it('cuts a stroke at its corners, so 横折 in one stroke or two gives the same pieces', () => {
    const oneStroke = charFeatures([
      [
        { x: 0, y: 0 },
        { x: 50, y: 0 },
        { x: 100, y: 0 },
        { x: 100, y: 100 },
      ],
    ]);
    const twoStrokes = charFeatures([
      [
        { x: 0, y: 0 },
        { x: 100, y: 0 },
      ],
      [
        { x: 100, y: 0 },
        { x: 100, y: 100 },
      ],
    ]);
    expect(oneStroke.strokeCount).toBe(1);
    expect(twoStrokes.strokeCount).toBe(2);
    expect(oneStroke.substrokes).toHaveLength(2);
    oneStroke.substrokes.forEach((s, i) => {
      const t = twoStrokes.substrokes[i]!;
      for (const k of ['sx', 'sy', 'ex', 'ey', 'len'] as const) expect(s[k]).toBeCloseTo(t[k], 6);
    });
  });

  it('keeps a gentle curve (撇) in one piece', () => {
    const pie = charFeatures([
      Array.from({ length: 20 }, (_, i) => ({ x: 100 - i * i * 0.2, y: i * 5 })),
    ]);
    expect(pie.substrokes).toHaveLength(1);
  });

  it('has a unit-length shape map that ignores stroke order', () => {
    const a = [
      [
        { x: 0, y: 50 },
        { x: 100, y: 50 },
      ],
      [
        { x: 50, y: 0 },
        { x: 50, y: 100 },
      ],
    ];
    const f = charFeatures(a);
    const g = charFeatures([...a].reverse());
    expect(Math.hypot(...f.shape)).toBeCloseTo(1, 5);
    expect([...f.shape]).toEqual([...g.shape]);
  });
});
