import type { A4Document, ReceiptDocument } from '@onething/contract/sockets/bridge-local';
import {
  CaseLookupRequest,
  type CaseView,
  type RatingRequest,
  type SubmitCaseRequest,
  SubmitCaseResponse,
} from '@onething/contract/rest/kiosk';
import type { ErrorCode } from '@onething/contract/errors';
import { KioskApiError } from '../api/api-error.ts';
import type { BridgeClient } from '../api/bridge-client.ts';
import type { ServerApi, UploadMediaType } from '../api/server-api.ts';
import type { KioskConfig } from '../config.ts';
import { randomValidCard } from '../demo/random-card.ts';
import { answersForRequest } from '../flow/answers.ts';
import { backTarget, type FlowAction, isMidFlow } from '../flow/flow-reducer.ts';
import type {
  FlowState,
  Journey,
  Lang,
  Problem,
  RatingDimension,
  Screen,
} from '../flow/flow-state.ts';
import { helpActive } from '../flow/help-reducer.ts';
import type { FlowStore } from '../flow/store.ts';
import { classifyScan, statusLookupUrl } from '../identify/classify-scan.ts';
import { caseReceipt, noticeDocument, queuedReceipt, queueReference } from '../print/documents.ts';
import { InactivityTimer, type TimerHost } from './inactivity-timer.ts';

export interface KioskSessionDeps {
  store: FlowStore;
  /** Null when the launcher gave no bridge (the UI then shows "out of service"). */
  bridge: BridgeClient | null;
  api: ServerApi;
  config: KioskConfig;
  /** Base of the status-lookup URL printed as the receipt's QR code. */
  statusBase: string;
  /** Stops the document camera; the camera itself belongs to the materials screen. */
  stopCamera?: () => void;
  /** Silences voice guidance. */
  stopVoice?: () => void;
  /** Withdraws a video-help request or ends the call (the next citizen must not inherit it). */
  endHelp?: () => void;
  /** Reloads the page as launched (the bridge's ui:reload); the session is wiped first. */
  reload?: () => void;
  newKey?: () => string;
  timers?: TimerHost;
  objectUrls?: { create(blob: Blob): string; revoke(url: string): void };
}

export type SimResult = { ok: true } | { ok: false; message: string };

/** Screens without inactivity wipe: nothing personal is on them. */
const RESTING: ReadonlySet<Screen> = new Set(['attract', 'outOfService']);

/**
 * The kiosk's side effects around the pure flow reducer: calls to the booth server and the
 * device bridge, bridge notifications, the inactivity wipe and the card-removal policy.
 * Screens call its methods; they never call the APIs themselves.
 *
 * Every asynchronous result is dropped if the session was wiped while it was under way (the
 * generation counter), so a slow answer can never bring one citizen's data into the next
 * citizen's session.
 */
export class KioskSession {
  readonly store: FlowStore;
  readonly config: KioskConfig;
  readonly #bridge: BridgeClient | null;
  readonly #api: ServerApi;
  readonly #statusBase: string;
  readonly #deps: KioskSessionDeps;
  readonly #timer: InactivityTimer;
  readonly #objectUrls = new Set<string>();
  readonly #unsubscribe: (() => void)[] = [];
  #generation = 0;
  /** Out of service because the server revoked the terminal (not a maintenance order). */
  #revoked = false;
  #demoKnown = false;
  #demoProbe: Promise<void> | null = null;
  #finishTimer: ReturnType<typeof setTimeout> | null = null;
  /** What "try again" repeats after a failed call. */
  #retry: (() => Promise<void>) | null = null;

