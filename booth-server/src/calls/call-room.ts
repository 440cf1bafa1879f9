import { SafeEventEmitter } from '@onething/contract/node/safe-event-emitter';
import { AppError } from '@onething/contract/errors';
import type { MediaNotifications, PeerInfo } from '@onething/contract/sockets/media';
import type { NotificationOf } from '@onething/contract/wire/contract';
import { createLogger } from '../logging/logger.ts';
import type {
  DtlsParameters,
  MediaKind,
  MsPipeTransport,
  MsProducer,
  MsRouter,
  RtpCapabilities,
  RtpCodecCapability,
  RtpParameters,
} from '../media/mediasoup-api.ts';
import type { PooledWorker } from '../media/worker-pool.ts';
import { Participant } from './participant.ts';

const log = createLogger('call-room');

/** Opus for speech, VP8 and H264 baseline so every Chromium build and most kiosks can send. */
export const MEDIA_CODECS: RtpCodecCapability[] = [
  { kind: 'audio', mimeType: 'audio/opus', clockRate: 48000, channels: 2 },
  {
    kind: 'video',
    mimeType: 'video/VP8',
    clockRate: 90000,
    parameters: { 'x-google-start-bitrate': 1000 },
  },
  {
    kind: 'video',
    mimeType: 'video/H264',
    clockRate: 90000,
    parameters: {
      'packetization-mode': 1,
      'profile-level-id': '42e01f',
      'level-asymmetry-allowed': 1,
    },
  },
];

export interface CallRoomOptions {
  maxIncomingBitrate: number;
}

/** A media notification for one peer; the call manager delivers it to that peer's socket. */
export type Signal = {
  [K in keyof typeof MediaNotifications]: {
    event: K;
    payload: NotificationOf<typeof MediaNotifications, K>;
  };
}[keyof typeof MediaNotifications];

/**
 * One call: a mediasoup router on one worker and the peers admitted to it. It owns its router
 * and participants and closes them; it tells peers about each other's producers because
 * mediasoup emits nothing for objects the application closes itself.
 */
