import { Device, type types } from 'mediasoup-client';
import type { AckResult } from '../errors.ts';
import type { PeerInfo } from '../sockets/media.ts';

/**
 * The browser side of a call (kiosk and agent console alike), after LiveKit's Room: one object
 * per call, events as a string enum, an injectable reconnect policy. It speaks the media
 * signalling contract (contract/src/sockets/media.ts) over any socket.io socket.
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

/** What CallClient needs of a socket.io client socket. */
export interface SignallingSocket {
  timeout(ms: number): { emitWithAck(event: string, payload: unknown): Promise<unknown> };
  on(event: string, listener: (...args: unknown[]) => void): unknown;
  off(event: string, listener: (...args: unknown[]) => void): unknown;
}

export class CallError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = 'CallError';
    this.code = code;
  }
  static timeout(what: string): CallError {
    return new CallError('TIMEOUT', `${what} timed out`);
  }
  static server(code: string, message: string): CallError {
    return new CallError(code, message);
  }
}

type Listener<A extends unknown[]> = (...args: A) => void;

export class CallClient {
  readonly callId: string;
  readonly #socket: SignallingSocket;
  readonly #policy: ReconnectPolicy;
  readonly #listeners = new Map<keyof CallEvents, Set<Listener<never[]>>>();
  readonly #offs: (() => void)[] = [];
  #device: Device | null = null;
  #send: types.Transport | null = null;
  #recv: types.Transport | null = null;
  readonly #producers = new Map<'audio' | 'video', types.Producer>();
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
    this.#socket = socket;
    this.callId = callId;
    this.#policy = policy;
  }

  on<E extends keyof CallEvents>(event: E, listener: Listener<CallEvents[E]>): () => void {
    let set = this.#listeners.get(event);
    if (!set) {
      set = new Set();
      this.#listeners.set(event, set);
    }
    set.add(listener as Listener<never[]>);
    return () => set.delete(listener as Listener<never[]>);
  }

  #emit<E extends keyof CallEvents>(event: E, ...args: CallEvents[E]): void {
    for (const l of this.#listeners.get(event) ?? []) (l as Listener<CallEvents[E]>)(...args);
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
    const joined = await this.#request<{
      peerId: string;
      rtpCapabilities: types.RtpCapabilities;
      peers: PeerInfo[];
      producers: { producerId: string; peerId: string; kind: 'audio' | 'video' }[];
    }>('media:join', { callId: this.callId });
    this.#peerId = joined.peerId;
    const device = new Device();
    await device.load({ routerRtpCapabilities: joined.rtpCapabilities });
    this.#device = device;
    this.#send = await this.#transport(device, 'send');
    this.#recv = await this.#transport(device, 'recv');
    for (const track of this.#local?.getTracks() ?? []) {
      const kind = track.kind as 'audio' | 'video';
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
    const opts = await this.#request<types.TransportOptions>('media:createTransport', {
      callId: this.callId,
      direction,
    });
    const transport =
      direction === 'send' ? device.createSendTransport(opts) : device.createRecvTransport(opts);
    transport.on('connect', ({ dtlsParameters }, done, fail) => {
      this.#request('media:connectTransport', {
        callId: this.callId,
        transportId: transport.id,
        dtlsParameters,
      })
        .then(() => done())
        .catch(fail);
    });
    if (direction === 'send') {
      transport.on('produce', ({ kind, rtpParameters }, done, fail) => {
        this.#request<{ producerId: string }>('media:produce', {
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
    const c = await this.#request<{
      consumerId: string;
      producerId: string;
      kind: 'audio' | 'video';
      rtpParameters: types.RtpParameters;
    }>('media:consume', {
      callId: this.callId,
      producerId,
      rtpCapabilities: this.#device.rtpCapabilities,
    });
    const consumer = await this.#recv.consume({
      id: c.consumerId,
      producerId: c.producerId,
      kind: c.kind,
      rtpParameters: c.rtpParameters,
    });
    this.#consumers.set(producerId, consumer);
    // The server created it paused; resume now that our side exists, so no keyframe is lost.
    await this.#request('media:resumeConsumer', { callId: this.callId, consumerId: consumer.id });
    this.#emit(CallEvent.RemoteTrack, { peerId, producerId, track: consumer.track });
  }

  #listen(): void {
    const on = <T>(event: string, fn: (p: T) => void) => {
      const listener = (...args: unknown[]) => {
        const p = args[0] as T;
        if ((p as { callId?: string }).callId === this.callId) fn(p);
      };
      this.#socket.on(event, listener);
      this.#offs.push(() => this.#socket.off(event, listener));
    };
    on<{ producerId: string; peerId: string }>('media:newProducer', (p) => {
      // Still joining (or rejoining): the join's producer list was taken before this one, so
      // it is consumed once the receive transport exists instead of being lost.
      if (!this.#recv) this.#announced.set(p.producerId, p.peerId);
      else void this.#consume(p.producerId, p.peerId).catch(() => undefined);
    });
    on<{ producerId: string }>('media:producerClosed', (p) => {
      this.#announced.delete(p.producerId);
      this.#consumers.get(p.producerId)?.close();
      this.#consumers.delete(p.producerId);
      this.#emit(CallEvent.RemoteTrackEnded, { producerId: p.producerId });
    });
    on<{ producerId: string; paused: boolean }>('media:producerPaused', (p) =>
      this.#emit(CallEvent.RemotePaused, { producerId: p.producerId, paused: p.paused }),
    );
    on<PeerInfo>('media:peerJoined', (p) => this.#emit(CallEvent.PeerJoined, p));
    on<{ peerId: string }>('media:peerLeft', (p) =>
      this.#emit(CallEvent.PeerLeft, { peerId: p.peerId }),
    );
    on<{ peerId: string; score: number }>('media:quality', (p) =>
      this.#emit(CallEvent.Quality, { peerId: p.peerId, score: p.score }),
    );
    on<{ reason: string }>('media:rejoin', (p) => void this.#rejoin(p.reason));
  }

  async #recover(transport: types.Transport, state: string): Promise<void> {
    if (this.#closed || this.#recovering) return;
    this.#recovering = true;
    this.#emit(CallEvent.Reconnecting, { reason: `connection ${state}` });
    try {
      const { iceParameters } = await this.#request<{ iceParameters: types.IceParameters }>(
        'media:restartIce',
        {
          callId: this.callId,
          transportId: transport.id,
        },
      );
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
      this.#emit(CallEvent.Failed, { reason: (e as Error).message });
    }
  }

  /** Mute or unmute: the producer pauses so the other side sees it was on purpose. */
  async setEnabled(kind: 'audio' | 'video', enabled: boolean): Promise<void> {
    const producer = this.#producers.get(kind);
    if (!producer) return;
    if (enabled) producer.resume();
    else producer.pause();
    await this.#request('media:setPaused', {
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
    await this.#request('media:leave', { callId: this.callId }).catch(() => undefined);
  }

  async #request<T>(event: string, payload: unknown): Promise<T> {
    let res: AckResult<T>;
    try {
      res = (await this.#socket.timeout(10_000).emitWithAck(event, payload)) as AckResult<T>;
    } catch {
      throw CallError.timeout(event);
    }
    if (!res.ok) throw CallError.server(res.error.code, res.error.message);
    return res.data;
  }
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
