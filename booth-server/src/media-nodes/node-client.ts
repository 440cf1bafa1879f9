import { MEDIA_NODE_NAMESPACE, MediaNodeContract } from '@onething/contract/sockets/media-node';
import { ContractClient } from '@onething/contract/wire/contract-client';
import { io, type Socket } from 'socket.io-client';
import { createLogger } from '../logging/logger.ts';
import type { NodeControl } from './node-control.ts';
import { type NodeLinkError, nodeLinkErrors } from './node-link-error.ts';

const log = createLogger('media-node-client');

type Contract = typeof MediaNodeContract;

/**
 * A connection to one media node's /media-node namespace (WebSocket only, reconnecting), with
 * the control contract checked both ways. Requests are not queued while it is down: they fail
 * at once with MEDIA_UNAVAILABLE, and the caller decides (another node, a rejoin).
 */
export class MediaNodeClient implements NodeControl {
  readonly nodeId: string;
  readonly controlUrl: string;
  readonly #socket: Socket;
  readonly #client: ContractClient<Contract['requests'], Contract['notifications'], NodeLinkError>;

  constructor(opts: {
    nodeId: string;
    controlUrl: string;
    secret: string;
    /** This process or node, for the node's log. */
    from: string;
    role: 'signalling' | 'node';
    timeoutMs?: number;
  }) {
    this.nodeId = opts.nodeId;
    this.controlUrl = opts.controlUrl;
    this.#socket = io(new URL(MEDIA_NODE_NAMESPACE, opts.controlUrl).toString(), {
      auth: { secret: opts.secret, from: opts.from, role: opts.role },
      transports: ['websocket'],
      reconnectionDelay: 500,
      reconnectionDelayMax: 5_000,
    });
    this.#socket.on('connect_error', (e) =>
      log.warn({ node: opts.nodeId, err: e.message }, 'media node control unreachable'),
    );
    this.#client = new ContractClient(this.#socket, MediaNodeContract, {
      peer: `media node ${opts.nodeId}`,
      timeoutMs: opts.timeoutMs ?? 10_000,
      errors: nodeLinkErrors,
      log,
    });
  }

  get connected(): boolean {
    return this.#socket.connected;
  }

  /** Resolves once connected (or rejects with the handshake's refusal / after `ms`). */
  async ready(ms = 5_000): Promise<void> {
    if (this.#socket.connected) return;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => done(new Error(`media node ${this.nodeId}: no connection`)),
        ms,
      );
      const onConnect = () => done();
      const onError = (e: Error) => {
        // A refused handshake is final: the server will refuse again.
        if (e.message === 'UNAUTHENTICATED') done(e);
      };
      const done = (e?: Error) => {
        clearTimeout(timer);
        this.#socket.off('connect', onConnect);
        this.#socket.off('connect_error', onError);
        if (e) reject(e);
        else resolve();
      };
      this.#socket.on('connect', onConnect);
      this.#socket.on('connect_error', onError);
    });
  }

  request: NodeControl['request'] = async (name, payload) => {
    if (!this.#socket.connected) await this.ready().catch(() => undefined);
    return this.#client.request(name, payload);
  };

  on: ContractClient<Contract['requests'], Contract['notifications']>['on'] = (name, listener) =>
    this.#client.on(name, listener);

  close(): void {
    this.#socket.close();
  }
}
