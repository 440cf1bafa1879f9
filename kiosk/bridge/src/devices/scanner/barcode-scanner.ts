import { SafeEventEmitter } from '@onething/contract/node/safe-event-emitter';
import pino, { type Logger } from 'pino';
import type { ReportTransport } from '../../transport/report-transport.ts';
import { listenTo, TransportEvent } from '../../transport/report-transport.ts';
import { HidPosReassembler, type HidPosReassemblerOptions, type ScanResult } from './hid-pos.ts';
import { ScannerError } from './scanner-error.ts';

export enum BarcodeScannerEvent {
  /** A complete, decoded code. */
  Scan = 'scan',
  Error = 'error',
}

export type BarcodeScannerEvents = {
  [BarcodeScannerEvent.Scan]: [ScanResult];
  [BarcodeScannerEvent.Error]: [ScannerError];
};

export interface BarcodeScannerOptions extends HidPosReassemblerOptions {
  /** How long to wait for the next report of a multi-report code. Default 300 ms. */
  interReportTimeoutMs?: number;
  logger?: Logger;
}

/**
 * HID POS barcode/QR scanner driver. The scanner must be in HID POS mode: keyboard-wedge
 * scanners are owned by the OS and cannot be read through node-hid. Scanned data is never
 * logged (codes can carry personal data); only lengths and symbologies are.
 */
export class BarcodeScanner extends SafeEventEmitter<BarcodeScannerEvents> {
  readonly #transport: ReportTransport;
  readonly #reassembler: HidPosReassembler;
  readonly #timeoutMs: number;
  readonly #logger: Logger;
  #timer: NodeJS.Timeout | null = null;
  #started = false;
  #unlisten: (() => void) | null = null;
  readonly #onData = (report: Uint8Array) => this.#onReport(report);
  readonly #onClose = () => {
    this.#clearTimer();
    this.#flush();
  };
  readonly #onTransportError = (error: Error) =>
    this.#emitError(
      new ScannerError('DEVICE_UNAVAILABLE', `Scanner unavailable: ${error.message}`, {}, error),
    );

  constructor(transport: ReportTransport, options: BarcodeScannerOptions = {}) {
    const logger = options.logger ?? pino({ level: 'silent' });
    super(logger);
    this.#transport = transport;
    this.#reassembler = new HidPosReassembler(options);
    this.#timeoutMs = options.interReportTimeoutMs ?? 300;
    this.#logger = logger;
  }

  async start(): Promise<void> {
    if (this.#started) return;
    this.#started = true;
    this.#unlisten = listenTo(this.#transport, {
      [TransportEvent.Data]: this.#onData,
      [TransportEvent.Close]: this.#onClose,
      [TransportEvent.Error]: this.#onTransportError,
    });
    try {
      await this.#transport.open();
    } catch (error) {
      // The transport keeps looking for the scanner; say once that it is not there yet.
      this.#onTransportError(error instanceof Error ? error : new Error(String(error)));
    }
  }

  async stop(): Promise<void> {
    if (!this.#started) return;
    this.#started = false;
    this.#clearTimer();
    this.#unlisten?.();
    this.#unlisten = null;
    await this.#transport.close();
  }

  #onReport(report: Uint8Array): void {
    this.#clearTimer();
    for (const result of this.#reassembler.push(report)) {
      if (result.ok) {
        this.#logger.info(
          { symbology: result.value.symbology.aim, bytes: result.value.bytes.length },
          'code scanned',
        );
        this.safeEmit(BarcodeScannerEvent.Scan, result.value);
      } else if (result.error.code === 'REPORT_ID') {
        this.#logger.debug({ reportId: result.error.details.reportId }, 'non-scan report skipped');
      } else {
        this.#emitError(result.error);
      }
    }
    if (this.#reassembler.pending) {
      this.#timer = setTimeout(() => {
        this.#timer = null;
        this.#flush();
      }, this.#timeoutMs);
    }
  }

  #flush(): void {
    const error = this.#reassembler.flush();
    if (error) this.#emitError(error);
  }

  #clearTimer(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
  }

  #emitError(error: ScannerError): void {
    this.#logger.warn({ code: error.code, details: error.details }, error.message);
    this.safeEmit(BarcodeScannerEvent.Error, error);
  }
}
