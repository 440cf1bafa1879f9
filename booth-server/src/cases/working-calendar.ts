import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { z } from 'zod';
import { createLogger } from '../logging/logger.ts';

const log = createLogger('working-calendar');

/** The State Council's yearly holiday notice: one file per year (catalogue/holidays/<year>.json). */
export const HolidayYear = z.strictObject({
  year: z.number().int().min(2000).max(2100),
  /** The notice the dates come from, so anyone can check them against it. */
  source: z.string().min(1),
  /** Days off, weekdays or not (放假). */
  holidays: z.array(z.iso.date()),
  /** Weekend days worked instead (调休上班). */
  workdays: z.array(z.iso.date()),
});
export type HolidayYear = z.infer<typeof HolidayYear>;

export const DEFAULT_HOLIDAY_DIR = fileURLToPath(
  new URL('../../catalogue/holidays/', import.meta.url),
);

const DAY = 86_400_000;
const CST = 8 * 3_600_000;

/** The CST calendar date of an epoch-ms moment: `YYYY-MM-DD`. */
function cstDate(localMidnight: number): string {
  return new Date(localMidnight).toISOString().slice(0, 10);
}

/** A due date, and whether it was counted without the calendar of a year it reaches. */
export interface DueDate {
  dueAt: number;
  provisional: boolean;
}

/**
 * Working days (工作日) by the State Council calendar, in China Standard Time: holidays are
 * skipped and 调休 weekends count. A year without its calendar (the notice comes out each
 * November) is counted weekends-only and the due date is marked provisional, so filing never
 * stops for a missing file.
 */
export class WorkingCalendar {
  readonly #holidays = new Set<string>();
  readonly #workdays = new Set<string>();
  readonly #years = new Set<number>();

  constructor(years: readonly HolidayYear[]) {
    for (const y of years) {
      this.#years.add(y.year);
      for (const d of y.holidays) this.#holidays.add(d);
      for (const d of y.workdays) this.#workdays.add(d);
    }
  }

  /** The calendars in `dir` (`<year>.json`); a malformed file stops the start with its name. */
  static load(dir: string = DEFAULT_HOLIDAY_DIR): WorkingCalendar {
    const years = readdirSync(dir)
      .filter((f) => /^\d{4}\.json$/.test(f))
      .map((f) => {
        const parsed = HolidayYear.safeParse(JSON.parse(readFileSync(path.join(dir, f), 'utf8')));
        if (!parsed.success || `${parsed.data.year}.json` !== f) {
          throw new Error(
            `holiday calendar ${f}: ${parsed.error?.message ?? 'year differs from the file name'}`,
          );
        }
        return parsed.data;
      });
    return new WorkingCalendar(years);
  }

  /** Years with a calendar. */
  get years(): number[] {
    return [...this.#years].sort();
  }

  /** Whether the CST date at `localMidnight` is a working day; `known` false when its year has no calendar. */
  #isWorkingDay(localMidnight: number): { working: boolean; known: boolean } {
    const date = cstDate(localMidnight);
    const known = this.#years.has(Number(date.slice(0, 4)));
    if (this.#workdays.has(date)) return { working: true, known };
    if (this.#holidays.has(date)) return { working: false, known };
    const weekday = new Date(localMidnight).getUTCDay();
    return { working: weekday !== 0 && weekday !== 6, known };
  }

  /** The end (24:00 CST) of the `days`-th working day after `from`. */
  addWorkingDays(from: number, days: number): DueDate {
    let local = Math.floor((from + CST) / DAY) * DAY;
    let left = days;
    let provisional = false;
    while (left > 0) {
      local += DAY;
      const day = this.#isWorkingDay(local);
      if (!day.known) provisional = true;
      if (day.working) left--;
    }
    return { dueAt: local + DAY - CST, provisional };
  }

  /**
   * From the fourth quarter (CST) on, the next year whose calendar is missing; null before
   * October or when it is there. Due dates counted into that year will be provisional.
   */
  missingNextYear(now: number): number | null {
    const local = new Date(now + CST);
    if (local.getUTCMonth() < 9) return null;
    const next = local.getUTCFullYear() + 1;
    return this.#years.has(next) ? null : next;
  }

  /**
   * Logs a warning now and once a day while next year's calendar is missing (from October);
   * returns the function that stops it.
   */
  warnWhileMissing(now: () => number = Date.now, everyMs = DAY): () => void {
    const check = () => {
      const year = this.missingNextYear(now());
      if (year !== null)
        log.warn(
          { year, dir: DEFAULT_HOLIDAY_DIR },
          `no holiday calendar for ${year}: due dates reaching ${year} count weekends only and are marked provisional; add catalogue/holidays/${year}.json from the State Council notice`,
        );
    };
    check();
    const timer = setInterval(check, everyMs);
    timer.unref();
    return () => clearInterval(timer);
  }
}
