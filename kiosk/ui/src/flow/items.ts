import type { ItemNotice } from '@onething/contract/rest/kiosk';

type ItemRule = Pick<ItemNotice, 'code' | 'mandatory' | 'requires'>;

/** Everything chosen by default: a bundle is one thing done once, not a menu. */
export function initialSelection(items: readonly ItemRule[]): string[] {
  return items.map((i) => i.code);
}

/** The item and everything it needs, transitively (cycles allowed). */
function withRequirements(items: readonly ItemRule[], code: string): Set<string> {
  const byCode = new Map(items.map((i) => [i.code, i]));
  const out = new Set<string>();
  const stack = [code];
  while (stack.length) {
    const c = stack.pop()!;
    if (out.has(c) || !byCode.has(c)) continue;
    out.add(c);
    stack.push(...(byCode.get(c)?.requires ?? []));
  }
  return out;
}

/** The item and every item that cannot stand without it, transitively. */
function withDependents(items: readonly ItemRule[], code: string): Set<string> {
  const out = new Set<string>([code]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const i of items) {
      if (!out.has(i.code) && i.requires.some((r) => out.has(r))) {
        out.add(i.code);
        grew = true;
      }
    }
  }
  return out;
}

export type ToggleResult =
  | { ok: true; selected: string[]; alsoChanged: string[] }
  | { ok: false; reason: 'mandatory'; blockedBy: string };

/**
 * Chooses or un-chooses one item while keeping the selection lawful: choosing pulls in what it
 * requires, un-choosing drops what depends on it, and a mandatory item (or anything a
 * mandatory item depends on) stays chosen. `alsoChanged` lists the other items that moved,
 * so the screen can say so in words.
 */
export function toggleItem(
  items: readonly ItemRule[],
  selected: readonly string[],
  code: string,
): ToggleResult {
  const order = items.map((i) => i.code);
  const current = new Set(selected);
  if (!current.has(code)) {
    const add = withRequirements(items, code);
    const alsoChanged = [...add].filter((c) => c !== code && !current.has(c));
    for (const c of add) current.add(c);
    return { ok: true, selected: order.filter((c) => current.has(c)), alsoChanged };
  }
  const remove = withDependents(items, code);
  const mandatory = items.find((i) => i.mandatory && remove.has(i.code));
  if (mandatory) return { ok: false, reason: 'mandatory', blockedBy: mandatory.code };
  const alsoChanged = [...remove].filter((c) => c !== code && current.has(c));
  for (const c of remove) current.delete(c);
  return { ok: true, selected: order.filter((c) => current.has(c)), alsoChanged };
}

/** True when the item can be un-chosen at all (used to mark it locked on screen). */
export function isLocked(items: readonly ItemRule[], code: string): boolean {
  const deps = withDependents(items, code);
  return items.some((i) => i.mandatory && deps.has(i.code));
}

/** A selection the server will accept: at least one item, every requirement present. */
export function isCompleteSelection(
  items: readonly ItemRule[],
  selected: readonly string[],
): boolean {
  if (selected.length === 0) return false;
  const set = new Set(selected);
  for (const i of items) {
    if (i.mandatory && !set.has(i.code)) return false;
    if (set.has(i.code) && i.requires.some((r) => !set.has(r))) return false;
  }
  return true;
}
