import { EventEmitter } from 'node:events';
import type { WorkerPool } from '../media/worker-pool.ts';
import type {
  MediaKind,
  MsConsumer,
  MsPipeTransport,
  MsProducer,
  MsRouter,
  MsWebRtcTransport,
  RtpParameters,
} from '../media/mediasoup-api.ts';

/**
 * mediasoup's server objects as the call rooms and pipes use them, in memory: producers,
 * consumers that follow their producer (pause, resume, close), WebRTC and pipe transports that
 * record how they were created and connected. For unit tests on a machine without a worker;
 * the real-media e2e tests run the real thing.
 */
let ids = 0;
const nextId = (prefix: string) => `${prefix}-${++ids}`;

class Emitting extends EventEmitter {
  readonly observer = new EventEmitter();
}

const RTP: RtpParameters = {
  mid: '0',
  codecs: [{ mimeType: 'video/VP8', payloadType: 101, clockRate: 90000 }],
  encodings: [{ ssrc: 1111 }],
};

class FakeProducer extends Emitting implements MsProducer {
  readonly id: string;
  readonly kind: MediaKind;
  readonly appData: Record<string, unknown>;
  readonly rtpParameters: RtpParameters;
  readonly consumers = new Set<FakeConsumer>();
  closed = false;
  paused: boolean;

  constructor(o: {
    id?: string;
    kind: MediaKind;
    rtpParameters: RtpParameters;
    paused?: boolean;
    appData?: Record<string, unknown>;
  }) {
    super();
    this.id = o.id ?? nextId('producer');
    this.kind = o.kind;
    this.rtpParameters = o.rtpParameters;
    this.paused = o.paused ?? false;
    this.appData = o.appData ?? {};
  }

  async pause(): Promise<void> {
    this.paused = true;
    for (const c of this.consumers) c.emit('producerpause');
  }

  async resume(): Promise<void> {
    this.paused = false;
    for (const c of this.consumers) c.emit('producerresume');
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const c of [...this.consumers]) {
      c.closed = true;
      c.emit('producerclose');
    }
    this.observer.emit('close');
  }
}

class FakeConsumer extends Emitting implements MsConsumer {
  readonly id = nextId('consumer');
  readonly producerId: string;
  readonly kind: MediaKind;
  readonly rtpParameters: RtpParameters;
  readonly appData: Record<string, unknown>;
  readonly producerPaused: boolean;
  closed = false;

  constructor(producer: FakeProducer, appData: Record<string, unknown> = {}) {
    super();
    this.producerId = producer.id;
    this.kind = producer.kind;
    this.rtpParameters = producer.rtpParameters;
    this.producerPaused = producer.paused;
    this.appData = appData;
    producer.consumers.add(this);
  }

  async resume(): Promise<void> {}

  close(): void {
    this.closed = true;
  }
}

/** A router: every producer on any of its transports can be consumed on any other. */
export class FakeRouter implements MsRouter {
  readonly id = nextId('router');
  readonly rtpCapabilities = { codecs: [], headerExtensions: [] };
  readonly producers = new Map<string, FakeProducer>();
  readonly pipes: FakePipeTransport[] = [];
  closed = false;

  canConsume(o: { producerId: string }): boolean {
    return this.producers.has(o.producerId);
  }

