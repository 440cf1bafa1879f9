import type { CaseView } from '@onething/contract/rest/kiosk';
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
import type { FlowState } from '../flow/flow-state.ts';
import { helpActive, ownsTicket } from '../flow/help-reducer.ts';
import type { FlowStore } from '../flow/store.ts';
import { problemOf } from '../session/session-calls.ts';
import type { CallMedia, StartCallMedia } from './call-media.ts';
import { CallMediaSession } from './call-media-session.ts';
import { DraftSync } from './draft-sync.ts';
import { RemoteActions } from './remote-actions.ts';

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

/**
 * 视频帮办 at the terminal: asks for help, waits in the queue and runs the call (chat here, the
 * media in `CallMediaSession`), keeps the agent's view of the draft current (`DraftSync`), and
 * carries out the agent's remote actions (`RemoteActions`).
 *
 * State lives in the flow store (so a wipe forgets it); this class and its parts own what
 * cannot: the socket subscriptions, the media, the queue of remote actions.
 */
export class VideoHelp {
  readonly #deps: VideoHelpDeps;
  readonly #store: FlowStore;
  readonly #socket: HelpSocket;
  readonly #unsubscribe: (() => void)[] = [];
  readonly #media: CallMediaSession;
  readonly #draft: DraftSync;
  /** The agent's remote actions: the consent prompt and the screens that carry them out. */
  readonly actions: RemoteActions;
  /** Bumped by a wipe: answers to requests sent before it are for nobody. */
  #gen = 0;
  #withdraw = false;

  constructor(deps: VideoHelpDeps) {
    this.#deps = deps;
    this.#store = deps.store;
    this.#socket = deps.socket;
    this.#media = new CallMediaSession(
      deps.socket.signalling,
      (action) => this.#store.dispatch(action),
      deps.startMedia,
    );
    this.#draft = new DraftSync(deps.store, deps.socket, deps.draftDelayMs ?? 300);
    this.actions = new RemoteActions(deps);
  }

  get #state(): FlowState {
    return this.#store.state;
  }

  /** The call's streams for the screen, while there is media. */
  get media(): CallMedia | null {
    return this.#media.current;
  }

  attach(): void {
    const s = this.#socket;
    const d = (action: Parameters<FlowStore['dispatch']>[0]) => this.#store.dispatch(action);
    this.#unsubscribe.push(
      s.onConnection((connected) => {
        if (helpActive(this.#state.help)) d({ type: 'helpReconnecting', on: !connected });
        if (connected) this.#draft.forget();
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
        this.#draft.sendNow();
        void this.#media.join(p.callId);
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
      this.#draft.attach(),
    );
    this.actions.attach();
  }

  dispose(): void {
    for (const u of this.#unsubscribe.splice(0)) u();
    this.actions.dispose();
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
    this.#media.preload();
    const gen = this.#gen;
    let hotline: string | null = null;
    try {
      // just after start-up (or a network blip) the socket may still be connecting
      if (!this.#socket.connected)
        await this.#socket.whenConnected(this.#deps.connectWaitMs ?? 5_000);
      const errand = s.bundleCode ? { bundleCode: s.bundleCode } : {};
      // Closed or nobody online: no queue with a wait nobody will serve, a call-back instead.
      const now = await this.#socket.request('help:availability', errand);
      if (gen !== this.#gen || this.#withdraw) return;
      hotline = now.hotline;
      if (!now.open || now.agentsOnline === 0) {
        const { open, nextOpenAt, hotline } = now;
        this.#store.dispatch({
          type: 'helpUnavailable',
          unavailable: { open, nextOpenAt, hotline },
        });
        return;
      }
      const res = await this.#socket.request('help:request', { ...errand, language: s.lang });
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
      const problem = problemOf(e, 'server');
      // service hours ended between the two questions: the same honest answer
      if (problem.code === 'HELP_CLOSED' && hotline) {
        const unavailable = { open: false, nextOpenAt: null, hotline };
        this.#store.dispatch({ type: 'helpUnavailable', unavailable });
        return;
      }
      this.#store.dispatch({ type: 'helpRequestFailed', problem });
    }
  }

  /** Books a call-back to `phone` (11 digits) for this errand; the panel says where it will ring. */
  async bookCallBack(phone: string): Promise<void> {
    const s = this.#state;
    if (s.help.phase !== 'unavailable' || s.help.callBackSending) return;
    this.#store.dispatch({ type: 'helpCallBackSending' });
    const gen = this.#gen;
    try {
      const res = await this.#socket.request('help:callBack', {
        phone,
        ...(s.bundleCode && { bundleCode: s.bundleCode }),
        language: s.lang,
      });
      if (gen !== this.#gen) return;
      this.#store.dispatch({ type: 'helpCallBackBooked', phoneMasked: res.phoneMasked });
    } catch {
      if (gen !== this.#gen) return;
      this.#store.dispatch({ type: 'helpCallBackFailed' });
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
    await this.#media.setEnabled(kind === 'mic' ? 'audio' : 'video', on);
  }

  #mine(ticketId: string): boolean {
    return ownsTicket(this.#state.help, ticketId);
  }

  /** Media, pending actions and the draft timer end with the call (or its requeue). */
  #endCallParts(): void {
    this.#media.leave();
    this.actions.clear();
    this.#draft.cancel();
  }
}
