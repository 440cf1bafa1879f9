import {
  accessSync,
  chmodSync,
  closeSync,
  constants,
  existsSync,
  mkdirSync,
  openSync,
  readSync,
} from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { createLogger } from '../logging/logger.ts';
import { DatabaseAvailability } from './database-availability.ts';
import { GuardedPool } from './guarded-pool.ts';
import { storageLocation } from './storage-location.ts';
import { migrations } from './migrations/index.ts';
import type { DB } from './schema.ts';

const log = createLogger('database');

// int8 columns (our epoch-ms timestamps) come back from pg as strings unless told otherwise;
// epoch milliseconds fit a double exactly.
pg.types.setTypeParser(20, (v) => Number(v));

export type Dialect = 'sqlite' | 'postgres';

export class DatabaseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DatabaseError';
  }
}

export interface DatabaseHealth {
  dialect: Dialect;
  ok: boolean;
  error?: string;
  /** Since when (ISO time) requests have been refused with DATABASE_UNAVAILABLE. */
  unavailableSince?: string;
  migrations: number;
}

/**
 * The storage the booth server runs on: an embedded SQLite file by default, PostgreSQL when
 * DATABASE_URL says so. Same typed queries either way.
 */
export class Database {
  readonly db: Kysely<DB>;
  readonly dialect: Dialect;
  readonly location: string;
  /** PostgreSQL can go away under a running server; an embedded SQLite file cannot. */
  readonly availability: DatabaseAvailability;
  #closed = false;

  private constructor(
    db: Kysely<DB>,
    dialect: Dialect,
    location: string,
    availability = new DatabaseAvailability(),
  ) {
    this.db = db;
    this.dialect = dialect;
    this.location = location;
    this.availability = availability;
  }

  /** Opens (creating the data directory or file when needed) and migrates. */
  static async open(opts: {
    dataDir: string;
    databaseUrl?: string | undefined;
  }): Promise<Database> {
    const where = storageLocation(opts);
    return where.dialect === 'postgres'
      ? Database.#openPostgres(where.url)
      : Database.#openSqlite(where.file);
  }

  static async #openSqlite(file: string): Promise<Database> {
    const dir = path.dirname(path.resolve(file));
    try {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      accessSync(dir, constants.W_OK);
    } catch (e) {
      throw new DatabaseError(
        `data directory ${dir} cannot be created or written (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`,
      );
    }
    if (existsSync(file)) assertSqliteHeader(file);
    let handle: SQLite.Database;
    try {
      // The file holds personal data: owner-only from its first byte (SQLite gives its -wal
      // and -shm the database file's mode), and narrowed if an older run left it 0644.
      closeSync(openSync(file, 'a', 0o600));
      chmodSync(file, 0o600);
      handle = new SQLite(file);
      handle.pragma('journal_mode = WAL');
      handle.pragma('foreign_keys = ON');
      handle.pragma('busy_timeout = 5000');
      handle.prepare('select count(*) from sqlite_master').get();
      for (const side of ['-wal', '-shm']) {
        if (existsSync(file + side)) chmodSync(file + side, 0o600);
      }
    } catch (e) {
      throw new DatabaseError(`database file ${file} cannot be opened: ${(e as Error).message}`);
    }
    const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: handle }) });
    const database = new Database(db, 'sqlite', file);
    await database.#migrate();
    return database;
  }

  static async #openPostgres(url: string): Promise<Database> {
    const pool = new pg.Pool({ connectionString: url, max: 10, connectionTimeoutMillis: 5000 });
    // An idle client's network error must not crash the process; queries will report it.
    pool.on('error', (e) => log.error({ err: e }, 'postgres pool error'));
    try {
      const client = await pool.connect();
      client.release();
    } catch (e) {
      await pool.end().catch(() => undefined);
      throw new DatabaseError(
        `DATABASE_URL: cannot connect to PostgreSQL at ${redactUrl(url)} (${(e as Error).message})`,
      );
    }
    const availability = new DatabaseAvailability();
    const db = new Kysely<DB>({
      dialect: new PostgresDialect({ pool: new GuardedPool(pool, availability) }),
    });
    const database = new Database(db, 'postgres', redactUrl(url), availability);
    await database.#migrate();
    return database;
  }

  async #migrate(): Promise<void> {
    const migrator = new Migrator({
      db: this.db,
      provider: { getMigrations: async () => migrations },
    });
    const { error, results } = await migrator.migrateToLatest();
    for (const r of results ?? []) {
      if (r.status === 'Success') log.info({ migration: r.migrationName }, 'migration applied');
      if (r.status === 'Error') log.error({ migration: r.migrationName }, 'migration failed');
    }
    if (error) {
      await this.close();
      throw new DatabaseError(`migration failed: ${(error as Error).message}`);
    }
  }

  async health(): Promise<DatabaseHealth> {
    const count = Object.keys(migrations).length;
    try {
      await sql`select 1`.execute(this.db);
      return { dialect: this.dialect, ok: true, migrations: count };
    } catch (e) {
      const since = this.availability.downSince;
      return {
        dialect: this.dialect,
        ok: false,
        error: (e as Error).message,
        migrations: count,
        ...(since === null ? {} : { unavailableSince: new Date(since).toISOString() }),
      };
    }
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.db.destroy();
  }
}

/** Refuses to open (and so never overwrites) a file that is not a SQLite database. */
function assertSqliteHeader(file: string): void {
  const fd = openSync(file, 'r');
  try {
    const header = Buffer.alloc(16);
    const n = readSync(fd, header, 0, 16, 0);
    if (n === 0) return; // an empty file becomes a new database
    if (header.toString('latin1', 0, 15) !== 'SQLite format 3') {
      throw new DatabaseError(
        `database file ${file} is not a SQLite database (corrupt or foreign file); move it away or restore a backup — it was not modified`,
      );
    }
  } finally {
    closeSync(fd);
  }
}

export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}
