/**
 * A bank account number as a public screen may show it: the first 4 and last 4 digits kept
 * (6222 **** **** 5678 style, without the spaces), enough for the owner to recognise it.
 */
export function maskAccountNumber(value: string): string {
  const v = value.trim();
  if (v.length <= 8) return '*'.repeat(v.length);
  return `${v.slice(0, 4)}${'*'.repeat(v.length - 8)}${v.slice(-4)}`;
}
