/**
 * Key rotation for personal data at rest. Add the new key to DATA_KEYS, make it DATA_KEY_ID,
 * restart the servers (new rows use it, old rows stay readable), then run this once; when it
 * reports every case re-encrypted, the old key may leave DATA_KEYS. Also re-encrypts rows
 * written before encryption existed, and recomputes the blind indexes (after a change of
 * DATA_INDEX_KEY or CRYPTO_SUITE, run it before the servers take traffic again).
 *
 *   npm run data:rekey
 */
import { rekeyCases } from '../src/cases/case-rekey.ts';
import { rekeyFreeText } from '../src/cases/free-text-rekey.ts';
import { loadConfig } from '../src/config/config.ts';
import { loadDataKeys } from '../src/crypto/data-keys.ts';
import { FieldCipher } from '../src/crypto/field-cipher.ts';
import { Database } from '../src/db/database.ts';
import { setLogLevel } from '../src/logging/logger.ts';

setLogLevel('warn');
const config = loadConfig();
const cipher = new FieldCipher(config.CRYPTO_SUITE, loadDataKeys(config));
const database = await Database.open({
  dataDir: config.DATA_DIR,
  databaseUrl: config.DATABASE_URL,
});
try {
  const { cases, reencrypted } = await rekeyCases(database.db, cipher);
  const texts = await rekeyFreeText(database.db, cipher);
  console.log(
    `data keys: ${cases} case(s) checked, ${reencrypted} re-encrypted under key ${cipher.activeKeyId} (${config.CRYPTO_SUITE}); blind indexes recomputed; ${texts} note(s), comment(s) and call record(s) re-encrypted`,
  );
} finally {
  await database.close();
}
