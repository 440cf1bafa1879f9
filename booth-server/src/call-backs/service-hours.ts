import { z } from 'zod';

/** China has kept one offset all year since 1991: service hours are in UTC+8. */
const OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

/** One opening: ISO weekdays (1 = Monday … 7 = Sunday) and a time span in minutes of the day. */
export interface Opening {
  days: number[];
  from: number;
  to: number;
}

const SPAN_RE = /^([1-7])(?:-([1-7]))?\s+(\d{2}):(\d{2})-(\d{2}):(\d{2})$/;

/**
 * Parses `HELP_SERVICE_HOURS`: openings separated by `;`, each `DAYS HH:MM-HH:MM` where DAYS
 * is an ISO weekday or a range (`1-5 09:00-12:00;1-5 13:30-17:30;6 09:00-12:00`). Returns an
 * error message instead of throwing, for the config schema.
 */
export function parseServiceHours(text: string): Opening[] | string {
  const openings: Opening[] = [];
  for (const part of text
    .split(';')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const m = SPAN_RE.exec(part);
    if (!m) return `"${part}" is not DAYS HH:MM-HH:MM (e.g. 1-5 09:00-17:00)`;
    const [, d1, d2, h1, m1, h2, m2] = m.map(Number);
    const first = d1 ?? 0;
    const last = Number.isNaN(d2) ? first : (d2 ?? first);
    const from = (h1 ?? 0) * 60 + (m1 ?? 0);
    const to = (h2 ?? 0) * 60 + (m2 ?? 0);
    if (last < first) return `"${part}": the days run backwards`;
    if ((m1 ?? 0) > 59 || (m2 ?? 0) > 59 || to > 24 * 60 || from >= to)
      return `"${part}": the hours must run forwards within one day`;
    const days: number[] = [];
    for (let d = first; d <= last; d++) days.push(d);
    openings.push({ days, from, to });
  }
  return openings.length ? openings : 'name at least one opening';
}

/** The config value: a string in the file or environment, openings after parsing. */
export const ServiceHoursSchema = z.string().transform((text, ctx) => {
  const parsed = parseServiceHours(text);
  if (typeof parsed === 'string') {
    ctx.addIssue({ code: 'custom', message: parsed });
    return z.NEVER;
  }
  return parsed;
});

/**
 * When the agents behind video help work. Holidays are not known here: on a public holiday
 * inside these hours the check answers from the agents who are signed in.
 */
export class ServiceHours {
  readonly #openings: Opening[];

  constructor(openings: Opening[]) {
    this.#openings = openings;
  }

  isOpen(at: number): boolean {
    const { weekday, minute } = local(at);
    return this.#openings.some(
      (o) => o.days.includes(weekday) && minute >= o.from && minute < o.to,
    );
  }

  /** The next moment service opens after `at` (within a week), or null if it never does. */
  nextOpening(at: number): number | null {
    const { weekday, minute } = local(at);
    const dayStart = Math.floor((at + OFFSET_MS) / DAY_MS) * DAY_MS - OFFSET_MS;
    let best: number | null = null;
    for (let ahead = 0; ahead <= 7; ahead++) {
      const day = ((weekday - 1 + ahead) % 7) + 1;
      for (const o of this.#openings) {
        if (!o.days.includes(day)) continue;
        if (ahead === 0 && o.from <= minute) continue;
        const start = dayStart + ahead * DAY_MS + o.from * 60_000;
        if (best === null || start < best) best = start;
      }
      if (best !== null) return best;
    }
    return best;
  }
}

function local(at: number): { weekday: number; minute: number } {
  const d = new Date(at + OFFSET_MS);
  return {
    weekday: d.getUTCDay() === 0 ? 7 : d.getUTCDay(),
    minute: d.getUTCHours() * 60 + d.getUTCMinutes(),
  };
}
