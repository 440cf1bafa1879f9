import type { z } from 'zod';
import type { NotificationContract, RequestContract } from './contract.ts';
import { describeIssue, parseAs, readAck, type WireErrors } from './ack.ts';
import { consoleWireLogger, type WireLogger } from './wire-logger.ts';

/** The part of a socket.io client socket a contract client needs. */
export interface ClientSocketLike {
  readonly connected: boolean;
  timeout(ms: number): { emitWithAck(event: string, ...args: unknown[]): Promise<unknown> };
  on(event: string, listener: (...args: unknown[]) => void): unknown;
  off(event: string, listener: (...args: unknown[]) => void): unknown;
}

export interface ContractClientOptions<E extends Error> {
  /** Who answers, for messages: 'server', 'bridge'. */
  peer: string;
  /** How long a request waits for its acknowledgement, ms. */
  timeoutMs: number;
  /** This client's error class, built from each way a request can fail. */
  errors: WireErrors<E>;
  log?: WireLogger;
}

export type RequestInput<C extends RequestContract, K extends keyof C> = z.input<C[K]['request']>;
export type ResponseOutput<C extends RequestContract, K extends keyof C> = z.output<
  C[K]['response']
>;
export type NotificationPayload<N extends NotificationContract, K extends keyof N> = z.output<N[K]>;

/**
 * One peer's side of a namespace contract: requests checked before they leave and their
 * acknowledgements when they come back, notifications checked before a listener sees them.
 * Requests are not buffered while the socket is down: a print, a wipe or a consent must not
 * fire minutes later.
 */
export class ContractClient<
  C extends RequestContract,
  N extends NotificationContract,
  E extends Error = Error,
> {
  readonly #socket: ClientSocketLike;
  readonly #requests: C;
  readonly #notifications: N;
  readonly #options: ContractClientOptions<E>;
  readonly #log: WireLogger;

  constructor(
    socket: ClientSocketLike,
    contract: { requests: C; notifications: N },
    options: ContractClientOptions<E>,
  ) {
    this.#socket = socket;
    this.#requests = contract.requests;
    this.#notifications = contract.notifications;
    this.#options = options;
    this.#log = options.log ?? consoleWireLogger;
  }

  get connected(): boolean {
    return this.#socket.connected;
  }

  async request<K extends keyof C & string>(
    name: K,
    payload: RequestInput<C, K>,
  ): Promise<ResponseOutput<C, K>> {
    const { errors, peer, timeoutMs } = this.#options;
    const what = `${peer} ${name}`;
    const spec = this.#requests[name];
    if (!spec) throw errors.invalidRequest(what, 'not in the contract');
    const req = parseAs<C[K]['request']>(spec.request, payload);
    if (!req.success) throw errors.invalidRequest(what, describeIssue(req.error.issues));
    if (!this.#socket.connected) throw errors.unreachable(what);
    let answer: unknown;
    try {
      answer = await this.#socket.timeout(timeoutMs).emitWithAck(name, req.data);
    } catch {
      throw errors.unreachable(what);
    }
    const ack = readAck(answer);
    if (!ack) throw errors.badResponse(what, 'not an acknowledgement');
    if (!ack.ok) throw errors.refused(what, null, ack.error);
    const res = parseAs<C[K]['response']>(spec.response, ack.data);
    if (!res.success) throw errors.badResponse(what, describeIssue(res.error.issues));
    return res.data;
  }

  /** Subscribes to a notification checked against the contract; returns an unsubscribe. */
  on<K extends keyof N & string>(
    name: K,
    listener: (payload: NotificationPayload<N, K>) => void,
  ): () => void {
    const schema = this.#notifications[name];
    if (!schema) throw new TypeError(`${name} is not a notification of this contract`);
    const handler = (payload: unknown) => {
      const parsed = parseAs<N[K]>(schema, payload);
      if (parsed.success) {
        listener(parsed.data);
        return;
      }
      // the payload may hold personal data: only the event and the failing path are logged
      this.#log.warn(
        { event: name, issue: describeIssue(parsed.error.issues) },
        `${this.#options.peer} notification dropped: does not match the contract`,
      );
    };
    this.#socket.on(name, handler);
    return () => this.#socket.off(name, handler);
  }
}
