import type { FlowAction } from '../flow/flow-reducer.ts';
import type { CallMedia, StartCallMedia } from './call-media.ts';
import type { HelpSocket } from './video-help.ts';

/** Loads the call's media code (mediasoup-client) once, when help is first asked for. */
let mediaModule: Promise<typeof import('./call-media.ts')> | null = null;
function loadMedia(): Promise<typeof import('./call-media.ts')> {
  mediaModule ??= import('./call-media.ts');
  return mediaModule;
}

/**
 * The media of the current call: joined when an agent answers, left when the call ends, is
 * requeued or wiped. What a join that was overtaken by one of those reports is dropped.
 */
export class CallMediaSession {
  readonly #signalling: HelpSocket['signalling'];
  readonly #start: StartCallMedia | undefined;
  readonly #dispatch: (action: FlowAction) => void;
  #media: CallMedia | null = null;
  /** Bumped when a call's media should no longer arrive (ended, requeued, wiped). */
  #gen = 0;

  /** `start` joins the call's media; by default the mediasoup client, loaded on demand. */
  constructor(
    signalling: HelpSocket['signalling'],
    dispatch: (action: FlowAction) => void,
    start?: StartCallMedia,
  ) {
    this.#signalling = signalling;
    this.#dispatch = dispatch;
    this.#start = start;
  }

  /** The call's streams for the screen, while there is media. */
  get current(): CallMedia | null {
    return this.#media;
  }

  /** The wait for an agent is the time to fetch the call's code, not the moment they answer. */
  preload(): void {
    if (!this.#start) void loadMedia().catch(() => undefined);
  }

  async join(callId: string): Promise<void> {
    const gen = ++this.#gen;
    const d = (action: FlowAction) => {
      if (gen === this.#gen) this.#dispatch(action);
    };
    try {
      const start = this.#start ?? (await loadMedia()).startCallMedia;
      const media = await start(this.#signalling, callId, {
        remoteVideo: (on) => d({ type: 'helpRemoteVideo', on }),
        quality: (score) => d({ type: 'helpQuality', score }),
        reconnecting: (on) => d({ type: 'helpReconnecting', on }),
        failed: () => {
          if (gen !== this.#gen) return;
          this.leave();
          d({ type: 'helpMedia', media: 'unavailable' });
        },
      });
      if (gen !== this.#gen) {
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

  /** Microphone or camera on/off, if there is media. */
  async setEnabled(kind: 'audio' | 'video', on: boolean): Promise<void> {
    await this.#media?.setEnabled(kind, on).catch(() => undefined);
  }

  leave(): void {
    this.#gen += 1;
    const m = this.#media;
    this.#media = null;
    void m?.leave().catch(() => undefined);
  }
}
