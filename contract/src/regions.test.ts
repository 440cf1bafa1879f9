import { describe, expect, it } from 'vitest';
import { provinceEnglishName } from './regions.ts';

describe('province names in English', () => {
  it('names a province by any code inside it, and nothing for a code no province has', () => {
    expect(provinceEnglishName('44')).toBe('Guangdong');
    expect(provinceEnglishName('440113007')).toBe('Guangdong');
    expect(provinceEnglishName('990000')).toBeUndefined();
  });
});
