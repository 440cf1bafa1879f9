import type { CaseView } from '@onething/contract/api/kiosk';
import type { DraftContext, RemoteActionRequest } from '@onething/contract/events/booth';
import type { BridgeClient } from '../api/bridge-client.ts';
import type {
  KioskNotification,
  KioskNotificationName,
  KioskRequestName,
  KioskRequestPayload,
  KioskResponse,
  KioskSocket,
} from '../api/kiosk-socket.ts';
import type { ServerApi } from '../api/server-api.ts';
import { answersForRequest } from '../flow/answers.ts';
import type { FlowState, HelpAction, HelpActionStage } from '../flow/flow-state.ts';
import { helpActive } from '../flow/help-reducer.ts';
import type { FlowStore } from '../flow/store.ts';
import { problemOf } from '../session/kiosk-session.ts';
import type { CallMedia, StartCallMedia } from './call-media.ts';

/** The part of KioskSocket video help uses (a fake in tests). */
export interface HelpSocket {
  readonly connected: boolean;
  request<K extends KioskRequestName>(
    name: K,
    payload: KioskRequestPayload<K>,
  ): Promise<KioskResponse<K>>;
  on<K extends KioskNotificationName>(
    name: K,
    listener: (payload: KioskNotification<K>) => void,
  ): () => void;
  onConnection(listener: (connected: boolean) => void): () => void;
  whenConnected(timeoutMs: number): Promise<boolean>;
  readonly signalling: KioskSocket['signalling'];
}

export interface VideoHelpDeps {
  store: FlowStore;
  socket: HelpSocket;
  bridge: BridgeClient | null;
  api: Pick<ServerApi, 'upload'>;
  /** The agent filed the citizen's case: show its number and print the receipt. */
  onCaseFiled: (view: CaseView) => void;
  /** Joins the call's media; by default loads the mediasoup client on demand. */
  startMedia?: StartCallMedia;
  /** Quiet time before the draft is sent to the agent again (typing sends one update, not 50). */
  draftDelayMs?: number;
  /** How long a request waits for the server socket when the terminal has only just started. */
  connectWaitMs?: number;
}

type ActionNotice = KioskNotification<'remote:action'>;

const FINISHED: ReadonlySet<HelpActionStage> = new Set(['done', 'declined', 'failed']);

/** Loads the call's media code (mediasoup-client) once, when help is first asked for. */
let mediaModule: Promise<typeof import('./call-media.ts')> | null = null;
function loadMedia(): Promise<typeof import('./call-media.ts')> {
  mediaModule ??= import('./call-media.ts');
  return mediaModule;
}

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
 * 视频帮办 at the terminal: asks for help, waits in the queue, runs the call (media, chat), keeps
 * the agent's view of the draft current, and carries out the agent's remote actions — each
 * one that touches personal data only after the citizen agreed on screen.
 *
 * State lives in the flow store (so a wipe forgets it); this class owns what cannot: the
 * socket subscriptions, the media, the queue of remote actions.
 */
export class VideoHelp {
  readonly #deps: VideoHelpDeps;
  readonly #store: FlowStore;
  readonly #socket: HelpSocket;
  readonly #unsubscribe: (() => void)[] = [];
  readonly #actions: ActionNotice[] = [];
  #media: CallMedia | null = null;
  /** Bumped when a call's media should no longer arrive (ended, requeued, wiped). */
  #mediaGen = 0;
  /** Bumped by a wipe: answers to requests sent before it are for nobody. */
  #gen = 0;
  /** The citizen agreed to 收件受理 in this call: the next new case is theirs. */
  #caseAccepted = false;
  #withdraw = false;
  #draftTimer: ReturnType<typeof setTimeout> | null = null;
  #lastDraft = '';

  constructor(deps: VideoHelpDeps) {
    this.#deps = deps;
    this.#store = deps.store;
    this.#socket = deps.socket;
  }

