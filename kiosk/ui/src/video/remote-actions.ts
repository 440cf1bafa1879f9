import type { CaseView } from '@onething/contract/rest/kiosk';
import type { RemoteActionFailure, RemoteActionRequest } from '@onething/contract/sockets/booth';
import type { BridgeClient } from '../api/bridge-client.ts';
import type { KioskNotification, KioskRequestPayload } from '../api/kiosk-socket.ts';
import type { ServerApi } from '../api/server-api.ts';
import type { FlowState, HelpAction, HelpActionStage } from '../flow/flow-state.ts';
import { ownsTicket } from '../flow/help-reducer.ts';
import type { FlowStore } from '../flow/store.ts';
import type { HelpSocket } from './video-help.ts';

type ActionNotice = KioskNotification<'remote:action'>;

const FINISHED: ReadonlySet<HelpActionStage> = new Set(['done', 'declined', 'failed']);

export interface RemoteActionDeps {
  store: FlowStore;
  socket: Pick<HelpSocket, 'request' | 'on'>;
  bridge: BridgeClient | null;
  api: Pick<ServerApi, 'upload'>;
  /** The agent filed the citizen's case: show its number and print the receipt. */
  onCaseFiled: (view: CaseView) => void;
}

/**
 * The agent's remote actions at the terminal, one at a time in order: each one that touches
 * personal data only after the citizen agreed on screen, and its outcome answered to the agent.
 */
export class RemoteActions {
  readonly #deps: RemoteActionDeps;
  readonly #store: FlowStore;
  readonly #queue: ActionNotice[] = [];
  readonly #unsubscribe: (() => void)[] = [];
  /** The citizen agreed to 收件受理 in this call: the next new case is theirs. */
  #caseAccepted = false;

  constructor(deps: RemoteActionDeps) {
    this.#deps = deps;
    this.#store = deps.store;
  }

