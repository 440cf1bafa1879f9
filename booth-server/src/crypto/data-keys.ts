import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError } from '../config/config.ts';
import type { FieldKeys } from './field-cipher.ts';

export interface DataKeyConfig {
  ONETHING_MODE: 'demo' | 'production' | 'test';
  DATA_DIR: string;
  DATA_KEYS?: string | undefined;
  DATA_KEY_ID?: string | undefined;
  DATA_INDEX_KEY?: string | undefined;
}

/** The file demo and test runs keep generated keys in (never used in production). */
export const DEMO_KEY_FILE = 'data-keys.json';

/**
 * The data keys from configuration: DATA_KEYS is `id=base64,id=base64` (32 random bytes each),
 * DATA_KEY_ID the one new values use, DATA_INDEX_KEY the blind-index key. Production must
 * configure them (from the secret store); a demo or test run without them generates keys once
 * and keeps them beside the database, mode 0600.
 */
export function loadDataKeys(config: DataKeyConfig): FieldKeys {
  if (config.DATA_KEYS) {
    const keys = new Map<string, Buffer>();
    for (const part of config.DATA_KEYS.split(',')) {
      const [id, b64] = part
        .trim()
        .split('=', 2)
        .map((s) => s?.trim());
      if (!id || !b64 || !/^[A-Za-z0-9_-]{1,32}$/.test(id)) {
        throw new ConfigError('config DATA_KEYS: expected id=base64key[,id=base64key…]');
      }
      const key = Buffer.from(b64, 'base64');
      if (key.length !== 32) {
        throw new ConfigError(`config DATA_KEYS: key ${id} must be 32 bytes (got ${key.length})`);
      }
      keys.set(id, key);
    }
    const activeKeyId = config.DATA_KEY_ID ?? [...keys.keys()].at(-1) ?? '';
    if (!keys.has(activeKeyId)) {
      throw new ConfigError(`config DATA_KEY_ID: ${activeKeyId} is not one of DATA_KEYS`);
    }
    const indexKey = Buffer.from(config.DATA_INDEX_KEY ?? '', 'base64');
    if (indexKey.length !== 32) {
      throw new ConfigError('config DATA_INDEX_KEY: required with DATA_KEYS, 32 bytes base64');
    }
    return { keys, activeKeyId, indexKey };
  }
  if (config.ONETHING_MODE === 'production') {
    throw new ConfigError(
      'config DATA_KEYS: production needs data keys (and DATA_KEY_ID, DATA_INDEX_KEY) from configuration',
    );
  }
  return demoKeys(config.DATA_DIR);
}

function demoKeys(dataDir: string): FieldKeys {
  const file = path.join(dataDir, DEMO_KEY_FILE);
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    const content = {
      keys: { demo1: randomBytes(32).toString('base64') },
      activeKeyId: 'demo1',
      indexKey: randomBytes(32).toString('base64'),
    };
    try {
      writeFileSync(file, JSON.stringify(content, null, 2), { mode: 0o600, flag: 'wx' });
    } catch (e) {
      // Another process of the same demo created it first: use theirs.
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }
  chmodSync(file, 0o600);
  const raw = JSON.parse(readFileSync(file, 'utf8')) as {
    keys: Record<string, string>;
    activeKeyId: string;
    indexKey: string;
  };
  return {
    keys: new Map(Object.entries(raw.keys).map(([k, v]) => [k, Buffer.from(v, 'base64')])),
    activeKeyId: raw.activeKeyId,
    indexKey: Buffer.from(raw.indexKey, 'base64'),
  };
}
