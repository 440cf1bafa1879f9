import { type FlowAction, flowReducer } from './flow-reducer.ts';
import type { FlowState } from './flow-state.ts';

type Listener = (state: FlowState, previous: FlowState) => void;

/**
 * The one store of the kiosk flow: state lives here and only the reducer changes it. Kept in
 * memory only (never localStorage/sessionStorage), so a wipe is a reset and a reload forgets.
 */
export class FlowStore {
  #state: FlowState;
  readonly #listeners = new Set<Listener>();

  constructor(initial: FlowState) {
    this.#state = initial;
  }

  get state(): FlowState {
    return this.#state;
  }

  dispatch(action: FlowAction): void {
    const previous = this.#state;
    const next = flowReducer(previous, action);
    if (next === previous) return;
    this.#state = next;
    for (const l of this.#listeners) l(next, previous);
  }

  subscribe(listener: Listener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}
