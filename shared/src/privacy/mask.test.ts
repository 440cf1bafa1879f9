import { describe, expect, it } from 'vitest';
import { maskPersonal, maskText } from './mask.ts';

describe('personal-data masking', () => {
  it('masks ID and mobile numbers inside free text', () => {
    const out = maskText('card 11010519491231002X read, call 13812345678');
    expect(out).not.toContain('11010519491231002X');
    expect(out).not.toContain('13812345678');
    expect(out).toContain('110***********');
    expect(out).toContain('138****5678');
  });

  it('masks personal keys at any depth and leaves the rest', () => {
    const out = maskPersonal({
      event: 'card',
      citizen: { name: '张三', idNumber: '11010519491231002X', photo: new Uint8Array(4) },
      list: [{ address: '北京市' }],
      count: 2,
    }) as Record<string, unknown>;
    expect(JSON.stringify(out)).not.toMatch(/张三|11010519491231002X|北京市/);
    expect(out.event).toBe('card');
    expect(out.count).toBe(2);
  });
});
