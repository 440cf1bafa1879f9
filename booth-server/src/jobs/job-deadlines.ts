import type { DeadlineScheduler } from '../routing/clock.ts';
import type { JobQueue } from './job-queue.ts';

/**
 * The routing engine's deadlines as jobs of one kind: armed by whichever process changed the
 * ticket, offer or agent before its command returns (and again by every process that reloads
 * its mirror, one batched upsert), run once by whichever process claims them. A write that
 * fails is kept by the queue and tried again at its next pass.
 */
export function jobDeadlines(queue: JobQueue, kind = 'routing.deadline'): DeadlineScheduler {
  return (fire) => {
    queue.handle(kind, (run) => fire(run.key));
    return {
      set: (key, at) => queue.schedule(kind, key, at),
      clear: (key) => queue.cancel(kind, key),
      // The queue belongs to the server, which stops claiming before it closes the engine.
      close: () => undefined,
    };
  };
}
