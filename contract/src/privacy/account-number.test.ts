import { describe, expect, it } from 'vitest';
import { maskAccountNumber } from './account-number.ts';

describe('maskAccountNumber', () => {
  it('keeps the first and last four digits only', () => {
    expect(maskAccountNumber('6222020200012345678')).toBe('6222***********5678');
    expect(maskAccountNumber(' 622202020001 ')).toBe('6222****0001');
  });
  it('hides a short value whole', () => {
    expect(maskAccountNumber('12345678')).toBe('********');
  });
});
