import { dateBounds } from '@onething/contract/catalogue/field-check';
import { describe, expect, it } from 'vitest';
import {
  choose,
  dayAllowed,
  decades,
  days,
  monthAllowed,
  partsOf,
  valueOf,
  years,
} from './date-parts.ts';

const TODAY = '2025-10-20';

describe('date picker parts', () => {
  it('reads and writes YYYY-MM-DD and only real dates', () => {
    expect(partsOf('2024-02-29')).toEqual({ year: 2024, month: 2, day: 29 });
    expect(partsOf('2025-02-29')).toEqual({});
    expect(partsOf('20/10/2025')).toEqual({});
    expect(valueOf({ year: 2025, month: 3, day: 7 })).toBe('2025-03-07');
    expect(valueOf({ year: 2025, month: 3 })).toBeNull();
  });

  it('offers only the years, months and days the rules allow (a retirement in 1999 is not offered)', () => {
    const retirement = dateBounds({ maxDaysPast: 730, maxDaysAhead: 365 }, TODAY);
    expect(years(retirement, TODAY)).toEqual([2023, 2024, 2025, 2026]);
    expect(years(retirement, TODAY)).not.toContain(1999);
    expect(monthAllowed(retirement, 2023, 9)).toBe(false);
    expect(monthAllowed(retirement, 2023, 10)).toBe(true);
    expect(dayAllowed(retirement, 2023, 10, 20)).toBe(false);
    expect(dayAllowed(retirement, 2023, 10, 21)).toBe(true);
    expect(dayAllowed(retirement, 2026, 10, 21)).toBe(false);
  });

  it('stops at today for a date that cannot be in the future', () => {
    const birth = dateBounds({ notFuture: true, notBefore: '1900-01-01' }, TODAY);
    expect(years(birth, TODAY).at(0)).toBe(1900);
    expect(years(birth, TODAY).at(-1)).toBe(2025);
    expect(decades(birth, TODAY).at(-1)).toBe(2020);
    expect(monthAllowed(birth, 2025, 11)).toBe(false);
    expect(dayAllowed(birth, 2025, 10, 21)).toBe(false);
  });

  it('knows month lengths and leap years', () => {
    expect(days(2024, 2)).toHaveLength(29);
    expect(days(2025, 2)).toHaveLength(28);
    expect(days(2025, 4)).toHaveLength(30);
  });

  it('drops a later part that no longer fits when an earlier one changes', () => {
    const open = dateBounds(undefined, TODAY);
    expect(choose({ year: 2024, month: 2, day: 29 }, open, 'year', 2025)).toEqual({
      year: 2025,
      month: 2,
    });
    const birth = dateBounds({ notFuture: true }, TODAY);
    expect(choose({ year: 2024, month: 12, day: 1 }, birth, 'year', 2025)).toEqual({
      year: 2025,
    });
    expect(choose({ year: 2025, month: 1 }, birth, 'day', 31)).toEqual({
      year: 2025,
      month: 1,
      day: 31,
    });
  });
});
