import { SafeEventEmitter } from '@onething/contract/node/safe-event-emitter';
import { AppError } from '@onething/contract/errors';
import type { PeerInfo } from '@onething/contract/sockets/media';
import type { ForwardedMediaRequest, RoomSignal } from '@onething/contract/sockets/media-node';
import { createLogger } from '../logging/logger.ts';
import type { CallRooms } from '../video-help/booth-ports.ts';
import type { CallLeg, CallLegStore } from './call-legs.ts';
import type { MediaNode } from './media-node.ts';
import type { NodeControl } from './node-control.ts';
import { localControl } from './node-handlers.ts';
import { liveNodes, type MediaNodeView, type PlacementPolicy } from './placement.ts';

const log = createLogger('media-calls');

/** A remote node's control client as the signalling side uses it. */
export interface RemoteNode extends NodeControl {
  on(
    event: 'room:signal',
    listener: (n: { callId: string; to: string; signal: RoomSignal }) => void,
  ): () => void;
  close(): void;
}

export interface MediaCallsDeps {
  /** This process's own media node: in local mode the only one, reached without a hop. */
  local: { node: MediaNode; startedAt: number } | null;
  /** Registry mode: the announced nodes; null in local mode. */
  registry: { list(): Promise<MediaNodeView[]> } | null;
  legs: CallLegStore;
  place: PlacementPolicy;
  connect: (node: MediaNodeView) => RemoteNode;
  deadAfterMs: number;
  now: () => number;
}

/**
 * The signalling side of calls, in every booth-server process: places each party of a call on
 * a live media node of its region (the booth's and the agent's may differ: 跨省通办), opens the
 * rooms and links them with pipes, forwards each peer's media requests to the node its media
 * lives on, relays the nodes' room signals (`signal`, delivered to the peer's socket.io room)
 * and, in registry mode, re-opens on live nodes the calls of a node that stopped heartbeating.
 */
