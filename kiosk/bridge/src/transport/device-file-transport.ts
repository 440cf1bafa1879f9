import { EventEmitter } from 'node:events';
import { constants, type FileHandle, open } from 'node:fs/promises';
import pino, { type Logger } from 'pino';
import { type BackoffPolicy, backoffDelay, DEFAULT_BACKOFF } from './backoff.ts';
import {
  type ReportTransport,
  type TransportCloseReason,
  TransportEvent,
  type TransportEvents,
} from './report-transport.ts';
import { TransportError } from './transport-error.ts';

export interface DeviceFileTransportOptions {
  /** E.g. /dev/usb/lp0 (USB printer class) or a serial device. */
  path: string;
  /** Read the device's replies (printer status). Default true. */
  readable?: boolean;
  /** Poll interval for the non-blocking reader and for a full write buffer. Default 20 ms. */
  pollMs?: number;
  /** Give up on a write the device does not accept for this long. Default 10 s. */
  writeTimeoutMs?: number;
  backoff?: BackoffPolicy;
  logger?: Logger;
}

const RETRY_LATER = new Set(['EAGAIN', 'EWOULDBLOCK']);

/**
 * A character device (or FIFO) as a byte stream. Opened non-blocking and never created, so a
 * missing /dev/usb/lp0 is NOT_FOUND rather than a new regular file; reads are polled so closing
 * never leaves a thread blocked in read(2). Reopens with back-off after I/O errors (unplug).
 */
export class DeviceFileTransport extends EventEmitter<TransportEvents> implements ReportTransport {
  readonly maxWriteSize = null;
  readonly description: string;
  readonly #path: string;
  readonly #readable: boolean;
  readonly #pollMs: number;
  readonly #writeTimeoutMs: number;
  readonly #backoff: BackoffPolicy;
  readonly #logger: Logger;
  #handle: FileHandle | null = null;
  #reader: Promise<void> | null = null;
  #wanted = false;
  #retryTimer: NodeJS.Timeout | null = null;
  #attempt = 0;
  #writing: Promise<unknown> = Promise.resolve();

  constructor(options: DeviceFileTransportOptions) {
    super();
    this.#path = options.path;
    this.description = `file ${options.path}`;
    this.#readable = options.readable ?? true;
    this.#pollMs = options.pollMs ?? 20;
    this.#writeTimeoutMs = options.writeTimeoutMs ?? 10_000;
    this.#backoff = options.backoff ?? DEFAULT_BACKOFF;
    this.#logger = options.logger ?? pino({ level: 'silent' });
  }

  get isOpen(): boolean {
    return this.#handle !== null;
  }

  async open(): Promise<void> {
    this.#wanted = true;
    if (this.#handle) return;
    try {
      await this.#connect();
    } catch (error) {
      this.#scheduleReconnect();
      throw error;
    }
  }

  async close(): Promise<void> {
    this.#wanted = false;
    if (this.#retryTimer) clearTimeout(this.#retryTimer);
    this.#retryTimer = null;
    await this.#drop('closed');
  }

  /** Writes all bytes, in order with other writes. */
  write(bytes: Uint8Array): Promise<void> {
    const run = this.#writing.then(() => this.#writeAll(bytes));
    this.#writing = run.catch(() => undefined);
    return run;
  }

  async #writeAll(bytes: Uint8Array): Promise<void> {
    const handle = this.#handle;
    if (!handle) throw TransportError.notOpen(this.description);
    let offset = 0;
    const deadline = Date.now() + this.#writeTimeoutMs;
    while (offset < bytes.length) {
      try {
        const { bytesWritten } = await handle.write(bytes, offset, bytes.length - offset, null);
        offset += bytesWritten;
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code ?? '';
        if (RETRY_LATER.has(code) && Date.now() < deadline) {
          await sleep(this.#pollMs);
          continue;
        }
        const failure = TransportError.io(this.description, error);
        this.#failed(handle, failure);
        throw failure;
      }
    }
  }

  async #connect(): Promise<void> {
    const flags =
      (this.#readable ? constants.O_RDWR : constants.O_WRONLY) |
      constants.O_NONBLOCK |
      constants.O_NOCTTY;
    let handle: FileHandle;
    try {
      handle = await open(this.#path, flags);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        throw TransportError.notFound(this.#path);
      }
      throw TransportError.openFailed(this.#path, error);
    }
    if (!this.#wanted) {
      await handle.close();
      return;
    }
    this.#handle = handle;
    this.#attempt = 0;
    if (this.#readable) this.#reader = this.#readLoop(handle);
    this.#logger.info({ device: this.#path }, 'device file open');
    this.emit(TransportEvent.Open);
  }

  async #readLoop(handle: FileHandle): Promise<void> {
    const buffer = Buffer.alloc(512);
    while (this.#handle === handle) {
      let bytesRead: number;
      try {
        ({ bytesRead } = await handle.read(buffer, 0, buffer.length, null));
      } catch (error) {
        if (this.#handle !== handle) return;
        if (RETRY_LATER.has((error as NodeJS.ErrnoException).code ?? '')) {
          await sleep(this.#pollMs);
          continue;
        }
        this.#failed(handle, TransportError.io(this.description, error));
        return;
      }
      if (bytesRead === 0) {
        await sleep(this.#pollMs);
        continue;
      }
      if (this.#handle === handle) {
        this.emit(TransportEvent.Data, new Uint8Array(buffer.subarray(0, bytesRead)));
      }
    }
  }

  #failed(handle: FileHandle, error: TransportError): void {
    if (this.#handle !== handle) return;
    this.#logger.warn({ device: this.#path, err: error.message }, 'device file failed');
    if (this.listenerCount(TransportEvent.Error) > 0) this.emit(TransportEvent.Error, error);
    void this.#drop('error').then(() => this.#scheduleReconnect());
  }

  async #drop(reason: TransportCloseReason): Promise<void> {
    const handle = this.#handle;
    if (!handle) return;
    this.#handle = null;
    await this.#reader;
    this.#reader = null;
    await handle.close().catch(() => undefined);
    this.emit(TransportEvent.Close, reason);
  }

  #scheduleReconnect(): void {
    if (!this.#wanted || this.#retryTimer || this.#handle) return;
    this.#retryTimer = setTimeout(
      () => {
        this.#retryTimer = null;
        if (!this.#wanted || this.#handle) return;
        this.#connect().catch(() => this.#scheduleReconnect());
      },
      backoffDelay(this.#backoff, this.#attempt++),
    );
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
