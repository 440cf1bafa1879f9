/**
 * Case numbers (办件编号): `YJ` + date (YYYYMMDD, Beijing time) + 6-digit daily sequence + one
 * Luhn check digit, e.g. YJ202611240001235. The sequence comes from the database, so several
 * booth servers never issue the same number; the check digit catches a mistyped number at the
 * status lookup before it costs a database query.
 */
export const CASE_NUMBER_RE = /^YJ\d{8}\d{6}\d$/;

export function luhnDigit(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

export function formatCaseNumber(day: string, seq: number): string {
  const body = `${day}${String(seq).padStart(6, '0')}`;
  return `YJ${body}${luhnDigit(body)}`;
}

export function isWellFormedCaseNumber(value: string): boolean {
  if (!CASE_NUMBER_RE.test(value)) return false;
  const body = value.slice(2, -1);
  return luhnDigit(body) === Number(value.slice(-1));
}

/** The service day in China Standard Time (UTC+8, no daylight saving). */
export function serviceDay(at: number): string {
  return new Date(at + 8 * 3_600_000).toISOString().slice(0, 10).replaceAll('-', '');
}