  get #state(): FlowState {
    return this.#store.state;
  }

  attach(): void {
    const s = this.#deps.socket;
    this.#unsubscribe.push(
      s.on('remote:action', (a) => this.#onAction(a)),
      s.on('case:updated', (view) => this.#onCase(view)),
    );
    const b = this.#deps.bridge;
    if (b) {
      this.#unsubscribe.push(
        b.on('card:inserted', (p) => {
          const a = this.#waiting('placeCard', 'readIdCard');
          if (!a) return;
          if (p.validity !== 'valid') {
            void this.#fail(a, p.validity === 'expired' ? 'cardExpired' : 'cardNotYetValid');
            return;
          }
          // the flow may not keep an identity (status lookup): the call does, for the draft
          if (!this.#state.identity) this.#store.dispatch({ type: 'helpIdentity', card: p.card });
          void this.#respond(a, { consent: true }, 'done');
        }),
        b.on('card:error', (p) => {
          const a = this.#waiting('placeCard', 'readIdCard');
          // a fault of the reader itself is not the card's: the agent may ask for another booth
          const reader = p.code === 'readerFault' || p.code === 'samFault';
          if (a) void this.#fail(a, reader ? 'cardReaderUnavailable' : 'cardUnreadable');
        }),
      );
    }
  }

  dispose(): void {
    for (const u of this.#unsubscribe.splice(0)) u();
  }

  /** The call ended (or was requeued): pending actions and an agreed filing go with it. */
  clear(): void {
    this.#queue.length = 0;
    this.#caseAccepted = false;
  }

  /** 同意 / 不同意 on the consent prompt. */
  async answer(agree: boolean): Promise<void> {
    const a = this.#state.help.action;
    if (a?.stage !== 'ask') return;
    if (!agree) {
      await this.#respond(a, { consent: false }, 'declined');
      return;
    }
    await this.#perform(a);
  }

  /** The citizen stops an action they had agreed to (the card or the photo does not come). */
  async stop(): Promise<void> {
    const a = this.#state.help.action;
    if (a && (a.stage === 'placeCard' || a.stage === 'capture')) {
      await this.#fail(a, 'citizenStopped');
    }
  }

  /** The document photo for captureDocument. */
  async captured(jpeg: Blob): Promise<void> {
    const a = this.#waiting('capture', 'captureDocument');
    if (!a) return;
    this.#stage(a, 'working');
    let uploadId: string;
    try {
      ({ uploadId } = await this.#deps.api.upload(jpeg, 'image/jpeg'));
    } catch {
      await this.#fail(a, 'uploadFailed');
      return;
    }
    await this.#respond(a, { consent: true, uploadId }, 'done');
  }

  /** The document camera could not be used for captureDocument. */
  async cameraFailed(): Promise<void> {
    const a = this.#waiting('capture', 'captureDocument');
    if (a) await this.#fail(a, 'cameraUnavailable');
  }

  #waiting(stage: HelpActionStage, kind: RemoteActionRequest['kind']): HelpAction | null {
    const a = this.#state.help.action;
    return a && a.stage === stage && a.request.kind === kind ? a : null;
  }

  #stage(a: HelpAction, stage: HelpActionStage): void {
    this.#store.dispatch({ type: 'helpActionStage', actionId: a.actionId, stage });
  }

  #onAction(p: ActionNotice): void {
    if (!ownsTicket(this.#state.help, p.ticketId) || this.#state.help.phase !== 'connected') {
      return;
    }
    this.#queue.push(p);
    this.#next();
  }

  /** One action at a time: the next starts when the current one is finished. */
  #next(): void {
    const current = this.#state.help.action;
    if (current && !FINISHED.has(current.stage)) return;
    const p = this.#queue.shift();
    if (!p) return;
    const action: HelpAction = {
      actionId: p.actionId,
      request: p.request,
      agentName: p.agentName,
      needsConsent: p.needsConsent,
      stage: p.needsConsent ? 'ask' : 'working',
    };
    this.#store.dispatch({ type: 'helpAction', action });
    if (!p.needsConsent) void this.#perform(action);
  }

  async #perform(a: HelpAction): Promise<void> {
    const s = this.#state;
    const b = this.#deps.bridge;
    switch (a.request.kind) {
      case 'readIdCard':
        // a card read at this terminal in this session is the card at the booth
        if (s.identity?.source === 'idCard') {
          this.#stage(a, 'working');
          await this.#respond(a, { consent: true }, 'done');
        } else if (!b?.connected) {
          await this.#fail(a, 'cardReaderUnavailable');
        } else {
          this.#stage(a, 'placeCard');
        }
        return;
      case 'showForm':
        this.#stage(a, 'working');
        await this.#respond(a, { consent: true }, 'done');
        return;
      case 'captureDocument':
        this.#stage(a, 'capture');
        return;
      case 'print': {
        if (!b?.connected) {
          await this.#fail(a, 'printerUnavailable');
          return;
        }
        this.#stage(a, 'working');
        try {
          const { jobId } = await b.request('print:a4', {
            document: {
              kind: 'form',
              title: a.request.title,
              paragraphs: a.request.paragraphs,
              largePrint: s.elder,
            },
          });
          this.#store.dispatch({ type: 'printJob', purpose: 'help', jobId });
        } catch {
          await this.#fail(a, 'printFailed');
          return;
        }
        await this.#respond(a, { consent: true }, 'done');
        return;
      }
      case 'acceptCase': {
        this.#stage(a, 'working');
        this.#caseAccepted = true;
        // The server files the draft before it acknowledges, and sends the new case first when
        // filing worked: a case:updated not seen by the acknowledgement means it did not.
        const answered = await this.#respond(a, { consent: true }, null);
        const filed = !this.#caseAccepted;
        this.#caseAccepted = false;
        if (!answered) return;
        this.#stage(a, filed ? 'done' : 'failed');
        this.#next();
        return;
      }
    }
  }

  async #fail(a: HelpAction, reason: RemoteActionFailure): Promise<void> {
    await this.#respond(a, { consent: true, failed: reason }, 'failed');
  }

  /**
   * Sends the citizen's answer; once the server has it, moves the action to `stage` and starts
   * the next one (null: the caller does both). Resolves whether the server got it.
   */
  async #respond(
    a: HelpAction,
    body: Omit<KioskRequestPayload<'remote:respond'>, 'actionId'>,
    stage: HelpActionStage | null,
  ): Promise<boolean> {
    try {
      await this.#deps.socket.request('remote:respond', { actionId: a.actionId, ...body });
    } catch {
      // the agent did not get the answer: the status line must not claim it happened
      this.#stage(a, 'failed');
      this.#next();
      return false;
    }
    if (stage) {
      this.#stage(a, stage);
      this.#next();
    }
    return true;
  }

  #onCase(view: CaseView): void {
    const s = this.#state;
    if (s.caseView?.caseNumber === view.caseNumber) {
      this.#store.dispatch({ type: 'caseUpdated', caseView: view });
      return;
    }
    // only the case this citizen agreed to have filed: the terminal's room hears every case
    // ever filed here, and a later update must not bring a previous citizen's case on screen
    if (!this.#caseAccepted || s.help.phase !== 'connected') return;
    this.#caseAccepted = false;
    this.#deps.onCaseFiled(view);
  }
}
