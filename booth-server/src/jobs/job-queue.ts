import { SafeEventEmitter } from '@onething/contract/node/safe-event-emitter';
import type { Kysely } from 'kysely';
import type { Dialect } from '../db/database.ts';
import type { DB } from '../db/schema.ts';
import { createLogger } from '../logging/logger.ts';
import { type ClaimedJob, JobStore, type ScheduledJob } from './job-store.ts';

const log = createLogger('jobs');

/** What a handler gets: the job as claimed, and a signal that fires if its lease is lost. */
export interface JobRun {
  readonly kind: string;
  readonly key: string;
  readonly dueAt: number;
  readonly payload: unknown;
  /** Failed runs before this one. */
  readonly attempts: number;
  /** Aborted when another process claimed the job again (this one's lease ran out). */
  readonly signal: AbortSignal;
}

export type JobHandler = (run: JobRun) => Promise<unknown>;

export interface JobQueueOptions {
  db: Kysely<DB>;
  dialect: Dialect;
  /** How often the table is looked at for jobs this process was not told about, ms. */
  pollMs: number;
  /** How long a claim holds a job; renewed while the handler runs. */
  leaseMs: number;
  /** Handlers running at once. */
  concurrency?: number;
  /** First retry delay after a handler fails (doubling, at most 5 minutes). */
  retryMs?: number;
  now?: () => number;
}

export interface JobOutcome {
  kind: string;
  key: string;
  token: number;
  ms: number;
}

export type JobQueueEvents = {
  /** A handler finished and its completion was written. */
  ran: [JobOutcome];
  /** A handler threw; the job is retried at `retryAt`. */
  failed: [JobOutcome & { error: Error; retryAt: number }];
  /** This process lost a claim (lease ran out and another claimed it): its writes were refused. */
  fenced: [JobOutcome];
  /** The table could not be read or written (the poll goes on). */
  storeFailed: [Error];
};

const MAX_RETRY_MS = 5 * 60_000;

/**
 * Deadlines and periodic work that run exactly once across every booth-server process on the
 * database (PostgreSQL: claimed with FOR UPDATE SKIP LOCKED; SQLite: one process, the same
 * jobs in-process). A job is keyed (kind, key): scheduling is an upsert, so every process may
 * schedule the same deadline; a claim takes a lease and a new fencing token, so a job whose
 * process died is claimed again once the lease ends, and the old claim can no longer complete
 * or move it. A local timer wakes the queue at the earliest due time it knows; polling finds
 * jobs scheduled by other processes and leases that ran out.
 */
export class JobQueue extends SafeEventEmitter<JobQueueEvents> {
  readonly #store: JobStore;
  readonly #pollMs: number;
  readonly #leaseMs: number;
  readonly #concurrency: number;
  readonly #retryMs: number;
  readonly #now: () => number;
  readonly #handlers = new Map<string, JobHandler>();
  readonly #running = new Map<
    string,
    { job: ClaimedJob; abort: AbortController; done: Promise<void> }
  >();
  /** Writes not yet sent, last one per job wins: a batch is one statement. */
  readonly #pending = new Map<string, ScheduledJob | { kind: string; key: string; cancel: true }>();
  #queuedFlush: Promise<void> | null = null;
  #lastFlush: Promise<void> | null = null;
  #wake: NodeJS.Timeout | null = null;
  #wakeAt = Number.POSITIVE_INFINITY;
  #renew: NodeJS.Timeout | null = null;
  #pass: Promise<void> | null = null;
  #again = false;
  #started = false;
  #closed = false;

  constructor(opts: JobQueueOptions) {
    super(log);
    this.#store = new JobStore(opts.db, opts.dialect);
    this.#pollMs = opts.pollMs;
    this.#leaseMs = opts.leaseMs;
    this.#concurrency = opts.concurrency ?? 16;
    this.#retryMs = opts.retryMs ?? 1000;
    this.#now = opts.now ?? Date.now;
  }

