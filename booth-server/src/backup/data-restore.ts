import { chmodSync, copyFileSync, existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { migrations as known } from '../db/migrations/index.ts';
import { storageLocation } from '../db/storage-location.ts';
import { createLogger } from '../logging/logger.ts';
import { BackupError } from './backup-error.ts';
import { type Manifest, readVerifiedManifest } from './backup-manifest.ts';
import type { BackupPlace } from './data-backup.ts';
import { PostgresTools } from './postgres-tools.ts';
import { STORED_DIRS, storedFiles } from './stored-files.ts';

const log = createLogger('backup');

/**
 * Restores a backup into the database and DATA_DIR the configuration names, with the servers
 * stopped. Every file is checked against the manifest's SHA-256 before anything is written. A
 * database or data directory that already holds data is refused unless `force` (which replaces
 * it). The server migrates a restored database forward at its next start.
 */
export async function restoreData(
  from: string,
  to: BackupPlace,
  opts: { force?: boolean } = {},
): Promise<Manifest> {
  const source = path.resolve(from);
  const manifest = await readVerifiedManifest(source);
  const unknown = manifest.migrations.filter((m) => !(m in known));
  if (unknown.length) {
    throw new BackupError(
      `the backup comes from a newer server (migrations ${unknown.join(', ')} unknown here): restore with that version or a later one`,
    );
  }
  const stored = new RegExp(`^files/(${STORED_DIRS.join('|')})/`);
  const stray = manifest.files.find((f) => !stored.test(f.path));
  if (stray)
    throw new BackupError(`manifest names a file outside the stored folders: ${stray.path}`);
  const where = storageLocation(to);
  if (where.dialect !== manifest.database.engine) {
    throw new BackupError(
      `the backup is of ${manifest.database.engine} and the configuration names ${where.dialect}`,
    );
  }
  const dataDir = path.resolve(to.dataDir);
  const force = opts.force ?? false;
  const present = storedFiles(dataDir);
  if (present.length && !force) {
    throw new BackupError(
      `${dataDir} already holds ${present.length} stored file(s); restore into an empty DATA_DIR, or pass --force to replace them`,
    );
  }

  if (manifest.database.engine === 'postgres' && where.dialect === 'postgres') {
    const tools = new PostgresTools(where.url);
    const tables = await tools.tableCount();
    if (tables > 0 && !force) {
      throw new BackupError(
        `the target database already has ${tables} table(s); restore into a fresh database, or pass --force to replace it`,
      );
    }
    await tools.restore(path.join(source, manifest.database.file.path), {
      clean: tables > 0,
      dumpMajor: manifest.database.serverMajor,
    });
  } else if (where.dialect === 'sqlite') {
    if (existsSync(where.file) && statSync(where.file).size > 0 && !force) {
      throw new BackupError(
        `${where.file} already holds a database; move it away, or pass --force to replace it`,
      );
    }
    mkdirSync(path.dirname(where.file), { recursive: true, mode: 0o700 });
    // The old file's journal must not be replayed onto the restored one.
    for (const side of ['-wal', '-shm', '-journal']) rmSync(where.file + side, { force: true });
    copyFileSync(path.join(source, manifest.database.file.path), where.file);
    chmodSync(where.file, 0o600);
  }

  for (const dir of STORED_DIRS) rmSync(path.join(dataDir, dir), { recursive: true, force: true });
  for (const entry of manifest.files) {
    const relative = entry.path.replace(/^files\//, '');
    const file = path.join(dataDir, relative);
    mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    copyFileSync(path.join(source, entry.path), file);
    chmodSync(file, 0o600);
  }
  log.info(
    { engine: manifest.database.engine, files: manifest.files.length, from: source },
    'backup restored',
  );
  return manifest;
}
