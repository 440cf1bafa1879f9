import { copyFileSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { storageLocation } from '../db/storage-location.ts';
import { createLogger } from '../logging/logger.ts';
import { BackupError } from './backup-error.ts';
import { describeFile, type Manifest, newManifest, writeManifest } from './backup-manifest.ts';
import { PostgresTools } from './postgres-tools.ts';
import { storedFiles } from './stored-files.ts';

const log = createLogger('backup');

export interface BackupPlace {
  dataDir: string;
  databaseUrl?: string | undefined;
}

/**
 * Writes a backup of a running server's data into `out` (a new or empty directory): the
 * database (PostgreSQL with `pg_dump -Fc`, SQLite through its online backup API, so the
 * server keeps running), the stored files, and a manifest of every file's SHA-256.
 */
export async function backupData(from: BackupPlace, out: string): Promise<Manifest> {
  const target = path.resolve(out);
  const dataDir = path.resolve(from.dataDir);
  if (target === dataDir || target.startsWith(dataDir + path.sep)) {
    throw new BackupError(`the backup must not be written inside DATA_DIR (${dataDir})`);
  }
  if (existsSync(target) && readdirSync(target).length > 0) {
    throw new BackupError(`${target} is not empty; name a new directory for each backup`);
  }
  mkdirSync(target, { recursive: true, mode: 0o700 });

  const where = storageLocation(from);
  let database: Manifest['database'];
  let migrations: string[];
  if (where.dialect === 'postgres') {
    const tools = new PostgresTools(where.url);
    migrations = await tools.migrations();
    const serverMajor = await tools.dump(path.join(target, 'database.dump'));
    database = {
      engine: 'postgres',
      serverMajor,
      file: await describeFile(target, 'database.dump'),
    };
  } else {
    if (!existsSync(where.file)) throw new BackupError(`no SQLite database at ${where.file}`);
    const db = new SQLite(where.file, { fileMustExist: true });
    try {
      db.pragma('busy_timeout = 5000');
      await db.backup(path.join(target, 'database.sqlite'));
      migrations = db
        .prepare('select name from kysely_migration order by name')
        .all()
        .map((r) => (r as { name: string }).name);
    } finally {
      db.close();
    }
    database = { engine: 'sqlite', file: await describeFile(target, 'database.sqlite') };
  }

  // After the database: a file added meanwhile is at worst one the dump does not point at yet.
  const files = [];
  for (const relative of storedFiles(dataDir)) {
    const copy = path.join(target, 'files', relative);
    mkdirSync(path.dirname(copy), { recursive: true, mode: 0o700 });
    copyFileSync(path.join(dataDir, relative), copy);
    files.push(await describeFile(target, `files/${relative}`));
  }
  const manifest = newManifest({ database, migrations, files });
  writeManifest(target, manifest);
  log.info(
    { engine: database.engine, files: files.length, migrations: migrations.length },
    'backup written',
  );
  return manifest;
}
