import { AppError } from '@onething/contract/errors';
import type { MediaRequests, PeerInfo } from '@onething/contract/sockets/media';
import type { RequestHandlers } from '@onething/contract/wire/request-router';
import { createLogger } from '../logging/logger.ts';
import type { WorkerPool } from '../media/worker-pool.ts';
import { CallRoom, type Signal } from './call-room.ts';

const log = createLogger('calls');

type Deliver = (signal: Signal) => void;

/**
 * All calls of this server. Rooms are opened by whoever connects a citizen with an agent (the
 * routing layer), peers are admitted by id, and signals reach peers through whatever socket each
 * one has attached. When a worker dies its calls move to a live worker and peers rejoin.
 */
export class CallManager {
  readonly #pool: WorkerPool;
  readonly #maxIncomingBitrate: number;
  readonly #rooms = new Map<string, CallRoom>();
  readonly #deliver = new Map<string, Set<Deliver>>();

  constructor(pool: WorkerPool, opts: { maxIncomingBitrate: number }) {
    this.#pool = pool;
    this.#maxIncomingBitrate = opts.maxIncomingBitrate;
    pool.on('workerdied', (index, error) => void this.#relocateFrom(index, error));
  }

  get available(): boolean {
    return this.#pool.availability.available;
  }

  async open(callId: string, peers: PeerInfo[]): Promise<CallRoom> {
    if (this.#rooms.has(callId)) throw AppError.conflict(`call ${callId} already exists`);
    if (!this.available) {
      throw new AppError('MEDIA_UNAVAILABLE', this.#pool.availability.reason ?? undefined);
    }
    const room = await CallRoom.create(callId, this.#pool.pick(), {
      maxIncomingBitrate: this.#maxIncomingBitrate,
    });
    room.on('signal', (to, signal) => {
      for (const d of this.#deliver.get(to) ?? []) d(signal);
    });
    room.once('close', () => this.#rooms.delete(callId));
    this.#rooms.set(callId, room);
    for (const p of peers) room.admit(p);
    log.info({ call: callId, worker: room.workerIndex, peers: peers.length }, 'call opened');
    return room;
  }

  get(callId: string): CallRoom | undefined {
    return this.#rooms.get(callId);
  }

  /** The room, if this peer was admitted to it; otherwise NOT_IN_CALL (no hint it exists). */
  roomFor(callId: string, peerId: string): CallRoom {
    const room = this.#rooms.get(callId);
    if (!room?.isAdmitted(peerId)) throw new AppError('NOT_IN_CALL');
    return room;
  }

  close(callId: string): void {
    this.#rooms.get(callId)?.close();
  }

  /** Routes this peer's signals to a socket; returns the detach function. */
  attach(peerId: string, deliver: Deliver): () => void {
    let set = this.#deliver.get(peerId);
    if (!set) {
      set = new Set();
      this.#deliver.set(peerId, set);
    }
    set.add(deliver);
    return () => {
      set.delete(deliver);
      if (set.size === 0) this.#deliver.delete(peerId);
    };
  }

  roomCount(): number {
    return this.#rooms.size;
  }

  closeAll(): void {
    for (const room of [...this.#rooms.values()]) room.close();
  }

  async #relocateFrom(workerIndex: number, error: Error): Promise<void> {
    const affected = [...this.#rooms.values()].filter((r) => r.workerIndex === workerIndex);
    for (const room of affected) {
      try {
        await room.relocate(this.#pool.pick(), `media server restarted (${error.message})`);
        log.warn({ call: room.id }, 'call moved to a new worker; peers asked to rejoin');
      } catch (e) {
        log.error({ call: room.id, err: e }, 'call could not be moved; closing it');
        room.close();
      }
    }
  }
}

/** The media signalling handlers for one socket whose peer id `peerIdOf` gives. */
export function mediaHandlers<Ctx>(
  calls: CallManager,
  peerIdOf: (ctx: Ctx) => string,
): RequestHandlers<typeof MediaRequests, Ctx> {
  const room = (callId: string, ctx: Ctx) => calls.roomFor(callId, peerIdOf(ctx));
  return {
    'media:join': { handle: (r, ctx) => room(r.callId, ctx).join(peerIdOf(ctx)) },
    'media:createTransport': {
      handle: (r, ctx) => room(r.callId, ctx).createTransport(peerIdOf(ctx), r.direction),
    },
    'media:connectTransport': {
      handle: async (r, ctx) => {
        await room(r.callId, ctx).connectTransport(peerIdOf(ctx), r.transportId, r.dtlsParameters);
        return { connected: true as const };
      },
    },
    'media:produce': {
      handle: (r, ctx) =>
        room(r.callId, ctx).produce(peerIdOf(ctx), r.transportId, r.kind, r.rtpParameters),
    },
    'media:consume': {
      handle: (r, ctx) =>
        room(r.callId, ctx).consume(peerIdOf(ctx), r.producerId, r.rtpCapabilities),
    },
    'media:resumeConsumer': {
      handle: async (r, ctx) => {
        await room(r.callId, ctx).resumeConsumer(peerIdOf(ctx), r.consumerId);
        return { resumed: true as const };
      },
    },
    'media:restartIce': {
      handle: (r, ctx) => room(r.callId, ctx).restartIce(peerIdOf(ctx), r.transportId),
    },
    'media:setPaused': {
      handle: async (r, ctx) => ({
        paused: await room(r.callId, ctx).setPaused(peerIdOf(ctx), r.producerId, r.paused),
      }),
    },
    'media:leave': {
      handle: (r, ctx) => {
        calls.get(r.callId)?.leave(peerIdOf(ctx));
        return { left: true as const };
      },
    },
  };
}
