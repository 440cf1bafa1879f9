import { describe, expect, it } from 'vitest';
import { initialSelection, isCompleteSelection, isLocked, toggleItem } from './items.ts';

const items = [
  { code: 'A', mandatory: true, requires: [] },
  { code: 'B', mandatory: false, requires: [] },
  { code: 'C', mandatory: false, requires: ['B'] },
  { code: 'D', mandatory: false, requires: ['C'] },
  { code: 'E', mandatory: false, requires: [] },
];

describe('item selection', () => {
  it('starts with everything chosen', () => {
    expect(initialSelection(items)).toEqual(['A', 'B', 'C', 'D', 'E']);
  });

  it('choosing an item pulls in what it requires, transitively, and says so', () => {
    const r = toggleItem(items, ['A'], 'D');
    expect(r).toEqual({ ok: true, selected: ['A', 'B', 'C', 'D'], alsoChanged: ['C', 'B'] });
  });

  it('dropping an item drops what cannot stand without it', () => {
    const r = toggleItem(items, ['A', 'B', 'C', 'D', 'E'], 'B');
    expect(r.ok && r.selected).toEqual(['A', 'E']);
    expect(r.ok && r.alsoChanged.sort()).toEqual(['C', 'D']);
  });

  it('refuses to drop a mandatory item', () => {
    expect(toggleItem(items, ['A', 'B'], 'A')).toEqual({
      ok: false,
      reason: 'mandatory',
      blockedBy: 'A',
    });
  });

  it('refuses to drop an item a mandatory item depends on', () => {
    const withMandatoryDependent = [
      { code: 'X', mandatory: false, requires: [] },
      { code: 'Y', mandatory: true, requires: ['X'] },
    ];
    expect(toggleItem(withMandatoryDependent, ['X', 'Y'], 'X')).toMatchObject({
      ok: false,
      blockedBy: 'Y',
    });
    expect(isLocked(withMandatoryDependent, 'X')).toBe(true);
    expect(isLocked(items, 'E')).toBe(false);
  });

  it('survives requirement cycles', () => {
    const cyclic = [
      { code: 'P', mandatory: false, requires: ['Q'] },
      { code: 'Q', mandatory: false, requires: ['P'] },
    ];
    expect(toggleItem(cyclic, [], 'P')).toMatchObject({ ok: true, selected: ['P', 'Q'] });
    expect(toggleItem(cyclic, ['P', 'Q'], 'Q')).toMatchObject({ ok: true, selected: [] });
  });

  it('accepts only complete selections', () => {
    expect(isCompleteSelection(items, [])).toBe(false);
    expect(isCompleteSelection(items, ['B'])).toBe(false); // A is mandatory
    expect(isCompleteSelection(items, ['A', 'C'])).toBe(false); // C needs B
    expect(isCompleteSelection(items, ['A', 'B', 'C'])).toBe(true);
  });
});
