import type { HelpAvailability } from '@onething/contract/sockets/call-backs';
import type { RoutingEngine } from '../routing/routing-engine.ts';
import type { AgentState } from '../routing/types.ts';
import type { ServiceHours } from './service-hours.ts';

/** Agents who will answer soon: signed in and not on a break. */
const ONLINE: ReadonlySet<AgentState> = new Set(['available', 'offered', 'on_call', 'wrap_up']);

/**
 * Whether video help can answer an errand now: inside the service hours, and how many agents of
 * its queue are online. The kiosk asks before queueing so it never promises a wait nobody serves.
 */
export class HelpAvailabilityCheck {
  readonly #engine: Pick<RoutingEngine, 'snapshot'>;
  readonly #hours: ServiceHours;
  readonly #hotline: string;
  readonly #now: () => number;

  constructor(deps: {
    engine: Pick<RoutingEngine, 'snapshot'>;
    hours: ServiceHours;
    hotline: string;
    now?: () => number;
  }) {
    this.#engine = deps.engine;
    this.#hours = deps.hours;
    this.#hotline = deps.hotline;
    this.#now = deps.now ?? Date.now;
  }

  get hotline(): string {
    return this.#hotline;
  }

  isOpen(): boolean {
    return this.#hours.isOpen(this.#now());
  }

  async of(queueId: string): Promise<HelpAvailability> {
    const now = this.#now();
    const open = this.#hours.isOpen(now);
    const { agents } = await this.#engine.snapshot();
    return {
      open,
      agentsOnline: agents.filter((a) => a.queues.includes(queueId) && ONLINE.has(a.state)).length,
      nextOpenAt: open ? null : this.#hours.nextOpening(now),
      hotline: this.#hotline,
    };
  }
}
