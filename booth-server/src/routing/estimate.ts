/**
 * Queue position and estimated wait time (EWT), as shown to the citizen at the booth.
 *
 *   position = 1 + number of the queue's tickets ahead of this one (waiting or being offered),
 *              in the engine's service order (requeued first, then priority, then age)
 *   EWT (s)  = ceil( AHT_s × position ÷ max(1, serving) )
 *   serving  = agents whose queues include this queue and whose state is available, offered,
 *              on_call or wrap_up (on break and offline agents are not coming soon)
 *   AHT      = the queue's smoothed handle time (talk + wrap-up), updated after each handled
 *              contact with Asterisk app_queue's rule  new = (3·old + last) / 4,  starting from
 *              a configured initial value (default 300 s) so a new queue gives a sane estimate.
 *
 * The smoothing weights the newest call by a quarter, so one unusually long call moves the
 * estimate but does not swing it. The engine pushes a position event for a waiting ticket
 * whenever its position or EWT (whole seconds) changes.
 */
export const ESTIMATED_WAIT_DOCS = `Queue position and estimated wait time (EWT)

position = 1 + number of the queue's tickets ahead (waiting or being offered), in service order
           (requeued tickets first, then higher priority, then older)
EWT (s)  = ceil( AHT_s × position ÷ max(1, serving) )
serving  = agents serving the queue whose state is available, offered, on_call or wrap_up
AHT      = smoothed handle time (talk + wrap-up): new = (3·old + last) / 4 after each handled
           contact (Asterisk app_queue), starting from the configured initial AHT (default 300 s)

A position event is pushed for a waiting ticket whenever its position or EWT changes.`;

export const DEFAULT_INITIAL_AHT_SECONDS = 300;

/** Asterisk app_queue's hold-time smoothing: the newest sample weighs one quarter. */
export function smoothAht(previousMs: number, lastMs: number): number {
  return (3 * previousMs + lastMs) / 4;
}

export function estimatedWaitSeconds(ahtMs: number, position: number, serving: number): number {
  return Math.ceil(((ahtMs / 1000) * position) / Math.max(1, serving));
}
