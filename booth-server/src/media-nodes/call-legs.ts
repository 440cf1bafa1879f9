import { PeerInfo } from '@onething/contract/sockets/media';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';

/** Where one peer's media lives: the node and the node's incarnation (its start time). */
export interface CallLeg {
  callId: string;
  peer: PeerInfo;
  nodeId: string;
  nodeStartedAt: number;
}

/** Which node holds each peer's half of each call. */
export interface CallLegStore {
  put(legs: readonly CallLeg[]): Promise<void>;
  ofCall(callId: string): Promise<CallLeg[]>;
  /** Every (node, incarnation) some call's media is on. */
  nodesInUse(): Promise<{ nodeId: string; nodeStartedAt: number }[]>;
  onNode(nodeId: string, nodeStartedAt: number): Promise<CallLeg[]>;
  /**
   * Moves a call's legs off a lost node; true for exactly one caller (the claim), so among
   * several signalling processes one re-opens the call.
   */
  move(
    callId: string,
    from: { nodeId: string; nodeStartedAt: number },
    to: { nodeId: string; nodeStartedAt: number },
  ): Promise<boolean>;
  drop(callId: string): Promise<void>;
}

/** Legs in the database: every signalling process sees every call's nodes. */
export class SqlCallLegs implements CallLegStore {
  readonly #db: Kysely<DB>;

  constructor(db: Kysely<DB>) {
    this.#db = db;
  }

  async put(legs: readonly CallLeg[]): Promise<void> {
    for (const l of legs) {
      const row = {
        call_id: l.callId,
        peer_id: l.peer.peerId,
        node_id: l.nodeId,
        node_started_at: l.nodeStartedAt,
        peer: JSON.stringify(l.peer),
      };
      await this.#db
        .insertInto('media_call_legs')
        .values(row)
        .onConflict((oc) => oc.columns(['call_id', 'peer_id']).doUpdateSet(row))
        .execute();
    }
  }

  async ofCall(callId: string): Promise<CallLeg[]> {
    const rows = await this.#db
      .selectFrom('media_call_legs')
      .selectAll()
      .where('call_id', '=', callId)
      .execute();
    return rows.map(toLeg);
  }

  async nodesInUse(): Promise<{ nodeId: string; nodeStartedAt: number }[]> {
    const rows = await this.#db
      .selectFrom('media_call_legs')
      .select(['node_id', 'node_started_at'])
      .distinct()
      .execute();
    return rows.map((r) => ({ nodeId: r.node_id, nodeStartedAt: Number(r.node_started_at) }));
  }

  async onNode(nodeId: string, nodeStartedAt: number): Promise<CallLeg[]> {
    const rows = await this.#db
      .selectFrom('media_call_legs')
      .selectAll()
      .where('node_id', '=', nodeId)
      .where('node_started_at', '=', nodeStartedAt)
      .execute();
    return rows.map(toLeg);
  }

  async move(
    callId: string,
    from: { nodeId: string; nodeStartedAt: number },
    to: { nodeId: string; nodeStartedAt: number },
  ): Promise<boolean> {
    const res = await this.#db
      .updateTable('media_call_legs')
      .set({ node_id: to.nodeId, node_started_at: to.nodeStartedAt })
      .where('call_id', '=', callId)
      .where('node_id', '=', from.nodeId)
      .where('node_started_at', '=', from.nodeStartedAt)
      .executeTakeFirst();
    return Number(res.numUpdatedRows) > 0;
  }

  async drop(callId: string): Promise<void> {
    await this.#db.deleteFrom('media_call_legs').where('call_id', '=', callId).execute();
  }
}

/** Legs of a one-process server: nobody else needs them. */
export class MemoryCallLegs implements CallLegStore {
  readonly #legs = new Map<string, CallLeg[]>();

  async put(legs: readonly CallLeg[]): Promise<void> {
    for (const l of legs) {
      const list = (this.#legs.get(l.callId) ?? []).filter((o) => o.peer.peerId !== l.peer.peerId);
      this.#legs.set(l.callId, [...list, l]);
    }
  }

  async ofCall(callId: string): Promise<CallLeg[]> {
    return [...(this.#legs.get(callId) ?? [])];
  }

  async nodesInUse(): Promise<{ nodeId: string; nodeStartedAt: number }[]> {
    const seen = new Map<string, { nodeId: string; nodeStartedAt: number }>();
    for (const l of [...this.#legs.values()].flat())
      seen.set(`${l.nodeId}@${l.nodeStartedAt}`, {
        nodeId: l.nodeId,
        nodeStartedAt: l.nodeStartedAt,
      });
    return [...seen.values()];
  }

  async onNode(nodeId: string, nodeStartedAt: number): Promise<CallLeg[]> {
    return [...this.#legs.values()]
      .flat()
      .filter((l) => l.nodeId === nodeId && l.nodeStartedAt === nodeStartedAt);
  }

  async move(
    callId: string,
    from: { nodeId: string; nodeStartedAt: number },
    to: { nodeId: string; nodeStartedAt: number },
  ): Promise<boolean> {
    let moved = false;
    for (const l of this.#legs.get(callId) ?? []) {
      if (l.nodeId === from.nodeId && l.nodeStartedAt === from.nodeStartedAt) {
        l.nodeId = to.nodeId;
        l.nodeStartedAt = to.nodeStartedAt;
        moved = true;
      }
    }
    return moved;
  }

  async drop(callId: string): Promise<void> {
    this.#legs.delete(callId);
  }
}

function toLeg(r: {
  call_id: string;
  node_id: string;
  node_started_at: number;
  peer: string;
}): CallLeg {
  return {
    callId: r.call_id,
    nodeId: r.node_id,
    nodeStartedAt: Number(r.node_started_at),
    peer: PeerInfo.parse(JSON.parse(r.peer)),
  };
}
