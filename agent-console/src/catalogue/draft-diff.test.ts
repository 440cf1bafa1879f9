import { describe, expect, it } from 'vitest';
import { diffDefinitions } from './draft-diff.ts';

const live = {
  code: 'YJSP001',
  description: { zh: '旧告知', en: 'Old notice' },
  process: [
    { zh: '一', en: 'one' },
    { zh: '二', en: 'two' },
  ],
  promisedDays: 5,
  conditional: [],
};

describe('a draft against the live definition', () => {
  it('lists nothing when the draft is the live definition', () => {
    expect(diffDefinitions(live, structuredClone(live))).toEqual([]);
  });

  it('names each changed value by its path, added and removed ones too', () => {
    const draft = {
      ...live,
      description: { zh: '新告知', en: 'Old notice' },
      process: [{ zh: '一', en: 'one' }],
      promisedDays: 3,
      conditional: [{ item: 'X', when: 'a == b' }],
    };
    expect(diffDefinitions(live, draft)).toEqual([
      { path: ['description', 'zh'], live: '旧告知', draft: '新告知' },
      { path: ['promisedDays'], live: 5, draft: 3 },
      { path: ['conditional', 0, 'item'], live: undefined, draft: 'X' },
      { path: ['conditional', 0, 'when'], live: undefined, draft: 'a == b' },
      { path: ['process', 1, 'zh'], live: '二', draft: undefined },
      { path: ['process', 1, 'en'], live: 'two', draft: undefined },
      { path: ['conditional'], live: [], draft: undefined },
    ]);
  });
});
