/**
 * Working days counted by weekends only, in China Standard Time. Case due dates use the State
 * Council calendar (`WorkingCalendar`, working-calendar.ts); this stays for the rating
 * follow-up deadlines, which count by it today.
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
