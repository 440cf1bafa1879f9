import type { z } from 'zod';
import type { NotificationContract } from './contract.ts';
import { describeIssue } from './ack.ts';
import type { WireLogger } from './wire-logger.ts';

/** Anything socket.io can emit through: a socket, a namespace, a room (`nsp.to(room)`). */
export interface NotificationTarget {
  emit(event: never, ...args: never[]): unknown;
}

/**
 * Sends a namespace's notifications, each checked against the contract before it leaves: a
 * payload that breaks it is not sent (a peer must never have to guess) and is logged as the
 * server's own bug. What is sent is the parsed payload, so a field the contract does not name
 * never leaves (a stray personal field on an internal object stays home).
 */
export class Notifier<N extends NotificationContract> {
  readonly #contract: N;
  readonly #log: WireLogger;
  readonly #namespace: string;

  constructor(contract: N, options: { namespace: string; log: WireLogger }) {
    this.#contract = contract;
    this.#log = options.log;
    this.#namespace = options.namespace;
  }

  /** True when `name` is one of this namespace's notifications. */
  has(name: string): name is keyof N & string {
    return Object.hasOwn(this.#contract, name);
  }

  /** Sends one notification; false when it broke the contract and was not sent. */
  send<K extends keyof N & string>(
    target: NotificationTarget,
    name: K,
    payload: z.input<N[K]>,
  ): boolean {
    return this.relay(target, name, payload);
  }

  /** Sends a notification whose name is only known at run time (checked all the same). */
  relay(target: NotificationTarget, name: string, payload: unknown): boolean {
    if (!this.has(name)) {
      this.#log.error({ event: name, nsp: this.#namespace }, 'notification not in the contract');
      return false;
    }
    const schema = this.#contract[name];
    if (!schema) return false;
    const checked = schema.safeParse(payload);
    if (!checked.success) {
      this.#log.error(
        { event: name, nsp: this.#namespace, issue: describeIssue(checked.error.issues) },
        'notification does not match the contract; not sent',
      );
      return false;
    }
    Reflect.apply(target.emit, target, [name, checked.data]);
    return true;
  }
}
