import { SafeEventEmitter } from '@onething/contract/node/safe-event-emitter';
import os from 'node:os';
import { createLogger } from '../logging/logger.ts';
import type { MediasoupModule, MsWebRtcServer, MsWorker } from './mediasoup-api.ts';
import { probeWorkerBinary } from './worker-binary.ts';

const log = createLogger('media');

export interface MediaAvailability {
  available: boolean;
  reason: string | null;
  workers: number;
  version: string | null;
}

export interface WorkerPoolOptions {
  disabled: boolean;
  /** 0 means one per core. */
  workers: number;
  listenIp: string;
  announcedAddress?: string | undefined;
  /** First WebRtcServer port; worker i listens on basePort + i (UDP and TCP). */
  basePort: number;
}

export interface PooledWorker {
  index: number;
  worker: MsWorker;
  webRtcServer: MsWebRtcServer;
  /** Routers currently open on this worker, for least-loaded placement. */
  load: number;
}

/**
 * mediasoup workers, one WebRtcServer each so that all media of a worker uses one UDP/TCP port.
 * When mediasoup cannot start, the pool reports why and the server runs without media. A worker
 * that dies is replaced and its loss announced, so calls on it can be re-established.
 */
export class WorkerPool extends SafeEventEmitter<{ workerdied: [index: number, error: Error] }> {
  readonly #options: WorkerPoolOptions;
  readonly #workers: PooledWorker[] = [];
  #mediasoup: MediasoupModule | null = null;
  #workerBin: string | null = null;
  #availability: MediaAvailability = {
    available: false,
    reason: 'not started',
    workers: 0,
    version: null,
  };
  #closed = false;

  constructor(options: WorkerPoolOptions) {
    super(log);
    this.#options = options;
  }

  get availability(): MediaAvailability {
    return { ...this.#availability, workers: this.#workers.length };
  }

  async start(): Promise<MediaAvailability> {
    const unavailable = (reason: string): MediaAvailability => {
      this.#availability = { available: false, reason, workers: 0, version: null };
      log.warn(`media unavailable: ${reason}; everything that does not need video keeps working`);
      return this.availability;
    };
    if (this.#options.disabled) return unavailable('disabled by configuration (MEDIA_DISABLED)');
    const probe = probeWorkerBinary();
    if (!probe.found || !probe.path) return unavailable(probe.reason ?? 'no mediasoup worker');
    this.#workerBin = probe.path;
    try {
      this.#mediasoup = (await import('mediasoup' as string)) as MediasoupModule;
    } catch (e) {
      return unavailable(`mediasoup could not be loaded: ${(e as Error).message}`);
    }
    const count = this.#options.workers || os.availableParallelism();
    try {
      for (let i = 0; i < count; i++) this.#workers.push(await this.#startWorker(i));
    } catch (e) {
      for (const w of this.#workers.splice(0)) w.worker.close();
      return unavailable(`mediasoup worker failed to start: ${(e as Error).message}`);
    }
    this.#availability = {
      available: true,
      reason: null,
      workers: count,
      version: this.#mediasoup.version,
    };
    log.info({ workers: count, version: this.#mediasoup.version }, 'media available');
    return this.availability;
  }

  async #startWorker(index: number): Promise<PooledWorker> {
    if (!this.#mediasoup) throw new Error('mediasoup not loaded');
    // The worker that was probed, not whatever mediasoup would look for on its own.
    const worker = await this.#mediasoup.createWorker({
      logLevel: 'warn',
      ...(this.#workerBin ? { workerBin: this.#workerBin } : {}),
    });
    const port = this.#options.basePort + index;
    const listen = { ip: this.#options.listenIp, port } as {
      ip: string;
      port: number;
      announcedAddress?: string;
    };
    if (this.#options.announcedAddress) listen.announcedAddress = this.#options.announcedAddress;
    const webRtcServer = await worker.createWebRtcServer({
      listenInfos: [
        { protocol: 'udp', ...listen },
        { protocol: 'tcp', ...listen },
      ],
    });
    const pooled: PooledWorker = { index, worker, webRtcServer, load: 0 };
    worker.on('died', (error) => void this.#onDied(pooled, error));
    return pooled;
  }

  async #onDied(dead: PooledWorker, error: Error): Promise<void> {
    log.error({ worker: dead.index, pid: dead.worker.pid, err: error }, 'mediasoup worker died');
    const slot = this.#workers.indexOf(dead);
    if (slot >= 0) this.#workers.splice(slot, 1);
    if (this.#closed) return;
    // Replace first, then announce: calls being re-established need a live worker to land on.
    try {
      this.#workers.push(await this.#startWorker(dead.index));
    } catch (e) {
      log.error({ err: e }, 'could not replace dead mediasoup worker');
      if (this.#workers.length === 0) {
        this.#availability = {
          available: false,
          reason: `all mediasoup workers died: ${error.message}`,
          workers: 0,
          version: this.#availability.version,
        };
      }
    }
    this.safeEmit('workerdied', dead.index, error);
  }

  /** The least-loaded live worker; callers add to and release its load. */
  pick(): PooledWorker {
    const live = this.#workers.filter((w) => !w.worker.closed);
    if (live.length === 0) throw new Error('no live mediasoup worker');
    return live.reduce((a, b) => (b.load < a.load ? b : a));
  }

  /** For tests and operators: kill a worker process to exercise recovery. */
  workers(): readonly PooledWorker[] {
    return this.#workers;
  }

  close(): void {
    this.#closed = true;
    for (const w of this.#workers.splice(0)) w.worker.close();
  }
}
