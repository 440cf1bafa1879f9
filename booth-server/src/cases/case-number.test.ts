import { describe, expect, it } from 'vitest';
import { formatCaseNumber, isWellFormedCaseNumber, serviceDay } from './case-number.ts';
import { addWorkingDays } from './working-days.ts';

describe('case numbers', () => {
  it('carry a check digit that catches a single mistyped digit or a swap', () => {
    const n = formatCaseNumber('20261124', 123);
    expect(n).toMatch(/^YJ20261124000123\d$/);
    expect(isWellFormedCaseNumber(n)).toBe(true);
    const typo = `${n.slice(0, 12)}${(Number(n[12]) + 1) % 10}${n.slice(13)}`;
    expect(isWellFormedCaseNumber(typo)).toBe(false);
    const swapped = `${n.slice(0, 14)}${n[15]}${n[14]}${n.slice(16)}`;
    if (n[14] !== n[15]) expect(isWellFormedCaseNumber(swapped)).toBe(false);
  });

  it('use the Beijing calendar day', () => {
    // 2026-11-23 17:00 UTC is already 24 November in Beijing.
    expect(serviceDay(Date.UTC(2026, 10, 23, 17, 0))).toBe('20261124');
  });
});

describe('working days', () => {
  it('skips weekends and ends at midnight Beijing time', () => {
    // Friday 2026-11-27 10:00 CST + 1 working day = end of Monday 30 November CST.
    const friday = Date.UTC(2026, 10, 27, 2, 0);
    const due = addWorkingDays(friday, 1);
    expect(new Date(due).toISOString()).toBe('2026-11-30T16:00:00.000Z');
    expect(addWorkingDays(friday, 5) - due).toBe(4 * 86_400_000);
  });
});
