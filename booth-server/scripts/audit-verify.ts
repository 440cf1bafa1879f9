/**
 * Verifies the audit log's hash chain against the configured database and names every entry
 * that was changed, deleted or inserted around the log. Exits 1 when anything is wrong.
 *
 *   npm run audit:verify            (same configuration as the server: BOOTH_CONFIG, env)
 */
import { AuditLog } from '../src/audit/audit-log.ts';
import { loadConfig } from '../src/config/config.ts';
import { CryptoSuite } from '../src/crypto/crypto-suite.ts';
import { Database } from '../src/db/database.ts';
import { setLogLevel } from '../src/logging/logger.ts';

setLogLevel('warn');
const config = loadConfig();
const database = await Database.open({
  dataDir: config.DATA_DIR,
  databaseUrl: config.DATABASE_URL,
});
try {
  const audit = new AuditLog(database.db, Date.now, {
    suite: new CryptoSuite(config.CRYPTO_SUITE),
  });
  const result = await audit.verify();
  const head = await audit.head();
  for (const p of result.problems) console.log(`${p.kind}: ${p.message}`);
  console.log(
    result.ok
      ? `audit chain intact: ${result.checked} entries (#${head.floorSeq + 1}–#${head.seq}) in ${database.location}`
      : `audit chain BROKEN: ${result.problems.length} problem(s) in ${result.checked} entries in ${database.location}`,
  );
  process.exitCode = result.ok ? 0 : 1;
} finally {
  await database.close();
}
