import type { A4Document, ReceiptDocument } from '@onething/contract/sockets/bridge-local';
import type { BridgeClient } from '../api/bridge-client.ts';
import type { FlowState } from '../flow/flow-state.ts';
import type { FlowStore } from '../flow/store.ts';
import { statusLookupUrl } from '../identify/classify-scan.ts';
import { caseReceipt, noticeDocument, queuedReceipt, queueReference } from '../print/documents.ts';
import { problemOf, type SessionCalls } from './session-calls.ts';

export interface PrintingDeps {
  store: FlowStore;
  calls: SessionCalls;
  bridge: BridgeClient | null;
  /** Base of the status-lookup URL printed as the receipt's QR code. */
  statusBase: string;
}

/**
 * What the terminal prints for the citizen through the bridge: the receipt (and its reprint),
 * the slip of a queued application, the notice and an instant certificate on A4; and the
 * printers' progress on those jobs.
 */
export class Printing {
  readonly #store: FlowStore;
  readonly #calls: SessionCalls;
  readonly #bridge: BridgeClient | null;
  readonly #statusBase: string;

  constructor(deps: PrintingDeps) {
    this.#store = deps.store;
    this.#calls = deps.calls;
    this.#bridge = deps.bridge;
    this.#statusBase = deps.statusBase;
  }

  get #state(): FlowState {
    return this.#store.state;
  }

  /** The bridge's notifications this part handles; returns their unsubscribers. */
  listen(bridge: BridgeClient): (() => void)[] {
    return [
      bridge.on('print:progress', (progress) =>
        this.#store.dispatch({ type: 'printProgress', progress }),
      ),
    ];
  }

  async printNotice(): Promise<void> {
    const s = this.#state;
    if (!s.notice) return;
    await this.#printA4(noticeDocument(s.notice, s.lang, s.elder), 'notice');
  }

  async printInstant(): Promise<void> {
    const r = this.#state.instant.response;
    if (!r) return;
    await this.#printA4({ ...r.document, largePrint: this.#state.elder }, 'instant');
  }

  async printQueuedSlip(): Promise<void> {
    const s = this.#state;
    if (!s.idempotencyKey) return;
    await this.#printReceiptDoc(queuedReceipt(queueReference(s.idempotencyKey), s.lang));
  }

  async printReceipt(): Promise<void> {
    const s = this.#state;
    if (!s.caseView) return;
    const url = statusLookupUrl(this.#statusBase, s.caseView.caseNumber);
    await this.#printReceiptDoc(caseReceipt(s.caseView, s.lang, url));
  }

  /**
   * "Print the receipt again" (paper ran out, the print was cut short): the bridge reprints the
   * receipt it printed in this session; only if none reached it yet is the receipt sent anew.
   */
  async reprintReceipt(): Promise<void> {
    const b = this.#bridge;
    if (!b) return;
    if (!this.#state.receiptJobId) return this.printReceipt();
    const current = this.#calls.watch();
    try {
      const { jobId } = await b.request('print:reprintReceipt', {});
      if (current()) this.#store.dispatch({ type: 'printJob', purpose: 'receipt', jobId });
    } catch (e) {
      if (!current()) return;
      const p = problemOf(e, 'bridge');
      // a restarted bridge forgot the receipt: print it from the case this session holds
      if (p.code === 'RECEIPT_NOT_FOUND') await this.printReceipt();
      else this.#calls.fail(p, () => this.reprintReceipt());
    }
  }

  /** The receipt screen's "done": on to the rating. */
  receiptDone(): void {
    this.#store.dispatch({ type: 'receiptDone' });
  }

  async #printReceiptDoc(document: ReceiptDocument): Promise<void> {
    const b = this.#bridge;
    if (!b) return;
    const current = this.#calls.watch();
    try {
      const { jobId } = await b.request('print:receipt', { document });
      if (current()) this.#store.dispatch({ type: 'printJob', purpose: 'receipt', jobId });
    } catch (e) {
      if (current()) {
        this.#calls.fail(problemOf(e, 'bridge'), () => this.#printReceiptDoc(document));
      }
    }
  }

  async #printA4(document: A4Document, purpose: 'notice' | 'instant'): Promise<void> {
    const b = this.#bridge;
    if (!b || this.#state.busy) return;
    await this.#calls.run(
      'print',
      'bridge',
      () => this.#printA4(document, purpose),
      async () => {
        const { jobId } = await b.request('print:a4', { document });
        return () => this.#store.dispatch({ type: 'printJob', purpose, jobId });
      },
    );
  }
}
