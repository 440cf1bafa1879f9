/**
 * Due dates from promised time limits counted in working days (工作日), in China Standard Time.
 * Weekends are skipped; public holidays and adjusted working weekends (调休) are not modelled
 * yet — a provincial deployment would load the State Council's yearly calendar here.
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
