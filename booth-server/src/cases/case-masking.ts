/** Keeps the last four characters: enough to match a paper, not to use the number. */
export function maskValue(value: unknown): string {
  const text = String(value);
  return text.length <= 4
    ? '*'.repeat(text.length)
    : `${'*'.repeat(text.length - 4)}${text.slice(-4)}`;
}

/** 张三丰 → 张** : enough for an agent to recognise a list entry, not to identify a stranger. */
export function maskName(name: string): string {
  const chars = [...name];
  return chars.length <= 1 ? '*' : `${chars[0]}${'*'.repeat(chars.length - 1)}`;
}
