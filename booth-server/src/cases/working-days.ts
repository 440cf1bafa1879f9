/**
 * Working days counted by weekends only, in China Standard Time: the fallback where no State
 * Council calendar is given (`WorkingCalendar`, working-calendar.ts, which the server passes to
 * cases and 差评 follow-ups alike).
 */
const DAY = 86_400_000;
const CST = 8 * 3_600_000;

export function addWorkingDays(from: number, days: number): number {
  // Work on the CST calendar date; the due moment is the end of that working day (24:00 CST).
  let local = Math.floor((from + CST) / DAY) * DAY;
  let left = days;
  while (left > 0) {
    local += DAY;
    const weekday = new Date(local).getUTCDay();
    if (weekday !== 0 && weekday !== 6) left--;
  }
  return local + DAY - CST;
}
