import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../config/config.ts';

/**
 * CERTIFICATE_HMAC_KEY, or (outside production, where it is required) a random key kept in the
 * data directory so certificates stay verifiable across restarts.
 */
export function certificateKey(config: Config): Buffer {
  if (config.CERTIFICATE_HMAC_KEY) return Buffer.from(config.CERTIFICATE_HMAC_KEY);
  const file = path.join(config.DATA_DIR, 'certificate-hmac.key');
  if (!existsSync(file)) {
    mkdirSync(config.DATA_DIR, { recursive: true });
    try {
      writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600, flag: 'wx' });
    } catch (e) {
      // Another process created it first: use theirs.
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }
  return readFileSync(file);
}
