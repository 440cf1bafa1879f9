import { describe, expect, it } from 'vitest';
import { bundleTable, formatHandling, ratingShares } from './kpi-view.ts';

const birth = { zh: '出生', en: 'Birth' };
const death = { zh: '身后', en: 'Death' };

describe('KPI view', () => {
  it('turns cases per bundle and channel into a table, busiest channel and bundle first', () => {
    const t = bundleTable([
      { bundleCode: 'B', bundleName: death, channel: 'terminal', cases: 1 },
      { bundleCode: 'A', bundleName: birth, channel: 'booth', cases: 2 },
      { bundleCode: 'A', bundleName: birth, channel: 'terminal', cases: 3 },
    ]);
    expect(t.channels).toEqual(['terminal', 'booth']);
    expect(t.bundles).toEqual([
      { bundleCode: 'A', bundleName: birth, byChannel: [3, 2], total: 5 },
      { bundleCode: 'B', bundleName: death, byChannel: [1, 0], total: 1 },
    ]);
    expect(t.total).toBe(6);
  });

  it('words handling time in hours, then days, in both languages', () => {
    expect(formatHandling(null, 'zh-CN')).toBeNull();
    expect(formatHandling(5.5 * 3_600_000, 'zh-CN')).toBe('5.5 小时');
    expect(formatHandling(72 * 3_600_000, 'en')).toBe('3.0 d');
  });

  it('shares of each rating level, none without ratings', () => {
    expect(
      ratingShares({
        total: 4,
        counts: { very_satisfied: 3, satisfied: 0, basic: 0, unsatisfied: 1, very_unsatisfied: 0 },
      }),
    ).toMatchObject({ very_satisfied: 0.75, unsatisfied: 0.25 });
    expect(
      ratingShares({
        total: 0,
        counts: { very_satisfied: 0, satisfied: 0, basic: 0, unsatisfied: 0, very_unsatisfied: 0 },
      }).basic,
    ).toBe(0);
  });
});
