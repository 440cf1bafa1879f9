import type { FollowUp } from '@onething/contract/rest/follow-up';
import type { Lang } from '../i18n/strings.ts';

/**
 * Dates and deadlines of the follow-up screens, in China Standard Time whatever the browser's
 * zone (deadlines are CST working days). Pure, so it is tested in node.
 */
const CST = 'Asia/Shanghai';

/** "12月8日 周二" / "Tue 8 Dec": a deadline is the end of that day (24:00 CST). */
export function formatDueDay(dueAt: number, lang: Lang): string {
  // The deadline is midnight at the end of its day: the millisecond before belongs to it.
  const day = new Date(dueAt - 1);
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'zh-CN', {
    timeZone: CST,
    month: lang === 'en' ? 'short' : 'long',
    day: 'numeric',
    weekday: 'short',
  }).format(day);
}

/** "12月7日 14:30" / "7 Dec, 14:30". */
export function formatWhen(at: number, lang: Lang): string {
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'zh-CN', {
    timeZone: CST,
    month: lang === 'en' ? 'short' : 'long',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(at));
}

/** The value of a datetime-local input for `at`, in CST. */
export function toLocalInput(at: number): string {
  const cst = new Date(at + 8 * 3_600_000);
  return cst.toISOString().slice(0, 16);
}

/** A datetime-local input's value read as CST; null when it is not a date. */
export function fromLocalInput(value: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) return null;
  const at = Date.parse(`${value}:00+08:00`);
  return Number.isNaN(at) ? null : at;
}

/** The deadline the follow-up waits on now (none once closed). */
export function currentDue(f: FollowUp): number | null {
  if (f.stage === 'callBack') return f.callBackDueAt;
  if (f.stage === 'fix') return f.fixDueAt;
  return null;
}

/** Overdue first, then by the deadline the follow-up waits on; closed ones last, newest first. */
export function byUrgency(a: FollowUp, b: FollowUp): number {
  const ad = currentDue(a);
  const bd = currentDue(b);
  if (ad === null || bd === null) {
    if (ad !== bd) return ad === null ? 1 : -1;
    return (b.fixed?.at ?? 0) - (a.fixed?.at ?? 0);
  }
  if ((a.overdue === null) !== (b.overdue === null)) return a.overdue ? -1 : 1;
  return ad - bd;
}
