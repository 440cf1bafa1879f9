import type { SignallingSocket } from '@onething/web-call/call-client';
import type { Language } from '@onething/contract/sockets/kiosk';
import { Namespace } from '@onething/contract/sockets/namespaces';
import { KioskContract } from '@onething/contract/sockets/sockets';
import {
  type ClientSocketLike,
  ContractClient,
  type NotificationPayload,
  type RequestInput,
  type ResponseOutput,
} from '@onething/contract/wire/contract-client';
import { exponentialBackoff, type RetryPolicy } from '@onething/contract/wire/retry';
import { io } from 'socket.io-client';
import { KioskApiError } from './api-error.ts';

type Requests = typeof KioskContract.requests;
type Notifications = typeof KioskContract.notifications;
export type KioskRequestName = keyof Requests & string;
export type KioskNotificationName = keyof Notifications & string;
export type KioskRequestPayload<K extends KioskRequestName> = RequestInput<Requests, K>;
export type KioskResponse<K extends KioskRequestName> = ResponseOutput<Requests, K>;
export type KioskNotification<K extends KioskNotificationName> = NotificationPayload<
  Notifications,
  K
>;

/** socket.io's auth option as a function: asked again before every connection attempt. */
export type AuthProvider = (cb: (data: { token?: string }) => void) => void;

/** The part of a socket.io client socket this client uses (a fake in tests). */
export interface KioskSocketLike extends ClientSocketLike {
  /** False once the server refused the handshake: socket.io then stops retrying by itself. */
  readonly active: boolean;
  connect(): unknown;
  disconnect(): unknown;
}

export type KioskSocketFactory = (url: string, auth: AuthProvider) => KioskSocketLike;

const defaultFactory: KioskSocketFactory = (url, auth) =>
  io(url, {
    auth,
    transports: ['websocket'],
    reconnectionDelay: 500,
    reconnectionDelayMax: 5_000,
  });

export interface KioskSocketOptions {
  /** Origin of the booth server; '' means the page's own (the UI is served at /kiosk/). */
  baseUrl?: string;
  /** The kiosk session token from the bridge; `refresh` asks for a new one after a refusal. */
  getToken: (refresh: boolean) => Promise<string>;
  /** What session:start announces on every (re)connection. */
  hello: () => { language: Language; elderMode: boolean };
  timeoutMs?: number;
  connect?: KioskSocketFactory;
  /** Wait before trying again after the server refused the handshake; null gives up. */
  nextRetryDelayMs?: RetryPolicy;
}

/** 1 s, 2 s, 4 s … up to 30 s between refused handshakes, for as long as it takes. */
export const defaultRetryPolicy: RetryPolicy = exponentialBackoff({
  initialMs: 1_000,
  maxMs: 30_000,
});

/**
 * The booth server's `/kiosk` namespace: video help (ticket, call, chat, remote actions) and
 * the call's media signalling. Authenticated with the same kiosk session token as the REST
 * API. Transport drops are retried by socket.io itself; a refused handshake (token expired,
 * bridge away) is retried here with a fresh token, backing off.
 */
export class KioskSocket {
  readonly #socket: KioskSocketLike;
  readonly #client: ContractClient<Requests, Notifications, KioskApiError>;
  readonly #hello: KioskSocketOptions['hello'];
  readonly #retryPolicy: RetryPolicy;
  #refresh = false;
  #refusals = 0;
  /** When the current streak of refusals began (for the policy's elapsedMs). */
  #refusedSince = 0;
  /** The retry policy returned null: only reconnect() tries again. */
  #gaveUp = false;
  #retry: ReturnType<typeof setTimeout> | null = null;
  #closed = false;

