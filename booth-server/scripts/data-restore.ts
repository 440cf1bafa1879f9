/**
 * Restores a backup made by `npm run data:backup` into the configured DATA_DIR and database,
 * with the booth servers stopped. Every file is checked against the manifest before anything
 * is written; a database or DATA_DIR that holds data is refused unless `--force` is given (it is
 * then replaced). Start the server afterwards: it migrates the restored database forward.
 *
 *   npm run data:restore -- /var/backups/onething/2026-12-07 [--force]
 */
import { BackupError } from '../src/backup/backup-error.ts';
import { restoreData } from '../src/backup/data-restore.ts';
import { loadConfig } from '../src/config/config.ts';
import { setLogLevel } from '../src/logging/logger.ts';

setLogLevel('warn');
const args = process.argv.slice(2);
const force = args.includes('--force');
const dirs = args.filter((a) => a !== '--force');
if (dirs.length !== 1 || args.some((a) => a.startsWith('--') && a !== '--force')) {
  process.stderr.write('usage: npm run data:restore -- <backup directory> [--force]\n');
  process.exit(2);
}
const config = loadConfig();
try {
  const m = await restoreData(
    dirs[0] as string,
    { dataDir: config.DATA_DIR, databaseUrl: config.DATABASE_URL },
    { force },
  );
  console.log(
    `restored the backup of ${m.createdAt}: ${m.database.engine} database, ${m.files.length} stored file(s), every SHA-256 checked`,
  );
} catch (e) {
  if (!(e instanceof BackupError)) throw e;
  process.stderr.write(`restore refused: ${e.message}\n`);
  process.exit(1);
}
