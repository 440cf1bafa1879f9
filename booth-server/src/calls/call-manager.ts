import { SafeEventEmitter } from '@onething/contract/node/safe-event-emitter';
import { AppError } from '@onething/contract/errors';
import type { PeerInfo } from '@onething/contract/sockets/media';
import { createLogger } from '../logging/logger.ts';
import type { WorkerPool } from '../media/worker-pool.ts';
import { CallRoom, type Signal } from './call-room.ts';

const log = createLogger('calls');

/**
 * The call rooms of one media node. Rooms are opened for a call's peers (those homed here send
 * and receive their media on this node's router), signals for peers are emitted for whoever
 * relays them to sockets, and when a worker dies its calls move to a live worker and peers
 * rejoin.
 */
export class CallManager extends SafeEventEmitter<{
  signal: [callId: string, toPeerId: string, signal: Signal];
  /** A room moved to another worker: its pipes to other nodes must be set up again. */
  relocated: [room: CallRoom];
}> {
  readonly #pool: WorkerPool;
  readonly #maxIncomingBitrate: number;
  readonly #rooms = new Map<string, CallRoom>();

  constructor(pool: WorkerPool, opts: { maxIncomingBitrate: number }) {
    super(log);
    this.#pool = pool;
    this.#maxIncomingBitrate = opts.maxIncomingBitrate;
    pool.on('workerdied', (index, error) => void this.#relocateFrom(index, error));
  }

  get available(): boolean {
    return this.#pool.availability.available;
  }

  /** Opens a room; `homed` names the peers whose media comes here (default: all). */
  async open(callId: string, peers: PeerInfo[], homed?: ReadonlySet<string>): Promise<CallRoom> {
    if (this.#rooms.has(callId)) throw AppError.conflict(`call ${callId} already exists`);
    if (!this.available) {
      throw new AppError('MEDIA_UNAVAILABLE', this.#pool.availability.reason ?? undefined);
    }
    const room = await CallRoom.create(callId, this.#pool.pick(), {
      maxIncomingBitrate: this.#maxIncomingBitrate,
    });
    room.on('signal', (to, signal) => this.safeEmit('signal', callId, to, signal));
    room.once('close', () => this.#rooms.delete(callId));
    this.#rooms.set(callId, room);
    for (const p of peers) room.admit(p, homed?.has(p.peerId) ?? true);
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
        this.safeEmit('relocated', room);
      } catch (e) {
        log.error({ call: room.id, err: e }, 'call could not be moved; closing it');
        room.close();
      }
    }
  }
}
