import { describe, expect, it } from 'vitest';
import { catalogue } from '../testing/fixtures.ts';
import { filterBundles, lifeEventsOf } from './catalogue.ts';

describe('catalogue filtering', () => {
  const bundles = catalogue().bundles;

  it('lists each life event once, in catalogue order', () => {
    expect(lifeEventsOf(bundles).map((e) => e.code)).toEqual(['birth', 'retire']);
  });

  it('matches Chinese and English, ignoring case and spaces', () => {
    expect(filterBundles(bundles, null, '出生').map((b) => b.code)).toEqual(['birth']);
    expect(filterBundles(bundles, null, 'RETIRE ment').map((b) => b.code)).toEqual(['retire']);
    expect(filterBundles(bundles, null, '人力资源').map((b) => b.code)).toEqual(['retire']);
    expect(filterBundles(bundles, null, 'nothing like it')).toEqual([]);
  });

  it('combines the life event with the search', () => {
    expect(filterBundles(bundles, 'birth', '').map((b) => b.code)).toEqual(['birth']);
    expect(filterBundles(bundles, 'birth', 'retire')).toEqual([]);
  });
});
