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

  it('masks a name standing alone in free text, wherever it is logged or audited', () => {
    const out = maskText('读到 林晓雯 33990219940612022X');
    expect(out).not.toContain('林晓雯');
    expect(out).not.toContain('33990219940612022X');
    expect(out).toBe('读到 林** 339***********');
    expect(maskText('申请人：张三，材料已收')).toBe('申请人：张*，材料已收');
    expect(maskText('applicant 欧阳娜娜 called')).toBe('applicant 欧阳** called');
    expect(maskPersonal({ note: '由 王五 补正' })).toEqual({ note: '由 王* 补正' });
  });

  it('leaves ordinary text alone', () => {
    for (const text of ['新生儿出生一件事', '设备正常', 'paper out', '打印机缺纸', '公安 PSB']) {
      expect(maskText(text)).toBe(text);
    }
  });
});
