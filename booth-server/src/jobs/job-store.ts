import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../db/database.ts';
import type { DB } from '../db/schema.ts';

/** A job as a claim hands it over: the fencing token is the claim's own. */
export interface ClaimedJob {
  kind: string;
  key: string;
  dueAt: number;
  payload: unknown;
  /** Set for periodic jobs. */
  everyMs: number | null;
  /** Incremented by every claim; writes on behalf of this claim apply only while it matches. */
  token: number;
  /** Failed runs since the job was last scheduled. */
  attempts: number;
}

export interface ScheduledJob {
  kind: string;
  key: string;
  dueAt: number;
  payload: unknown;
}

/** Rows per statement when many deadlines are written at once (a routing reload). */
const CHUNK = 500;

/**
 * The SQL of the job table (migration 016). Every write after a claim names the claim's token,
 * so a process whose lease ran out (paused, partitioned) cannot touch the row once another
 * process claimed it again.
 */
export class JobStore {
  readonly #db: Kysely<DB>;
  readonly #dialect: Dialect;

  constructor(db: Kysely<DB>, dialect: Dialect) {
    this.#db = db;
    this.#dialect = dialect;
  }

  /**
   * Inserts or moves deadlines. A job being run keeps its claim: its completion sees the new due
   * time and leaves the row for it instead of deleting it.
   */
  async upsert(jobs: readonly ScheduledJob[]): Promise<void> {
    for (let i = 0; i < jobs.length; i += CHUNK) {
      await this.#db
        .insertInto('jobs')
        .values(
          jobs.slice(i, i + CHUNK).map((j) => ({
            kind: j.kind,
            key: j.key,
            due_at: j.dueAt,
            payload: JSON.stringify(j.payload ?? {}),
            every_ms: null,
            locked_until: null,
          })),
        )
        .onConflict((oc) =>
          oc
            .columns(['kind', 'key'])
            .doUpdateSet({
              due_at: sql`excluded.due_at`,
              payload: sql`excluded.payload`,
              attempts: sql`case when jobs.due_at = excluded.due_at then jobs.attempts else 0 end`,
            })
            // Arming a deadline as it stands (every reload does) writes nothing.
            .where((eb) =>
              eb.or([
                eb(sql.ref('jobs.due_at'), '<>', sql.ref('excluded.due_at')),
                eb(sql.ref('jobs.payload'), '<>', sql.ref('excluded.payload')),
              ]),
            ),
        )
        .execute();
    }
  }

  /** A periodic job: created due at `firstAt`; an existing one keeps its turn (never later than one new interval). */
  async upsertPeriodic(kind: string, everyMs: number, firstAt: number, now: number): Promise<void> {
    await this.#db
      .insertInto('jobs')
      .values({
        kind,
        key: '',
        due_at: firstAt,
        payload: '{}',
        every_ms: everyMs,
        locked_until: null,
      })
      .onConflict((oc) =>
        oc.columns(['kind', 'key']).doUpdateSet({
          every_ms: everyMs,
          due_at: sql`case when jobs.due_at > ${now + everyMs} then ${now + everyMs} else jobs.due_at end`,
        }),
      )
      .execute();
  }

  async delete(keys: readonly { kind: string; key: string }[]): Promise<void> {
    const byKind = new Map<string, string[]>();
    for (const { kind, key } of keys) byKind.set(kind, [...(byKind.get(kind) ?? []), key]);
    for (const [kind, all] of byKind) {
      for (let i = 0; i < all.length; i += CHUNK) {
        await this.#db
          .deleteFrom('jobs')
          .where('kind', '=', kind)
          .where('key', 'in', all.slice(i, i + CHUNK))
          .execute();
      }
    }
  }

