import type { SmsGateway } from './sms-gateway.ts';

export interface SentSms {
  to: string;
  text: string;
  idempotencyKey: string;
}

/**
 * An in-process stand-in for the SMS provider, like the simulated shared-data sources: it keeps
 * what it took (once per idempotency key), and tests or a demo tell it to fail the next attempts.
 */
export class SimulatedSmsGateway implements SmsGateway {
  readonly #sent = new Map<string, SentSms>();
  #failures = 0;
  #attempts = 0;

  send(message: { to: string; text: string }, idempotencyKey: string): Promise<void> {
    this.#attempts++;
    if (this.#failures > 0) {
      this.#failures--;
      return Promise.reject(new Error('simulated SMS gateway unavailable'));
    }
    if (!this.#sent.has(idempotencyKey))
      this.#sent.set(idempotencyKey, { ...message, idempotencyKey });
    return Promise.resolve();
  }

  /** The next `n` attempts fail. */
  failNext(n: number): void {
    this.#failures = n;
  }

  /** Every message taken, once each, oldest first. */
  get sent(): SentSms[] {
    return [...this.#sent.values()];
  }

  get attempts(): number {
    return this.#attempts;
  }
}
