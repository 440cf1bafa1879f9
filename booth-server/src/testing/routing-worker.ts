/**
 * A booth-server process reduced to its routing engine on durable deadlines, for the kill -9
 * tests: an agent signs in, a citizen asks for help, and the offer made is printed as
 * `{"offered": offerId, "expiresAt": ms}`; then the process idles until it is killed.
 */
import { Database } from '../db/database.ts';
import { jobDeadlines } from '../jobs/job-deadlines.ts';
import { JobQueue } from '../jobs/job-queue.ts';
import { RoutingEngine, RoutingEvent } from '../routing/routing-engine.ts';
import { QUEUES, agent, request } from '../routing/routing-test-kit.ts';
import { SqlRoutingStore } from '../routing/sql-routing-store.ts';

const env = (name: string) => {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is required`);
  return v;
};

const database = await Database.open({ dataDir: '.', databaseUrl: env('DATABASE_URL') });
const queue = new JobQueue({
  db: database.db,
  dialect: database.dialect,
  pollMs: Number(env('JOBS_POLL_MS')),
  leaseMs: Number(env('JOBS_LEASE_MS')),
});
const engine = new RoutingEngine({
  store: new SqlRoutingStore(database.db, database.dialect),
  queues: QUEUES,
  offerTimeoutSeconds: Number(env('OFFER_TIMEOUT_SECONDS')),
  deadlines: jobDeadlines(queue),
});
engine.on(RoutingEvent.TicketOffered, ({ offer }) => {
  process.stdout.write(`${JSON.stringify({ offered: offer.id, expiresAt: offer.expiresAt })}\n`);
});
queue.start();
await engine.agentLogin(agent(env('AGENT_ID')));
await engine.enqueue(request({ kioskSessionId: env('KIOSK_SESSION_ID') }));
// Stays up until killed (the queue's own timers never keep a process alive).
setInterval(() => undefined, 60_000);
