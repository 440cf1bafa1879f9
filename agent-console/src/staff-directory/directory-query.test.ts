import { DirectoryQuery } from '@onething/contract/rest/directory';
import { describe, expect, it } from 'vitest';
import { directoryQuery } from './directory-query.ts';

describe('directory query', () => {
  it('leaves empty filters out and asks for signed-in colleagues when told to', () => {
    const q = directoryQuery({ q: '  王 ', department: '', language: 'en', onlineOnly: true });
    expect(q).toEqual({ q: '王', language: 'en', presence: 'online' });
    expect(DirectoryQuery.safeParse(q).success).toBe(true);
    expect(directoryQuery({ q: '', department: 'PSB', language: '', onlineOnly: false })).toEqual({
      department: 'PSB',
      presence: 'any',
    });
  });
});
