import { describe, expect, it } from 'vitest';
import { unsafeCharacter } from './text.ts';

describe('unsafeCharacter', () => {
  it.each([
    ['张三\u202E', 'U+202E'],
    ['\u0000', 'U+0000'],
    ['a\u0085b', 'U+0085'],
    ['\u2066x\u2069', 'U+2066'],
    ['\u200Fx', 'U+200F'],
    ['\uFEFFx', 'U+FEFF'],
  ])('names the first refused character in %j', (text, char) => {
    expect(unsafeCharacter(text)).toBe(char);
  });

  it('accepts names in any script, with middle dots and spaces', () => {
    for (const name of ['林晓雯', '阿依古丽·买买提', 'Zhang San', 'Ольга', 'محمد'])
      expect(unsafeCharacter(name)).toBeNull();
  });

  it('lets free text keep tabs and line breaks, never in a single-line name', () => {
    expect(unsafeCharacter('第一行\n第二行\t完', { multiline: true })).toBeNull();
    expect(unsafeCharacter('第一行\n第二行')).toBe('U+000A');
  });
});
