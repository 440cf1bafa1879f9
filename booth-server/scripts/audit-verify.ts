/**
 * Verifies the audit log's hash chain against the configured database, and the chain's head
 * against its time-stamped anchors, and names every entry that was changed, deleted or
 * inserted around the log and every anchor the log no longer matches. Exits 1 when anything
 * is wrong.
 *
 *   npm run audit:verify            (same configuration as the server: BOOTH_CONFIG, env)
 */
import { AuditAnchors } from '../src/audit/audit-anchors.ts';
import { AuditLog } from '../src/audit/audit-log.ts';
import { verifyAuditTrail } from '../src/audit/audit-verification.ts';
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
  const anchors = AuditAnchors.configured(database.db, audit, config);
  const result = await verifyAuditTrail(audit, anchors);
  const { head } = result;
  for (const p of result.problems) console.log(`${p.kind}: ${p.message}`);
  console.log(
    result.ok
      ? `audit chain intact: ${result.checked} entries (#${head.floorSeq + 1}–#${head.seq}), ${result.anchors} time-stamped anchors, in ${database.location}`
      : `audit chain BROKEN: ${result.problems.length} problem(s) in ${result.checked} entries in ${database.location}`,
  );
  process.exitCode = result.ok ? 0 : 1;
} finally {
  await database.close();
}
