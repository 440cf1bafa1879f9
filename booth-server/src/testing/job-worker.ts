/**
 * A booth-server process reduced to its job queue, for the kill -9 tests: claims jobs of
 * JOB_KIND from DATABASE_URL, prints `{"claimed": key, "at": ms}` and then never finishes the
 * handler, so the job is held only by this process's lease until it dies.
 */
import { Database } from '../db/database.ts';
import { JobQueue } from '../jobs/job-queue.ts';

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
queue.handle(env('JOB_KIND'), async (run) => {
  process.stdout.write(`${JSON.stringify({ claimed: run.key, at: Date.now() })}\n`);
  await new Promise(() => undefined);
});
queue.start();
process.stdout.write(`${JSON.stringify({ ready: true })}\n`);
// Stays up until killed (the queue's own timers never keep a process alive).
setInterval(() => undefined, 60_000);
