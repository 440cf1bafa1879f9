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

  it('finds a bundle by the everyday words the catalogue keeps for it, and in a sentence', () => {
    expect(filterBundles(bundles, null, '生孩子').map((b) => b.code)).toEqual(['birth']);
    expect(filterBundles(bundles, null, '我要生孩子了').map((b) => b.code)).toEqual(['birth']);
    expect(filterBundles(bundles, null, 'Having a Baby').map((b) => b.code)).toEqual(['birth']);
    expect(filterBundles(bundles, null, '养老').map((b) => b.code)).toEqual(['retire']);
    // one typed character is not a sentence: it matches only inside words
    expect(filterBundles(bundles, null, '办').map((b) => b.code)).toEqual(['retire']);
  });

  it('combines the life event with the search', () => {
    expect(filterBundles(bundles, 'birth', '').map((b) => b.code)).toEqual(['birth']);
    expect(filterBundles(bundles, 'birth', 'retire')).toEqual([]);
  });
});