  constructor(deps: KioskSessionDeps) {
    this.store = deps.store;
    this.config = deps.config;
    this.#bridge = deps.bridge;
    this.#api = deps.api;
    this.#statusBase = deps.statusBase;
    this.#deps = deps;
    this.#timer = new InactivityTimer({
      idleMs: deps.config.idleMs,
      warningMs: deps.config.warningMs,
      onWarning: (s) => this.store.dispatch({ type: 'idleTick', secondsLeft: s }),
      onResume: () => this.store.dispatch({ type: 'idleTick', secondsLeft: null }),
      onExpire: () => this.wipe(),
      ...(deps.timers && { timers: deps.timers }),
    });
  }

  get state(): FlowState {
    return this.store.state;
  }

  /** Starts listening to the bridge and to the flow's screen changes. */
  attach(): void {
    this.#unsubscribe.push(this.store.subscribe((s, prev) => this.#onChange(s, prev)));
    const b = this.#bridge;
    if (!b) return;
    this.#unsubscribe.push(
      b.onConnection((connected) => {
        this.store.dispatch({ type: 'bridgeConnection', connected });
        if (connected) void this.#probeDemo();
      }),
      b.on('card:inserted', (p) => {
        const s = this.state;
        if (
          s.screen === 'attract' ||
          s.screen === 'welcome' ||
          s.screen === 'identify' ||
          s.identity
        ) {
          this.store.dispatch({ type: 'cardInserted', card: p.card, validity: p.validity });
        }
      }),
      b.on('card:error', (p) =>
        this.store.dispatch({
          type: 'identifyFailed',
          problem: p.code === 'samFault' || p.code === 'readerFault' ? 'readerFault' : p.code,
        }),
      ),
      b.on('card:removed', () => this.#onCardRemoved()),
      b.on('scanner:scan', (p) => void this.#onScan(p.text)),
      b.on('print:progress', (progress) =>
        this.store.dispatch({ type: 'printProgress', progress }),
      ),
      b.on('outbox:delivered', (p) => this.#onOutboxDelivered(p.idempotencyKey, p.result)),
      b.on('ui:maintenance', (p) => this.#onMaintenance(p.on, p.message)),
      b.on('ui:reload', () => {
        this.wipe();
        this.#deps.reload?.();
      }),
    );
    if (b.connected) void this.#probeDemo();
  }

  dispose(): void {
    for (const u of this.#unsubscribe.splice(0)) u();
    this.#timer.stop();
    if (this.#finishTimer) clearTimeout(this.#finishTimer);
  }

  /** Any tap, key press or typing. */
  activity(): void {
    this.#timer.activity();
  }

  // ---- navigation and preferences

  start(journey: Journey): void {
    this.store.dispatch({ type: 'start', journey });
  }
  setLang(lang: Lang): void {
    this.store.dispatch({ type: 'setLang', lang });
  }
  setElder(elder: boolean): void {
    this.store.dispatch({ type: 'setElder', elder });
    this.#timer.setIdleMs(elder ? this.config.elderIdleMs : this.config.idleMs);
  }
  setVoice(voice: boolean): void {
    this.store.dispatch({ type: 'setVoice', voice });
    if (!voice) this.#deps.stopVoice?.();
  }
  welcomeDone(): void {
    this.store.dispatch({ type: 'welcomeDone' });
  }
  back(): void {
    if (backTarget(this.state) === 'attract') {
      this.wipe();
      return;
    }
    this.#deps.stopCamera?.();
    this.store.dispatch({ type: 'back' });
  }
  simPanel(open: boolean): void {
    this.store.dispatch({ type: 'simPanel', open });
  }
  dismissProblem(): void {
    this.store.dispatch({ type: 'dismissProblem' });
  }
  dismissCardWarning(): void {
    this.store.dispatch({ type: 'dismissCardWarning' });
  }
  /** The idle warning's "continue" button. */
  stillHere(): void {
    this.#timer.activity();
  }

  /** Repeats the call that failed last, if any. */
  async retry(): Promise<void> {
    const again = this.#retry;
    if (!again || this.state.busy) return;
    this.#retry = null;
    await again();
  }

  // ---- choose a bundle, notice, items

  search(text: string): void {
    this.store.dispatch({ type: 'search', text });
  }
  lifeEvent(lifeEvent: string | null): void {
    this.store.dispatch({ type: 'lifeEvent', lifeEvent });
  }
  chooseBundle(code: string): void {
    if (code !== this.state.bundleCode) this.#revokeAll();
    this.store.dispatch({ type: 'bundleChosen', code });
  }
  noticeRead(): void {
    this.store.dispatch({ type: 'noticeRead' });
  }
  toggleItem(code: string): void {
    this.store.dispatch({ type: 'toggleItem', code });
  }
  selectAllItems(): void {
    this.store.dispatch({ type: 'selectAllItems' });
  }
  confirmItems(): void {
    this.store.dispatch({ type: 'itemsConfirmed' });
  }

  async printNotice(): Promise<void> {
    const s = this.state;
    if (!s.notice) return;
    await this.#printA4(noticeDocument(s.notice, s.lang, s.elder), 'notice');
  }

  // ---- form

  answer(key: string, value: string | boolean): void {
    this.store.dispatch({ type: 'answer', key, value });
  }

  async checkForm(): Promise<void> {
    const s = this.state;
    if (!s.form || !s.bundleCode || s.busy) return;
    const req = {
      bundleCode: s.bundleCode,
      itemCodes: s.form.itemCodes,
      answers: answersForRequest(s.form, s.answers),
    };
    await this.#run(
      'validate',
      'server',
      () => this.checkForm(),
      async () => {
        const errors = await this.#api.validateForm(req);
        return () => this.store.dispatch({ type: 'validated', errors });
      },
    );
  }

  // ---- materials

  async uploadMaterial(id: string, data: Blob, mediaType: UploadMediaType): Promise<void> {
    if (this.state.busy) return;
    await this.#run(
      'upload',
      'server',
      () => this.uploadMaterial(id, data, mediaType),
      async () => {
        const res = await this.#api.upload(data, mediaType);
        return () => {
          this.#revokeFor(id);
          const url = this.#createUrl(data);
          this.store.dispatch({
            type: 'materialCaptured',
            id,
            uploadId: res.uploadId,
            previewUrl: url,
          });
        };
      },
    );
  }
  skipMaterial(id: string): void {
    this.#revokeFor(id);
    this.store.dispatch({ type: 'materialSkipped', id });
  }
  clearMaterial(id: string): void {
    this.#revokeFor(id);
    this.store.dispatch({ type: 'materialCleared', id });
  }
  materialsDone(): void {
    this.#deps.stopCamera?.();
    this.store.dispatch({ type: 'materialsDone', candidateKey: this.#newKey() });
  }

  // ---- submit

  reviewEdit(target: 'chooseItems' | 'form' | 'materials'): void {
    this.store.dispatch({ type: 'reviewEdit', target });
  }

  #submitRequest(): SubmitCaseRequest | null {
    const s = this.state;
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
    };
  }

  /** Double taps are harmless: a second call while sending does nothing, and the key is reused. */
  async submit(): Promise<void> {
    const s = this.state;
    if (s.screen !== 'review' || s.submitPhase === 'sending') return;
    const req = this.#submitRequest();
    if (!req) return;
    const gen = this.#generation;
    this.store.dispatch({ type: 'submitStarted' });
    try {
      const res = await this.#api.submitCase(req);
      if (gen !== this.#generation) return;
      this.store.dispatch({ type: 'submitted', caseView: res.case, duplicate: res.duplicate });
      await this.printReceipt();
    } catch (e) {
      if (gen !== this.#generation) return;
      this.store.dispatch({ type: 'submitFailed', problem: problemOf(e, 'server') });
    }
  }

  /** Parks the submission in the bridge's outbox; the bridge delivers it exactly once. */
  async queueSubmission(): Promise<void> {
    const req = this.#submitRequest();
    const b = this.#bridge;
    if (!req || !b || this.state.busy) return;
    await this.#run(
      'queue',
      'bridge',
      () => this.queueSubmission(),
      async () => {
        const res = await b.request('outbox:enqueue', {
          kind: 'case.submit',
          idempotencyKey: req.idempotencyKey,
          payload: req as unknown as Record<string, unknown>,
        });
        return () => {
          this.store.dispatch({ type: 'queued', pending: res.pending });
          void this.printQueuedSlip();
        };
      },
    );
  }

  async printQueuedSlip(): Promise<void> {
    const s = this.state;
    if (!s.idempotencyKey) return;
    await this.#printReceiptDoc(queuedReceipt(queueReference(s.idempotencyKey), s.lang));
  }

  async printReceipt(): Promise<void> {
    const s = this.state;
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
    if (!this.state.receiptJobId) return this.printReceipt();
    const gen = this.#generation;
    try {
      const { jobId } = await b.request('print:reprintReceipt', {});
      if (gen === this.#generation)
        this.store.dispatch({ type: 'printJob', purpose: 'receipt', jobId });
    } catch (e) {
      if (gen !== this.#generation) return;
      const p = problemOf(e, 'bridge');
      // a restarted bridge forgot the receipt: print it from the case this session holds
      if (p.code === 'RECEIPT_NOT_FOUND') await this.printReceipt();
      else this.#fail(p, () => this.reprintReceipt());
    }
  }

  /** The agent filed this citizen's case during a video-help call (收件受理). */
  caseFiledByAgent(view: CaseView): void {
    this.store.dispatch({ type: 'caseFiled', caseView: view });
    if (this.state.caseView?.caseNumber === view.caseNumber) void this.printReceipt();
  }

  receiptDone(): void {
    this.store.dispatch({ type: 'receiptDone' });
  }

  // ---- rating

  rateLevel(level: RatingRequest['level']): void {
    this.store.dispatch({ type: 'ratingLevel', level });
  }
  rateDimension(dimension: RatingDimension, level: RatingRequest['level']): void {
    this.store.dispatch({ type: 'ratingDimension', dimension, level });
  }
  rateComment(text: string): void {
    this.store.dispatch({ type: 'ratingComment', text });
  }
  skipRating(): void {
    this.store.dispatch({ type: 'ratingSkipped' });
  }

  async sendRating(): Promise<void> {
    const s = this.state;
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
    const gen = this.#generation;
    this.store.dispatch({ type: 'busy', busy: 'rating' });
    try {
      await this.#api.rate(req);
    } catch (e) {
      if (gen !== this.#generation) return;
      const p = problemOf(e, 'server');
      if (p.kind === 'server' && p.code === 'ALREADY_RATED') {
        // the rating is on record already: nothing for the citizen to fix
      } else if (p.kind === 'unreachable' && this.#bridge) {
        // a rating is owed whatever the network does: the outbox delivers it later
        try {
          await this.#bridge.request('outbox:enqueue', {
            kind: 'rating.submit',
            idempotencyKey: this.#newKey(),
            payload: req as unknown as Record<string, unknown>,
          });
        } catch (qe) {
          if (gen === this.#generation)
            this.#fail(problemOf(qe, 'bridge'), () => this.sendRating());
          return;
        }
      } else {
        this.#fail(p, () => this.sendRating());
        return;
      }
    }
    if (gen !== this.#generation) return;
    this.store.dispatch({ type: 'ratingSent' });
  }

  // ---- status lookup

  statusInput(change: { caseNumber?: string; idLast4?: string }): void {
    this.store.dispatch({ type: 'statusInput', ...change });
  }

  async lookupStatus(): Promise<void> {
    const s = this.state;
    if (s.busy) return;
    const req = { caseNumber: s.status.caseNumber.trim(), idLast4: s.status.idLast4.trim() };
    const parsed = CaseLookupRequest.safeParse(req);
    const invalid: ('caseNumber' | 'idLast4')[] = [];
    if (!/^[A-Za-z0-9-]{6,40}$/.test(req.caseNumber)) invalid.push('caseNumber');
    if (!parsed.success && parsed.error.issues.some((i) => i.path[0] === 'idLast4')) {
      invalid.push('idLast4');
    }
    if (invalid.length) {
      this.store.dispatch({ type: 'statusInvalid', fields: invalid });
      return;
    }
    const gen = this.#generation;
    this.store.dispatch({ type: 'busy', busy: 'lookup' });
    try {
      const view = await this.#api.lookupCase(req);
      if (gen !== this.#generation) return;
      this.store.dispatch({ type: 'busy', busy: null });
      this.store.dispatch({ type: 'callSucceeded' });
      this.store.dispatch({ type: 'statusLoaded', view });
    } catch (e) {
      if (gen !== this.#generation) return;
      const p = problemOf(e, 'server');
      // a mistyped number is the citizen's to fix, next to the boxes; not a failed call to retry
      const refused = p.kind === 'server' && p.code === 'CASE_NOT_FOUND' ? 'notFound' : null;
      if (refused) this.store.dispatch({ type: 'statusRefused', reason: refused });
      else this.#fail(p, () => this.lookupStatus());
    }
  }

  // ---- instant certificate

  chooseInstant(code: string): void {
    this.store.dispatch({ type: 'instantChosen', code });
  }
  confirmInstant(confirmed: boolean): void {
    this.store.dispatch({ type: 'instantConfirm', confirmed });
  }

  async issueInstant(): Promise<void> {
    const s = this.state;
    const itemCode = s.instant.itemCode;
    if (!itemCode || !s.identity || !s.instant.confirmed || s.busy) return;
    await this.#run(
      'instant',
      'server',
      () => this.issueInstant(),
      async () => {
        // issued for the person the bridge attested for this session, never one the page names
        const response = await this.#api.instant({ itemCode, confirmed: true });
        return () => {
          this.store.dispatch({ type: 'instantIssued', response });
          void this.printInstant();
        };
      },
    );
  }

  async printInstant(): Promise<void> {
    const r = this.state.instant.response;
    if (!r) return;
    await this.#printA4({ ...r.document, largePrint: this.state.elder }, 'instant');
  }

  // ---- ending the session

  /** The Finish button, the inactivity timeout and (by policy) card removal all end here. */
  wipe(): void {
    this.#endSession({ type: 'wipe' });
  }

  /** Stops everything of the current citizen, then applies `action` (which wipes the state). */
  #endSession(action: Extract<FlowAction, { type: 'wipe' | 'maintenance' }>): void {
    this.#generation += 1;
    this.#retry = null;
    this.#deps.endHelp?.();
    this.#deps.stopCamera?.();
    this.#deps.stopVoice?.();
    this.#revokeAll();
    this.#timer.stop();
    if (this.#finishTimer) clearTimeout(this.#finishTimer);
    this.#finishTimer = null;
    this.store.dispatch(action);
    // the bridge forgets the card too; if it is away it has nothing newer to forget
    this.#bridge?.request('session:wipe', {}).catch(() => {});
  }

  // ---- demo simulator

  async sim(
    action:
      | { kind: 'placePerson'; personId: string; fault?: 'badChecksum' | 'unreadable' | 'expired' }
      | { kind: 'placeRandom'; fault?: 'badChecksum' | 'unreadable' | 'expired' }
      | { kind: 'remove' }
      | { kind: 'scan'; text: string }
      | { kind: 'paper'; paper: 'ok' | 'near_end' | 'out' },
  ): Promise<SimResult> {
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

  // ---- internals

  #newKey(): string {
    return this.#deps.newKey ? this.#deps.newKey() : crypto.randomUUID();
  }

  #createUrl(blob: Blob): string | null {
    const urls = this.#deps.objectUrls ?? {
      create: (b: Blob) => URL.createObjectURL(b),
      revoke: (u: string) => URL.revokeObjectURL(u),
    };
    try {
      const url = urls.create(blob);
      this.#objectUrls.add(url);
      return url;
    } catch {
      return null;
    }
  }

  #revokeUrl(url: string): void {
    const revoke = this.#deps.objectUrls?.revoke ?? ((u: string) => URL.revokeObjectURL(u));
    revoke(url);
    this.#objectUrls.delete(url);
  }

  #revokeFor(id: string): void {
    const m = this.state.materials[id];
    if (m?.state === 'captured' && m.previewUrl) this.#revokeUrl(m.previewUrl);
  }

  #revokeAll(): void {
    for (const url of [...this.#objectUrls]) this.#revokeUrl(url);
  }

  #fail(problem: Problem, retry: (() => Promise<void>) | null): void {
    this.#retry = retry;
    this.store.dispatch({ type: 'callFailed', problem: { ...problem, retryable: retry !== null } });
  }

  /**
   * Runs one call with the busy marker set; on success applies the result (unless the session
   * was wiped meanwhile), on failure records the problem and what "try again" should repeat.
   */
  async #run(
    busy: NonNullable<FlowState['busy']>,
    source: Problem['source'],
    retry: () => Promise<void>,
    call: () => Promise<() => void>,
  ): Promise<void> {
    const gen = this.#generation;
    this.store.dispatch({ type: 'busy', busy });
    try {
      const apply = await call();
      if (gen !== this.#generation) return;
      this.store.dispatch({ type: 'busy', busy: null });
      if (source === 'server') this.store.dispatch({ type: 'callSucceeded' });
      apply();
    } catch (e) {
      if (gen !== this.#generation) return;
      this.#fail(problemOf(e, source), retry);
    }
  }

  async #printReceiptDoc(document: ReceiptDocument): Promise<void> {
    const b = this.#bridge;
    if (!b) return;
    const gen = this.#generation;
    try {
      const { jobId } = await b.request('print:receipt', { document });
      if (gen === this.#generation)
        this.store.dispatch({ type: 'printJob', purpose: 'receipt', jobId });
    } catch (e) {
      if (gen === this.#generation) {
        this.#fail(problemOf(e, 'bridge'), () => this.#printReceiptDoc(document));
      }
    }
  }

  async #printA4(document: A4Document, purpose: 'notice' | 'instant'): Promise<void> {
    const b = this.#bridge;
    if (!b || this.state.busy) return;
    await this.#run(
      'print',
      'bridge',
      () => this.#printA4(document, purpose),
      async () => {
        const { jobId } = await b.request('print:a4', { document });
        return () => this.store.dispatch({ type: 'printJob', purpose, jobId });
      },
    );
  }

  /**
   * Bridges that refuse sim:* with FORBIDDEN run real hardware; the panel then stays hidden.
   * Asked once, at start-up (before any card is in use): removing the simulated card again
   * on a reconnect would look like the citizen taking their card.
   */
  #probeDemo(): Promise<void> {
    if (this.#demoKnown) return Promise.resolve();
    this.#demoProbe ??= this.#askDemo().finally(() => {
      this.#demoProbe = null;
    });
    return this.#demoProbe;
  }

  async #askDemo(): Promise<void> {
    try {
      await this.#bridge?.request('sim:removeCard', {});
      this.#demoKnown = true;
      this.store.dispatch({ type: 'demoMode', demo: true });
    } catch (e) {
      // an unreachable bridge says nothing yet: ask again on the next connection
      if (e instanceof KioskApiError && e.kind === 'unreachable') return;
      this.#demoKnown = true;
      this.store.dispatch({ type: 'demoMode', demo: false });
    }
  }

  /**
   * Maintenance on: whoever is at the terminal is stopped and forgotten, and the out-of-service
   * screen names where to go instead. Off: back to the attract screen, again with nothing kept.
   */
  /**
   * The booth server revoked this terminal (`session:ended` revoked on /kiosk): nobody can be
   * served here. Like maintenance: stop the camera and any call, forget the citizen, and show
   * the out-of-service screen until the server accepts the terminal again.
   */
  terminalRevoked(): void {
    this.#revoked = true;
    this.#onMaintenance(true, undefined);
  }

  /** The server accepted this terminal again after a revocation. */
  terminalRestored(): void {
    if (!this.#revoked) return;
    this.#revoked = false;
    this.#onMaintenance(false, undefined);
  }

  #onMaintenance(on: boolean, alternative: string | undefined): void {
    const action = { type: 'maintenance', on, ...(alternative && { alternative }) } as const;
    const inMaintenance = this.state.maintenance !== null;
    // "off" repeated (the bridge also says it after a heartbeat) must not end a citizen's session
    if (!on && !inMaintenance) return;
    // already out of service: only the named alternative can change, and nobody is being served
    if (on && inMaintenance) this.store.dispatch(action);
    else this.#endSession(action);
  }

  #onCardRemoved(): void {
    const s = this.state;
    if (this.config.cardRemoval === 'wipe' && isMidFlow(s) && s.identity?.source === 'idCard') {
      this.wipe();
      return;
    }
    this.store.dispatch({ type: 'cardRemoved' });
  }

  async #onScan(text: string): Promise<void> {
    const s = this.state;
    const meaning = classifyScan(text, this.#statusBase);
    if (s.screen === 'attract' || s.screen === 'statusLookup' || s.screen === 'statusView') {
      if (meaning.kind === 'caseReceipt') {
        this.store.dispatch({ type: 'statusScanned', caseNumber: meaning.caseNumber });
        return;
      }
      if (s.screen === 'statusLookup') {
        this.store.dispatch({ type: 'statusScanRejected' });
        return;
      }
    }
    if (s.screen !== 'identify' && s.screen !== 'attract' && s.screen !== 'welcome') return;
    if (meaning.kind !== 'electronicId') {
      this.store.dispatch({ type: 'identifyFailed', problem: 'qrNotOurs' });
      return;
    }
    const b = this.#bridge;
    if (s.busy || !b) return;
    const gen = this.#generation;
    this.store.dispatch({ type: 'busy', busy: 'eid' });
    try {
      // the bridge has the code its own scanner read verified and attests the holder
      const { card } = await b.request('identity:electronic', {});
      if (gen !== this.#generation) return;
      this.store.dispatch({ type: 'busy', busy: null });
      this.store.dispatch({ type: 'callSucceeded' });
      this.store.dispatch({ type: 'identified', card, source: 'electronicId' });
    } catch (e) {
      if (gen !== this.#generation) return;
      const p = problemOf(e, 'server');
      if (p.kind === 'server' && p.code !== 'INTERNAL' && p.code !== 'DATABASE_UNAVAILABLE') {
        this.store.dispatch({ type: 'busy', busy: null });
        this.store.dispatch({ type: 'identifyFailed', problem: 'eidRejected' });
      } else {
        this.#fail(p, null);
      }
    }
  }

  #onOutboxDelivered(key: string, result: Record<string, unknown>): void {
    const s = this.state;
    if (s.screen !== 'queued' || key !== s.idempotencyKey) return;
    const parsed = SubmitCaseResponse.safeParse(result);
    if (!parsed.success) return;
    this.store.dispatch({
      type: 'submitted',
      caseView: parsed.data.case,
      duplicate: parsed.data.duplicate,
    });
    void this.printReceipt();
  }

  /** Effects of entering a screen: loading what it shows, timers. */
  #onChange(s: FlowState, prev: FlowState): void {
    const helping = helpActive(s.help);
    if (helping !== helpActive(prev.help) && !helping) this.#arm(s);
    if (s.screen === prev.screen) {
      // talking to an agent is not inactivity: no wipe in the middle of a call or the queue
      if (helping && this.#timer.running) this.#pause();
      return;
    }
    if (RESTING.has(s.screen)) this.#timer.stop();
    else this.#arm(s);
    if (prev.screen === 'materials') this.#deps.stopCamera?.();
    if (this.#finishTimer) {
      clearTimeout(this.#finishTimer);
      this.#finishTimer = null;
    }
    switch (s.screen) {
      case 'chooseBundle':
      case 'instantChoose':
        void this.#loadCatalogue();
        break;
      case 'notice':
        if (!s.notice) void this.#loadNotice();
        break;
      case 'form':
        if (!s.form) void this.#loadForm();
        break;
      case 'finish':
        this.#finishTimer = setTimeout(() => this.wipe(), this.config.finishAutoWipeMs);
        break;
    }
  }

  /** Starts the inactivity timer for a working screen, unless a call holds it off. */
  #arm(s: FlowState): void {
    if (RESTING.has(s.screen)) return;
    if (helpActive(s.help)) {
      this.#pause();
      return;
    }
    if (this.#timer.running) return;
    this.#timer.setIdleMs(s.elder ? this.config.elderIdleMs : this.config.idleMs);
    this.#timer.start();
  }

  #pause(): void {
    this.#timer.stop();
    if (this.state.idleSecondsLeft !== null) {
      this.store.dispatch({ type: 'idleTick', secondsLeft: null });
    }
  }

  async #loadCatalogue(): Promise<void> {
    await this.#run(
      'catalogue',
      'server',
      () => this.#loadCatalogue(),
      async () => {
        const catalogue = await this.#api.catalogue();
        return () => this.store.dispatch({ type: 'catalogueLoaded', catalogue });
      },
    );
  }

  async #loadNotice(): Promise<void> {
    const code = this.state.bundleCode;
    if (!code) return;
    await this.#run(
      'notice',
      'server',
      () => this.#loadNotice(),
      async () => {
        const notice = await this.#api.bundle(code);
        return () => this.store.dispatch({ type: 'noticeLoaded', notice });
      },
    );
  }

  async #loadForm(): Promise<void> {
    const s = this.state;
    if (!s.bundleCode) return;
    const req = {
      bundleCode: s.bundleCode,
      itemCodes: s.selectedItems,
      answers: s.answers,
    };
    await this.#run(
      'form',
      'server',
      () => this.#loadForm(),
      async () => {
        const form = await this.#api.mergeForm(req);
        return () => this.store.dispatch({ type: 'formLoaded', form });
      },
    );
  }
}

/** Turns any failure into what the citizen is told about it. */
export function problemOf(e: unknown, source: Problem['source']): Problem {
  if (e instanceof KioskApiError) return { source, kind: e.kind, code: e.code };
  return { source, kind: 'badResponse', code: 'INTERNAL' satisfies ErrorCode };
}