export class MediaCalls
  extends SafeEventEmitter<{ signal: [toPeerId: string, signal: RoomSignal] }>
  implements CallRooms
{
  readonly #deps: MediaCallsDeps;
  readonly #remotes = new Map<string, RemoteNode>();
  /** Calls this process opened: it relays their signals and closes them at shutdown. */
  readonly #opened = new Set<string>();
  #live: MediaNodeView[] = [];
  #checking: Promise<void> | null = null;

  constructor(deps: MediaCallsDeps) {
    super(log);
    this.#deps = deps;
    deps.local?.node.on('signal', (callId, to, signal) => {
      if (this.#opened.has(callId)) this.safeEmit('signal', to, signal);
    });
  }

  get available(): boolean {
    if (!this.#deps.registry) return this.#deps.local?.node.available ?? false;
    return this.#live.length > 0;
  }

  /** Whether this process relays the call's signals itself (the node server then does not). */
  relaysLocally(callId: string): boolean {
    return this.#opened.has(callId);
  }

  roomCount(): number {
    return this.#opened.size;
  }

  /** Live nodes as last read (registry mode), or this process's own node. */
  nodes(): MediaNodeView[] {
    return this.#deps.registry ? [...this.#live] : this.#localView();
  }

  async open(callId: string, peers: PeerInfo[]): Promise<void> {
    if (!this.available) throw new AppError('MEDIA_UNAVAILABLE');
    const stale = await this.#deps.legs.ofCall(callId);
    if (stale.length) await this.#closeRooms(callId, stale);
    const nodes = await this.#liveNow();
    const legs: CallLeg[] = peers.map((peer) => {
      const node = this.#deps.place(nodes, peer.region);
      if (!node) throw new AppError('MEDIA_UNAVAILABLE', 'no live media node');
      return { callId, peer, nodeId: node.id, nodeStartedAt: node.startedAt };
    });
    this.#opened.add(callId);
    try {
      await this.#openRooms(callId, legs, nodes);
    } catch (e) {
      this.#opened.delete(callId);
      await this.#closeRooms(callId, legs);
      throw e;
    }
    await this.#deps.legs.put(legs);
  }

  get(callId: string): { admit(peer: PeerInfo): void } | undefined {
    if (!this.#opened.has(callId)) return undefined;
    return {
      admit: (peer) =>
        void this.admit(callId, peer).catch((err: unknown) =>
          log.warn({ call: callId, err }, 'peer not admitted to the media rooms'),
        ),
    };
  }

  /** A colleague joins: homed on the call's node nearest to them, admitted on every node. */
  async admit(callId: string, peer: PeerInfo): Promise<void> {
    const legs = await this.#deps.legs.ofCall(callId);
    const nodes = this.#nodesOf(legs);
    const home = this.#deps.place(nodes, peer.region) ?? nodes[0];
    if (!home) throw new AppError('NOT_FOUND', `call ${callId} has no media`);
    for (const n of nodes) {
      await this.#control(n).request('room:admit', { callId, peer, homed: n.id === home.id });
    }
    await this.#deps.legs.put([{ callId, peer, nodeId: home.id, nodeStartedAt: home.startedAt }]);
  }

  close(callId: string): void {
    this.#opened.delete(callId);
    void this.#deps.legs
      .ofCall(callId)
      .then(async (legs) => {
        await this.#closeRooms(callId, legs);
        await this.#deps.legs.drop(callId);
      })
      .catch((err: unknown) => log.warn({ call: callId, err }, 'call media not closed'));
  }

  closeAll(): void {
    for (const callId of [...this.#opened]) this.close(callId);
  }

  /** A peer's media request, answered by the node its media lives on (the caller checks it). */
  async media(callId: string, peerId: string, request: ForwardedMediaRequest): Promise<unknown> {
    const legs = await this.#deps.legs.ofCall(callId);
    const leg = legs.find((l) => l.peer.peerId === peerId);
    if (!leg) throw new AppError('NOT_IN_CALL');
    if (request.event === 'media:leave') {
      for (const n of this.#nodesOf(legs)) {
        await this.#control(n)
          .request('room:media', { callId, peerId, request })
          .catch(() => undefined);
      }
      return { left: true };
    }
    const node = this.#nodesOf([leg])[0];
    if (!node) throw new AppError('MEDIA_UNAVAILABLE', `media node ${leg.nodeId} is gone`);
    const answer = await this.#control(node).request('room:media', { callId, peerId, request });
    return answer.data;
  }

  /**
   * Registry mode, every heartbeat: re-reads the live nodes and moves the calls of every node
   * (incarnation) that is no longer live. Several processes may do this at once: the legs'
   * claim lets exactly one re-open each call.
   */
  checkNodes(): Promise<void> {
    this.#checking ??= this.#check().finally(() => (this.#checking = null));
    return this.#checking;
  }

  /** Drops the connections to remote nodes (shutdown). */
  disconnect(): void {
    for (const r of this.#remotes.values()) r.close();
    this.#remotes.clear();
  }

  async #check(): Promise<void> {
    const live = await this.#liveNow();
    const lost = (await this.#deps.legs.nodesInUse()).filter(
      (u) => !live.some((n) => n.id === u.nodeId && n.startedAt === u.nodeStartedAt),
    );
    for (const gone of lost) {
      const legs = await this.#deps.legs.onNode(gone.nodeId, gone.nodeStartedAt);
      for (const callId of new Set(legs.map((l) => l.callId))) {
        const first = legs.find((l) => l.callId === callId);
        await this.#move(callId, gone, first?.peer.region ?? null, live).catch((err: unknown) =>
          log.error({ call: callId, node: gone.nodeId, err }, 'call not moved off a lost node'),
        );
      }
    }
  }

  async #move(
    callId: string,
    from: { nodeId: string; nodeStartedAt: number },
    region: string | null,
    live: MediaNodeView[],
  ): Promise<void> {
    const target = this.#deps.place(live, region);
    if (!target) {
      log.error({ call: callId }, 'no live media node to move the call to');
      return;
    }
    const to = { nodeId: target.id, nodeStartedAt: target.startedAt };
    if (!(await this.#deps.legs.move(callId, from, to))) return;
    log.warn({ call: callId, from: from.nodeId, to: target.id }, 'media node lost: moving call');
    const legs = await this.#deps.legs.ofCall(callId);
    // The surviving halves are opened afresh too (the target may hold one): their pipes led to
    // the lost node, and every peer rejoins anyway.
    await this.#closeRooms(callId, legs);
    this.#opened.add(callId);
    await this.#openRooms(callId, legs, live);
    for (const n of this.#nodesOf(legs)) {
      await this.#control(n).request('room:rejoin', {
        callId,
        reason: `media node ${from.nodeId} lost`,
      });
    }
  }

  /** One room per node the legs name (its homed peers), then pipes from the first to the rest. */
  async #openRooms(callId: string, legs: CallLeg[], nodes: MediaNodeView[]): Promise<void> {
    const peers = legs.map((l) => l.peer);
    const byNode = new Map<string, string[]>();
    for (const l of legs) byNode.set(l.nodeId, [...(byNode.get(l.nodeId) ?? []), l.peer.peerId]);
    const views = [...byNode.keys()].map((id) => {
      const v = nodes.find((n) => n.id === id);
      if (!v) throw new AppError('MEDIA_UNAVAILABLE', `media node ${id} is not live`);
      return v;
    });
    for (const v of views) {
      await this.#control(v).request('room:open', {
        callId,
        peers,
        homed: byNode.get(v.id) ?? [],
      });
    }
    const [first, ...others] = views;
    for (const other of others) {
      if (!first) break;
      await this.#control(first).request('room:link', {
        callId,
        peerNodeId: other.id,
        peerControlUrl: other.controlUrl,
      });
    }
    log.info({ call: callId, nodes: views.map((v) => v.id) }, 'call media placed');
  }

  async #closeRooms(callId: string, legs: CallLeg[]): Promise<void> {
    for (const n of this.#nodesOf(legs)) {
      await this.#control(n)
        .request('room:close', { callId })
        .catch((err: unknown) => log.warn({ call: callId, node: n.id, err }, 'room not closed'));
    }
  }

  #nodesOf(legs: CallLeg[]): MediaNodeView[] {
    const known = this.nodes();
    const ids = [...new Set(legs.map((l) => l.nodeId))];
    return ids.flatMap((id) => known.filter((n) => n.id === id));
  }

  async #liveNow(): Promise<MediaNodeView[]> {
    const { registry, deadAfterMs, now } = this.#deps;
    if (!registry) return this.#localView();
    this.#live = liveNodes(await registry.list(), now(), deadAfterMs);
    return [...this.#live];
  }

  #localView(): MediaNodeView[] {
    const local = this.#deps.local;
    if (!local) return [];
    const { node, startedAt } = local;
    return [
      {
        id: node.identity.id,
        region: node.identity.region,
        announcedAddress: null,
        controlUrl: node.identity.controlUrl,
        load: node.load,
        available: node.available,
        startedAt,
        heartbeatAt: this.#deps.now(),
      },
    ];
  }

  #control(node: MediaNodeView): NodeControl {
    const local = this.#deps.local;
    if (local && node.id === local.node.identity.id) return localControl(local.node);
    let remote = this.#remotes.get(node.id);
    if (!remote) {
      remote = this.#deps.connect(node);
      remote.on('room:signal', (n) => this.safeEmit('signal', n.to, n.signal));
      this.#remotes.set(node.id, remote);
    }
    return remote;
  }
}
