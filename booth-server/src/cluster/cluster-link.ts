import os from 'node:os';
import { SafeEventEmitter } from '@onething/contract/node/safe-event-emitter';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import { createClient } from 'redis';
import { createLogger } from '../logging/logger.ts';

const log = createLogger('cluster');

/** How the link to Redis stands: `down` means degraded (this process serves only its own sockets). */
export type RedisState = 'connecting' | 'up' | 'down';

/** What /healthz says about cluster mode. */
export interface ClusterHealth {
  mode: 'cluster';
  node: string;
  redis: RedisState;
  /** When the link went down (ms since the epoch), while it is down. */
  downSince: number | null;
}

export interface ClusterLinkOptions {
  url: string;
  /** This process's name (CLUSTER_NODE_NAME); default host name and PID. */
  node?: string | undefined;
  /** Put before every Redis key and stream this cluster uses (REDIS_KEY_PREFIX). */
  prefix: string;
  /** How long start-up waits for Redis before it goes on degraded. */
  connectTimeoutMs?: number;
}

function newClient(url: string) {
  return createClient({
    url,
    // The Streams adapter reads replies in RESP 2's shapes (node-redis 6 defaults to RESP 3).
    RESP: 2,
    // While Redis is away a command fails at once instead of waiting in memory: the
    // adapter then still delivers to this process's own sockets (it awaits its XADD first).
    disableOfflineQueue: true,
    socket: {
      connectTimeout: 2_000,
      reconnectStrategy: (retries: number) => Math.min(100 * 2 ** retries, 2_000),
    },
  });
}

type Client = ReturnType<typeof newClient>;

/**
 * The process's link to the cluster's Redis: the client the socket.io Streams adapter and the
 * cluster-wide counters use, its state for /healthz, and its closing. Redis carries only live
 * fan-out (tickets and sessions are in PostgreSQL), so losing it degrades, never loses work: the
 * client reconnects with back-off and the adapter resumes.
 */
export class ClusterLink extends SafeEventEmitter<{ state: [RedisState] }> {
  readonly node: string;
  readonly prefix: string;
  readonly client: Client;
  #state: RedisState = 'connecting';
  #downSince: number | null = null;
  #closed = false;

  private constructor(client: Client, opts: ClusterLinkOptions) {
    super(log);
    this.client = client;
    this.node = opts.node ?? `${os.hostname()}-${process.pid}`;
    this.prefix = opts.prefix;
    client.on('ready', () => this.#set('up'));
    // The client reconnects by itself; each failed attempt is one error event.
    client.on('error', (err: Error) => {
      if (this.#state !== 'down') log.warn({ err: err.message }, 'Redis unreachable: degraded');
      this.#set('down');
    });
    client.on('end', () => this.#set('down'));
  }

  /** Connects (waiting at most `connectTimeoutMs`; after that the process starts degraded). */
  static async open(opts: ClusterLinkOptions): Promise<ClusterLink> {
    const client = newClient(opts.url);
    const link = new ClusterLink(client, opts);
    const connected = client.connect().then(
      () => true,
      () => false,
    );
    const timeout = new Promise<false>((resolve) =>
      setTimeout(() => resolve(false), opts.connectTimeoutMs ?? 3_000).unref(),
    );
    if (!(await Promise.race([connected, timeout]))) {
      log.warn({ node: link.node }, 'Redis unreachable at start: starting degraded, retrying');
      link.#set('down');
    }
    return link;
  }

  get state(): RedisState {
    return this.#state;
  }

  get up(): boolean {
    return this.#state === 'up';
  }

  health(): ClusterHealth {
    return { mode: 'cluster', node: this.node, redis: this.#state, downSince: this.#downSince };
  }

  /**
   * The socket.io adapter: notifications and room operations of every process go through one
   * Redis stream per cluster, and connection-state recovery sessions are kept in Redis, so a
   * client that reconnects to another process gets what it missed.
   */
  adapter(): ReturnType<typeof createAdapter> {
    return createAdapter(this.#forAdapter(), {
      streamName: `${this.prefix}sio-stream`,
      channelPrefix: `${this.prefix}sio`,
      sessionKeyPrefix: `${this.prefix}sio:session:`,
      // The poller notices the close within this time; it does not delay any message.
      blockTimeInMs: 1_000,
    });
  }

  /**
   * The client as the adapter sees it. The adapter leaves the promises of PUBLISH (server-side
   * emits, answers) and SET (recovery sessions) unhandled; while Redis is away those fail, and
   * an unhandled rejection would stop the process, so they are logged instead. Its stream
   * reader and subscriber are duplicates that wait for Redis (offline queue) rather than fail:
   * its reader retries at once on failure and would spin.
   */
  #forAdapter(): Client {
    const client = this.client;
    const quiet =
      (name: 'publish' | 'set') =>
      (...args: unknown[]) =>
        (client[name] as (...a: unknown[]) => Promise<unknown>)
          .apply(client, args)
          .catch((err: unknown) => {
            log.debug({ err: (err as Error).message, command: name }, 'Redis command lost');
            return null;
          });
    return new Proxy(client, {
      get(target, prop) {
        if (prop === 'publish' || prop === 'set') return quiet(prop);
        if (prop === 'duplicate') return () => target.duplicate({ disableOfflineQueue: false });
        const value: unknown = Reflect.get(target, prop, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
  }

  #set(state: RedisState): void {
    if (this.#closed || state === this.#state) return;
    const was = this.#state;
    this.#state = state;
    if (state === 'down') this.#downSince = Date.now();
    if (state === 'up') {
      if (was === 'down') log.info({ node: this.node }, 'Redis reachable again');
      this.#downSince = null;
    }
    this.safeEmit('state', state);
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    // destroy(), not close(): commands queued while Redis is away must not hold the stop.
    if (this.client.isOpen) this.client.destroy();
  }
}
