import type { DateBounds } from '@onething/contract/catalogue/field-check';

/**
 * The logic of the 年/月/日 picker: which years, months and days a field's range allows, and
 * how the three parts make a YYYY-MM-DD answer. The range comes from `dateBounds` (the same
 * function the server's check uses), so the picker never offers a day the server refuses.
 */
export interface DateParts {
  year?: number;
  month?: number;
  day?: number;
}

/** How far an open-ended range reaches from today, in years. */
const OPEN_PAST_YEARS = 120;
const OPEN_FUTURE_YEARS = 10;

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

export function isoOf(year: number, month: number, day: number): string {
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

/** The parts of a stored answer; anything that is not a real date gives no parts. */
export function partsOf(value: string | undefined): DateParts {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value ?? '');
  if (!m) return {};
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return {};
  return { year, month, day };
}

/** The answer the parts make, or null while one is missing. */
export function valueOf(parts: DateParts): string | null {
  const { year, month, day } = parts;
  return year && month && day ? isoOf(year, month, day) : null;
}

/** The first and last selectable year. */
export function yearSpan(bounds: DateBounds, today: string): { from: number; to: number } {
  const thisYear = Number(today.slice(0, 4));
  const from = bounds.min ? Number(bounds.min.slice(0, 4)) : thisYear - OPEN_PAST_YEARS;
  const to = bounds.max ? Number(bounds.max.slice(0, 4)) : thisYear + OPEN_FUTURE_YEARS;
  return { from, to: Math.max(from, to) };
}

export function years(bounds: DateBounds, today: string): number[] {
  const { from, to } = yearSpan(bounds, today);
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

/** Decades that hold a selectable year (1990 for 1990–1999). */
export function decades(bounds: DateBounds, today: string): number[] {
  return [...new Set(years(bounds, today).map((y) => y - (y % 10)))];
}

export function dayAllowed(bounds: DateBounds, year: number, month: number, day: number): boolean {
  if (day < 1 || day > daysInMonth(year, month)) return false;
  const iso = isoOf(year, month, day);
  return (!bounds.min || iso >= bounds.min) && (!bounds.max || iso <= bounds.max);
}

export function monthAllowed(bounds: DateBounds, year: number, month: number): boolean {
  const last = daysInMonth(year, month);
  const first = isoOf(year, month, 1);
  const end = isoOf(year, month, last);
  return (!bounds.min || end >= bounds.min) && (!bounds.max || first <= bounds.max);
}

export function days(year: number, month: number): number[] {
  return Array.from({ length: daysInMonth(year, month) }, (_, i) => i + 1);
}

/**
 * The parts after one of them is chosen: a later part that no longer fits (31 after February,
 * a month outside the range in the new year) is dropped so it is chosen again.
 */
export function choose(
  parts: DateParts,
  bounds: DateBounds,
  part: keyof DateParts,
  n: number,
): DateParts {
  const next: DateParts = { ...parts, [part]: n };
  if (next.year && next.month && !monthAllowed(bounds, next.year, next.month)) {
    delete next.month;
    delete next.day;
  }
  if (next.year && next.month && next.day && !dayAllowed(bounds, next.year, next.month, next.day)) {
    delete next.day;
  }
  return next;
}
