import { describe, expect, it } from 'vitest';
import { ETHNIC_GROUPS, ethnicValue, findEthnicGroup } from './ethnic-groups.ts';

describe('GB/T 3304 ethnic groups', () => {
  it('lists the 56 groups with unique codes 01–56, letters and names', () => {
    expect(ETHNIC_GROUPS).toHaveLength(56);
    expect(ETHNIC_GROUPS.map((g) => g.code)).toEqual(
      Array.from({ length: 56 }, (_, i) => String(i + 1).padStart(2, '0')),
    );
    expect(new Set(ETHNIC_GROUPS.map((g) => g.letters)).size).toBe(56);
    expect(new Set(ETHNIC_GROUPS.map((g) => g.name)).size).toBe(56);
    for (const g of ETHNIC_GROUPS) expect(g.name).toMatch(/族$/u);
  });

  it('keeps the codes of the standard for the groups the ID card reader reports', () => {
    expect(findEthnicGroup('汉')?.code).toBe('01');
    expect(findEthnicGroup('回')?.code).toBe('03');
    expect(findEthnicGroup('满')?.code).toBe('11');
    expect(findEthnicGroup('基诺')?.code).toBe('56');
  });

  it('answers with the name as the card prints it and accepts the full name', () => {
    expect(ethnicValue(ETHNIC_GROUPS[1]!)).toBe('蒙古');
    expect(findEthnicGroup('蒙古族')?.roman).toBe('Mongol');
    expect(findEthnicGroup('火星族')).toBeUndefined();
    expect(findEthnicGroup('火星')).toBeUndefined();
  });
});