  get #state(): FlowState {
    return this.#store.state;
  }

  /** The call's streams for the screen, while there is media. */
  get media(): CallMedia | null {
    return this.#media;
  }

  attach(): void {
    const s = this.#socket;
    const d = (action: Parameters<FlowStore['dispatch']>[0]) => this.#store.dispatch(action);
    this.#unsubscribe.push(
      s.onConnection((connected) => {
        if (helpActive(this.#state.help)) d({ type: 'helpReconnecting', on: !connected });
        if (connected) this.#lastDraft = '';
      }),
      s.on('help:position', (p) =>
        d({
          type: 'helpPosition',
          ticketId: p.ticketId,
          position: p.position,
          waitSeconds: p.estimatedWaitSeconds,
        }),
      ),
      s.on('help:escalated', (p) => d({ type: 'helpEscalated', ticketId: p.ticketId })),
      s.on('help:requeued', (p) => {
        if (!this.#mine(p.ticketId)) return;
        this.#endCallParts();
        d({ type: 'helpRequeued', ticketId: p.ticketId, reason: p.reason });
      }),
      s.on('help:connected', (p) => {
        if (!this.#mine(p.ticketId)) return;
        d({ type: 'helpConnected', ticketId: p.ticketId, callId: p.callId, agent: p.agent });
        this.#lastDraft = '';
        this.#syncDraft();
        void this.#startMedia(p.callId);
      }),
      s.on('help:ended', (p) => {
        if (!this.#mine(p.ticketId)) return;
        this.#endCallParts();
        d({
          type: 'helpEnded',
          ticketId: p.ticketId,
          callId: p.callId,
          caseNumber: p.caseNumber,
          endedBy: p.endedBy,
        });
      }),
      s.on('chat:message', (m) => d({ type: 'helpChat', message: m })),
      s.on('remote:action', (a) => this.#onAction(a)),
      s.on('case:updated', (view) => this.#onCase(view)),
      this.#store.subscribe((st, prev) => {
        if (st.help.phase === 'connected' && draftChanged(st, prev)) this.#scheduleDraft();
      }),
    );
    const b = this.#deps.bridge;
    if (b) {
      this.#unsubscribe.push(
        b.on('card:inserted', (p) => {
          const a = this.#waiting('placeCard', 'readIdCard');
          if (!a) return;
          if (p.validity !== 'valid') {
            void this.#fail(
              a,
              `the card is ${p.validity === 'expired' ? 'expired' : 'not yet valid'}`,
            );
            return;
          }
          // the flow may not keep an identity (status lookup): the call does, for the draft
          if (!this.#state.identity) d({ type: 'helpIdentity', card: p.card });
          void this.#respond(a, { consent: true }, 'done');
        }),
        b.on('card:error', (p) => {
          const a = this.#waiting('placeCard', 'readIdCard');
          if (a) void this.#fail(a, `the card could not be read (${p.code})`);
        }),
      );
    }
  }

  dispose(): void {
    for (const u of this.#unsubscribe.splice(0)) u();
    if (this.#draftTimer) clearTimeout(this.#draftTimer);
    this.#endCallParts();
  }

  // ---- asking for help

  /** The fixed "Video help" control: asks for an agent for this errand. */
  async request(): Promise<void> {
    const s = this.#state;
    if (s.help.phase === 'requesting' || helpActive(s.help)) return;
    this.#store.dispatch({ type: 'helpRequested' });
    this.#withdraw = false;
    // the wait is the time to fetch the call's code, not the moment the agent answers
    if (!this.#deps.startMedia) void loadMedia().catch(() => undefined);
    const gen = this.#gen;
    try {
      // just after start-up (or a network blip) the socket may still be connecting
      if (!this.#socket.connected)
        await this.#socket.whenConnected(this.#deps.connectWaitMs ?? 5_000);
      const res = await this.#socket.request('help:request', {
        ...(s.bundleCode && { bundleCode: s.bundleCode }),
        language: s.lang,
      });
      if (gen !== this.#gen || this.#withdraw) {
        // wiped or cancelled while asking: nobody is waiting for this agent any more
        this.#socket.request('help:cancel', { ticketId: res.ticketId }).catch(() => undefined);
        return;
      }
      this.#store.dispatch({
        type: 'helpQueued',
        ticketId: res.ticketId,
        position: res.position,
        waitSeconds: res.estimatedWaitSeconds,
      });
    } catch (e) {
      if (gen !== this.#gen || this.#withdraw) return;
      this.#store.dispatch({ type: 'helpRequestFailed', problem: problemOf(e, 'server') });
    }
  }

  /** Withdraws the request before an agent answers. */
  async cancel(): Promise<void> {
    const h = this.#state.help;
    if (h.phase === 'requesting') {
      this.#withdraw = true;
      this.#store.dispatch({ type: 'helpClosed' });
      return;
    }
    if (h.phase !== 'waiting' || !h.ticketId) return;
    const ticketId = h.ticketId;
    this.#endCallParts();
    this.#store.dispatch({
      type: 'helpEnded',
      ticketId,
      callId: null,
      caseNumber: h.caseNumber,
      endedBy: 'cancelled',
    });
    // if this does not arrive the server drops the ticket when this socket goes
    await this.#socket.request('help:cancel', { ticketId }).catch(() => undefined);
  }

  /** Hang up: the call ends here at once, whatever the network does. */
  async hangup(): Promise<void> {
    const h = this.#state.help;
    if (h.phase !== 'connected' || !h.ticketId) return;
    const ticketId = h.ticketId;
    this.#endCallParts();
    this.#store.dispatch({
      type: 'helpEnded',
      ticketId,
      callId: h.callId,
      caseNumber: h.caseNumber,
      endedBy: 'citizen',
    });
    await this.#socket.request('call:hangup', { ticketId }).catch(() => undefined);
  }

  /** Closes the note left after a failed request or an ended call. */
  close(): void {
    this.#store.dispatch({ type: 'helpClosed' });
  }

  /** The session is wiped: withdraw the request or end the call, without a word on screen. */
  end(): void {
    this.#gen += 1;
    this.#withdraw = true;
    const h = this.#state.help;
    this.#endCallParts();
    if (!h.ticketId) return;
    const ticketId = h.ticketId;
    if (h.phase === 'waiting') {
      this.#socket.request('help:cancel', { ticketId }).catch(() => undefined);
    } else if (h.phase === 'connected') {
      this.#socket.request('call:hangup', { ticketId }).catch(() => undefined);
    }
  }

  // ---- in the call

  /** Sends a chat line; false if it did not reach the server (the text stays in the box). */
  async send(text: string): Promise<boolean> {
    const h = this.#state.help;
    const trimmed = text.trim();
    if (h.phase !== 'connected' || !h.ticketId || !trimmed) return false;
    try {
      await this.#socket.request('chat:send', {
        ticketId: h.ticketId,
        text: trimmed.slice(0, 500),
      });
      this.#store.dispatch({ type: 'helpChatFailed', failed: false });
      return true;
    } catch {
      this.#store.dispatch({ type: 'helpChatFailed', failed: true });
      return false;
    }
  }

  /** Microphone or camera on/off. */
  async setDevice(kind: 'mic' | 'camera', on: boolean): Promise<void> {
    this.#store.dispatch({ type: 'helpDevice', kind, on });
    await this.#media?.setEnabled(kind === 'mic' ? 'audio' : 'video', on).catch(() => undefined);
  }

  // ---- remote actions

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
  async stopAction(): Promise<void> {
    const a = this.#state.help.action;
    if (a && (a.stage === 'placeCard' || a.stage === 'capture')) {
      await this.#fail(a, 'the citizen stopped');
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
      await this.#fail(a, 'the photo could not be uploaded');
      return;
    }
    await this.#respond(a, { consent: true, uploadId }, 'done');
  }

  /** The document camera could not be used for captureDocument. */
  async cameraFailed(): Promise<void> {
    const a = this.#waiting('capture', 'captureDocument');
    if (a) await this.#fail(a, 'the document camera is not working');
  }

  // ---- internals

  #mine(ticketId: string): boolean {
    const h = this.#state.help;
    return h.ticketId === ticketId && helpActive(h);
  }

  #waiting(stage: HelpActionStage, kind: RemoteActionRequest['kind']): HelpAction | null {
    const a = this.#state.help.action;
    return a && a.stage === stage && a.request.kind === kind ? a : null;
  }

  #stage(a: HelpAction, stage: HelpActionStage): void {
    this.#store.dispatch({ type: 'helpActionStage', actionId: a.actionId, stage });
  }

  #onAction(p: ActionNotice): void {
    if (!this.#mine(p.ticketId) || this.#state.help.phase !== 'connected') return;
    this.#actions.push(p);
    this.#next();
  }

  /** One action at a time: the next starts when the current one is finished. */
  #next(): void {
    const current = this.#state.help.action;
    if (current && !FINISHED.has(current.stage)) return;
    const p = this.#actions.shift();
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
          await this.#fail(a, 'the card reader is not connected');
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
          await this.#fail(a, 'the printer is not connected');
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
        } catch (e) {
          await this.#fail(a, `the printer did not take the job (${problemOf(e, 'bridge').code})`);
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

  async #fail(a: HelpAction, reason: string): Promise<void> {
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
      await this.#socket.request('remote:respond', { actionId: a.actionId, ...body });
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

  async #startMedia(callId: string): Promise<void> {
    const gen = ++this.#mediaGen;
    const d = (action: Parameters<FlowStore['dispatch']>[0]) => {
      if (gen === this.#mediaGen) this.#store.dispatch(action);
    };
    try {
      const start = this.#deps.startMedia ?? (await loadMedia()).startCallMedia;
      const media = await start(this.#socket.signalling, callId, {
        remoteVideo: (on) => d({ type: 'helpRemoteVideo', on }),
        quality: (score) => d({ type: 'helpQuality', score }),
        reconnecting: (on) => d({ type: 'helpReconnecting', on }),
        failed: () => {
          if (gen !== this.#mediaGen) return;
          this.#stopMedia();
          d({ type: 'helpMedia', media: 'unavailable' });
        },
      });
      if (gen !== this.#mediaGen) {
        void media.leave().catch(() => undefined);
        return;
      }
      this.#media = media;
      d({ type: 'helpMedia', media: media.outcome });
    } catch {
      // no SFU, no room, or the join failed: the call goes on as text chat
      d({ type: 'helpMedia', media: 'unavailable' });
    }
  }

  #stopMedia(): void {
    this.#mediaGen += 1;
    const m = this.#media;
    this.#media = null;
    void m?.leave().catch(() => undefined);
  }

  /** Media, pending actions and the draft timer end with the call (or its requeue). */
  #endCallParts(): void {
    this.#stopMedia();
    this.#actions.length = 0;
    this.#caseAccepted = false;
    if (this.#draftTimer) clearTimeout(this.#draftTimer);
    this.#draftTimer = null;
  }

  #scheduleDraft(): void {
    if (this.#draftTimer) clearTimeout(this.#draftTimer);
    this.#draftTimer = setTimeout(() => {
      this.#draftTimer = null;
      this.#syncDraft();
    }, this.#deps.draftDelayMs ?? 300);
  }

  #syncDraft(): void {
    const s = this.#state;
    const ticketId = s.help.ticketId;
    if (s.help.phase !== 'connected' || !ticketId) return;
    const draft = draftOf(s);
    const text = JSON.stringify(draft);
    if (text === this.#lastDraft) return;
    this.#lastDraft = text;
    this.#socket.request('draft:update', { ticketId, draft }).catch(() => {
      // sent again with the next change (or reconnection)
      if (this.#lastDraft === text) this.#lastDraft = '';
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
