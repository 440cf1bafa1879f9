import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Database } from '../db/database.ts';
import { createPgTestDatabase } from './postgres.ts';

export interface SharedDatabase {
  name: 'sqlite' | 'postgres';
  /** DATABASE_URL of the one database every handle opens (also for child processes). */
  url: string;
  /** A handle of its own (own connection or pool), as a separate process would have. */
  open(): Promise<Database>;
  dispose(): Promise<void>;
}

/**
 * One database opened by several handles, standing for several booth-server processes: a SQLite
 * file, or a fresh PostgreSQL database (a skip reason when no server answers).
 */
export async function sharedDatabase(
  name: 'sqlite' | 'postgres',
): Promise<SharedDatabase | { skip: string }> {
  const handles: Database[] = [];
  const open = (url: string) => async () => {
    const db = await Database.open({ dataDir: os.tmpdir(), databaseUrl: url });
    handles.push(db);
    return db;
  };
  const closeAll = async () => {
    for (const h of handles.splice(0)) await h.close();
  };
  if (name === 'sqlite') {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'onething-shared-'));
    const url = `sqlite:${path.join(dir, 'onething.sqlite')}`;
    return {
      name,
      url,
      open: open(url),
      dispose: async () => {
        await closeAll();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const pg = await createPgTestDatabase();
  if ('skip' in pg) return pg;
  return {
    name,
    url: pg.url,
    open: open(pg.url),
    dispose: async () => {
      await closeAll();
      await pg.drop();
    },
  };
}