export class CallRoom extends SafeEventEmitter<{
  signal: [toPeerId: string, signal: Signal];
  /** A homed peer's new producer: the media node pipes it to the call's other nodes. */
  produced: [peerId: string, producer: MsProducer];
  close: [];
}> {
  readonly id: string;
  readonly #options: CallRoomOptions;
  readonly #participants = new Map<string, Participant>();
  #worker: PooledWorker;
  #router: MsRouter;
  #closed = false;

  private constructor(
    id: string,
    worker: PooledWorker,
    router: MsRouter,
    options: CallRoomOptions,
  ) {
    super(log);
    this.id = id;
    this.#worker = worker;
    this.#router = router;
    this.#options = options;
  }

  static async create(
    id: string,
    worker: PooledWorker,
    options: CallRoomOptions,
  ): Promise<CallRoom> {
    const router = await worker.worker.createRouter({ mediaCodecs: MEDIA_CODECS });
    worker.load++;
    return new CallRoom(id, worker, router, options);
  }

  get workerIndex(): number {
    return this.#worker.index;
  }

  get closed(): boolean {
    return this.#closed;
  }

  peers(): PeerInfo[] {
    return [...this.#participants.values()].map((p) => p.info);
  }

  /**
   * Admits a peer (idempotent: a reconnecting peer keeps its place, its old media is dropped).
   * `homed` false: the peer's media lives on another node of the call.
   */
  admit(info: PeerInfo, homed = true): void {
    const existing = this.#participants.get(info.peerId);
    if (existing) {
      this.#closeMediaOf(existing);
      return;
    }
    this.#participants.set(info.peerId, new Participant(info, homed));
    this.#broadcast(info.peerId, {
      event: 'media:peerJoined',
      payload: { ...info, callId: this.id },
    });
  }

  isAdmitted(peerId: string): boolean {
    return this.#participants.has(peerId);
  }

  /** Peers whose media comes to this router. */
  homedPeers(): string[] {
    return [...this.#participants.values()].filter((p) => p.homed).map((p) => p.info.peerId);
  }

  /** The live producers of this room's homed peers, to pipe to a newly linked node. */
  homedProducers(): { peerId: string; producer: MsProducer }[] {
    return [...this.#participants.values()]
      .filter((p) => p.homed)
      .flatMap((p) =>
        [...p.producers.values()].map((producer) => ({ peerId: p.info.peerId, producer })),
      );
  }

  /** A pipe transport on this call's router, towards the same call's router on another node. */
  createPipeTransport(
    options: Parameters<MsRouter['createPipeTransport']>[0],
  ): Promise<MsPipeTransport> {
    return this.#router.createPipeTransport(options);
  }

  /**
   * A producer that arrived through a pipe from the node its peer is homed on: it counts as
   * that peer's, so the peers homed here can consume it by its (the source's) id.
   */
  addPipedProducer(peerId: string, producer: MsProducer): void {
    const p = this.#participant(peerId);
    p.producers.set(producer.id, producer);
    producer.on('transportclose', () => p.producers.delete(producer.id));
    this.#broadcast(peerId, {
      event: 'media:newProducer',
      payload: { callId: this.id, producerId: producer.id, peerId, kind: producer.kind },
    });
  }

  /** The source of a piped producer paused, resumed or closed on its own node. */
  async pipedProducerState(
    producerId: string,
    state: 'paused' | 'resumed' | 'closed',
  ): Promise<boolean> {
    const owner = [...this.#participants.values()].find(
      (o) => !o.homed && o.producers.has(producerId),
    );
    const producer = owner?.producers.get(producerId);
    if (!owner || !producer) return false;
    if (state === 'closed') {
      owner.producers.delete(producerId);
      producer.close();
      this.#broadcast(owner.info.peerId, {
        event: 'media:producerClosed',
        payload: { callId: this.id, producerId },
      });
      return true;
    }
    if (state === 'paused') await producer.pause();
    else await producer.resume();
    this.#broadcast(owner.info.peerId, {
      event: 'media:producerPaused',
      payload: { callId: this.id, producerId, paused: state === 'paused' },
    });
    return true;
  }

  join(peerId: string) {
    const p = this.#participant(peerId);
    const producers = [...this.#participants.values()]
      .filter((o) => o !== p)
      .flatMap((o) =>
        [...o.producers.values()].map((pr) => ({
          producerId: pr.id,
          peerId: o.info.peerId,
          kind: pr.kind,
        })),
      );
    return {
      peerId,
      rtpCapabilities: this.#router.rtpCapabilities,
      peers: this.peers(),
      producers,
    };
  }

  async createTransport(peerId: string, direction: 'send' | 'recv') {
    const p = this.#participant(peerId);
    const transport = await this.#router.createWebRtcTransport({
      webRtcServer: this.#worker.webRtcServer,
      enableUdp: true,
      enableTcp: true,
      preferUdp: true,
      initialAvailableOutgoingBitrate: 1_000_000,
      // The booth's camera may not send more than this; set with the transport (mediasoup 3.32).
      ...(direction === 'send' ? { maxIncomingBitrate: this.#options.maxIncomingBitrate } : {}),
      appData: { peerId, direction },
    });
    transport.on('dtlsstatechange', (state) => {
      if (state === 'failed' || state === 'closed') {
        log.warn({ call: this.id, peer: peerId, state }, 'transport DTLS ended');
        transport.close();
        p.transports.delete(transport.id);
      }
    });
    p.transports.set(transport.id, transport);
    return {
      id: transport.id,
      iceParameters: transport.iceParameters,
      iceCandidates: transport.iceCandidates,
      dtlsParameters: transport.dtlsParameters,
    };
  }

  async connectTransport(
    peerId: string,
    transportId: string,
    dtlsParameters: DtlsParameters,
  ): Promise<void> {
    const transport = this.#transport(peerId, transportId);
    await mediasoupCall(() => transport.connect({ dtlsParameters }));
  }

  async restartIce(peerId: string, transportId: string) {
    const transport = this.#transport(peerId, transportId);
    return { iceParameters: await transport.restartIce() };
  }

  async produce(
    peerId: string,
    transportId: string,
    kind: MediaKind,
    rtpParameters: RtpParameters,
  ) {
    const p = this.#participant(peerId);
    const transport = this.#transport(peerId, transportId);
    if (transport.appData.direction !== 'send')
      throw AppError.validation('not a send transport', ['transportId']);
    if ([...p.producers.values()].some((pr) => pr.kind === kind)) {
      throw AppError.conflict(`already sending ${kind}`);
    }
    const producer = await mediasoupCall(() =>
      transport.produce({ kind, rtpParameters, appData: { peerId } }),
    );
    p.producers.set(producer.id, producer);
    producer.on('transportclose', () => p.producers.delete(producer.id));
    this.#broadcast(peerId, {
      event: 'media:newProducer',
      payload: { callId: this.id, producerId: producer.id, peerId, kind },
    });
    this.safeEmit('produced', peerId, producer);
    return { producerId: producer.id };
  }

  /** Creates the consumer paused; the client resumes it once its side exists (no lost keyframe). */
  async consume(peerId: string, producerId: string, rtpCapabilities: RtpCapabilities) {
    const p = this.#participant(peerId);
    const owner = [...this.#participants.values()].find((o) => o.producers.has(producerId));
    if (!owner || owner === p) throw AppError.notFound(`producer ${producerId} in this call`);
    if (!this.#router.canConsume({ producerId, rtpCapabilities })) {
      throw AppError.validation('your browser cannot receive this media (codec mismatch)', [
        'rtpCapabilities',
      ]);
    }
    const transport = [...p.transports.values()].find((t) => t.appData.direction === 'recv');
    if (!transport) throw AppError.conflict('create a receive transport first');
    p.rtpCapabilities = rtpCapabilities;
    const consumer = await mediasoupCall(() =>
      transport.consume({ producerId, rtpCapabilities, paused: true, appData: { peerId } }),
    );
    p.consumers.set(consumer.id, consumer);
    consumer.on('transportclose', () => p.consumers.delete(consumer.id));
    consumer.on('producerclose', () => {
      p.consumers.delete(consumer.id);
      this.#signal(peerId, {
        event: 'media:producerClosed',
        payload: { callId: this.id, producerId },
      });
    });
    consumer.on('score', ({ score, producerScore }) => {
      // What this peer receives is as good as the worse of the two legs.
      const quality = Math.min(score, producerScore);
      if (quality === p.quality) return;
      p.quality = quality;
      for (const to of this.#participants.keys()) {
        this.#signal(to, {
          event: 'media:quality',
          payload: { callId: this.id, peerId, score: quality },
        });
      }
    });
    return {
      consumerId: consumer.id,
      producerId,
      kind: consumer.kind,
      rtpParameters: consumer.rtpParameters,
    };
  }

  async resumeConsumer(peerId: string, consumerId: string): Promise<void> {
    const consumer = this.#participant(peerId).consumers.get(consumerId);
    if (!consumer) throw AppError.notFound(`consumer ${consumerId}`);
    await consumer.resume();
  }

  async setPaused(peerId: string, producerId: string, paused: boolean): Promise<boolean> {
    const producer = this.#participant(peerId).producers.get(producerId);
    if (!producer) throw AppError.notFound(`producer ${producerId}`);
    if (paused) await producer.pause();
    else await producer.resume();
    this.#broadcast(peerId, {
      event: 'media:producerPaused',
      payload: { callId: this.id, producerId, paused },
    });
    return paused;
  }

  leave(peerId: string): void {
    const p = this.#participants.get(peerId);
    if (!p) return;
    this.#closeMediaOf(p);
    this.#participants.delete(peerId);
    this.#broadcast(peerId, { event: 'media:peerLeft', payload: { callId: this.id, peerId } });
  }

  /** Asks the homed peers to set up their media again (the call's media moved to this node). */
  askRejoin(reason: string): number {
    const homed = this.homedPeers();
    for (const p of this.#participants.values()) if (p.homed) p.resetMedia();
    for (const to of homed) {
      this.#signal(to, { event: 'media:rejoin', payload: { callId: this.id, reason } });
    }
    return homed.length;
  }

  /** Moves the call to another worker after its worker died; peers are asked to rejoin. */
  async relocate(worker: PooledWorker, reason: string): Promise<void> {
    const router = await worker.worker.createRouter({ mediaCodecs: MEDIA_CODECS });
    this.#worker.load = Math.max(0, this.#worker.load - 1);
    if (!this.#router.closed) this.#router.close();
    this.#worker = worker;
    this.#router = router;
    worker.load++;
    for (const p of this.#participants.values()) p.resetMedia();
    for (const to of this.#participants.keys()) {
      this.#signal(to, { event: 'media:rejoin', payload: { callId: this.id, reason } });
    }
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const p of this.#participants.values()) p.close();
    this.#participants.clear();
    if (!this.#router.closed) this.#router.close();
    this.#worker.load = Math.max(0, this.#worker.load - 1);
    this.safeEmit('close');
  }

  /** Closing a peer's producers ourselves: mediasoup will not tell the others, so we do. */
  #closeMediaOf(p: Participant): void {
    for (const producerId of p.producers.keys()) {
      this.#broadcast(p.info.peerId, {
        event: 'media:producerClosed',
        payload: { callId: this.id, producerId },
      });
    }
    p.resetMedia();
  }

  #broadcast(fromPeerId: string, signal: Signal): void {
    for (const to of this.#participants.keys()) if (to !== fromPeerId) this.#signal(to, signal);
  }

  /** Only peers homed here hear from this room; the others hear from their own node's. */
  #signal(to: string, signal: Signal): void {
    if (this.#participants.get(to)?.homed === false) return;
    this.safeEmit('signal', to, signal);
  }

  #participant(peerId: string): Participant {
    const p = this.#participants.get(peerId);
    if (!p) throw new AppError('NOT_IN_CALL');
    return p;
  }

  #transport(peerId: string, transportId: string) {
    const t = this.#participant(peerId).transports.get(transportId);
    if (!t) throw AppError.notFound(`transport ${transportId}`);
    return t;
  }
}

/**
 * mediasoup rejects malformed parameters with TypeError; that is the client's input, not our bug.
 * Since 3.21 the worker answers NotFoundError when a referenced producer or transport is gone
 * (closed while the request was on its way): that is a not-found for the client too.
 */
async function mediasoupCall<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (!(e instanceof Error)) throw e;
    if (e instanceof TypeError || e.name === 'UnsupportedError') {
      throw AppError.validation(`media parameters refused: ${e.message}`);
    }
    if (e.name === 'NotFoundError') throw new AppError('NOT_FOUND', `media: ${e.message}`);
    throw e;
  }
}
