import {
  type CaseView,
  type SubmitCaseRequest,
  SubmitCaseResponse,
} from '@onething/contract/rest/kiosk';
import { CONSENT_WORDING } from '@onething/contract/privacy/consent';
import type { BridgeClient } from '../api/bridge-client.ts';
import type { ServerApi } from '../api/server-api.ts';
import { answersForRequest } from '../flow/answers.ts';
import type { FlowStore } from '../flow/store.ts';
import type { Printing } from './printing.ts';
import { problemOf, type SessionCalls } from './session-calls.ts';

export interface SubmissionDeps {
  store: FlowStore;
  calls: SessionCalls;
  bridge: BridgeClient | null;
  api: ServerApi;
  /** Prints the receipt once a case exists, or the slip of a queued application. */
  printing: Printing;
}

/**
 * The review screen and what follows it: the application goes to the booth server once
 * (idempotency key), or into the bridge's outbox when the server is unreachable; a case an agent
 * filed during a video-help call arrives here too. Either way the receipt is printed.
 */
export class Submission {
  readonly #store: FlowStore;
  readonly #calls: SessionCalls;
  readonly #bridge: BridgeClient | null;
  readonly #api: ServerApi;
  readonly #printing: Printing;

  constructor(deps: SubmissionDeps) {
    this.#store = deps.store;
    this.#calls = deps.calls;
    this.#bridge = deps.bridge;
    this.#api = deps.api;
    this.#printing = deps.printing;
  }

  /** The bridge's notifications this part handles; returns their unsubscribers. */
  listen(bridge: BridgeClient): (() => void)[] {
    return [
      bridge.on('outbox:delivered', (p) => this.#onOutboxDelivered(p.idempotencyKey, p.result)),
    ];
  }

  /** Back to a part of the application; `field` opens the form at that field's page. */
  reviewEdit(target: 'chooseItems' | 'form' | 'materials', field?: string): void {
    this.#store.dispatch({ type: 'reviewEdit', target, ...(field ? { field } : {}) });
  }

  /**
   * Double taps are harmless: a second call while sending does nothing, and the key is reused.
   * A bundle carrying a minor's data first asks the guardian's consent (answered by
   * `answerGuardianConsent`).
   */
  async submit(): Promise<void> {
    const s = this.#store.state;
    if (s.screen !== 'review' || s.submitPhase === 'sending') return;
    if (s.notice?.bundle.minorData && s.guardianConsent !== 'given') {
      this.#store.dispatch({ type: 'guardianConsentAsked' });
      return;
    }
    const req = this.#request();
    if (!req) return;
    const current = this.#calls.watch();
    this.#store.dispatch({ type: 'submitStarted' });
    try {
      const res = await this.#api.submitCase(req);
      if (!current()) return;
      this.#store.dispatch({ type: 'submitted', caseView: res.case, duplicate: res.duplicate });
      await this.#printing.printReceipt();
    } catch (e) {
      if (!current()) return;
      this.#store.dispatch({ type: 'submitFailed', problem: problemOf(e, 'server') });
    }
  }

  /** 同意并提交 files at once; 不同意 leaves the application unfiled, as the dialog says. */
  async answerGuardianConsent(given: boolean): Promise<void> {
    this.#store.dispatch({ type: 'guardianConsentAnswered', given });
    if (given) await this.submit();
  }

  /** Parks the submission in the bridge's outbox; the bridge delivers it exactly once. */
  async queueSubmission(): Promise<void> {
    const req = this.#request();
    const b = this.#bridge;
    if (!req || !b || this.#store.state.busy) return;
    // The outbox delivers later with nobody to ask: only what the guardian already agreed to.
    if (this.#store.state.notice?.bundle.minorData && !req.consents?.length) return;
    await this.#calls.run(
      'queue',
      'bridge',
      () => this.queueSubmission(),
      async () => {
        const res = await b.request('outbox:enqueue', {
          kind: 'case.submit',
          idempotencyKey: req.idempotencyKey,
          payload: req,
        });
        return () => {
          this.#store.dispatch({ type: 'queued', pending: res.pending });
          void this.#printing.printQueuedSlip();
        };
      },
    );
  }

  /** The agent filed this citizen's case during a video-help call (收件受理). */
  caseFiledByAgent(view: CaseView): void {
    this.#store.dispatch({ type: 'caseFiled', caseView: view });
    if (this.#store.state.caseView?.caseNumber === view.caseNumber) {
      void this.#printing.printReceipt();
    }
  }

  #request(): SubmitCaseRequest | null {
    const s = this.#store.state;
    if (!s.form || !s.bundleCode || !s.identity || !s.idempotencyKey) return null;
    const uploads: Record<string, string> = {};
    for (const [id, m] of Object.entries(s.materials)) {
      if (m.state === 'captured') uploads[id] = m.uploadId;
    }
    return {
      idempotencyKey: s.idempotencyKey,
      bundleCode: s.bundleCode,
      itemCodes: s.form.itemCodes,
      answers: answersForRequest(s.form, s.answers),
      uploads,
      channel: 'terminal',
      consents:
        s.guardianConsent === 'given'
          ? [{ purpose: 'minorData', wording: CONSENT_WORDING.minorData }]
          : [],
    };
  }

  #onOutboxDelivered(key: string, result: Record<string, unknown>): void {
    const s = this.#store.state;
    if (s.screen !== 'queued' || key !== s.idempotencyKey) return;
    const parsed = SubmitCaseResponse.safeParse(result);
    if (!parsed.success) return;
    this.#store.dispatch({
      type: 'submitted',
      caseView: parsed.data.case,
      duplicate: parsed.data.duplicate,
    });
    void this.#printing.printReceipt();
  }
}