  /**
   * Claims up to `limit` due jobs of `kinds` whose lease (if any) ran out, in due order, with a
   * lease until `now + leaseMs` and a new token. PostgreSQL: rows another process is claiming
   * are skipped (FOR UPDATE SKIP LOCKED), never waited for. SQLite: one statement is atomic.
   */
  async claim(
    kinds: readonly string[],
    now: number,
    leaseMs: number,
    limit: number,
  ): Promise<ClaimedJob[]> {
    if (kinds.length === 0 || limit <= 0) return [];
    const kindList = sql.join(kinds);
    const due = sql`kind in (${kindList}) and due_at <= ${now}
      and (locked_until is null or locked_until <= ${now})`;
    const returning = sql`kind, key, due_at, payload, every_ms, token, attempts`;
    const query =
      this.#dialect === 'postgres'
        ? sql<JobRow>`update jobs set locked_until = ${now + leaseMs}, token = jobs.token + 1
            from (select kind as k, key as y from jobs where ${due}
                  order by due_at limit ${limit} for update skip locked) c
            where jobs.kind = c.k and jobs.key = c.y
            returning jobs.kind, jobs.key, jobs.due_at, jobs.payload, jobs.every_ms, jobs.token, jobs.attempts`
        : sql<JobRow>`update jobs set locked_until = ${now + leaseMs}, token = token + 1
            where rowid in (select rowid from jobs where ${due} order by due_at limit ${limit})
            returning ${returning}`;
    const { rows } = await query.execute(this.#db);
    return rows.map((r) => ({
      kind: r.kind,
      key: r.key,
      dueAt: Number(r.due_at),
      payload: JSON.parse(r.payload) as unknown,
      everyMs: r.every_ms === null ? null : Number(r.every_ms),
      token: Number(r.token),
      attempts: Number(r.attempts),
    }));
  }

  /** Extends a running claim's lease; false when the claim is no longer this one's. */
  async renew(job: ClaimedJob, until: number): Promise<boolean> {
    const r = await this.#fenced(job).set({ locked_until: until }).executeTakeFirst();
    return r.numUpdatedRows > 0n;
  }

  /**
   * Finishes a one-shot job: gone, unless it was moved while it ran (then released for its new
   * time). False when the claim was lost.
   */
  async complete(job: ClaimedJob): Promise<boolean> {
    const gone = await this.#db
      .deleteFrom('jobs')
      .where('kind', '=', job.kind)
      .where('key', '=', job.key)
      .where('token', '=', job.token)
      .where('due_at', '=', job.dueAt)
      .executeTakeFirst();
    if (gone.numDeletedRows > 0n) return true;
    return this.release(job, { attempts: 0 });
  }

  /** Gives the claim up, optionally moving the job; false when the claim was lost. */
  async release(job: ClaimedJob, next: { dueAt?: number; attempts: number }): Promise<boolean> {
    const r = await this.#fenced(job)
      .set({
        locked_until: null,
        attempts: next.attempts,
        ...(next.dueAt === undefined ? {} : { due_at: next.dueAt }),
      })
      .executeTakeFirst();
    return r.numUpdatedRows > 0n;
  }

  /** When the next job of `kinds` can be claimed (its due time, or when its lease ends). */
  async nextClaimableAt(kinds: readonly string[]): Promise<number | undefined> {
    if (kinds.length === 0) return undefined;
    const row = await this.#db
      .selectFrom('jobs')
      .select(
        sql<
          number | string | null
        >`min(case when locked_until is not null and locked_until > due_at then locked_until else due_at end)`.as(
          'at',
        ),
      )
      .where('kind', 'in', kinds)
      .executeTakeFirst();
    return row?.at == null ? undefined : Number(row.at);
  }

  /** Keys of `kind` with their due times. */
  async list(kind: string): Promise<Map<string, number>> {
    const rows = await this.#db
      .selectFrom('jobs')
      .select(['key', 'due_at'])
      .where('kind', '=', kind)
      .execute();
    return new Map(rows.map((r) => [r.key, Number(r.due_at)]));
  }

  #fenced(job: ClaimedJob) {
    return this.#db
      .updateTable('jobs')
      .where('kind', '=', job.kind)
      .where('key', '=', job.key)
      .where('token', '=', job.token);
  }
}

interface JobRow {
  kind: string;
  key: string;
  due_at: number | string;
  payload: string;
  every_ms: number | string | null;
  token: number | string;
  attempts: number | string;
}
