import type { BridgeClient } from '../api/bridge-client.ts';
import type { CardRemovalPolicy } from '../config.ts';
import { isMidFlow } from '../flow/navigation.ts';
import type { FlowStore } from '../flow/store.ts';
import type { ScanMeaning } from '../identify/classify-scan.ts';
import { problemOf, type SessionCalls } from './session-calls.ts';

export interface IdentificationDeps {
  store: FlowStore;
  calls: SessionCalls;
  bridge: BridgeClient | null;
  cardRemoval: CardRemovalPolicy;
  /** Ends the session: taking the card away mid-flow under the "wipe" policy. */
  wipe: () => void;
}

/**
 * Who stands at the terminal: the ID card on the reader, or an electronic-ID code on the
 * scanner. The bridge reads and attests both; the page only hears who it was, never names one.
 */
export class Identification {
  readonly #store: FlowStore;
  readonly #calls: SessionCalls;
  readonly #bridge: BridgeClient | null;
  readonly #cardRemoval: CardRemovalPolicy;
  readonly #wipe: () => void;

  constructor(deps: IdentificationDeps) {
    this.#store = deps.store;
    this.#calls = deps.calls;
    this.#bridge = deps.bridge;
    this.#cardRemoval = deps.cardRemoval;
    this.#wipe = deps.wipe;
  }

  /** The bridge's notifications this part handles; returns their unsubscribers. */
  listen(bridge: BridgeClient): (() => void)[] {
    return [
      bridge.on('card:inserted', (p) => {
        const s = this.#store.state;
        if (
          s.screen === 'attract' ||
          s.screen === 'welcome' ||
          s.screen === 'identify' ||
          s.identity
        ) {
          this.#store.dispatch({ type: 'cardInserted', card: p.card, validity: p.validity });
        }
      }),
      bridge.on('card:error', (p) =>
        this.#store.dispatch({
          type: 'identifyFailed',
          problem: p.code === 'samFault' || p.code === 'readerFault' ? 'readerFault' : p.code,
        }),
      ),
      bridge.on('card:removed', () => this.#onCardRemoved()),
    ];
  }

  dismissCardWarning(): void {
    this.#store.dispatch({ type: 'dismissCardWarning' });
  }

  /** A scanned code on a screen where the citizen may identify: an electronic ID, or not ours. */
  async scanned(meaning: ScanMeaning): Promise<void> {
    const s = this.#store.state;
    if (s.screen !== 'identify' && s.screen !== 'attract' && s.screen !== 'welcome') return;
    if (meaning.kind !== 'electronicId') {
      this.#store.dispatch({ type: 'identifyFailed', problem: 'qrNotOurs' });
      return;
    }
    const b = this.#bridge;
    if (s.busy || !b) return;
    const current = this.#calls.watch();
    this.#store.dispatch({ type: 'busy', busy: 'eid' });
    try {
      // the bridge has the code its own scanner read verified and attests the holder
      const { card } = await b.request('identity:electronic', {});
      if (!current()) return;
      this.#store.dispatch({ type: 'busy', busy: null });
      this.#store.dispatch({ type: 'callSucceeded' });
      this.#store.dispatch({ type: 'identified', card, source: 'electronicId' });
    } catch (e) {
      if (!current()) return;
      const p = problemOf(e, 'server');
      if (p.kind === 'server' && p.code !== 'INTERNAL' && p.code !== 'DATABASE_UNAVAILABLE') {
        this.#store.dispatch({ type: 'busy', busy: null });
        this.#store.dispatch({ type: 'identifyFailed', problem: 'eidRejected' });
      } else {
        this.#calls.fail(p, null);
      }
    }
  }

  #onCardRemoved(): void {
    const s = this.#store.state;
    if (this.#cardRemoval === 'wipe' && isMidFlow(s) && s.identity?.source === 'idCard') {
      this.#wipe();
      return;
    }
    this.#store.dispatch({ type: 'cardRemoved' });
  }
}
