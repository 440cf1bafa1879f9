import { SafeEventEmitter } from '@onething/contract/node/safe-event-emitter';
import { AppError } from '@onething/contract/errors';
import type {
  ForwardedMediaRequest,
  MediaNodeRequests,
  PipeEndpoint,
} from '@onething/contract/sockets/media-node';
import type { RequestOf } from '@onething/contract/wire/contract';
import type { CallManager } from '../calls/call-manager.ts';
import type { CallRoom, Signal } from '../calls/call-room.ts';
import { createLogger } from '../logging/logger.ts';
import type { MsProducer } from '../media/mediasoup-api.ts';
import { CallPipe, type PipeOptions } from './call-pipe.ts';
import type { ConnectNode } from './node-control.ts';

const log = createLogger('media-node');

export interface MediaNodeIdentity {
  id: string;
  /** 行政区划 code served; '' for any. */
  region: string;
  /** This node's control URL, given to nodes it links with so they can call back. */
  controlUrl: string;
}

/**
 * One media node: the call rooms on this process's workers (CallManager) and the pipes that
 * join a room with the same call's room on other nodes. It answers the control contract's
 * requests (served over /media-node, or called in-process by the signalling side of the same
 * process) and emits each room signal for whoever relays it to the peer's socket.
 */
export class MediaNode extends SafeEventEmitter<{
  signal: [callId: string, toPeerId: string, signal: Signal];
}> {
  readonly identity: MediaNodeIdentity;
  readonly calls: CallManager;
  readonly #pipeOptions: PipeOptions;
  readonly #connect: ConnectNode;
  /** callId → remote node id → pipe (or its setting up, which requests wait for). */
  readonly #pipes = new Map<string, Map<string, Promise<CallPipe>>>();
  /** callId → remote node id → its control URL, to link again after a worker move. */
  readonly #links = new Map<string, Map<string, string>>();

  constructor(deps: {
    identity: MediaNodeIdentity;
    calls: CallManager;
    pipe: Omit<PipeOptions, 'localNodeId'>;
    connect: ConnectNode;
  }) {
    super(log);
    this.identity = deps.identity;
    this.calls = deps.calls;
    this.#pipeOptions = { ...deps.pipe, localNodeId: deps.identity.id };
    this.#connect = deps.connect;
    this.calls.on('signal', (callId, to, signal) => this.safeEmit('signal', callId, to, signal));
    this.calls.on('relocated', (room) => void this.#relinkAfterMove(room));
  }

  get available(): boolean {
    return this.calls.available;
  }

  get load(): number {
    return this.calls.roomCount();
  }

  async open(req: RequestOf<typeof MediaNodeRequests, 'room:open'>) {
    const room = await this.calls.open(req.callId, req.peers, new Set(req.homed));
    room.on('produced', (peerId, producer) => this.#pipeEverywhere(room, peerId, producer));
    room.once('close', () => this.#dropPipes(req.callId));
    return { callId: req.callId, nodeId: this.identity.id };
  }

  admit(req: RequestOf<typeof MediaNodeRequests, 'room:admit'>) {
    this.#room(req.callId).admit(req.peer, req.homed);
    return { admitted: true as const };
  }

  close(callId: string) {
    const room = this.calls.get(callId);
    room?.close();
    return { closed: Boolean(room) };
  }

  rejoin(callId: string, reason: string) {
    return { asked: this.#room(callId).askRejoin(reason) };
  }

  /** A peer's media request: the same handling as on a socket of a one-process server. */
  async media(callId: string, peerId: string, request: ForwardedMediaRequest) {
    if (request.event === 'media:leave') {
      this.calls.get(callId)?.leave(peerId);
      return { data: { left: true } };
    }
    const room = this.calls.roomFor(callId, peerId);
    return { data: await mediaRequest(room, peerId, request) };
  }

  /** Initiates the pipe between this call's room here and on `peerNodeId`. */
  async link(callId: string, peerNodeId: string, peerControlUrl: string) {
    const room = this.#room(callId);
    let links = this.#links.get(callId);
    if (!links) this.#links.set(callId, (links = new Map()));
    links.set(peerNodeId, peerControlUrl);
    const remote = this.#connect(peerNodeId, peerControlUrl);
    const pipe = this.#setPipe(callId, peerNodeId, async () => {
      const p = await CallPipe.create(room, peerNodeId, remote, this.#pipeOptions);
      try {
        const answer = await remote.request('pipe:accept', {
          callId,
          fromNodeId: this.identity.id,
          fromControlUrl: this.identity.controlUrl,
          endpoint: p.endpoint,
        });
        await p.connect(answer.endpoint);
        return p;
      } catch (e) {
        p.close();
        throw e;
      }
    });
    await this.#sendAll(room, await pipe);
    return { linked: true as const };
  }

  /** The other side of `link`: a pipe transport here, connected to the caller's. */
  async accept(req: RequestOf<typeof MediaNodeRequests, 'pipe:accept'>) {
    const room = this.#room(req.callId);
    let links = this.#links.get(req.callId);
    if (!links) this.#links.set(req.callId, (links = new Map()));
    links.set(req.fromNodeId, req.fromControlUrl);
    const remote = this.#connect(req.fromNodeId, req.fromControlUrl);
    const pipe = await this.#setPipe(req.callId, req.fromNodeId, async () => {
      const p = await CallPipe.create(room, req.fromNodeId, remote, this.#pipeOptions);
      await p.connect(req.endpoint);
      return p;
    });
    // Ours go once the caller has connected its side (it answers pipe:produce after that).
    setImmediate(() => void this.#sendAll(room, pipe));
    return { endpoint: pipe.endpoint satisfies PipeEndpoint };
  }

  async pipeProduce(req: RequestOf<typeof MediaNodeRequests, 'pipe:produce'>) {
    const pipe = await this.#pipe(req.callId, req.fromNodeId);
    return { producerId: await pipe.receive(req) };
  }

  async producerState(req: RequestOf<typeof MediaNodeRequests, 'pipe:producerState'>) {
    const room = this.calls.get(req.callId);
    return { applied: room ? await room.pipedProducerState(req.producerId, req.state) : false };
  }

  status() {
    return {
      nodeId: this.identity.id,
      region: this.identity.region,
      available: this.available,
      rooms: this.load,
    };
  }

  closeAll(): void {
    this.calls.closeAll();
  }

  #room(callId: string): CallRoom {
    const room = this.calls.get(callId);
    if (!room) throw new AppError('NOT_FOUND', `no room for call ${callId} on this node`);
    return room;
  }

  /** The pipe from the sending node, or wait for it while it is being set up. */
  async #pipe(callId: string, fromNodeId: string): Promise<CallPipe> {
    const made = this.#pipes.get(callId)?.get(fromNodeId);
    const pipe = await made?.catch(() => null);
    if (!pipe || pipe.closed) {
      throw new AppError('NOT_FOUND', `no pipe from node ${fromNodeId} for call ${callId}`);
    }
    return pipe;
  }

  #setPipe(callId: string, nodeId: string, make: () => Promise<CallPipe>): Promise<CallPipe> {
    let pipes = this.#pipes.get(callId);
    if (!pipes) this.#pipes.set(callId, (pipes = new Map()));
    // A new link with the same node replaces the old pipe (that node or this room moved).
    const old = pipes.get(nodeId);
    if (old) void old.then((p) => p.close()).catch(() => undefined);
    const made = make();
    pipes.set(nodeId, made);
    made.catch(() => {
      if (pipes.get(nodeId) === made) pipes.delete(nodeId);
    });
    return made;
  }

  async #sendAll(room: CallRoom, pipe: CallPipe): Promise<void> {
    for (const { peerId, producer } of room.homedProducers()) {
      await pipe.send(peerId, producer).catch((err: unknown) => {
        log.warn({ call: room.id, node: pipe.remoteNodeId, err }, 'producer not piped');
      });
    }
  }

  #pipeEverywhere(room: CallRoom, peerId: string, producer: MsProducer): void {
    for (const made of this.#pipes.get(room.id)?.values() ?? []) {
      void made
        .then((pipe) => pipe.send(peerId, producer))
        .catch((err: unknown) => log.warn({ call: room.id, err }, 'producer not piped'));
    }
  }

  /** Drops the pipe to one node (it died): what came through it closes, peers are told. */
  unlink(callId: string, nodeId: string): void {
    this.#links.get(callId)?.delete(nodeId);
    const made = this.#pipes.get(callId)?.get(nodeId);
    this.#pipes.get(callId)?.delete(nodeId);
    void made?.then((p) => p.close()).catch(() => undefined);
  }

  #dropPipes(callId: string): void {
    for (const made of this.#pipes.get(callId)?.values() ?? []) {
      void made.then((p) => p.close()).catch(() => undefined);
    }
    this.#pipes.delete(callId);
    this.#links.delete(callId);
  }

  /** The room's router was replaced (worker death): its pipes went with it; link again. */
  async #relinkAfterMove(room: CallRoom): Promise<void> {
    const links = [...(this.#links.get(room.id)?.entries() ?? [])];
    this.#pipes.delete(room.id);
    for (const [nodeId, url] of links) {
      await this.link(room.id, nodeId, url).catch((err: unknown) =>
        log.error({ call: room.id, node: nodeId, err }, 'pipe not set up again after a move'),
      );
    }
  }
}

/** Dispatches one media-contract request to the peer's room. */
async function mediaRequest(
  room: CallRoom,
  peerId: string,
  request: ForwardedMediaRequest,
): Promise<unknown> {
  switch (request.event) {
    case 'media:join':
      return room.join(peerId);
    case 'media:createTransport':
      return room.createTransport(peerId, request.payload.direction);
    case 'media:connectTransport': {
      const r = request.payload;
      await room.connectTransport(peerId, r.transportId, r.dtlsParameters);
      return { connected: true };
    }
    case 'media:produce': {
      const r = request.payload;
      return room.produce(peerId, r.transportId, r.kind, r.rtpParameters);
    }
    case 'media:consume':
      return room.consume(peerId, request.payload.producerId, request.payload.rtpCapabilities);
    case 'media:resumeConsumer':
      await room.resumeConsumer(peerId, request.payload.consumerId);
      return { resumed: true };
    case 'media:restartIce':
      return room.restartIce(peerId, request.payload.transportId);
    case 'media:setPaused': {
      const r = request.payload;
      return { paused: await room.setPaused(peerId, r.producerId, r.paused) };
    }
    case 'media:leave':
      room.leave(peerId);
      return { left: true };
  }
}