  constructor(opts: KioskSocketOptions) {
    this.#hello = opts.hello;
    this.#retryPolicy = opts.nextRetryDelayMs ?? defaultRetryPolicy;
    const auth: AuthProvider = (cb) => {
      const refresh = this.#refresh;
      this.#refresh = false;
      // without a token the server refuses, and the refusal schedules the next try
      opts.getToken(refresh).then(
        (token) => cb({ token }),
        () => cb({}),
      );
    };
    const base = (opts.baseUrl ?? '').replace(/\/$/, '');
    this.#socket = (opts.connect ?? defaultFactory)(`${base}${Namespace.Kiosk}`, auth);
    this.#client = new ContractClient(this.#socket, KioskContract, {
      peer: 'server',
      timeoutMs: opts.timeoutMs ?? 10_000,
      errors: KioskApiError,
    });
    this.#socket.on('connect', () => {
      this.#refusals = 0;
      void this.#start();
    });
    this.#socket.on('connect_error', () => this.#onConnectError());
    // The server ended this socket (its terminal was revoked: `session:ended` came first).
    // socket.io does not come back after that by itself: ask for a fresh token and retry,
    // backing off, like a refused handshake; a revoked terminal keeps being refused.
    this.#socket.on('disconnect', (reason: unknown) => {
      if (reason === 'io server disconnect') this.#onConnectError();
    });
  }

  get connected(): boolean {
    return this.#socket.connected;
  }

  /** Resolves true once connected, or false after `timeoutMs` without a connection. */
  whenConnected(timeoutMs: number): Promise<boolean> {
    if (this.#socket.connected) return Promise.resolve(true);
    return new Promise((resolve) => {
      const done = (ok: boolean) => {
        clearTimeout(timer);
        this.#socket.off('connect', up);
        resolve(ok);
      };
      const up = () => done(true);
      const timer = setTimeout(() => done(false), timeoutMs);
      this.#socket.on('connect', up);
    });
  }

  /** Calls `listener(true)` on (re)connection and `listener(false)` on loss; returns an unsubscribe. */
  onConnection(listener: (connected: boolean) => void): () => void {
    const up = () => listener(true);
    const down = () => listener(false);
    this.#socket.on('connect', up);
    this.#socket.on('disconnect', down);
    return () => {
      this.#socket.off('connect', up);
      this.#socket.off('disconnect', down);
    };
  }

  /** A request checked both ways against the contract; fails fast while disconnected. */
  request<K extends KioskRequestName>(
    name: K,
    payload: KioskRequestPayload<K>,
  ): Promise<KioskResponse<K>> {
    return this.#client.request(name, payload);
  }

  /** Subscribes to a notification checked against the contract; returns an unsubscribe. */
  on<K extends KioskNotificationName>(
    name: K,
    listener: (payload: KioskNotification<K>) => void,
  ): () => void {
    return this.#client.on(name, listener);
  }

  /** The raw socket for the call's media signalling (the CallClient checks its own answers). */
  get signalling(): SignallingSocket {
    const s = this.#socket;
    return {
      timeout: (ms) => s.timeout(ms),
      on: (event, listener) => s.on(event, listener),
      off: (event, listener) => s.off(event, listener),
    };
  }

  /** Tries at once if a refused handshake is waiting out its backoff (the token may work now). */
  reconnect(): void {
    if (this.#closed || this.#socket.connected || !(this.#retry || this.#gaveUp)) return;
    if (this.#retry) clearTimeout(this.#retry);
    this.#retry = null;
    this.#gaveUp = false;
    this.#socket.connect();
  }

  close(): void {
    this.#closed = true;
    if (this.#retry) clearTimeout(this.#retry);
    this.#socket.disconnect();
  }

  async #start(): Promise<void> {
    try {
      await this.request('session:start', this.#hello());
    } catch (e) {
      console.warn(`kiosk session:start failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  #onConnectError(): void {
    // still active: a transport failure that socket.io retries on its own
    if (this.#socket.active || this.#closed || this.#retry) return;
    if (this.#refusals === 0) this.#refusedSince = Date.now();
    this.#refresh = true;
    this.#refusals += 1;
    const delay = this.#retryPolicy({
      attempt: this.#refusals,
      elapsedMs: Date.now() - this.#refusedSince,
    });
    if (delay === null) {
      this.#gaveUp = true;
      return;
    }
    this.#retry = setTimeout(() => {
      this.#retry = null;
      if (!this.#closed) this.#socket.connect();
    }, delay);
  }
}
