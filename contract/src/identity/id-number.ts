/**
 * Resident ID numbers (公民身份号码, GB 11643-1999): 6-digit region, 8-digit birth date,
 * 3-digit sequence (odd = male), 1 check character.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';

export type IdNumberProblem = 'format' | 'birthDate' | 'checksum';

/** The check character for the first 17 digits. */
export function idNumberCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError('expected 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (WEIGHTS[i] as number);
  return CHECK_CHARS[sum % 11] as string;
}

/** Returns null when valid, otherwise the first problem found. */
export function checkIdNumber(value: string): IdNumberProblem | null {
  if (!/^\d{17}[\dX]$/.test(value)) return 'format';
  const y = Number(value.slice(6, 10));
  const m = Number(value.slice(10, 12));
  const d = Number(value.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  if (
    y < 1900 ||
    date.getUTCFullYear() !== y ||
    date.getUTCMonth() !== m - 1 ||
    date.getUTCDate() !== d
  ) {
    return 'birthDate';
  }
  if (idNumberCheckChar(value.slice(0, 17)) !== value[17]) return 'checksum';
  return null;
}

export function isValidIdNumber(value: string): boolean {
  return checkIdNumber(value) === null;
}

/** Birth date as YYYY-MM-DD and gender from the sequence digit. */
export function idNumberFacts(value: string): { birthDate: string; gender: 'male' | 'female' } {
  return {
    birthDate: `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`,
    gender: Number(value[16]) % 2 === 1 ? 'male' : 'female',
  };
}

/** Masked for display and logs: first 3 and last 4 kept (e.g. 110***********123X). */
export function maskIdNumber(value: string): string {
  if (value.length < 8) return '*'.repeat(value.length);
  return `${value.slice(0, 3)}${'*'.repeat(value.length - 7)}${value.slice(-4)}`;
}
