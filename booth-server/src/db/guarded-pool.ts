import type { PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';
import type pg from 'pg';
import { DatabaseAvailability } from './database-availability.ts';

/**
 * The pg pool as Kysely sees it, with connection loss turned into DATABASE_UNAVAILABLE: a
 * connection that cannot be made, or one that dies under a query, is reported to
 * `availability` and the caller gets the catalogue's refusal. Errors PostgreSQL answers with
 * (constraints, serialization) pass through untouched. Recovery needs nothing special: the pool
 * makes a new connection for the next request, and its success marks the database back.
 */
export class GuardedPool implements PostgresPool {
  readonly #pool: pg.Pool;
  readonly #availability: DatabaseAvailability;
  #probe: Promise<unknown> | null = null;

  constructor(pool: pg.Pool, availability: DatabaseAvailability) {
    this.#pool = pool;
    this.#availability = availability;
  }

  async connect(): Promise<PostgresPoolClient> {
    // While the database is lost, one connection attempt at a time finds out whether it is back;
    // the others are refused at once instead of each waiting out the connect timeout (a host
    // that drops packets answers nothing for connectionTimeoutMillis).
    const probing = !this.#availability.available;
    if (probing && this.#probe) throw DatabaseAvailability.refusal();
    const attempt = this.#pool.connect();
    if (probing) this.#probe = attempt;
    let client: pg.PoolClient;
    try {
      client = await attempt;
    } catch (e) {
      throw this.#availability.lost(e);
    } finally {
      if (probing) this.#probe = null;
    }
    this.#availability.answered();
    const availability = this.#availability;
    // pg leaves a checked-out client without an error listener: a session terminated between two
    // statements (inside a transaction) would otherwise throw out of the process.
    const onError = (e: Error) => void availability.lost(e);
    client.on('error', onError);
    return {
      async query<R>(sqlText: string, parameters: ReadonlyArray<unknown>) {
        try {
          const result = await client.query(sqlText, [...parameters]);
          const rows: unknown[] = result.rows;
          return {
            command: result.command as PostgresQueryResult<R>['command'],
            rowCount: result.rowCount ?? 0,
            rows: rows as R[],
          };
        } catch (e) {
          if (isConnectionLoss(e)) throw availability.lost(e);
          throw e;
        }
      },
      release(destroy?: boolean) {
        client.removeListener('error', onError);
        client.release(destroy);
      },
    } as PostgresPoolClient;
  }

  end(): Promise<void> {
    return this.#pool.end();
  }
}

/** SQLSTATE classes and codes that mean the connection, not the statement, failed. */
const LOST_STATES = new Set(['57P01', '57P02', '57P03', '53300', '3D000']);

/**
 * A failure of the connection rather than of the statement: the socket closed or reset, the
 * server shut the session down (pg_terminate_backend, shutdown), or SQLSTATE class 08.
 */
export function isConnectionLoss(e: unknown): boolean {
  if (!(e instanceof Error)) return false;
  const code = (e as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (code.startsWith('08') || LOST_STATES.has(code)) return true;
    if (/^E(CONNRESET|CONNREFUSED|PIPE|TIMEDOUT|HOSTUNREACH|NETUNREACH)$/.test(code)) return true;
  }
  return /Connection terminated|not queryable|Client has encountered a connection error/i.test(
    e.message,
  );
}
