import { describe, expect, it } from 'vitest';
import { checkUscc, usccCheckChar } from './uscc.ts';

describe('GB 32100 unified social credit codes', () => {
  it('computes the check character of the standard example', () => {
    // 91350100M000100Y43 is the worked example of GB 32100-2015.
    expect(usccCheckChar('91350100M000100Y4')).toBe('3');
    expect(checkUscc('91350100M000100Y43')).toBeNull();
  });

  it('names the problem: a wrong check character, a letter outside the alphabet, a bad shape', () => {
    expect(checkUscc('91350100M000100Y44')).toBe('checksum');
    // I, O, S, V and Z are not part of the alphabet.
    expect(checkUscc('91350100M000100I43')).toBe('format');
    expect(checkUscc('9135010')).toBe('format');
    expect(checkUscc('91350100m000100y43')).toBe('format');
  });

  it('refuses to compute a check character from a malformed body', () => {
    expect(() => usccCheckChar('91350100M00010')).toThrow(RangeError);
  });
});
