import {
  BRIDGE_LOCAL_NAMESPACE,
  BridgeLocalNotifications,
  BridgeLocalRequests,
} from '@onething/contract/sockets/bridge-local';
import type { KioskSessionToken } from '@onething/contract/rest/kiosk';
import type { ClientEvents, ResponseOf, ServerEvents } from '@onething/contract/wire/contract';
import { io } from 'socket.io-client';
import { ackRequest } from './socket-request.ts';

type Requests = typeof BridgeLocalRequests;
type Notifications = typeof BridgeLocalNotifications;
export type BridgeRequestName = keyof Requests & string;
export type BridgeNotificationName = keyof Notifications & string;
/** What a request sends: the schema's input (defaults may be left out). */
export type BridgeRequestPayload<K extends BridgeRequestName> = Parameters<
  ClientEvents<Requests>[K]
>[0];
export type BridgeResponse<K extends BridgeRequestName> = ResponseOf<Requests, K>;
export type BridgeNotification<K extends BridgeNotificationName> = Parameters<
  ServerEvents<Notifications>[K]
>[0];

/** The part of a socket.io client socket the bridge client uses (a fake in tests). */
export interface SocketLike {
  readonly connected: boolean;
  on(event: string, listener: (...args: never[]) => void): unknown;
  off(event: string, listener: (...args: never[]) => void): unknown;
  timeout(ms: number): { emitWithAck(event: string, payload: unknown): Promise<unknown> };
  disconnect(): unknown;
}

export type SocketFactory = (url: string, auth: { token: string }) => SocketLike;

const defaultFactory: SocketFactory = (url, auth) =>
  io(url, {
    auth,
    transports: ['websocket'],
    reconnectionDelay: 500,
    reconnectionDelayMax: 5_000,
  }) as unknown as SocketLike;

export interface BridgeClientOptions {
  bridgeUrl: string;
  token: string;
  timeoutMs?: number;
  connect?: SocketFactory;
  now?: () => number;
}

/**
 * The device bridge's local socket.io API (`/local` namespace): typed requests answered with
 * AckResult, and typed notifications. Both directions are checked against the shared contract;
 * a malformed notification is dropped rather than shown to the citizen.
 */
export class BridgeClient {
  readonly #socket: SocketLike;
  readonly #timeoutMs: number;
  readonly #now: () => number;
  #token: KioskSessionToken | null = null;
  #tokenRequest: Promise<string> | null = null;

  constructor(opts: BridgeClientOptions) {
    this.#timeoutMs = opts.timeoutMs ?? 10_000;
    this.#now = opts.now ?? Date.now;
    this.#socket = (opts.connect ?? defaultFactory)(`${opts.bridgeUrl}${BRIDGE_LOCAL_NAMESPACE}`, {
      token: opts.token,
    });
  }

  get connected(): boolean {
    return this.#socket.connected;
  }

  /** Calls `listener(true)` on (re)connection and `listener(false)` on loss; returns an unsubscribe. */
  onConnection(listener: (connected: boolean) => void): () => void {
    const up = () => listener(true);
    const down = () => listener(false);
    this.#socket.on('connect', up);
    this.#socket.on('disconnect', down);
    this.#socket.on('connect_error', down);
    return () => {
      this.#socket.off('connect', up);
      this.#socket.off('disconnect', down);
      this.#socket.off('connect_error', down);
    };
  }

  async request<K extends BridgeRequestName>(
    name: K,
    payload: BridgeRequestPayload<K>,
  ): Promise<BridgeResponse<K>> {
    return (await ackRequest(
      this.#socket,
      'bridge',
      name,
      BridgeLocalRequests[name],
      payload,
      this.#timeoutMs,
    )) as BridgeResponse<K>;
  }

  /** Subscribes to a notification; returns an unsubscribe. */
  on<K extends BridgeNotificationName>(
    name: K,
    listener: (payload: BridgeNotification<K>) => void,
  ): () => void {
    const schema = BridgeLocalNotifications[name];
    const handler = (payload: unknown) => {
      const parsed = schema.safeParse(payload);
      if (parsed.success) listener(parsed.data as BridgeNotification<K>);
      // the payload may hold card data: log only which event was malformed
      else console.warn(`bridge notification ${name} dropped: does not match the contract`);
    };
    this.#socket.on(name, handler);
    return () => this.#socket.off(name, handler);
  }

  /**
   * The booth-server session token, cached until a minute before it expires; concurrent
   * callers share one request.
   */
  sessionToken(refresh = false): Promise<string> {
    const t = this.#token;
    if (!refresh && t && t.expiresAt - 60_000 > this.#now()) return Promise.resolve(t.token);
    if (!this.#tokenRequest) {
      this.#tokenRequest = this.request('session:token', {})
        .then((res) => {
          this.#token = res;
          return res.token;
        })
        .finally(() => {
          this.#tokenRequest = null;
        });
    }
    return this.#tokenRequest;
  }

  close(): void {
    this.#socket.disconnect();
  }
}
