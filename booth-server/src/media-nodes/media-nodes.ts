import type { IncomingMessage } from 'node:http';
import os from 'node:os';
import type { Kysely } from 'kysely';
import type { Server as IoServer } from 'socket.io';
import { CallManager } from '../calls/call-manager.ts';
import type { Config } from '../config/config.ts';
import type { DB } from '../db/schema.ts';
import { createLogger } from '../logging/logger.ts';
import { WorkerPool } from '../media/worker-pool.ts';
import { MemoryCallLegs, SqlCallLegs } from './call-legs.ts';
import { MediaCalls } from './media-calls.ts';
import { MediaNode } from './media-node.ts';
import { MediaNodeClient } from './node-client.ts';
import { serveNodeControl } from './node-control-server.ts';
import { MediaNodeRegistry } from './node-registry.ts';
import { nearestLeastLoaded, type PlacementPolicy } from './placement.ts';

const log = createLogger('media-nodes');

export interface MediaNodesOptions {
  config: Config;
  db: Kysely<DB>;
  /** This process's own URL once it listens (the default control URL). */
  url: () => string;
  /** Whether this process signals calls (a booth server) or only carries media (a node). */
  signalling: boolean;
  place?: PlacementPolicy;
  now?: () => number;
}

/**
 * Media for one process: its worker pool and media node (unless it is signalling only), the
 * node's announcement and heartbeat (registry mode), the control namespace other processes
 * reach it on, and — in a booth server — the signalling side that places and forwards calls.
 * Parent of all of these; closes them in reverse order.
 */
export class MediaNodes {
  readonly pool: WorkerPool;
  readonly node: MediaNode | null;
  readonly calls: MediaCalls;
  readonly registry: MediaNodeRegistry | null;
  readonly startedAt: number;
  readonly #options: MediaNodesOptions;
  readonly #now: () => number;
  readonly #peers = new Map<string, MediaNodeClient>();
  #heartbeat: NodeJS.Timeout | undefined;
  #nodeId: string;

  constructor(options: MediaNodesOptions) {
    const { config } = options;
    this.#options = options;
    this.#now = options.now ?? Date.now;
    this.startedAt = this.#now();
    const registryMode = config.MEDIA_NODES === 'registry';
    const serves = !registryMode || config.MEDIA_NODE_SERVE;
    this.#nodeId = config.MEDIA_NODE_ID ?? `${os.hostname()}-${config.PORT}`;
    this.pool = new WorkerPool({
      disabled: config.MEDIA_DISABLED || !serves,
      workers: config.MEDIA_WORKERS,
      listenIp: config.MEDIA_LISTEN_IP,
      announcedAddress: config.MEDIA_ANNOUNCED_ADDRESS,
      basePort: config.MEDIA_PORT,
    });
    this.registry = registryMode ? new MediaNodeRegistry(options.db) : null;
    this.node = serves
      ? new MediaNode({
          identity: {
            id: this.#nodeId,
            region: config.MEDIA_NODE_REGION,
            get controlUrl() {
              return config.MEDIA_NODE_CONTROL_URL ?? options.url();
            },
          },
          calls: new CallManager(this.pool, {
            maxIncomingBitrate: config.MEDIA_MAX_INCOMING_BITRATE,
          }),
          pipe: {
            listenIp: config.MEDIA_PIPE_LISTEN_IP ?? config.MEDIA_LISTEN_IP,
            announcedAddress: config.MEDIA_PIPE_ANNOUNCED_ADDRESS ?? config.MEDIA_ANNOUNCED_ADDRESS,
            srtp: config.MEDIA_PIPE_SRTP,
          },
          connect: (nodeId, controlUrl) => this.#peer(nodeId, controlUrl, 'node'),
        })
      : null;
    this.calls = new MediaCalls({
      local: this.node ? { node: this.node, startedAt: this.startedAt } : null,
      registry: this.registry,
      legs: this.registry ? new SqlCallLegs(options.db) : new MemoryCallLegs(),
      place: options.place ?? nearestLeastLoaded,
      connect: (n) => this.#peer(n.id, n.controlUrl, 'signalling'),
      deadAfterMs: config.MEDIA_NODE_DEAD_AFTER_MS,
      now: this.#now,
    });
  }

  /** In registry mode, serves this node's control contract on the process's socket.io server. */
  serve(io: IoServer, onRefused?: (from: string | null, request: IncomingMessage) => void): void {
    const { config, signalling } = this.#options;
    if (!this.node || !this.registry || !config.MEDIA_NODE_SECRET) return;
    serveNodeControl(io, this.node, {
      secret: config.MEDIA_NODE_SECRET,
      localCalls: (callId) => signalling && this.calls.relaysLocally(callId),
      ...(onRefused ? { onRefused } : {}),
    });
  }

  get nodeId(): string {
    return this.#nodeId;
  }

  /**
   * Starts the workers (never fatal) and, in registry mode, reads which nodes are live, so a
   * booth restoring its calls can place them before this process listens.
   */
  async start(): Promise<void> {
    await this.pool.start();
    if (this.registry && this.#options.signalling) await this.calls.checkNodes();
  }

  /**
   * Registry mode, once the process listens (its control URL answers): announces the node and
   * starts the heartbeat, which also watches for lost nodes in a signalling process.
   */
  async announce(): Promise<void> {
    if (!this.registry) return;
    const { config } = this.#options;
    if (this.node) await this.registry.announce(this.#view());
    const beat = async () => {
      if (this.node) {
        await this.registry?.heartbeat(
          this.#nodeId,
          this.#now(),
          this.node.load,
          this.node.available,
        );
      }
      if (this.#options.signalling) await this.calls.checkNodes();
    };
    await beat().catch((err: unknown) => log.warn({ err }, 'media node heartbeat failed'));
    this.#heartbeat = setInterval(
      () => void beat().catch((err: unknown) => log.warn({ err }, 'media node heartbeat failed')),
      config.MEDIA_NODE_HEARTBEAT_MS,
    );
    this.#heartbeat.unref();
  }

  async close(): Promise<void> {
    clearInterval(this.#heartbeat);
    this.calls.closeAll();
    this.node?.closeAll();
    if (this.registry && this.node) {
      await this.registry.leave(this.#nodeId, this.startedAt).catch(() => undefined);
    }
    this.calls.disconnect();
    for (const c of this.#peers.values()) c.close();
    this.#peers.clear();
    this.pool.close();
  }

  #view() {
    const { config } = this.#options;
    return {
      id: this.#nodeId,
      region: config.MEDIA_NODE_REGION,
      announcedAddress:
        config.MEDIA_PIPE_ANNOUNCED_ADDRESS ?? config.MEDIA_ANNOUNCED_ADDRESS ?? null,
      controlUrl: config.MEDIA_NODE_CONTROL_URL ?? this.#options.url(),
      load: this.node?.load ?? 0,
      available: this.node?.available ?? false,
      startedAt: this.startedAt,
      heartbeatAt: this.#now(),
    };
  }

  /** One control connection per (node, role), reused by every call. */
  #peer(nodeId: string, controlUrl: string, role: 'signalling' | 'node'): MediaNodeClient {
    const key = `${role}:${nodeId}@${controlUrl}`;
    let client = this.#peers.get(key);
    if (!client) {
      client = new MediaNodeClient({
        nodeId,
        controlUrl,
        secret: this.#options.config.MEDIA_NODE_SECRET ?? '',
        from: this.#nodeId,
        role,
      });
      this.#peers.set(key, client);
    }
    return client;
  }
}
