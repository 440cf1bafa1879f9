import type { Socket } from 'socket.io-client';

/**
 * How long a test waits for a notification the server has already decided to send: delivery
 * over loopback, stretched by a busy machine. Waits for something a timer causes use that timer.
 */
export const DELIVERY_WAIT_MS = 10_000;

export interface EventRecorder {
  /** Everything received and not yet taken by `next`, oldest first. */
  readonly events: { event: string; payload: any }[];
  /** Takes the first received `event` matching `pred`, waiting up to `within` ms for it. */
  next(event: string, pred?: (payload: any) => boolean, within?: number): Promise<any>;
}

/** Collects every event a socket receives, so a test can wait for one that matches. */
export function recordEvents(socket: Socket, within = DELIVERY_WAIT_MS): EventRecorder {
  const events: { event: string; payload: any }[] = [];
  socket.onAny((event: string, payload: unknown) => events.push({ event, payload }));
  return {
    events,
    async next(event, pred = () => true, wait = within) {
      const until = Date.now() + wait;
      for (;;) {
        const hit = events.find((e) => e.event === event && pred(e.payload));
        if (hit) {
          events.splice(events.indexOf(hit), 1);
          return hit.payload;
        }
        if (Date.now() >= until) break;
        await new Promise((r) => setTimeout(r, 20));
      }
      throw new Error(
        `no ${event} within ${wait} ms; saw ${events.map((e) => e.event).join(', ')}`,
      );
    },
  };
}
