import type { ServerApi } from '../api/server-api.ts';
import type { FlowStore } from '../flow/store.ts';
import type { Printing } from './printing.ts';
import type { SessionCalls } from './session-calls.ts';

export interface InstantCertificateDeps {
  store: FlowStore;
  calls: SessionCalls;
  api: ServerApi;
  /** Prints the certificate on A4 once issued. */
  printing: Printing;
}

/** A certificate issued on the spot (即时办结) for the identified citizen, printed on A4. */
export class InstantCertificate {
  readonly #store: FlowStore;
  readonly #calls: SessionCalls;
  readonly #api: ServerApi;
  readonly #printing: Printing;

  constructor(deps: InstantCertificateDeps) {
    this.#store = deps.store;
    this.#calls = deps.calls;
    this.#api = deps.api;
    this.#printing = deps.printing;
  }

  chooseInstant(code: string): void {
    this.#store.dispatch({ type: 'instantChosen', code });
  }
  confirmInstant(confirmed: boolean): void {
    this.#store.dispatch({ type: 'instantConfirm', confirmed });
  }

  async issueInstant(): Promise<void> {
    const s = this.#store.state;
    const itemCode = s.instant.itemCode;
    if (!itemCode || !s.identity || !s.instant.confirmed || s.busy) return;
    await this.#calls.run(
      'instant',
      'server',
      () => this.issueInstant(),
      async () => {
        // issued for the person the bridge attested for this session, never one the page names
        const response = await this.#api.instant({ itemCode, confirmed: true });
        return () => {
          this.#store.dispatch({ type: 'instantIssued', response });
          void this.#printing.printInstant();
        };
      },
    );
  }
}
