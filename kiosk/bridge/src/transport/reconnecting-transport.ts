import { SafeEventEmitter } from '@onething/contract/node/safe-event-emitter';
import { exponentialBackoff, type RetryPolicy } from '@onething/contract/wire/retry';
import pino, { type Logger } from 'pino';
import {
  type ReportTransport,
  type TransportCloseReason,
  TransportEvent,
  type TransportEvents,
} from './report-transport.ts';
import type { TransportError } from './transport-error.ts';

/**
 * Reopening a device: 500 ms doubling to 5 s, never giving up. The cap doubles as the slow
 * hot-plug rescan while the device is absent (node-hid and device files have no plug events).
 */
export const DEVICE_REOPEN_POLICY: RetryPolicy = exponentialBackoff({
  initialMs: 500,
  factor: 2,
  maxMs: 5000,
});

export interface ReconnectingTransportOptions {
  /** Delay before each reopen attempt; null stops until the next open(). */
  nextRetryDelayMs?: RetryPolicy;
  logger?: Logger;
}

/**
 * The life cycle every hardware transport shares: open() makes one attempt and reports its
 * outcome; until close() a failed open or an I/O error (an unplug) closes the device and
 * reopens it in the background on the retry policy, emitting `open` each time it comes back.
 * A subclass only finds and opens its device, listens to it, and releases it.
 */
export abstract class ReconnectingTransport<Handle>
  extends SafeEventEmitter<TransportEvents>
  implements ReportTransport
{
  abstract readonly description: string;
  abstract readonly maxWriteSize: number | null;
  /** What the device is, in log messages ("hid device", "device file"). */
  readonly #kind: string;
  readonly #nextRetryDelayMs: RetryPolicy;
  readonly #logger: Logger;
  #handle: Handle | null = null;
  #wanted = false;
  #connecting: Promise<void> | null = null;
  #retryTimer: NodeJS.Timeout | null = null;
  /** Failed attempts since the device was last open. */
  #attempt = 0;
  #failingSince: number | null = null;

  protected constructor(kind: string, options: ReconnectingTransportOptions) {
    const logger = options.logger ?? pino({ level: 'silent' });
    super(logger);
    this.#kind = kind;
    this.#nextRetryDelayMs = options.nextRetryDelayMs ?? DEVICE_REOPEN_POLICY;
    this.#logger = logger;
  }

  get isOpen(): boolean {
    return this.#handle !== null;
  }

  async open(): Promise<void> {
    this.#wanted = true;
    if (this.#handle) return;
    // An explicit open() starts a fresh streak, also after the policy gave up.
    if (!this.#retryTimer) {
      this.#attempt = 0;
      this.#failingSince = null;
    }
    try {
      await this.#connect();
    } catch (error) {
      this.#scheduleReconnect(error);
      throw error;
    }
  }

  async close(): Promise<void> {
    this.#wanted = false;
    if (this.#retryTimer) clearTimeout(this.#retryTimer);
    this.#retryTimer = null;
    await this.#connecting?.catch(() => undefined);
    await this.#drop('closed');
  }

  abstract write(bytes: Uint8Array): Promise<void>;

  /** The open device, or null. */
  protected get handle(): Handle | null {
    return this.#handle;
  }

  /** One attempt to find and open the device; throws a TransportError. */
  protected abstract openDevice(): Promise<Handle>;

  /** Starts listening to a device just opened (its input reports, a read loop). */
  protected abstract attach(handle: Handle): void;

  /** Lets go of a device that is no longer current; never throws (it may be unplugged). */
  protected abstract release(handle: Handle): Promise<void>;

  /** An I/O error on `handle`: reported, the device closed, and reopened in the background. */
  protected deviceFailed(handle: Handle, error: TransportError): void {
    if (this.#handle !== handle) return;
    this.#logger.warn({ device: this.description, err: error.message }, `${this.#kind} failed`);
    this.safeEmit(TransportEvent.Error, error);
    void this.#drop('error').then(() => this.#scheduleReconnect(error));
  }

  #connect(): Promise<void> {
    this.#connecting ??= this.#tryConnect().finally(() => {
      this.#connecting = null;
    });
    return this.#connecting;
  }

  async #tryConnect(): Promise<void> {
    const handle = await this.openDevice();
    if (!this.#wanted) {
      await this.release(handle);
      return;
    }
    this.#handle = handle;
    this.#attempt = 0;
    this.#failingSince = null;
    this.attach(handle);
    this.#logger.info({ device: this.description }, `${this.#kind} open`);
    this.safeEmit(TransportEvent.Open);
  }

  async #drop(reason: TransportCloseReason): Promise<void> {
    const handle = this.#handle;
    if (!handle) return;
    this.#handle = null;
    await this.release(handle);
    this.safeEmit(TransportEvent.Close, reason);
  }

  #scheduleReconnect(error: unknown): void {
    if (!this.#wanted || this.#retryTimer || this.#handle) return;
    const now = Date.now();
    this.#failingSince ??= now;
    const delay = this.#nextRetryDelayMs({
      attempt: ++this.#attempt,
      elapsedMs: now - this.#failingSince,
      error,
    });
    if (delay === null) {
      this.#logger.warn({ device: this.description }, `${this.#kind} reopen given up`);
      return;
    }
    this.#retryTimer = setTimeout(() => {
      this.#retryTimer = null;
      if (!this.#wanted || this.#handle) return;
      this.#connect().catch((failure: TransportError) => {
        this.#logger.debug(
          { device: this.description, err: failure.message },
          `${this.#kind} reopen failed`,
        );
        this.#scheduleReconnect(failure);
      });
    }, delay);
  }
}
