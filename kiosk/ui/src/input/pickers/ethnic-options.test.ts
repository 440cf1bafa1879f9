import { describe, expect, it } from 'vitest';
import { ethnicOptions } from './ethnic-options.ts';

describe('ethnic group options', () => {
  it('offers the common groups first and all 56 on request', () => {
    const common = ethnicOptions('zh-CN', false);
    expect(common).toHaveLength(10);
    expect(common[0]).toEqual({ value: '汉', text: '汉族' });
    expect(ethnicOptions('zh-CN', true)).toHaveLength(56);
  });

  it('keeps a chosen rare group in the short list and words groups in English', () => {
    expect(ethnicOptions('zh-CN', false, '基诺').map((o) => o.value)).toContain('基诺');
    expect(ethnicOptions('en', true).find((o) => o.value === '蒙古')?.text).toBe('Mongol');
  });
});
