import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Database } from '../db/database.ts';
import { createPgTestDatabase } from './postgres.ts';

export interface Engine {
  name: 'sqlite' | 'postgres';
  /** Why this engine's tests skip here, or null. */
  skip: string | null;
  open(): Promise<Database>;
  dispose(): Promise<void>;
}

/** Both storage engines for `describe.each`: SQLite always, PostgreSQL when a server answers. */
export async function storageEngines(): Promise<Engine[]> {
  const pg = await createPgTestDatabase();
  const skip = 'skip' in pg ? pg.skip : null;
  if (skip) console.warn(`[skip] PostgreSQL variant: ${skip}`);
  return [
    {
      name: 'sqlite',
      skip: null,
      open: () =>
        Database.open({ dataDir: mkdtempSync(path.join(os.tmpdir(), 'onething-sqlite-')) }),
      dispose: async () => undefined,
    },
    {
      name: 'postgres',
      skip,
      open: async () => {
        if ('skip' in pg) throw new Error(pg.skip);
        return Database.open({ dataDir: os.tmpdir(), databaseUrl: pg.url });
      },
      dispose: async () => {
        if (!('skip' in pg)) await pg.drop();
      },
    },
  ];
}
