import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import pg from 'pg';
import { redactUrl } from '../db/database.ts';
import { BackupError } from './backup-error.ts';

const run = promisify(execFile);

/**
 * PostgreSQL's own client tools (Debian's postgresql-client): `pg_dump -Fc` and `pg_restore`,
 * of the same major version as the server, so a dump is never written or read by a tool of
 * another release. Debian installs each major under /usr/lib/postgresql/<major>/bin; the one
 * matching the server is preferred, then whatever is on PATH.
 */
export class PostgresTools {
  readonly #url: string;

  constructor(url: string) {
    this.#url = url;
  }

  /** The server's major version (15 for 15.18). */
  async serverMajor(): Promise<number> {
    const rows = await this.query<{ server_version_num: string }>('show server_version_num');
    return Math.floor(Number(rows[0]?.server_version_num) / 10000);
  }

  /** Tables in the public schema: a database with any is not a fresh one. */
  async tableCount(): Promise<number> {
    const rows = await this.query<{ n: string }>(
      "select count(*) as n from pg_tables where schemaname = 'public'",
    );
    return Number(rows[0]?.n ?? 0);
  }

  /** The migrations recorded in the database (empty for a fresh one). */
  async migrations(): Promise<string[]> {
    const rows = await this.query<{ name: string }>(
      'select name from kysely_migration order by name',
    ).catch(() => []);
    return rows.map((r) => r.name);
  }

  async dump(file: string): Promise<number> {
    const major = await this.serverMajor();
    const tool = await this.#tool('pg_dump', major);
    await this.#exec(tool, ['--format=custom', '--no-owner', '--no-privileges', `--file=${file}`]);
    return major;
  }

  /** Restores a dump; `clean` drops the objects it replaces (restoring over a used database). */
  async restore(file: string, opts: { clean: boolean; dumpMajor: number }): Promise<void> {
    const major = await this.serverMajor();
    if (major !== opts.dumpMajor) {
      throw new BackupError(
        `the dump is of PostgreSQL ${opts.dumpMajor} and the target server is ${major}: restore into a server of the same major version, then upgrade it with pg_upgrade`,
      );
    }
    const tool = await this.#tool('pg_restore', major);
    await this.#exec(tool, [
      '--no-owner',
      '--no-privileges',
      '--exit-on-error',
      '--single-transaction',
      ...(opts.clean ? ['--clean', '--if-exists'] : []),
      file,
    ]);
  }

  async query<R>(text: string): Promise<R[]> {
    const client = new pg.Client({ connectionString: this.#url, connectionTimeoutMillis: 5000 });
    try {
      await client.connect();
    } catch (e) {
      throw new BackupError(
        `cannot connect to PostgreSQL at ${redactUrl(this.#url)}: ${(e as Error).message}`,
      );
    }
    try {
      const result = await client.query(text);
      const rows: unknown[] = result.rows;
      return rows as R[];
    } finally {
      await client.end();
    }
  }

  async #tool(name: 'pg_dump' | 'pg_restore', major: number): Promise<string> {
    const debian = `/usr/lib/postgresql/${major}/bin/${name}`;
    const tool = existsSync(debian) ? debian : name;
    let version: string;
    try {
      version = (await run(tool, ['--version'])).stdout;
    } catch (e) {
      throw new BackupError(
        `${name} not found (${(e as Error).message}); install postgresql-client-${major}`,
      );
    }
    const toolMajor = Number(/\(PostgreSQL\) (\d+)/.exec(version)?.[1]);
    if (toolMajor !== major) {
      throw new BackupError(
        `${tool} is PostgreSQL ${toolMajor} but the server is ${major}: install postgresql-client-${major} (Debian keeps each major under /usr/lib/postgresql/<major>/bin)`,
      );
    }
    return tool;
  }

  /** Runs a client tool; the password travels in the environment, never on the command line. */
  async #exec(tool: string, args: string[]): Promise<void> {
    const url = new URL(this.#url);
    const password = decodeURIComponent(url.password);
    url.password = '';
    try {
      await run(tool, [...args, `--dbname=${url.toString()}`], {
        env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) },
        maxBuffer: 16 * 1024 * 1024,
      });
    } catch (e) {
      const stderr = (e as { stderr?: string }).stderr?.trim();
      throw new BackupError(`${tool} failed: ${stderr || (e as Error).message}`);
    }
  }
}
