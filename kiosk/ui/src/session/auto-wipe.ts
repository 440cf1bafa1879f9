import type { KioskConfig } from '../config.ts';
import type { FlowState, Screen } from '../flow/flow-state.ts';
import { helpActive } from '../flow/help-reducer.ts';
import type { FlowStore } from '../flow/store.ts';
import { InactivityTimer, type TimerHost } from './inactivity-timer.ts';

/** Screens without inactivity wipe: nothing personal is on them. */
const RESTING: ReadonlySet<Screen> = new Set(['attract', 'outOfService']);

export interface AutoWipeDeps {
  store: FlowStore;
  config: Pick<KioskConfig, 'idleMs' | 'elderIdleMs' | 'warningMs' | 'finishAutoWipeMs'>;
  /** Ends the session. */
  wipe: () => void;
  timers?: TimerHost;
}

/**
 * When the session ends by itself: after inactivity and a visible warning on any working screen
 * (longer in elder mode, held off while the citizen waits for or talks to an agent), and a
 * while after the finish screen appears.
 */
export class AutoWipe {
  readonly #store: FlowStore;
  readonly #config: AutoWipeDeps['config'];
  readonly #wipe: () => void;
  readonly #timer: InactivityTimer;
  #finishTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(deps: AutoWipeDeps) {
    this.#store = deps.store;
    this.#config = deps.config;
    this.#wipe = deps.wipe;
    this.#timer = new InactivityTimer({
      idleMs: deps.config.idleMs,
      warningMs: deps.config.warningMs,
      onWarning: (s) => this.#store.dispatch({ type: 'idleTick', secondsLeft: s }),
      onResume: () => this.#store.dispatch({ type: 'idleTick', secondsLeft: null }),
      onExpire: () => this.#wipe(),
      ...(deps.timers && { timers: deps.timers }),
    });
  }

  /** Any tap, key press or typing (and the warning's "continue" button). */
  activity(): void {
    this.#timer.activity();
  }

  setElder(elder: boolean): void {
    this.#timer.setIdleMs(this.#idleMs(elder));
  }

  /** Follows the flow: arms, pauses or stops the timers as screens and calls change. */
  changed(s: FlowState, prev: FlowState): void {
    const helping = helpActive(s.help);
    if (helping !== helpActive(prev.help) && !helping) this.#arm(s);
    if (s.screen === prev.screen) {
      // talking to an agent is not inactivity: no wipe in the middle of a call or the queue
      if (helping && this.#timer.running) this.#pause();
      return;
    }
    if (RESTING.has(s.screen)) this.#timer.stop();
    else this.#arm(s);
    this.#clearFinish();
    if (s.screen === 'finish') {
      this.#finishTimer = setTimeout(() => this.#wipe(), this.#config.finishAutoWipeMs);
    }
  }

  /** Stops both timers: the session ended, or the kiosk closes. */
  stop(): void {
    this.#timer.stop();
    this.#clearFinish();
  }

  #idleMs(elder: boolean): number {
    return elder ? this.#config.elderIdleMs : this.#config.idleMs;
  }

  #clearFinish(): void {
    if (this.#finishTimer) clearTimeout(this.#finishTimer);
    this.#finishTimer = null;
  }

  /** Starts the inactivity timer for a working screen, unless a call holds it off. */
  #arm(s: FlowState): void {
    if (RESTING.has(s.screen)) return;
    if (helpActive(s.help)) {
      this.#pause();
      return;
    }
    if (this.#timer.running) return;
    this.#timer.setIdleMs(this.#idleMs(s.elder));
    this.#timer.start();
  }

  #pause(): void {
    this.#timer.stop();
    if (this.#store.state.idleSecondsLeft !== null) {
      this.#store.dispatch({ type: 'idleTick', secondsLeft: null });
    }
  }
}
