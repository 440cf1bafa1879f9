import { SafeEventEmitter } from '@onething/contract/node/safe-event-emitter';
import pino, { type Logger } from 'pino';
import type { ReportTransport } from '../../transport/report-transport.ts';
import { listenTo, TransportEvent } from '../../transport/report-transport.ts';
import { PrinterError } from './printer-error.ts';
import { hidReportLink, type PrinterLink, streamLink } from './printer-link.ts';
import {
  combineStatus,
  decodeStatusByte,
  type PrinterStatus,
  STATUS_REQUESTS,
  type StatusPart,
  type StatusRequest,
  statusRequestBytes,
} from './printer-status.ts';

export enum ReceiptPrinterEvent {
  /** Every status read: (status). */
  Status = 'status',
  Connected = 'connected',
  Disconnected = 'disconnected',
  Error = 'error',
}

export type ReceiptPrinterEvents = {
  [ReceiptPrinterEvent.Status]: [PrinterStatus];
  [ReceiptPrinterEvent.Connected]: [];
  [ReceiptPrinterEvent.Disconnected]: [];
  [ReceiptPrinterEvent.Error]: [PrinterError];
};

export interface ReceiptPrinterOptions {
  /** Defaults to a raw stream for byte-stream transports, length-prefixed reports for HID. */
  link?: PrinterLink;
  /** Wait for each DLE EOT reply. Default 1000 ms. */
  statusTimeoutMs?: number;
  /**
   * Read the status on this interval while connected (0 = only on demand), so paper running
   * low is reported even between jobs. Default 0.
   */
  statusPollMs?: number;
  logger?: Logger;
}

/** What a print queue needs from a printer. */
export interface JobPrinter {
  readonly connected: boolean;
  queryStatus(): Promise<PrinterStatus>;
  write(bytes: Uint8Array): Promise<void>;
}

interface StatusWaiter {
  request: StatusRequest;
  resolve: (part: StatusPart) => void;
  reject: (error: PrinterError) => void;
  timer: NodeJS.Timeout;
}

/**
 * ESC/POS receipt printer over any ReportTransport. Status comes from DLE EOT 1-4, one byte per
 * request; bytes whose fixed bits are wrong are rejected as garbage. Status reads and writes are
 * serialised so a request is never interleaved with half a write.
 */
