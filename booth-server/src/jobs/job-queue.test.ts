import { afterAll, describe, expect, it, vi } from 'vitest';
import type { Database } from '../db/database.ts';
import { spawnWorker } from '../testing/child-process.ts';
import { type SharedDatabase, sharedDatabase } from '../testing/shared-database.ts';
import { JobQueue } from './job-queue.ts';

const POLL_MS = 100;
const LEASE_MS = 1500;

const shared = {
  sqlite: await sharedDatabase('sqlite'),
  postgres: await sharedDatabase('postgres'),
};
for (const [name, s] of Object.entries(shared)) {
  if ('skip' in s) console.warn(`[skip] ${name} variant of the job queue: ${s.skip}`);
}
const cases = Object.entries(shared).map(([name, s]) => ({
  name,
  skip: 'skip' in s ? s.skip : null,
  db: s,
}));

const queues: JobQueue[] = [];
afterAll(async () => {
  for (const q of queues) await q.close();
  for (const s of Object.values(shared)) if (!('skip' in s)) await s.dispose();
});

function queue(db: Database, opts: { now?: () => number; pollMs?: number } = {}): JobQueue {
  const q = new JobQueue({
    db: db.db,
    dialect: db.dialect,
    pollMs: POLL_MS,
    leaseMs: LEASE_MS,
    ...opts,
  });
  queues.push(q);
  return q;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
let kindSeq = 0;
/** A kind of its own per test, since the cases of one engine share the database. */
const freshKind = (what: string) => `test.${what}.${++kindSeq}`;

describe.each(cases)('job queue on $name', ({ skip, db }) => {
  const open = () => (db as SharedDatabase).open();

  it.skipIf(!!skip)(
    'two queues claiming at once run each of 300 jobs exactly once, scheduled by both',
    async () => {
      const [a, b] = [queue(await open()), queue(await open())];
      const kind = freshKind('once');
      const runs = new Map<string, string[]>();
      const handler = (who: string) => async (run: { key: string }) => {
        runs.set(run.key, [...(runs.get(run.key) ?? []), who]);
        await sleep(Math.random() * 5);
      };
      a.handle(kind, handler('a'));
      b.handle(kind, handler('b'));
      const due = Date.now();
      const keys = Array.from({ length: 300 }, (_, i) => `job-${i}`);
      // Every deadline scheduled by both, as every process reloading its mirror does.
      await Promise.all(keys.flatMap((k) => [a.schedule(kind, k, due), b.schedule(kind, k, due)]));
      a.start();
      b.start();
      await vi.waitFor(() => expect(runs.size).toBe(keys.length), { timeout: 30_000 });
      await sleep(3 * POLL_MS);
      expect([...runs.values()].filter((who) => who.length !== 1)).toEqual([]);
      expect(await a.list(kind)).toEqual(new Map());
      const byA = [...runs.values()].filter(([who]) => who === 'a').length;
      expect(byA).toBeGreaterThan(0);
      expect(byA).toBeLessThan(keys.length);
    },
  );

  it.skipIf(!!skip)(
    'a deadline armed in one process wakes another at its time, and a cancelled one never runs',
    async () => {
      // B polls slowly, so waking at the deadline rather than at a poll after it is visible
      // above the scheduling noise of a loaded machine.
      const slowPoll = 10 * POLL_MS;
      const [a, b] = [queue(await open()), queue(await open(), { pollMs: slowPoll })];
      const kind = freshKind('wake');
      const ran: { key: string; late: number }[] = [];
      b.handle(kind, async (run) => {
        ran.push({ key: run.key, late: Date.now() - run.dueAt });
      });
      b.start();
      const at = Date.now() + 2.5 * slowPoll;
      await a.schedule(kind, 'kept', at);
      await a.schedule(kind, 'dropped', at);
      await a.cancel(kind, 'dropped');
      await vi.waitFor(() => expect(ran.map((r) => r.key)).toEqual(['kept']), {
        timeout: 5 * slowPoll,
      });
      // Seen at a poll before it was due, so woken by its own timer rather than the next poll.
      expect(ran[0]?.late).toBeLessThan(slowPoll);
      expect(ran[0]?.late).toBeGreaterThanOrEqual(0);
    },
  );

  it.skipIf(!!skip)(
    'a handler whose lease ran out and was claimed again can neither complete nor move the job',
    async () => {
      const dbA = await open();
      const dbB = await open();
      // A's clock stops: its renewals extend the lease from a time long gone, as a paused process's would.
      let aNow = Date.now();
      const a = queue(dbA, { now: () => aNow });
      const b = queue(dbB);
      const kind = freshKind('fence');
      let release: () => void = () => undefined;
      const aHeld = new Promise<void>((r) => (release = r));
      let aSignal: AbortSignal | undefined;
      const fenced: string[] = [];
      a.on('fenced', (o) => fenced.push(o.key));
      a.handle(kind, async (run) => {
        aSignal = run.signal;
        await aHeld;
      });
      const later = Date.now() + 3_600_000;
      const bRuns: number[] = [];
      b.handle(kind, async (run) => {
        bRuns.push(run.attempts);
        // The new owner moves the job on: the old owner must not undo that.
        await b.schedule(kind, run.key, later, { by: 'b' });
      });
      await a.schedule(kind, 'k', aNow);
      a.start();
      await vi.waitFor(() => expect(aSignal).toBeDefined());
      b.start();
      // B may claim once A's lease (from A's stopped clock) has passed.
      await vi.waitFor(() => expect(bRuns).toEqual([0]), { timeout: LEASE_MS + 10 * POLL_MS });
      await vi.waitFor(() => expect(aSignal?.aborted).toBe(true), { timeout: LEASE_MS });
      release();
      await vi.waitFor(() => expect(fenced).toEqual(['k']));
      aNow = Date.now();
      const store = await b.list(kind);
      expect(store.get('k')).toBe(later);
    },
  );

  it.skipIf(!!skip)(
    'a job whose process is killed with SIGKILL mid-handler runs once elsewhere after the lease',
    async () => {
      const s = db as SharedDatabase;
      const kind = freshKind('kill');
      const watcherDb = await open();
      const watcher = queue(watcherDb);
      await watcher.schedule(kind, 'k', Date.now());
      const child = spawnWorker('booth-server/src/testing/job-worker.ts', {
        DATABASE_URL: s.url,
        JOBS_POLL_MS: String(POLL_MS),
        JOBS_LEASE_MS: String(LEASE_MS),
        JOB_KIND: kind,
      });
      try {
        const claimed = await child.next<{ claimed?: string; at: number }>((l) => !!l.claimed);
        expect(claimed.claimed).toBe('k');
        // The child's lease as the table holds it (a renewal after this read only extends it).
        const held = await watcherDb.db
          .selectFrom('jobs')
          .select('locked_until')
          .where('kind', '=', kind)
          .executeTakeFirstOrThrow();
        await child.kill9();
        const killedAt = Date.now();
        const runs: number[] = [];
        watcher.handle(kind, async () => {
          runs.push(Date.now());
        });
        watcher.start();
        // The dead child renewed its lease every third of it: the job is free at most one lease after the kill.
        await vi.waitFor(() => expect(runs).toHaveLength(1), {
          timeout: LEASE_MS + 10 * POLL_MS,
        });
        expect(runs[0]).toBeGreaterThanOrEqual(Number(held.locked_until));
        expect((runs[0] as number) - killedAt).toBeLessThanOrEqual(LEASE_MS + 3 * POLL_MS);
        await sleep(LEASE_MS);
        expect(runs).toHaveLength(1);
        expect(await watcher.list(kind)).toEqual(new Map());
      } finally {
        await child.kill9();
      }
    },
    60_000,
  );

  it.skipIf(!!skip)(
    'a periodic job runs once per interval across two queues, and a failing run is retried',
    async () => {
      const [a, b] = [queue(await open()), queue(await open())];
      const kind = freshKind('every');
      const everyMs = 3 * POLL_MS;
      const runs: number[] = [];
      const work = async () => {
        runs.push(Date.now());
      };
      const start = Date.now();
      await a.every(kind, everyMs, work, start);
      await b.every(kind, everyMs, work, start);
      a.start();
      b.start();
      await sleep(everyMs * 10 + POLL_MS);
      const turns = Math.floor((Date.now() - start) / everyMs) + 1;
      // Once per turn, never twice (two queues would double it); a loaded machine may skip one.
      expect(runs.length).toBeLessThanOrEqual(turns);
      expect(runs.length).toBeGreaterThanOrEqual(turns / 2);

      const failing = freshKind('retry');
      const attempts: number[] = [];
      a.handle(failing, async (run) => {
        attempts.push(run.attempts);
        if (run.attempts < 2) throw new Error('not yet');
      });
      await b.schedule(failing, 'k', Date.now());
      // Retries after 1 s, then 2 s (the queue's default retry delay, doubling).
      await vi.waitFor(() => expect(attempts).toEqual([0, 1, 2]), { timeout: 6_000 });
      await vi.waitFor(async () => expect(await a.list(failing)).toEqual(new Map()));
    },
    20_000,
  );
});
