import type { DraftContext } from '@onething/contract/sockets/booth';
import { answersForRequest } from '../flow/answers.ts';
import type { FlowState } from '../flow/flow-state.ts';
import type { FlowStore } from '../flow/store.ts';
import type { HelpSocket } from './video-help.ts';

/** What the agent sees of the citizen's errand while connected. */
export function draftOf(s: FlowState): DraftContext {
  return {
    bundleCode: s.bundleCode,
    itemCodes: (s.form?.itemCodes ?? s.selectedItems).slice(0, 30),
    answers: s.form ? answersForRequest(s.form, s.answers) : { ...s.answers },
    // Only a card the citizen agreed, in this call, to show the agent; never the one used to sign in.
    identity: s.help.identity,
    step: s.screen,
  };
}

/**
 * Keeps the agent's view of the citizen's draft current during a call: a change is sent after
 * a quiet moment (typing sends one update, not 50), and only when what the agent sees changed.
 */
export class DraftSync {
  readonly #store: FlowStore;
  readonly #socket: Pick<HelpSocket, 'request'>;
  readonly #delayMs: number;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #last = '';

  constructor(store: FlowStore, socket: Pick<HelpSocket, 'request'>, delayMs: number) {
    this.#store = store;
    this.#socket = socket;
    this.#delayMs = delayMs;
  }

  /** Follows the store while connected; returns the unsubscription. */
  attach(): () => void {
    return this.#store.subscribe((st, prev) => {
      if (st.help.phase === 'connected' && draftChanged(st, prev)) this.#schedule();
    });
  }

  /** The server may not have the last draft (a new agent, a reconnection): send the next in full. */
  forget(): void {
    this.#last = '';
  }

  /** Sends the draft now, whether or not it was sent before. */
  sendNow(): void {
    this.#last = '';
    this.#sync();
  }

  /** The call ended: nothing pending goes out. */
  cancel(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
  }

  #schedule(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#timer = null;
      this.#sync();
    }, this.#delayMs);
  }

  #sync(): void {
    const s = this.#store.state;
    const ticketId = s.help.ticketId;
    if (s.help.phase !== 'connected' || !ticketId) return;
    const draft = draftOf(s);
    const text = JSON.stringify(draft);
    if (text === this.#last) return;
    this.#last = text;
    this.#socket.request('draft:update', { ticketId, draft }).catch(() => {
      // sent again with the next change (or reconnection)
      if (this.#last === text) this.#last = '';
    });
  }
}

function draftChanged(s: FlowState, prev: FlowState): boolean {
  return (
    s.help.phase !== prev.help.phase ||
    s.screen !== prev.screen ||
    s.bundleCode !== prev.bundleCode ||
    s.selectedItems !== prev.selectedItems ||
    s.form !== prev.form ||
    s.answers !== prev.answers ||
    s.identity !== prev.identity ||
    s.help.identity !== prev.help.identity
  );
}
