import { describe, expect, it } from 'vitest';
import { dueDay, overdueCount, reasonText, sourceText } from './workbench-words.ts';

describe('workbench words', () => {
  it('shows a due moment (24:00 CST) as the working day it closes', () => {
    // 24:00 CST on Wed 9 Dec 2026 is 16:00 UTC that day.
    const due = Date.parse('2026-12-09T16:00:00Z');
    expect(dueDay(due, 'en')).toBe('9 Dec 2026');
    expect(dueDay(due, 'zh-CN')).toBe('2026年12月9日');
  });

  it('counts overdue sub-cases with the English singular', () => {
    expect(overdueCount(1, 'en')).toBe('1 overdue');
    expect(overdueCount(3, 'en')).toBe('3 overdue');
    expect(overdueCount(3, 'zh-CN')).toBe('已超期 3 件');
  });

  it('words reasons from the item list, its own codes, or shows an unknown code', () => {
    const reasons = { ok: { zh: '材料齐全', en: 'Complete' } };
    expect(reasonText('ok', reasons, 'zh-CN')).toBe('材料齐全');
    expect(reasonText('other', reasons, 'en')).toMatch(/^Other/);
    expect(reasonText('materialSupplied', reasons, 'en')).toMatch(/supplied/);
    expect(reasonText('gone', reasons, 'en')).toBe('gone');
    expect(sourceText('householdRegistry', 'zh-CN')).toBe('户籍信息（公安）');
  });
});
