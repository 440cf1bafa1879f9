/**
 * Unified social credit codes (统一社会信用代码, GB 32100-2015): 1 registration-authority
 * character, 1 organisation-category character, 6-digit region code, 9-character organisation
 * code, 1 check character. The alphabet leaves out I, O, S, V and Z so codes read unambiguously.
 */
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;
const SHAPE = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

export type UsccProblem = 'format' | 'checksum';

/** The check character for the first 17 characters. */
export function usccCheckChar(first17: string): string {
  if (!/^[0-9A-HJ-NPQRTUWXY]{17}$/.test(first17)) {
    throw new RangeError('expected 17 characters of the GB 32100 alphabet');
  }
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    sum += ALPHABET.indexOf(first17[i] as string) * (WEIGHTS[i] as number);
  }
  return ALPHABET[(31 - (sum % 31)) % 31] as string;
}

/** Returns null when valid, otherwise the first problem found. */
export function checkUscc(value: string): UsccProblem | null {
  if (!SHAPE.test(value)) return 'format';
  return usccCheckChar(value.slice(0, 17)) === value[17] ? null : 'checksum';
}