  /** Jobs of `kind` run `handler` in this process (one handler per kind). */
  handle(kind: string, handler: JobHandler): void {
    if (this.#handlers.has(kind)) throw new Error(`job kind ${kind} already has a handler`);
    this.#handlers.set(kind, handler);
    if (this.#started) this.#armAt(this.#now());
  }

  /**
   * `handler` every `everyMs`, exactly once across the processes: one row whose due time moves
   * on by an interval after each run. The first run is due at `firstAt` (default: one interval
   * from now) unless the job already exists.
   */
  async every(
    kind: string,
    everyMs: number,
    handler: JobHandler,
    firstAt = this.#now() + everyMs,
  ): Promise<void> {
    this.handle(kind, handler);
    await this.#store.upsertPeriodic(kind, everyMs, firstAt, this.#now());
    if (this.#started) this.#armAt(firstAt);
  }

  /** Schedules (or moves) the job (kind, key) to `dueAt`. Idempotent. */
  schedule(kind: string, key: string, dueAt: number, payload: unknown = {}): Promise<void> {
    this.#pending.set(`${kind}\n${key}`, { kind, key, dueAt, payload });
    if (this.#handlers.has(kind)) this.#armAt(dueAt);
    return this.#flush();
  }

  /** Drops the job (kind, key) if it exists; a run in progress finishes. */
  cancel(kind: string, key: string): Promise<void> {
    this.#pending.set(`${kind}\n${key}`, { kind, key, cancel: true });
    return this.#flush();
  }

  /** Scheduled jobs of `kind` by key with their due times (after writes in flight land). */
  async list(kind: string): Promise<Map<string, number>> {
    await this.#flush();
    return this.#store.list(kind);
  }

  /** Starts claiming: now, at the earliest known due time, and every poll interval. */
  start(): void {
    if (this.#started || this.#closed) return;
    this.#started = true;
    this.#renew = setInterval(() => void this.#renewLeases(), Math.max(50, this.#leaseMs / 3));
    this.#renew.unref();
    this.#armAt(this.#now());
  }

  /** Stops claiming and waits for the running handlers (their completions are written). */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#wake) clearTimeout(this.#wake);
    this.#wake = null;
    await this.#pass;
    await Promise.all([...this.#running.values()].map((r) => r.done));
    if (this.#renew) clearInterval(this.#renew);
    this.#renew = null;
    await this.#flush().catch(() => undefined);
  }

  /**
   * Sends the writes not yet sent as one batch after the batch in flight. A failed batch's
   * writes go back to the pending ones (unless newer ones replaced them) for the next pass.
   */
  #flush(): Promise<void> {
    if (this.#queuedFlush) return this.#queuedFlush;
    const previous = this.#lastFlush;
    const run = (async () => {
      await previous?.catch(() => undefined);
      this.#queuedFlush = null;
      const batch = [...this.#pending];
      this.#pending.clear();
      if (batch.length === 0) return;
      try {
        const jobs = batch.map(([, j]) => j);
        await this.#store.upsert(jobs.filter((j): j is ScheduledJob => !('cancel' in j)));
        await this.#store.delete(jobs.filter((j) => 'cancel' in j));
      } catch (e) {
        for (const [id, j] of batch) if (!this.#pending.has(id)) this.#pending.set(id, j);
        this.#storeFailed(e);
        throw e;
      }
    })();
    this.#queuedFlush = run;
    this.#lastFlush = run;
    return run;
  }

  /** Makes sure a pass runs by `at` (the poll interval is the latest). */
  #armAt(at: number): void {
    if (!this.#started || this.#closed) return;
    if (at >= this.#wakeAt) return;
    if (this.#wake) clearTimeout(this.#wake);
    this.#wakeAt = at;
    this.#wake = setTimeout(
      () => {
        this.#wake = null;
        this.#wakeAt = Number.POSITIVE_INFINITY;
        this.#loop();
      },
      Math.max(0, at - this.#now()),
    );
    this.#wake.unref();
  }

  #loop(): void {
    if (this.#closed) return;
    if (this.#pass) {
      this.#again = true;
      return;
    }
    this.#pass = (async () => {
      let next = this.#now() + this.#pollMs;
      try {
        await this.#flush().catch(() => undefined);
        const full = await this.#claimPass();
        const known = await this.#store.nextClaimableAt([...this.#handlers.keys()]);
        // A full claim means more may be due: look again as soon as a handler frees a slot.
        if (!full && known !== undefined) next = Math.min(next, Math.max(known, this.#now()));
      } catch (e) {
        this.#storeFailed(e);
      }
      this.#pass = null;
      if (this.#again) {
        this.#again = false;
        next = this.#now();
      }
      this.#armAt(next);
    })();
  }

  /** Claims what this process has room for; true if the claim filled every free slot. */
  async #claimPass(): Promise<boolean> {
    const room = this.#concurrency - this.#running.size;
    if (room <= 0 || this.#closed) return true;
    const jobs = await this.#store.claim(
      [...this.#handlers.keys()],
      this.#now(),
      this.#leaseMs,
      room,
    );
    for (const job of jobs) this.#start(job);
    return jobs.length === room;
  }

  #start(job: ClaimedJob): void {
    const id = `${job.kind}\n${job.key}`;
    const abort = new AbortController();
    const started = this.#now();
    const handler = this.#handlers.get(job.kind) as JobHandler;
    const entry = {
      job,
      abort,
      done: (async () => {
        let error: Error | undefined;
        try {
          await handler({
            kind: job.kind,
            key: job.key,
            dueAt: job.dueAt,
            payload: job.payload,
            attempts: job.attempts,
            signal: abort.signal,
          });
        } catch (e) {
          error = e instanceof Error ? e : new Error(String(e));
        }
        await this.#finish(job, started, error).catch((e: unknown) => this.#storeFailed(e));
      })().finally(() => {
        if (this.#running.get(id) === entry) this.#running.delete(id);
        // A slot is free: claim more now if a pass found the table fuller than this process.
        this.#armAt(this.#now());
      }),
    };
    this.#running.set(id, entry);
  }

  async #finish(job: ClaimedJob, started: number, error: Error | undefined): Promise<void> {
    const now = this.#now();
    const outcome = { kind: job.kind, key: job.key, token: job.token, ms: now - started };
    let retryAt = 0;
    let applied: boolean;
    if (error && job.everyMs === null) {
      retryAt = now + Math.min(MAX_RETRY_MS, this.#retryMs * 2 ** job.attempts);
      applied = await this.#store.release(job, { dueAt: retryAt, attempts: job.attempts + 1 });
    } else if (job.everyMs !== null) {
      let next = job.dueAt + job.everyMs;
      if (next <= now) next = now + job.everyMs;
      retryAt = next;
      applied = await this.#store.release(job, {
        dueAt: next,
        attempts: error ? job.attempts + 1 : 0,
      });
      this.#armAt(next);
    } else {
      applied = await this.#store.complete(job);
    }
    if (!applied) {
      log.warn(
        { kind: job.kind, key: job.key, token: job.token },
        'job claim lost before it finished',
      );
      this.safeEmit('fenced', outcome);
      return;
    }
    if (error) {
      log.warn({ err: error, kind: job.kind, key: job.key, retryAt }, 'job failed');
      this.safeEmit('failed', { ...outcome, error, retryAt });
    } else {
      this.safeEmit('ran', outcome);
    }
  }

  async #renewLeases(): Promise<void> {
    for (const [id, r] of this.#running) {
      try {
        if (await this.#store.renew(r.job, this.#now() + this.#leaseMs)) continue;
        log.warn({ kind: r.job.kind, key: r.job.key }, 'job lease lost while running');
        r.abort.abort(new Error('lease lost'));
        if (this.#running.get(id) === r) this.#running.delete(id);
      } catch (e) {
        this.#storeFailed(e);
      }
    }
  }

  #storeFailed(e: unknown): void {
    const error = e instanceof Error ? e : new Error(String(e));
    log.error({ err: error }, 'job table unavailable');
    this.safeEmit('storeFailed', error);
  }
}
