import type { SignallingSocket } from '@onething/web-call/call-client';
import { KioskBoothNotifications, KioskBoothRequests } from '@onething/contract/sockets/booth';
import type { ClientEvents, ResponseOf, ServerEvents } from '@onething/contract/wire/contract';
import { KioskNotifications, KioskRequests, type Language } from '@onething/contract/sockets/kiosk';
import { Namespace } from '@onething/contract/sockets/namespaces';
import { io } from 'socket.io-client';
import type { SocketLike } from './bridge-client.ts';
import { ackRequest } from './socket-request.ts';

const Requests = { ...KioskRequests, ...KioskBoothRequests };
const Notifications = { ...KioskNotifications, ...KioskBoothNotifications };
type Requests = typeof Requests;
type Notifications = typeof Notifications;
export type KioskRequestName = keyof Requests & string;
export type KioskNotificationName = keyof Notifications & string;
export type KioskRequestPayload<K extends KioskRequestName> = Parameters<
  ClientEvents<Requests>[K]
>[0];
export type KioskResponse<K extends KioskRequestName> = ResponseOf<Requests, K>;
export type KioskNotification<K extends KioskNotificationName> = Parameters<
  ServerEvents<Notifications>[K]
>[0];

/** socket.io's auth option as a function: asked again before every connection attempt. */
export type AuthProvider = (cb: (data: { token?: string }) => void) => void;

/** The part of a socket.io client socket this client uses (a fake in tests). */
export interface KioskSocketLike extends SocketLike {
  /** False once the server refused the handshake: socket.io then stops retrying by itself. */
  readonly active: boolean;
  connect(): unknown;
}

export type KioskSocketFactory = (url: string, auth: AuthProvider) => KioskSocketLike;

const defaultFactory: KioskSocketFactory = (url, auth) =>
  io(url, {
    auth,
    transports: ['websocket'],
    reconnectionDelay: 500,
    reconnectionDelayMax: 5_000,
  }) as unknown as KioskSocketLike;

export interface KioskSocketOptions {
  /** Origin of the booth server; '' means the page's own (the UI is served at /kiosk/). */
  baseUrl?: string;
  /** The kiosk session token from the bridge; `refresh` asks for a new one after a refusal. */
  getToken: (refresh: boolean) => Promise<string>;
  /** What session:start announces on every (re)connection. */
  hello: () => { language: Language; elderMode: boolean };
  timeoutMs?: number;
  connect?: KioskSocketFactory;
  /** Wait before trying again after the server refused the handshake (attempt counts from 1). */
  retryDelayMs?: (attempt: number) => number;
}

/** 1 s, 2 s, 4 s … up to 30 s between refused handshakes. */
export const defaultRetryDelay = (attempt: number): number =>
  Math.min(30_000, 1_000 * 2 ** Math.max(0, attempt - 1));

/**
 * The booth server's `/kiosk` namespace: video help (ticket, call, chat, remote actions) and
 * the call's media signalling. Authenticated with the same kiosk session token as the REST
 * API. Transport drops are retried by socket.io itself; a refused handshake (token expired,
 * bridge away) is retried here with a fresh token, backing off.
 */
export class KioskSocket {
  readonly #socket: KioskSocketLike;
  readonly #timeoutMs: number;
  readonly #hello: KioskSocketOptions['hello'];
  readonly #retryDelay: (attempt: number) => number;
  #refresh = false;
  #refusals = 0;
  #retry: ReturnType<typeof setTimeout> | null = null;
  #closed = false;

  constructor(opts: KioskSocketOptions) {
    this.#timeoutMs = opts.timeoutMs ?? 10_000;
    this.#hello = opts.hello;
    this.#retryDelay = opts.retryDelayMs ?? defaultRetryDelay;
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

  async request<K extends KioskRequestName>(
    name: K,
    payload: KioskRequestPayload<K>,
  ): Promise<KioskResponse<K>> {
    const res = await ackRequest(
      this.#socket,
      'server',
      name,
      Requests[name],
      payload,
      this.#timeoutMs,
    );
    return res as KioskResponse<K>;
  }

  /** Subscribes to a notification checked against the contract; returns an unsubscribe. */
  on<K extends KioskNotificationName>(
    name: K,
    listener: (payload: KioskNotification<K>) => void,
  ): () => void {
    const schema = Notifications[name];
    const handler = (payload: unknown) => {
      const parsed = schema.safeParse(payload);
      if (parsed.success) listener(parsed.data as KioskNotification<K>);
      // the payload may hold personal data: log only which event was malformed
      else console.warn(`server notification ${name} dropped: does not match the contract`);
    };
    this.#socket.on(name, handler);
    return () => this.#socket.off(name, handler);
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
    if (this.#closed || this.#socket.connected || !this.#retry) return;
    clearTimeout(this.#retry);
    this.#retry = null;
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
    this.#refresh = true;
    this.#refusals += 1;
    this.#retry = setTimeout(() => {
      this.#retry = null;
      if (!this.#closed) this.#socket.connect();
    }, this.#retryDelay(this.#refusals));
  }
}
