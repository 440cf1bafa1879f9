import { CaseLookupRequest } from '@onething/contract/rest/kiosk';
import type { ServerApi } from '../api/server-api.ts';
import type { FlowStore } from '../flow/store.ts';
import type { ScanMeaning } from '../identify/classify-scan.ts';
import { problemOf, type SessionCalls } from './session-calls.ts';

export interface StatusLookupDeps {
  store: FlowStore;
  calls: SessionCalls;
  api: ServerApi;
}

/**
 * "Where is my case?": a case number and the last 4 of the ID number, typed in or read from a
 * receipt's QR code, checked before the server is asked.
 */
export class StatusLookup {
  readonly #store: FlowStore;
  readonly #calls: SessionCalls;
  readonly #api: ServerApi;

  constructor(deps: StatusLookupDeps) {
    this.#store = deps.store;
    this.#calls = deps.calls;
    this.#api = deps.api;
  }

  statusInput(change: { caseNumber?: string; idLast4?: string }): void {
    this.#store.dispatch({ type: 'statusInput', ...change });
  }

  /**
   * A scanned code on the attract or status screens: a receipt's QR code opens its case.
   * Returns false when the scan is not for the status lookup (it may identify the citizen).
   */
  scanned(meaning: ScanMeaning): boolean {
    const screen = this.#store.state.screen;
    if (screen !== 'attract' && screen !== 'statusLookup' && screen !== 'statusView') return false;
    if (meaning.kind === 'caseReceipt') {
      this.#store.dispatch({ type: 'statusScanned', caseNumber: meaning.caseNumber });
      return true;
    }
    if (screen === 'statusLookup') {
      this.#store.dispatch({ type: 'statusScanRejected' });
      return true;
    }
    return false;
  }

  /** "Supply the materials now": the applicant identifies with their card first. */
  supplyStart(): void {
    this.#store.dispatch({ type: 'supplyStart' });
  }

  /** Sends the photographed materials of every open 补正 request of the case shown. */
  async supplyCorrection(): Promise<void> {
    const s = this.#store.state;
    if (s.busy || !s.status.view) return;
    const uploads: Record<string, string> = {};
    for (const [code, m] of Object.entries(s.materials))
      if (m.state === 'captured') uploads[code] = m.uploadId;
    await this.#calls.run(
      'submit',
      'server',
      () => this.supplyCorrection(),
      async () => {
        const view = await this.#api.supplyCorrection({
          caseNumber: s.status.caseNumber.trim(),
          idLast4: s.status.idLast4.trim(),
          uploads,
        });
        return () => this.#store.dispatch({ type: 'correctionSupplied', view });
      },
    );
  }

  async lookupStatus(): Promise<void> {
    const s = this.#store.state;
    if (s.busy) return;
    const req = { caseNumber: s.status.caseNumber.trim(), idLast4: s.status.idLast4.trim() };
    const parsed = CaseLookupRequest.safeParse(req);
    const invalid: ('caseNumber' | 'idLast4')[] = [];
    if (!/^[A-Za-z0-9-]{6,40}$/.test(req.caseNumber)) invalid.push('caseNumber');
    if (!parsed.success && parsed.error.issues.some((i) => i.path[0] === 'idLast4')) {
      invalid.push('idLast4');
    }
    if (invalid.length) {
      this.#store.dispatch({ type: 'statusInvalid', fields: invalid });
      return;
    }
    const current = this.#calls.watch();
    this.#store.dispatch({ type: 'busy', busy: 'lookup' });
    try {
      const view = await this.#api.lookupCase(req);
      if (!current()) return;
      this.#store.dispatch({ type: 'busy', busy: null });
      this.#store.dispatch({ type: 'callSucceeded' });
      this.#store.dispatch({ type: 'statusLoaded', view });
    } catch (e) {
      if (!current()) return;
      const p = problemOf(e, 'server');
      // a mistyped number is the citizen's to fix, next to the boxes; not a failed call to retry
      const refused = p.kind === 'server' && p.code === 'CASE_NOT_FOUND' ? 'notFound' : null;
      if (refused) this.#store.dispatch({ type: 'statusRefused', reason: refused });
      else this.#calls.fail(p, () => this.lookupStatus());
    }
  }
}
