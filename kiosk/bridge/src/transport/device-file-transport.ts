import { constants, type FileHandle, open } from 'node:fs/promises';
import {
  ReconnectingTransport,
  type ReconnectingTransportOptions,
} from './reconnecting-transport.ts';
import { TransportEvent } from './report-transport.ts';
import { TransportError } from './transport-error.ts';

export interface DeviceFileTransportOptions extends ReconnectingTransportOptions {
  /** E.g. /dev/usb/lp0 (USB printer class) or a serial device. */
  path: string;
  /** Read the device's replies (printer status). Default true. */
  readable?: boolean;
  /** Poll interval for the non-blocking reader and for a full write buffer. Default 20 ms. */
  pollMs?: number;
  /** Give up on a write the device does not accept for this long. Default 10 s. */
  writeTimeoutMs?: number;
}

const RETRY_LATER = new Set(['EAGAIN', 'EWOULDBLOCK']);

/**
 * A character device (or FIFO) as a byte stream. Opened non-blocking and never created, so a
 * missing /dev/usb/lp0 is NOT_FOUND rather than a new regular file; reads are polled so closing
 * never leaves a thread blocked in read(2). Reopening after I/O errors (an unplug) is
 * ReconnectingTransport's.
 */
export class DeviceFileTransport extends ReconnectingTransport<FileHandle> {
  readonly maxWriteSize = null;
  readonly description: string;
  readonly #path: string;
  readonly #readable: boolean;
  readonly #pollMs: number;
  readonly #writeTimeoutMs: number;
  #reader: Promise<void> | null = null;
  #writing: Promise<unknown> = Promise.resolve();

  constructor(options: DeviceFileTransportOptions) {
    super('device file', options);
    this.#path = options.path;
    this.description = `file ${options.path}`;
    this.#readable = options.readable ?? true;
    this.#pollMs = options.pollMs ?? 20;
    this.#writeTimeoutMs = options.writeTimeoutMs ?? 10_000;
  }

  /** Writes all bytes, in order with other writes. */
  write(bytes: Uint8Array): Promise<void> {
    const run = this.#writing.then(() => this.#writeAll(bytes));
    this.#writing = run.catch(() => undefined);
    return run;
  }

  async #writeAll(bytes: Uint8Array): Promise<void> {
    const handle = this.handle;
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
        this.deviceFailed(handle, failure);
        throw failure;
      }
    }
  }

  protected async openDevice(): Promise<FileHandle> {
    const flags =
      (this.#readable ? constants.O_RDWR : constants.O_WRONLY) |
      constants.O_NONBLOCK |
      constants.O_NOCTTY;
    try {
      return await open(this.#path, flags);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        throw TransportError.notFound(this.#path);
      }
      throw TransportError.openFailed(this.#path, error);
    }
  }

  protected attach(handle: FileHandle): void {
    if (this.#readable) this.#reader = this.#readLoop(handle);
  }

  protected async release(handle: FileHandle): Promise<void> {
    // The read loop stops once the handle is no longer current; wait so it never reads a
    // closed descriptor.
    await this.#reader;
    this.#reader = null;
    await handle.close().catch(() => undefined);
  }

  async #readLoop(handle: FileHandle): Promise<void> {
    const buffer = Buffer.alloc(512);
    while (this.handle === handle) {
      let bytesRead: number;
      try {
        ({ bytesRead } = await handle.read(buffer, 0, buffer.length, null));
      } catch (error) {
        if (this.handle !== handle) return;
        if (RETRY_LATER.has((error as NodeJS.ErrnoException).code ?? '')) {
          await sleep(this.#pollMs);
          continue;
        }
        this.deviceFailed(handle, TransportError.io(this.description, error));
        return;
      }
      if (bytesRead === 0) {
        await sleep(this.#pollMs);
        continue;
      }
      if (this.handle === handle) {
        this.safeEmit(TransportEvent.Data, new Uint8Array(buffer.subarray(0, bytesRead)));
      }
    }
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
