import { randomBytes } from 'node:crypto';
import pg from 'pg';

export interface PgTestDatabase {
  url: string;
  drop(): Promise<void>;
}

const DEFAULT_URL = 'postgres://postgres:postgres@127.0.0.1:5432/postgres';

/**
 * A fresh database on a real PostgreSQL server (PG_TEST_URL, or the loopback default that
 * .ci/run starts). Resolves with the reason when no server answers, so tests can say why they
 * skip.
 */
export async function createPgTestDatabase(): Promise<PgTestDatabase | { skip: string }> {
  const adminUrl = process.env.PG_TEST_URL ?? DEFAULT_URL;
  const admin = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 2000 });
  try {
    await admin.connect();
  } catch (e) {
    return {
      skip: `no PostgreSQL at ${adminUrl.replace(/:[^:@/]*@/, ':***@')} (${(e as Error).message}); .ci/run installs and starts one, or set PG_TEST_URL`,
    };
  }
  const name = `onething_test_${randomBytes(5).toString('hex')}`;
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}
