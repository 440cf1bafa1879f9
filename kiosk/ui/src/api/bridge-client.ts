import {
  BRIDGE_LOCAL_NAMESPACE,
  BridgeLocalNotifications,
  BridgeLocalRequests,
} from '@onething/contract/sockets/bridge-local';
import type { KioskSessionToken } from '@onething/contract/rest/kiosk';
import type { NotificationOf, ResponseOf } from '@onething/contract/wire/contract';
import {
  type ClientSocketLike,
  ContractClient,
  type RequestInput,
} from '@onething/contract/wire/contract-client';
import { io } from 'socket.io-client';
import { type KioskApiError, kioskWireErrors } from './api-error.ts';

type Requests = typeof BridgeLocalRequests;
type Notifications = typeof BridgeLocalNotifications;
export type BridgeRequestName = keyof Requests & string;
export type BridgeNotificationName = keyof Notifications & string;
/** What a request sends: the schema's input (defaults may be left out). */
export type BridgeRequestPayload<K extends BridgeRequestName> = RequestInput<Requests, K>;
export type BridgeResponse<K extends BridgeRequestName> = ResponseOf<Requests, K>;
export type BridgeNotification<K extends BridgeNotificationName> = NotificationOf<Notifications, K>;

/** The part of a socket.io client socket the bridge client uses (a fake in tests). */
export interface SocketLike extends ClientSocketLike {
  disconnect(): unknown;
}

export type SocketFactory = (url: string, auth: { token: string }) => SocketLike;

const defaultFactory: SocketFactory = (url, auth) =>
  io(url, {
    auth,
    transports: ['websocket'],
    reconnectionDelay: 500,
    reconnectionDelayMax: 5_000,
  });

export interface BridgeClientOptions {
  bridgeUrl: string;
  token: string;
  timeoutMs?: number;
  connect?: SocketFactory;
  now?: () => number;
}

/**
 * The device bridge's local socket.io API (`/local` namespace) through the contract's client:
 * requests checked before they leave and their answers when they come back (failures are
 * KioskApiErrors), notifications checked on arrival (a malformed one is dropped rather than
 * shown to the citizen).
 */
export class BridgeClient {
  readonly #socket: SocketLike;
  readonly #client: ContractClient<Requests, Notifications, KioskApiError>;
  readonly #now: () => number;
  #token: KioskSessionToken | null = null;
  #tokenRequest: Promise<string> | null = null;

  constructor(opts: BridgeClientOptions) {
    this.#now = opts.now ?? Date.now;
    this.#socket = (opts.connect ?? defaultFactory)(`${opts.bridgeUrl}${BRIDGE_LOCAL_NAMESPACE}`, {
      token: opts.token,
    });
    this.#client = new ContractClient(
      this.#socket,
      { requests: BridgeLocalRequests, notifications: BridgeLocalNotifications },
      { peer: 'bridge', timeoutMs: opts.timeoutMs ?? 10_000, errors: kioskWireErrors },
    );
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

  request<K extends BridgeRequestName>(
    name: K,
    payload: BridgeRequestPayload<K>,
  ): Promise<BridgeResponse<K>> {
    return this.#client.request(name, payload);
  }

  /** Subscribes to a notification; returns an unsubscribe. */
  on<K extends BridgeNotificationName>(
    name: K,
    listener: (payload: BridgeNotification<K>) => void,
  ): () => void {
    return this.#client.on(name, listener);
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
