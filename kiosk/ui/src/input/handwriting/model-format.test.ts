import { describe, expect, it } from 'vitest';
import { decodeModel, encodeModel } from './model-format.ts';

describe('handwriting model format', () => {
  it('round-trips characters and their quantised strokes', () => {
    const chars = [
      {
        char: '十',
        strokes: [
          [
            { x: 20, y: 128 },
            { x: 236, y: 128 },
          ],
          [
            { x: 128, y: 10 },
            { x: 128.4, y: 250 },
          ],
        ],
      },
      { char: '丶', strokes: [[{ x: 300, y: -4 }]] },
    ];
    expect(decodeModel(encodeModel(chars))).toEqual([
      chars[0] && {
        ...chars[0],
        strokes: [
          chars[0].strokes[0],
          [
            { x: 128, y: 10 },
            { x: 128, y: 250 },
          ],
        ],
      },
      { char: '丶', strokes: [[{ x: 255, y: 0 }]] },
    ]);
  });

  it('refuses bytes that are not a model, or are cut short', () => {
    expect(() => decodeModel(new Uint8Array([1, 2, 3, 4, 5]))).toThrow(/not a handwriting model/);
    const whole = encodeModel([
      {
        char: '一',
        strokes: [
          [
            { x: 1, y: 2 },
            { x: 3, y: 4 },
          ],
        ],
      },
    ]);
    expect(() => decodeModel(whole.slice(0, whole.length - 1))).toThrow(/truncated/);
  });
});