  async createWebRtcTransport(o: {
    appData?: Record<string, unknown>;
  }): Promise<MsWebRtcTransport> {
    const producers = this.producers;
    const own: FakeProducer[] = [];
    const t = Object.assign(new Emitting(), {
      id: nextId('transport'),
      closed: false,
      appData: o.appData ?? {},
      iceParameters: { usernameFragment: 'frag', password: 'secret', iceLite: true },
      iceCandidates: [],
      dtlsParameters: {
        role: 'auto' as const,
        fingerprints: [{ algorithm: 'sha-256', value: 'AB' }],
      },
      connect: async () => undefined,
      restartIce: async () => ({ usernameFragment: 'f2', password: 's2', iceLite: true }),
      async produce(p: {
        kind: MediaKind;
        rtpParameters: RtpParameters;
        appData?: Record<string, unknown>;
      }) {
        const producer = new FakeProducer(p);
        producers.set(producer.id, producer);
        own.push(producer);
        return producer;
      },
      async consume(c: {
        producerId: string;
        paused?: boolean;
        appData?: Record<string, unknown>;
      }) {
        const producer = producers.get(c.producerId);
        if (!producer)
          throw Object.assign(new Error('producer not found'), { name: 'NotFoundError' });
        return new FakeConsumer(producer, c.appData);
      },
      // As in mediasoup: a closed transport closes its producers, whose consumers hear of it.
      close() {
        t.closed = true;
        for (const p of own) {
          p.emit('transportclose');
          p.close();
        }
      },
    });
    return t;
  }

  async createPipeTransport(
    o: Parameters<MsRouter['createPipeTransport']>[0],
  ): Promise<MsPipeTransport> {
    const t = new FakePipeTransport(this, o);
    this.pipes.push(t);
    return t;
  }

  close(): void {
    this.closed = true;
    for (const p of this.pipes) p.close();
  }
}

let port = 45000;

export class FakePipeTransport extends Emitting implements MsPipeTransport {
  readonly id = nextId('pipe');
  readonly options: Parameters<MsRouter['createPipeTransport']>[0];
  readonly tuple: MsPipeTransport['tuple'];
  readonly srtpParameters?: MsPipeTransport['srtpParameters'];
  readonly #router: FakeRouter;
  readonly produced: FakeProducer[] = [];
  connectedTo: { ip: string; port: number; srtpParameters?: unknown } | null = null;
  closed = false;

  constructor(router: FakeRouter, options: Parameters<MsRouter['createPipeTransport']>[0]) {
    super();
    this.#router = router;
    this.options = options;
    this.tuple = {
      localAddress: options.listenInfo.announcedAddress ?? options.listenInfo.ip,
      localPort: ++port,
      protocol: 'udp',
    };
    if (options.enableSrtp) {
      this.srtpParameters = { cryptoSuite: 'AEAD_AES_256_GCM', keyBase64: `key-${this.id}` };
    }
  }

  async connect(o: { ip: string; port: number; srtpParameters?: unknown }): Promise<void> {
    this.connectedTo = o;
  }

  async consume(o: { producerId: string }): Promise<MsConsumer> {
    const producer = this.#router.producers.get(o.producerId);
    if (!producer) throw Object.assign(new Error('producer not found'), { name: 'NotFoundError' });
    return new FakeConsumer(producer);
  }

  async produce(o: {
    id: string;
    kind: MediaKind;
    rtpParameters: RtpParameters;
    paused?: boolean;
    appData?: Record<string, unknown>;
  }): Promise<MsProducer> {
    const producer = new FakeProducer(o);
    this.#router.producers.set(producer.id, producer);
    this.produced.push(producer);
    return producer;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const p of this.produced) {
      p.emit('transportclose');
      p.close();
    }
  }
}

/** A worker pool of one in-memory worker whose routers the test can inspect. */
export function fakeWorkerPool(): { pool: WorkerPool; routers: FakeRouter[] } {
  const routers: FakeRouter[] = [];
  const pooled = {
    index: 0,
    worker: {
      createRouter: async () => {
        const r = new FakeRouter();
        routers.push(r);
        return r;
      },
    },
    webRtcServer: { id: 'webrtc-server', close: () => undefined },
    load: 0,
  };
  const pool = {
    availability: { available: true, reason: null, workers: 1, version: 'fake' },
    pick: () => pooled,
    on: () => pool,
  } as unknown as WorkerPool;
  return { pool, routers };
}

export { RTP as FAKE_RTP };
