import { describe, expect, it } from 'vitest';
import { maskName, maskValue } from './case-masking.ts';

describe('masking for staff', () => {
  it('keeps only the last four characters of a value, and none of a short one', () => {
    expect(maskValue('44011319920314002X')).toBe('**************002X');
    expect(maskValue(1234)).toBe('****');
  });

  it('keeps only the first character of a name', () => {
    expect(maskName('林晓燕')).toBe('林**');
    expect(maskName('林')).toBe('*');
  });
});
