import SQLite from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { DB } from '../schema.ts';
import { migrations } from './index.ts';

describe('migration 016 (jobs)', () => {
  it('moves the reconnect deadlines of booth_grace into the job table', async () => {
    const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: new SQLite(':memory:') }) });
    const provider = { getMigrations: async () => migrations };
    try {
      // The migration before this one, whatever number a merge gives it.
      const names = Object.keys(migrations);
      const previous = names[names.findIndex((n) => n.endsWith('_jobs')) - 1] as string;
      const before = await new Migrator({ db, provider }).migrateTo(previous);
      expect(before.error).toBeUndefined();
      const legacy = db as unknown as Kysely<{ booth_grace: { key: string; until: number } }>;
      await legacy
        .insertInto('booth_grace')
        .values([
          { key: 'kiosk:B-1', until: 1_700_000_002_000 },
          { key: 'agent:police', until: 1_700_000_005_000 },
        ])
        .execute();
      const after = await new Migrator({ db, provider }).migrateToLatest();
      expect(after.error).toBeUndefined();
      const jobs = await db
        .selectFrom('jobs')
        .select(['kind', 'key', 'due_at', 'locked_until', 'token'])
        .orderBy('key')
        .execute();
      expect(jobs).toEqual([
        {
          kind: 'booth.grace',
          key: 'agent:police',
          due_at: 1_700_000_005_000,
          locked_until: null,
          token: 0,
        },
        {
          kind: 'booth.grace',
          key: 'kiosk:B-1',
          due_at: 1_700_000_002_000,
          locked_until: null,
          token: 0,
        },
      ]);
    } finally {
      await db.destroy();
    }
  });
});
