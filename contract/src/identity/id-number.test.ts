import { describe, expect, it } from 'vitest';
import { checkIdNumber, idNumberCheckChar, idNumberFacts, maskIdNumber } from './id-number.ts';

describe('GB 11643 ID numbers', () => {
  it('computes the check character from the standard weights', () => {
    // 11010519491231002X is the worked example in GB 11643-1999.
    expect(idNumberCheckChar('11010519491231002')).toBe('X');
    expect(checkIdNumber('11010519491231002X')).toBeNull();
  });

  it('rejects a wrong check character, a bad date and a bad shape, naming which', () => {
    expect(checkIdNumber('110105194912310021')).toBe('checksum');
    expect(checkIdNumber('110105194902300020')).toBe('birthDate');
    expect(checkIdNumber('11010519491231002x')).toBe('format');
    expect(checkIdNumber('1101051949')).toBe('format');
  });

  it('derives birth date and gender, and masks for display', () => {
    expect(idNumberFacts('11010519491231002X')).toEqual({
      birthDate: '1949-12-31',
      gender: 'female',
    });
    expect(maskIdNumber('11010519491231002X')).toBe('110***********002X');
  });
});
