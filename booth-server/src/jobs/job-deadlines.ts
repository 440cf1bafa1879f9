import type { DeadlineScheduler } from '../routing/clock.ts';
import type { JobQueue } from './job-queue.ts';

/**
 * The routing engine's deadlines as jobs of one kind: armed by whichever process changed the
 * ticket, offer or agent (and again by every process that reloads its mirror, which is one
 * upsert per deadline), run once by whichever process claims them. A write that fails is kept
 * by the queue and tried again at its next pass.
 */
export function jobDeadlines(queue: JobQueue, kind = 'routing.deadline'): DeadlineScheduler {
  return (fire) => {
    queue.handle(kind, (run) => fire(run.key));
    return {
      set: (key, at) => void queue.schedule(kind, key, at).catch(() => undefined),
      clear: (key) => void queue.cancel(kind, key).catch(() => undefined),
      // The queue belongs to the server, which stops claiming before it closes the engine.
      close: () => undefined,
    };
  };
}
