import { describe, expect, it } from 'vitest';
import { DatabaseAvailability } from './database-availability.ts';
import { isConnectionLoss } from './guarded-pool.ts';

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
