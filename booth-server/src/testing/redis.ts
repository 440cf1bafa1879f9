import { randomBytes } from 'node:crypto';
import { createClient } from 'redis';

export interface RedisTestSpace {
  url: string;
  /** Every key and stream of one test starts with this; nothing else on the server is touched. */
  prefix: string;
  /** Deletes this test's keys (never the server's others). */
  clear(): Promise<void>;
}

/**
 * A key space of its own on the Redis server .ci/run starts (REDIS_TEST_URL). Resolves with
 * the reason when no Redis answers, so tests can say why they skip.
 */
export async function createRedisTestSpace(): Promise<RedisTestSpace | { skip: string }> {
  const url = process.env.REDIS_TEST_URL;
  if (!url) return { skip: 'REDIS_TEST_URL is not set; .ci/run starts Redis and sets it' };
  const client = createClient({ url, socket: { connectTimeout: 2000, reconnectStrategy: false } });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.ping();
  } catch (e) {
    return { skip: `no Redis at ${url} (${(e as Error).message})` };
  } finally {
    if (client.isOpen) client.destroy();
  }
  const prefix = `t-${randomBytes(5).toString('hex')}:`;
  return {
    url,
    prefix,
    async clear() {
      const c = createClient({ url });
      c.on('error', () => undefined);
      await c.connect();
      const keys: string[] = [];
      for await (const batch of c.scanIterator({ MATCH: `${prefix}*`, COUNT: 500 }))
        keys.push(...batch);
      if (keys.length) await c.del(keys);
      c.destroy();
    },
  };
}

/**
 * What every booth server of one test cluster shares besides PostgreSQL and Redis: the data
 * keys and the certificate key (cluster mode requires them, the same on every process).
 */
export function clusterSecrets(): Record<
  'DATA_KEYS' | 'DATA_INDEX_KEY' | 'CERTIFICATE_HMAC_KEY',
  string
> {
  return {
    DATA_KEYS: `k1=${randomBytes(32).toString('base64')}`,
    DATA_INDEX_KEY: randomBytes(32).toString('base64'),
    CERTIFICATE_HMAC_KEY: randomBytes(32).toString('hex'),
  };
}
