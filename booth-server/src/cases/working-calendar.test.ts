import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { WorkingCalendar } from './working-calendar.ts';

const CST = 8 * 3_600_000;
/** Noon CST of a calendar date. */
const at = (date: string) => Date.parse(`${date}T12:00:00Z`) - CST;
/** The CST calendar date a due moment (24:00 CST) closes. */
const dueDate = (ms: number) => new Date(ms + CST - 1).toISOString().slice(0, 10);

describe('the State Council working-day calendar', () => {
  const calendar = WorkingCalendar.load();

  it('ships 2025 and 2026', () => {
    expect(calendar.years).toEqual(expect.arrayContaining([2025, 2026]));
  });

  it('skips the Spring Festival and counts the 调休 Saturday worked after it (2026)', () => {
    // Fri 13 Feb 2026; Sat 14 Feb is worked; 15–23 Feb off; Sat 28 Feb worked.
    expect(dueDate(calendar.addWorkingDays(at('2026-02-13'), 1).dueAt)).toBe('2026-02-14');
    expect(dueDate(calendar.addWorkingDays(at('2026-02-13'), 2).dueAt)).toBe('2026-02-24');
    // Tue 24 … Fri 27 are four working days, Sat 28 the fifth.
    const due = calendar.addWorkingDays(at('2026-02-14'), 5);
    expect(dueDate(due.dueAt)).toBe('2026-02-28');
    expect(due.provisional).toBe(false);
  });

  it('skips National Day and counts Sat 10 Oct 2026', () => {
    expect(dueDate(calendar.addWorkingDays(at('2026-09-30'), 1).dueAt)).toBe('2026-10-08');
    expect(dueDate(calendar.addWorkingDays(at('2026-10-09'), 1).dueAt)).toBe('2026-10-10');
  });

  it('counts weekends only, marked provisional, into a year without its calendar', () => {
    const inDecember = at('2026-12-28');
    const due = calendar.addWorkingDays(inDecember, 5);
    // Mon 28 → Tue 29, Wed 30, Thu 31, Fri 1 Jan (no calendar: a weekday), Mon 4 Jan.
    expect(dueDate(due.dueAt)).toBe('2027-01-04');
    expect(due.provisional).toBe(true);
    expect(calendar.addWorkingDays(at('2026-12-01'), 3).provisional).toBe(false);
  });

  it('names the missing next year from the fourth quarter on, not before', () => {
    expect(calendar.missingNextYear(at('2026-09-30'))).toBeNull();
    expect(calendar.missingNextYear(at('2026-10-01'))).toBe(2027);
    expect(calendar.missingNextYear(at('2025-12-01'))).toBeNull();
  });

  it('refuses a file whose year differs from its name, naming the file', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'holidays-'));
    writeFileSync(
      path.join(dir, '2027.json'),
      JSON.stringify({ year: 2026, source: 'x', holidays: [], workdays: [] }),
    );
    expect(() => WorkingCalendar.load(dir)).toThrow(/2027\.json/);
  });
});
