import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import type { Database } from '../db/database.ts';
import { RoutingEngine, RoutingEvent } from '../routing/routing-engine.ts';
import { QUEUES, agent, request } from '../routing/routing-test-kit.ts';
import { SqlRoutingStore } from '../routing/sql-routing-store.ts';
import { spawnWorker } from '../testing/child-process.ts';
import { type SharedDatabase, sharedDatabase } from '../testing/shared-database.ts';
import { jobDeadlines } from './job-deadlines.ts';
import { JobQueue } from './job-queue.ts';

const POLL_MS = 100;
const LEASE_MS = 1500;
const OFFER_TIMEOUT_SECONDS = 2;
/** The lateness README promises for JOBS_POLL_MS's default, here with a shorter poll. */
const ON_TIME_MS = 500;

const shared = {
  sqlite: await sharedDatabase('sqlite'),
  postgres: await sharedDatabase('postgres'),
};
for (const [name, s] of Object.entries(shared)) {
  if ('skip' in s) console.warn(`[skip] ${name} variant of routing deadlines: ${s.skip}`);
}
const cases = Object.entries(shared).map(([name, s]) => ({
  name,
  skip: 'skip' in s ? s.skip : null,
  db: s,
}));

/** Each test's processes stop after it, so none of them claims the next test's deadlines. */
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of closers.splice(0).reverse()) await c();
});
afterAll(async () => {
  for (const s of Object.values(shared)) if (!('skip' in s)) await s.dispose();
});

/** One booth-server process's routing: its own connection, job queue and engine. */
function routingProcess(db: Database) {
  const queue = new JobQueue({
    db: db.db,
    dialect: db.dialect,
    pollMs: POLL_MS,
    leaseMs: LEASE_MS,
  });
  const engine = new RoutingEngine({
    store: new SqlRoutingStore(db.db, db.dialect),
    queues: QUEUES,
    offerTimeoutSeconds: OFFER_TIMEOUT_SECONDS,
    deadlines: jobDeadlines(queue),
  });
  const timedOut: { offerId: string; at: number }[] = [];
  engine.on(RoutingEvent.OfferTimedOut, ({ offer }) =>
    timedOut.push({ offerId: offer.id, at: Date.now() }),
  );
  queue.start();
  closers.push(async () => {
    await queue.close();
    await engine.close();
  });
  return { engine, timedOut };
}

let seq = 0;

describe.each(cases)('routing deadlines on the job table ($name)', ({ skip, db }) => {
  const open = () => (db as SharedDatabase).open();

  it.skipIf(!!skip)(
    'an offer nobody answers times out once, on time, with two engines on one store',
    async () => {
      const a = routingProcess(await open());
      const b = routingProcess(await open());
      const agentId = `two-${++seq}`;
      await b.engine.agentLogin(agent(agentId));
      await a.engine.enqueue(request({ kioskSessionId: `ks-two-${seq}` }));
      const offer = (await a.engine.snapshot()).offers.find((o) => o.agentId === agentId);
      expect(offer).toBeDefined();
      const expiresAt = offer?.expiresAt as number;
      await vi.waitFor(() => expect([...a.timedOut, ...b.timedOut]).toHaveLength(1), {
        timeout: OFFER_TIMEOUT_SECONDS * 1000 + 10 * POLL_MS,
      });
      const [fired] = [...a.timedOut, ...b.timedOut];
      expect(fired?.offerId).toBe(offer?.id);
      // Armed by the engine that made the offer, so woken by its own timer, not a poll.
      expect((fired?.at as number) - expiresAt).toBeLessThan(ON_TIME_MS);
      // Still once after both engines looked again (a reload arms every deadline again).
      await b.engine.snapshot();
      await a.engine.snapshot();
      await new Promise((r) => setTimeout(r, 5 * POLL_MS));
      expect([...a.timedOut, ...b.timedOut]).toHaveLength(1);
      const missed = await a.engine.getAgent(agentId);
      expect(missed.missedOffersInRow).toBe(1);
      expect(missed.state).toBe('available');
    },
    20_000,
  );

  it.skipIf(!!skip)(
    'an offer still times out when the process that made it is killed with SIGKILL',
    async () => {
      const s = db as SharedDatabase;
      const survivor = routingProcess(await open());
      await survivor.engine.start();
      const agentId = `killed-${++seq}`;
      const child = spawnWorker('booth-server/src/testing/routing-worker.ts', {
        DATABASE_URL: s.url,
        JOBS_POLL_MS: String(POLL_MS),
        JOBS_LEASE_MS: String(LEASE_MS),
        OFFER_TIMEOUT_SECONDS: String(OFFER_TIMEOUT_SECONDS),
        AGENT_ID: agentId,
        KIOSK_SESSION_ID: `ks-killed-${seq}`,
      });
      try {
        const offered = await child.next<{ offered?: string; expiresAt: number }>(
          (l) => !!l.offered,
        );
        await child.kill9();
        expect(Date.now()).toBeLessThan(offered.expiresAt);
        // The survivor sees the deadline at its next poll and is woken at it by its own timer.
        await vi.waitFor(() => expect(survivor.timedOut).toHaveLength(1), {
          timeout: OFFER_TIMEOUT_SECONDS * 1000 + 10 * POLL_MS,
        });
        expect(survivor.timedOut[0]?.offerId).toBe(offered.offered);
        expect((survivor.timedOut[0]?.at as number) - offered.expiresAt).toBeLessThan(ON_TIME_MS);
        const missed = await survivor.engine.getAgent(agentId);
        expect(missed.missedOffersInRow).toBe(1);
      } finally {
        await child.kill9();
      }
    },
    60_000,
  );
});
