import type { RatingRequest } from '@onething/contract/rest/kiosk';
import type { BridgeClient } from '../api/bridge-client.ts';
import type { ServerApi } from '../api/server-api.ts';
import type { RatingDimension } from '../flow/flow-state.ts';
import type { FlowStore } from '../flow/store.ts';
import { problemOf, type SessionCalls } from './session-calls.ts';

export interface RatingDeps {
  store: FlowStore;
  calls: SessionCalls;
  bridge: BridgeClient | null;
  api: ServerApi;
  /** Idempotency key of a rating parked in the outbox. */
  newKey: () => string;
}

/**
 * The 好差评 rating after the receipt: the terminal's own service is rated on site, a video-help
 * call as online service against the case it produced. A rating is owed whatever the network
 * does, so an unreachable server parks it in the bridge's outbox.
 */
export class Rating {
  readonly #store: FlowStore;
  readonly #calls: SessionCalls;
  readonly #bridge: BridgeClient | null;
  readonly #api: ServerApi;
  readonly #newKey: () => string;

  constructor(deps: RatingDeps) {
    this.#store = deps.store;
    this.#calls = deps.calls;
    this.#bridge = deps.bridge;
    this.#api = deps.api;
    this.#newKey = deps.newKey;
  }

  rateLevel(level: RatingRequest['level']): void {
    this.#store.dispatch({ type: 'ratingLevel', level });
  }
  rateDimension(dimension: RatingDimension, level: RatingRequest['level']): void {
    this.#store.dispatch({ type: 'ratingDimension', dimension, level });
  }
  rateComment(text: string): void {
    this.#store.dispatch({ type: 'ratingComment', text });
  }
  skipRating(): void {
    this.#store.dispatch({ type: 'ratingSkipped' });
  }

  async sendRating(): Promise<void> {
    const s = this.#store.state;
    // a video-help call is rated as online service, against the case it produced
    const call = s.rating.call;
    const caseNumber = call?.caseNumber ?? s.caseView?.caseNumber;
    if (!caseNumber || !s.rating.level || s.busy) return;
    const comment = s.rating.comment.trim();
    const req: RatingRequest = {
      caseNumber,
      channel: call ? 'online' : 'onsite',
      level: s.rating.level,
      dimensions: s.rating.dimensions,
      ...(comment && { comment }),
      ...(call && { callId: call.callId }),
    };
    const current = this.#calls.watch();
    this.#store.dispatch({ type: 'busy', busy: 'rating' });
    try {
      await this.#api.rate(req);
    } catch (e) {
      if (!current()) return;
      const p = problemOf(e, 'server');
      if (p.kind === 'server' && p.code === 'ALREADY_RATED') {
        // the rating is on record already: nothing for the citizen to fix
      } else if (p.kind === 'unreachable' && this.#bridge) {
        try {
          await this.#bridge.request('outbox:enqueue', {
            kind: 'rating.submit',
            idempotencyKey: this.#newKey(),
            payload: req,
          });
        } catch (qe) {
          if (current()) this.#calls.fail(problemOf(qe, 'bridge'), () => this.sendRating());
          return;
        }
      } else {
        this.#calls.fail(p, () => this.sendRating());
        return;
      }
    }
    if (!current()) return;
    this.#store.dispatch({ type: 'ratingSent' });
  }
}