export class ReceiptPrinter extends SafeEventEmitter<ReceiptPrinterEvents> implements JobPrinter {
  readonly #transport: ReportTransport;
  readonly #link: PrinterLink;
  readonly #statusTimeoutMs: number;
  readonly #logger: Logger;
  readonly #statusPollMs: number;
  #pollTimer: NodeJS.Timeout | null = null;
  #lastStatus: PrinterStatus | null = null;
  #lastPollError: string | null = null;
  #waiter: StatusWaiter | null = null;
  #queue: Promise<unknown> = Promise.resolve();
  #started = false;
  #unlisten: (() => void) | null = null;
  readonly #onData = (input: Uint8Array) => this.#onInput(input);
  readonly #onOpen = () => this.safeEmit(ReceiptPrinterEvent.Connected);
  readonly #onClose = () => {
    this.#failWaiter(new PrinterError('DEVICE_UNAVAILABLE', 'Printer disconnected'));
    this.safeEmit(ReceiptPrinterEvent.Disconnected);
  };
  readonly #onTransportError = (error: Error) =>
    this.#emitError(
      new PrinterError('DEVICE_UNAVAILABLE', `Printer unavailable: ${error.message}`, {}, error),
    );

  constructor(transport: ReportTransport, options: ReceiptPrinterOptions = {}) {
    const logger = options.logger ?? pino({ level: 'silent' });
    super(logger);
    this.#transport = transport;
    this.#link =
      options.link ??
      (transport.maxWriteSize === null ? streamLink() : hidReportLink(transport.maxWriteSize));
    this.#statusTimeoutMs = options.statusTimeoutMs ?? 1000;
    this.#statusPollMs = options.statusPollMs ?? 0;
    this.#logger = logger;
  }

  get connected(): boolean {
    return this.#transport.isOpen;
  }

  /** The most recent status read, or null before the first. */
  get lastStatus(): PrinterStatus | null {
    return this.#lastStatus;
  }

  async start(): Promise<void> {
    if (this.#started) return;
    this.#started = true;
    this.#unlisten = listenTo(this.#transport, {
      [TransportEvent.Data]: this.#onData,
      [TransportEvent.Open]: this.#onOpen,
      [TransportEvent.Close]: this.#onClose,
      [TransportEvent.Error]: this.#onTransportError,
    });
    if (this.#statusPollMs > 0) this.#schedulePoll();
    try {
      await this.#transport.open();
    } catch (error) {
      this.#onTransportError(error instanceof Error ? error : new Error(String(error)));
    }
  }

  async stop(): Promise<void> {
    if (!this.#started) return;
    this.#started = false;
    if (this.#pollTimer) clearTimeout(this.#pollTimer);
    this.#pollTimer = null;
    this.#failWaiter(new PrinterError('DEVICE_UNAVAILABLE', 'Printer stopped'));
    this.#unlisten?.();
    this.#unlisten = null;
    await this.#transport.close();
  }

  /** Reads DLE EOT 1-4 and combines them. Rejects with a PrinterError. */
  queryStatus(): Promise<PrinterStatus> {
    return this.#exclusive(async () => {
      const parts: StatusPart[] = [];
      for (const request of STATUS_REQUESTS) parts.push(await this.#requestStatus(request));
      const status = combineStatus(parts);
      this.#lastStatus = status;
      this.safeEmit(ReceiptPrinterEvent.Status, status);
      return status;
    });
  }

  /** Sends ESC/POS bytes. Rejects with a PrinterError when the transport fails. */
  write(bytes: Uint8Array): Promise<void> {
    return this.#exclusive(async () => {
      try {
        for (const chunk of this.#link.encode(bytes)) await this.#transport.write(chunk);
      } catch (error) {
        throw new PrinterError(
          this.#transport.isOpen ? 'WRITE_FAILED' : 'DEVICE_UNAVAILABLE',
          `Could not send print data: ${error instanceof Error ? error.message : String(error)}`,
          {},
          error,
        );
      }
    });
  }

  #schedulePoll(): void {
    this.#pollTimer = setTimeout(() => {
      this.#pollTimer = null;
      if (!this.#started) return;
      if (!this.connected) {
        this.#schedulePoll();
        return;
      }
      this.queryStatus()
        .then(() => {
          this.#lastPollError = null;
        })
        .catch((error: PrinterError) => {
          // A printer that stays silent is reported once, not on every poll.
          if (error.code !== this.#lastPollError) this.#emitError(error);
          this.#lastPollError = error.code;
        })
        .finally(() => {
          if (this.#started) this.#schedulePoll();
        });
    }, this.#statusPollMs);
  }

  #exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(fn, fn);
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async #requestStatus(request: StatusRequest): Promise<StatusPart> {
    if (!this.#transport.isOpen)
      throw new PrinterError('DEVICE_UNAVAILABLE', 'Printer not connected');
    const reply = new Promise<StatusPart>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#waiter = null;
        reject(
          new PrinterError(
            'STATUS_TIMEOUT',
            `No reply to DLE EOT ${request} in ${this.#statusTimeoutMs} ms`,
            {
              request,
            },
          ),
        );
      }, this.#statusTimeoutMs);
      this.#waiter = { request, resolve, reject, timer };
    });
    try {
      for (const chunk of this.#link.encode(statusRequestBytes(request))) {
        await this.#transport.write(chunk);
      }
    } catch (error) {
      this.#failWaiter(
        new PrinterError('DEVICE_UNAVAILABLE', 'Could not send a status request', {}, error),
      );
    }
    return reply;
  }

  #onInput(input: Uint8Array): void {
    const decoded = this.#link.decode(input);
    if (!decoded.ok) {
      this.#emitError(decoded.error);
      return;
    }
    for (const byte of decoded.value) {
      const waiter = this.#waiter;
      if (!waiter) {
        this.#logger.debug({ byte }, 'unsolicited printer byte dropped');
        continue;
      }
      const part = decodeStatusByte(waiter.request, byte);
      if (!part.ok) {
        // Keep waiting: the real reply may still follow the noise.
        this.#emitError(part.error);
        continue;
      }
      this.#waiter = null;
      clearTimeout(waiter.timer);
      waiter.resolve(part.value);
    }
  }

  #failWaiter(error: PrinterError): void {
    const waiter = this.#waiter;
    if (!waiter) return;
    this.#waiter = null;
    clearTimeout(waiter.timer);
    waiter.reject(error);
  }

  #emitError(error: PrinterError): void {
    this.#logger.warn({ code: error.code, details: error.details }, error.message);
    this.safeEmit(ReceiptPrinterEvent.Error, error);
  }
}
