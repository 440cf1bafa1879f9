import {
  ContractClient,
  type ClientSocketLike,
  type NotificationPayload,
} from '@onething/contract/wire/contract-client';
import { MediaNotifications, MediaRequests, type PeerInfo } from '@onething/contract/sockets/media';
import { Device, type types } from 'mediasoup-client';
import { CallError } from './call-error.ts';
import {
  isDtlsParameters,
  isIceCandidates,
  isRtpCapabilities,
  isRtpParameters,
} from './media-parameters.ts';

/**
 * The browser side of a call (kiosk and agent console alike), after LiveKit's Room: one object
 * per call, events as a string enum, an injectable reconnect policy. It speaks the media
 * signalling contract (contract/src/sockets/media.ts) over any socket.io socket, through the
 * contract runtime: requests, answers and notifications are checked on both ends.
 *
 * Recovery: when a transport's connection fails it first restarts ICE (cheap, keeps the
 * transports); if that does not bring it back within the policy's time it rejoins from scratch.
 * The server may also ask for a rejoin (media:rejoin) after moving the call to a new worker.
 */
export enum CallEvent {
  RemoteTrack = 'remoteTrack',
  RemoteTrackEnded = 'remoteTrackEnded',
  RemotePaused = 'remotePaused',
  PeerJoined = 'peerJoined',
  PeerLeft = 'peerLeft',
  Quality = 'quality',
  Reconnecting = 'reconnecting',
  Reconnected = 'reconnected',
  Failed = 'failed',
}

export interface CallEvents {
  [CallEvent.RemoteTrack]: [{ peerId: string; producerId: string; track: MediaStreamTrack }];
  [CallEvent.RemoteTrackEnded]: [{ producerId: string }];
  [CallEvent.RemotePaused]: [{ producerId: string; paused: boolean }];
  [CallEvent.PeerJoined]: [PeerInfo];
  [CallEvent.PeerLeft]: [{ peerId: string }];
  [CallEvent.Quality]: [{ peerId: string; score: number }];
  [CallEvent.Reconnecting]: [{ reason: string }];
  [CallEvent.Reconnected]: [];
  [CallEvent.Failed]: [{ reason: string }];
}

export interface ReconnectPolicy {
  /** How long an ICE restart may take before a full rejoin. */
  iceRestartTimeoutMs: number;
  /** Full rejoins to try before giving up. */
  maxRejoins: number;
}

export const DEFAULT_RECONNECT_POLICY: ReconnectPolicy = {
  iceRestartTimeoutMs: 8000,
  maxRejoins: 3,
};

/**
 * What CallClient needs of a socket.io client socket (the kiosk's KioskSocket and the console's
 * staff socket hand it one). `connected` is not needed: socket.io buffers an emit while it
 * reconnects and the request's time-out bounds the wait, which an ICE restart relies on (it is
 * often asked while the socket itself is reconnecting).
 */
export interface SignallingSocket {
  timeout(ms: number): { emitWithAck(event: string, payload: unknown): Promise<unknown> };
  on(event: string, listener: (...args: unknown[]) => void): unknown;
  off(event: string, listener: (...args: unknown[]) => void): unknown;
}

/** How long one signalling request waits for its answer. */
const REQUEST_TIMEOUT_MS = 10_000;

type Listener<A extends unknown[]> = (...args: A) => void;
type ListenerSets = { [E in keyof CallEvents]: Set<Listener<CallEvents[E]>> };
type MediaClient = ContractClient<typeof MediaRequests, typeof MediaNotifications, CallError>;

