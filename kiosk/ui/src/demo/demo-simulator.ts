import { KioskApiError } from '../api/api-error.ts';
import type { BridgeClient } from '../api/bridge-client.ts';
import type { FlowStore } from '../flow/store.ts';
import { randomValidCard } from './random-card.ts';

export type SimResult = { ok: true } | { ok: false; message: string };

type CardFault = 'badChecksum' | 'unreadable' | 'expired';

export type SimAction =
  | { kind: 'placePerson'; personId: string; fault?: CardFault }
  | { kind: 'placeRandom'; fault?: CardFault }
  | { kind: 'remove' }
  | { kind: 'scan'; text: string }
  | { kind: 'paper'; paper: 'ok' | 'near_end' | 'out' };

/**
 * Demo mode: whether the bridge drives simulated devices, and the simulator panel's actions on
 * them (place or take a card, scan a code, change the paper).
 */
export class DemoSimulator {
  readonly #store: FlowStore;
  readonly #bridge: BridgeClient | null;
  #known = false;
  #probe: Promise<void> | null = null;

  constructor(deps: { store: FlowStore; bridge: BridgeClient | null }) {
    this.#store = deps.store;
    this.#bridge = deps.bridge;
  }

  /**
   * Bridges that refuse sim:* with FORBIDDEN run real hardware; the panel then stays hidden.
   * Asked once, at start-up (before any card is in use): removing the simulated card again
   * on a reconnect would look like the citizen taking their card.
   */
  probe(): Promise<void> {
    if (this.#known) return Promise.resolve();
    this.#probe ??= this.#ask().finally(() => {
      this.#probe = null;
    });
    return this.#probe;
  }

  simPanel(open: boolean): void {
    this.#store.dispatch({ type: 'simPanel', open });
  }

  async sim(action: SimAction): Promise<SimResult> {
    const b = this.#bridge;
    if (!b) return { ok: false, message: 'no bridge' };
    try {
      switch (action.kind) {
        case 'placePerson':
          await b.request('sim:placeCard', {
            personId: action.personId,
            ...(action.fault && { fault: action.fault }),
          });
          break;
        case 'placeRandom':
          await b.request('sim:placeCard', {
            card: randomValidCard(),
            ...(action.fault && { fault: action.fault }),
          });
          break;
        case 'remove':
          await b.request('sim:removeCard', {});
          break;
        case 'scan':
          await b.request('sim:scan', { text: action.text });
          break;
        case 'paper':
          await b.request('sim:paper', { paper: action.paper });
          break;
      }
      return { ok: true };
    } catch (e) {
      return { ok: false, message: e instanceof Error ? e.message : String(e) };
    }
  }

  async #ask(): Promise<void> {
    try {
      await this.#bridge?.request('sim:removeCard', {});
      this.#known = true;
      this.#store.dispatch({ type: 'demoMode', demo: true });
    } catch (e) {
      // an unreachable bridge says nothing yet: ask again on the next connection
      if (e instanceof KioskApiError && e.kind === 'unreachable') return;
      this.#known = true;
      this.#store.dispatch({ type: 'demoMode', demo: false });
    }
  }
}
