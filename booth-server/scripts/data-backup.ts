/**
 * Backs up the data of the configured server (same environment as the server: DATA_DIR,
 * DATABASE_URL) into a new directory: the database (`pg_dump -Fc`, or SQLite's online backup),
 * the stored files, and manifest.json with every file's SHA-256. The server may keep running.
 * Keys are not in it: they live in the secret store (docs/deployment.md, "Backup and restore").
 *
 *   npm run data:backup -- /var/backups/onething/2026-12-07
 */
import { BackupError } from '../src/backup/backup-error.ts';
import { backupData } from '../src/backup/data-backup.ts';
import { loadConfig } from '../src/config/config.ts';
import { setLogLevel } from '../src/logging/logger.ts';

setLogLevel('warn');
const out = process.argv[2];
if (!out || process.argv.length > 3) {
  process.stderr.write('usage: npm run data:backup -- <new backup directory>\n');
  process.exit(2);
}
const config = loadConfig();
try {
  const m = await backupData({ dataDir: config.DATA_DIR, databaseUrl: config.DATABASE_URL }, out);
  console.log(
    `backup written to ${out}: ${m.database.engine} database (${m.database.file.size} bytes, ${m.migrations.length} migrations), ${m.files.length} stored file(s); SHA-256 of each in manifest.json`,
  );
} catch (e) {
  if (!(e instanceof BackupError)) throw e;
  process.stderr.write(`backup failed: ${e.message}\n`);
  process.exit(1);
}
