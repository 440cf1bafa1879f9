import type pg from 'pg';
import { describe, expect, it } from 'vitest';
import { DatabaseAvailability } from './database-availability.ts';
import { GuardedPool, isConnectionLoss } from './guarded-pool.ts';

const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('what counts as a lost database', () => {
  it('a terminated session, a refused or reset socket, a connection exception', () => {
    for (const e of [
      withCode('57P01', 'terminating connection due to administrator command'),
      withCode('57P03', 'the database system is starting up'),
      withCode('08006'),
      withCode('ECONNREFUSED'),
      withCode('ECONNRESET'),
      new Error('Connection terminated unexpectedly'),
      new Error('Client has encountered a connection error and is not queryable'),
    ]) {
      expect(isConnectionLoss(e), e.message).toBe(true);
    }
  });

  it('not what PostgreSQL answers about the statement itself', () => {
    for (const e of [
      withCode('23505', 'duplicate key value violates unique constraint'),
      withCode('40001', 'could not serialize access'),
      withCode('42P01', 'relation does not exist'),
      new Error('no result'),
      'not an error',
    ]) {
      expect(isConnectionLoss(e)).toBe(false);
    }
  });
});

describe('DatabaseAvailability', () => {
  it('remembers since when the database is lost, refuses with the catalogue code, and forgets on return', () => {
    let now = 1_000;
    const a = new DatabaseAvailability(() => now);
    expect(a.available).toBe(true);
    const cause = withCode('ECONNREFUSED');
    const refusal = a.lost(cause);
    expect(refusal).toMatchObject({ code: 'DATABASE_UNAVAILABLE', status: 503 });
    expect(refusal.cause).toBe(cause);
    now = 5_000;
    a.lost(withCode('57P01'));
    expect(a.downSince).toBe(1_000);
    a.answered();
    expect(a.available).toBe(true);
    expect(a.downSince).toBeNull();
  });
});

/** A pg pool whose connection attempts the test settles one by one. */
function controlledPool() {
  const attempts: { resolve: (c: unknown) => void; reject: (e: Error) => void }[] = [];
  const client = {
    on: () => client,
    removeListener: () => client,
    release: () => undefined,
    query: async () => ({ command: 'SELECT', rowCount: 1, rows: [{ one: 1 }] }),
  };
  const pool = {
    connect: () =>
      new Promise((resolve, reject) => {
        attempts.push({ resolve, reject });
      }),
    end: async () => undefined,
  };
  return { pool: pool as unknown as pg.Pool, attempts, client };
}

describe('GuardedPool', () => {
  it('while the database is lost, lets one attempt find out and refuses the others at once', async () => {
    const { pool, attempts, client } = controlledPool();
    const availability = new DatabaseAvailability();
    const guarded = new GuardedPool(pool, availability);

    const first = guarded.connect();
    attempts[0]!.reject(Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }));
    await expect(first).rejects.toMatchObject({ code: 'DATABASE_UNAVAILABLE' });
    expect(availability.available).toBe(false);

    const probe = guarded.connect();
    await expect(guarded.connect()).rejects.toMatchObject({ code: 'DATABASE_UNAVAILABLE' });
    expect(attempts).toHaveLength(2);

    attempts[1]!.resolve(client);
    const back = await probe;
    expect(availability.available).toBe(true);
    expect((await back.query('select 1', [])).rows).toEqual([{ one: 1 }]);
    // Back to normal: every request asks the pool again.
    const next = guarded.connect();
    const after = guarded.connect();
    expect(attempts).toHaveLength(4);
    attempts[2]!.resolve(client);
    attempts[3]!.resolve(client);
    await Promise.all([next, after]);
  });
});