export class CallClient {
  readonly callId: string;
  readonly #signalling: MediaClient;
  readonly #policy: ReconnectPolicy;
  readonly #listeners: ListenerSets = {
    [CallEvent.RemoteTrack]: new Set(),
    [CallEvent.RemoteTrackEnded]: new Set(),
    [CallEvent.RemotePaused]: new Set(),
    [CallEvent.PeerJoined]: new Set(),
    [CallEvent.PeerLeft]: new Set(),
    [CallEvent.Quality]: new Set(),
    [CallEvent.Reconnecting]: new Set(),
    [CallEvent.Reconnected]: new Set(),
    [CallEvent.Failed]: new Set(),
  };
  readonly #offs: (() => void)[] = [];
  #device: Device | null = null;
  #send: types.Transport | null = null;
  #recv: types.Transport | null = null;
  readonly #producers = new Map<types.MediaKind, types.Producer>();
  readonly #consumers = new Map<string, types.Consumer>();
  #local: MediaStream | null = null;
  #peerId: string | null = null;
  #closed = false;
  #rejoins = 0;
  #recovering = false;
  /** Producers announced while joining, before the receive transport existed: consumed after. */
  readonly #announced = new Map<string, string>();

  constructor(
    socket: SignallingSocket,
    callId: string,
    policy: ReconnectPolicy = DEFAULT_RECONNECT_POLICY,
  ) {
    this.#signalling = new ContractClient(
      buffered(socket),
      { requests: MediaRequests, notifications: MediaNotifications },
      { peer: 'server', timeoutMs: REQUEST_TIMEOUT_MS, errors: CallError.wire },
    );
    this.callId = callId;
    this.#policy = policy;
  }

  on<E extends keyof CallEvents>(event: E, listener: Listener<CallEvents[E]>): () => void {
    const set: Set<Listener<CallEvents[E]>> = this.#listeners[event];
    set.add(listener);
    return () => set.delete(listener);
  }

  #emit<E extends keyof CallEvents>(event: E, ...args: CallEvents[E]): void {
    const set: Set<Listener<CallEvents[E]>> = this.#listeners[event];
    for (const listener of set) {
      // one broken listener must not keep the others, or the call's own recovery, from running
      try {
        listener(...args);
      } catch (e) {
        console.error(`call ${event} listener failed`, e);
      }
    }
  }

  get peerId(): string | null {
    return this.#peerId;
  }

  /** Joins the call and sends the local stream's tracks. */
  async join(local: MediaStream): Promise<{ peers: PeerInfo[] }> {
    this.#local = local;
    this.#listen();
    return this.#connect();
  }

  async #connect(): Promise<{ peers: PeerInfo[] }> {
    const joined = await this.#signalling.request('media:join', { callId: this.callId });
    const routerRtpCapabilities = joined.rtpCapabilities;
    if (!isRtpCapabilities(routerRtpCapabilities)) {
      throw CallError.badResponse('server media:join', 'rtpCapabilities: not RTP capabilities');
    }
    this.#peerId = joined.peerId;
    const device = new Device();
    await device.load({ routerRtpCapabilities });
    this.#device = device;
    this.#send = await this.#transport(device, 'send');
    this.#recv = await this.#transport(device, 'recv');
    for (const track of this.#local?.getTracks() ?? []) {
      const kind = track.kind;
      if (kind !== 'audio' && kind !== 'video') continue;
      const producer = await this.#send.produce({
        track,
        // 720p at most: enough to read an ID card on camera, light enough for booth uplinks.
        ...(kind === 'video' ? { encodings: [{ maxBitrate: 1_200_000 }] } : {}),
        stopTracks: false,
      });
      this.#producers.set(kind, producer);
    }
    for (const p of joined.producers) await this.#consume(p.producerId, p.peerId);
    for (const [producerId, peerId] of this.#announced) {
      this.#announced.delete(producerId);
      if (!this.#consumers.has(producerId))
        await this.#consume(producerId, peerId).catch(() => undefined);
    }
    return { peers: joined.peers };
  }

  async #transport(device: Device, direction: 'send' | 'recv'): Promise<types.Transport> {
    const opts = await this.#signalling.request('media:createTransport', {
      callId: this.callId,
      direction,
    });
    const { iceCandidates, dtlsParameters } = opts;
    if (!isIceCandidates(iceCandidates) || !isDtlsParameters(dtlsParameters)) {
      throw CallError.badResponse('server media:createTransport', 'not transport parameters');
    }
    const options = { ...opts, iceCandidates, dtlsParameters };
    const transport =
      direction === 'send'
        ? device.createSendTransport(options)
        : device.createRecvTransport(options);
    transport.on('connect', ({ dtlsParameters: local }, done, fail) => {
      this.#signalling
        .request('media:connectTransport', {
          callId: this.callId,
          transportId: transport.id,
          dtlsParameters: local,
        })
        .then(() => done())
        .catch(fail);
    });
    if (direction === 'send') {
      transport.on('produce', ({ kind, rtpParameters }, done, fail) => {
        this.#signalling
          .request('media:produce', {
            callId: this.callId,
            transportId: transport.id,
            kind,
            rtpParameters,
          })
          .then(({ producerId }) => done({ id: producerId }))
          .catch(fail);
      });
    }
    transport.on('connectionstatechange', (state) => {
      if (state === 'failed' || state === 'disconnected') void this.#recover(transport, state);
    });
    return transport;
  }

  async #consume(producerId: string, peerId: string): Promise<void> {
    if (!this.#device || !this.#recv) return;
    const c = await this.#signalling.request('media:consume', {
      callId: this.callId,
      producerId,
      rtpCapabilities: this.#device.rtpCapabilities,
    });
    const { rtpParameters } = c;
    if (!isRtpParameters(rtpParameters)) {
      throw CallError.badResponse('server media:consume', 'rtpParameters: not RTP parameters');
    }
    const consumer = await this.#recv.consume({
      id: c.consumerId,
      producerId: c.producerId,
      kind: c.kind,
      rtpParameters,
    });
    this.#consumers.set(producerId, consumer);
    // The server created it paused; resume now that our side exists, so no keyframe is lost.
    await this.#signalling.request('media:resumeConsumer', {
      callId: this.callId,
      consumerId: consumer.id,
    });
    this.#emit(CallEvent.RemoteTrack, { peerId, producerId, track: consumer.track });
  }

  #listen(): void {
    // Every media notification carries its call: those of another call on the socket are not ours.
    const on = <K extends keyof typeof MediaNotifications & string>(
      name: K,
      fn: (payload: NotificationPayload<typeof MediaNotifications, K>) => void,
    ) => {
      this.#offs.push(
        this.#signalling.on(name, (payload) => {
          if (payload.callId === this.callId) fn(payload);
        }),
      );
    };
    on('media:newProducer', (p) => {
      // Still joining (or rejoining): the join's producer list was taken before this one, so
      // it is consumed once the receive transport exists instead of being lost.
      if (!this.#recv) this.#announced.set(p.producerId, p.peerId);
      else void this.#consume(p.producerId, p.peerId).catch(() => undefined);
    });
    on('media:producerClosed', (p) => {
      this.#announced.delete(p.producerId);
      this.#consumers.get(p.producerId)?.close();
      this.#consumers.delete(p.producerId);
      this.#emit(CallEvent.RemoteTrackEnded, { producerId: p.producerId });
    });
    on('media:producerPaused', (p) =>
      this.#emit(CallEvent.RemotePaused, { producerId: p.producerId, paused: p.paused }),
    );
    on('media:peerJoined', (p) => this.#emit(CallEvent.PeerJoined, p));
    on('media:peerLeft', (p) => this.#emit(CallEvent.PeerLeft, { peerId: p.peerId }));
    on('media:quality', (p) => this.#emit(CallEvent.Quality, { peerId: p.peerId, score: p.score }));
    on('media:rejoin', (p) => void this.#rejoin(p.reason));
  }

  async #recover(transport: types.Transport, state: string): Promise<void> {
    if (this.#closed || this.#recovering) return;
    this.#recovering = true;
    this.#emit(CallEvent.Reconnecting, { reason: `connection ${state}` });
    try {
      const { iceParameters } = await this.#signalling.request('media:restartIce', {
        callId: this.callId,
        transportId: transport.id,
      });
      await transport.restartIce({ iceParameters });
      const ok = await waitFor(
        () => transport.connectionState === 'connected',
        this.#policy.iceRestartTimeoutMs,
      );
      this.#recovering = false;
      if (ok) this.#emit(CallEvent.Reconnected);
      else await this.#rejoin('ICE restart did not reconnect');
    } catch {
      this.#recovering = false;
      await this.#rejoin('ICE restart failed');
    }
  }

  async #rejoin(reason: string): Promise<void> {
    if (this.#closed) return;
    if (this.#rejoins >= this.#policy.maxRejoins) {
      this.#emit(CallEvent.Failed, { reason });
      return;
    }
    this.#rejoins++;
    this.#emit(CallEvent.Reconnecting, { reason });
    this.#teardown();
    try {
      await this.#connect();
      this.#emit(CallEvent.Reconnected);
    } catch (e) {
      this.#emit(CallEvent.Failed, { reason: e instanceof Error ? e.message : String(e) });
    }
  }

  /** Mute or unmute: the producer pauses so the other side sees it was on purpose. */
  async setEnabled(kind: types.MediaKind, enabled: boolean): Promise<void> {
    const producer = this.#producers.get(kind);
    if (!producer) return;
    if (enabled) producer.resume();
    else producer.pause();
    await this.#signalling.request('media:setPaused', {
      callId: this.callId,
      producerId: producer.id,
      paused: !enabled,
    });
  }

  /** Inbound video/audio statistics, e.g. to show frames decoded and packets received. */
  async inboundStats(): Promise<
    { kind: string; framesDecoded?: number; packetsReceived?: number }[]
  > {
    const out: { kind: string; framesDecoded?: number; packetsReceived?: number }[] = [];
    for (const c of this.#consumers.values()) {
      const report = await c.getStats();
      report.forEach(
        (s: { type: string; kind?: string; framesDecoded?: number; packetsReceived?: number }) => {
          if (s.type === 'inbound-rtp') {
            out.push({
              kind: s.kind ?? c.kind,
              framesDecoded: s.framesDecoded,
              packetsReceived: s.packetsReceived,
            });
          }
        },
      );
    }
    return out;
  }

  #teardown(): void {
    for (const c of this.#consumers.values()) c.close();
    this.#consumers.clear();
    for (const p of this.#producers.values()) p.close();
    this.#producers.clear();
    this.#send?.close();
    this.#recv?.close();
    this.#send = null;
    this.#recv = null;
  }

  async leave(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    for (const off of this.#offs.splice(0)) off();
    this.#teardown();
    await this.#signalling.request('media:leave', { callId: this.callId }).catch(() => undefined);
  }
}

/**
 * The signalling socket as the contract runtime sees it: always worth a try, since socket.io
 * sends a buffered emit once it is back and the request's time-out bounds the wait.
 */
function buffered(socket: SignallingSocket): ClientSocketLike {
  return {
    connected: true,
    timeout: (ms) => socket.timeout(ms),
    on: (event, listener) => socket.on(event, listener),
    off: (event, listener) => socket.off(event, listener),
  };
}

function waitFor(pred: () => boolean, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const start = Date.now();
    const tick = () => {
      if (pred()) return resolve(true);
      if (Date.now() - start >= ms) return resolve(false);
      setTimeout(tick, 200);
    };
    tick();
  });
}
