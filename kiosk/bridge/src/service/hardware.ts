import { SafeEventEmitter } from '@onething/contract/node/safe-event-emitter';
import type {
  DeviceStates,
  DeviceStatus,
  PaperState,
} from '@onething/contract/sockets/bridge-local';
import type { Logger } from 'pino';
import type { CommandOutcome } from './server-link.ts';
import type { BridgeConfig } from '../config.ts';
import {
  IdCardReader,
  IdCardReaderEvent,
  IdCardReaderState,
} from '../devices/id-card/id-card-reader.ts';
import type { IdCardReaderError } from '../devices/id-card/id-card-reader-error.ts';
import { IdCardReaderSimulator } from '../devices/id-card/id-card-simulator.ts';
import type { PrinterError } from '../devices/receipt-printer/printer-error.ts';
import type { PrinterStatus } from '../devices/receipt-printer/printer-status.ts';
import { ReceiptPrinter, ReceiptPrinterEvent } from '../devices/receipt-printer/receipt-printer.ts';
import { ReceiptPrinterSimulator } from '../devices/receipt-printer/receipt-printer-simulator.ts';
import { BarcodeScanner, BarcodeScannerEvent } from '../devices/scanner/barcode-scanner.ts';
import type { ScannerError } from '../devices/scanner/scanner-error.ts';
import { HidPosScannerSimulator } from '../devices/scanner/scanner-simulator.ts';
import type { A4Error } from '../printing/a4/a4-error.ts';
import { type CupsOptions, CupsPrinter, listCupsQueues } from '../printing/a4/cups-printer.ts';
import { DeviceFileTransport } from '../transport/device-file-transport.ts';
import { type HidBackend, HidTransport, nodeHidBackend } from '../transport/hid-transport.ts';
import { type ReportTransport, TransportEvent } from '../transport/report-transport.ts';
import { createSimulatorLink } from '../transport/simulator-transport.ts';

export type DeviceName = 'idCardReader' | 'receiptPrinter' | 'a4Printer' | 'scanner';

/** A device problem as fleet telemetry carries it: which device, which code, when. */
/** How often the receipt printer's status (paper, cover) is asked for, unless configured. */
export const DEFAULT_PRINTER_STATUS_POLL_MS = 5000;

export interface DeviceErrorRecord {
  at: number;
  device: DeviceName;
  code: string;
}

/** The device ends of the in-memory links, for the demo controls and tests. */
export interface DeviceSimulators {
  reader: IdCardReaderSimulator;
  printer: ReceiptPrinterSimulator;
  scanner: HidPosScannerSimulator;
}

export enum HardwareEvent {
  /** The device snapshot changed: (states). */
  State = 'state',
  DeviceError = 'deviceError',
}

export type HardwareEvents = {
  [HardwareEvent.State]: [DeviceStates];
  [HardwareEvent.DeviceError]: [DeviceErrorRecord];
};

export interface HardwareOptions {
  logger: Logger;
  /** Reader poll interval (≥ 300 ms). Default 500. */
  readerPollMs?: number;
  /** How often the receipt printer's status is read between jobs. Default 5 s. */
  printerStatusPollMs?: number;
  /** `lp` / `lpstat` locations (tests use stand-ins). */
  cups?: CupsOptions;
  /** node-hid stand-in for tests of hid mode. */
  hidBackend?: HidBackend;
}

/** Card contents are a citizen's business: these codes say nothing about the device. */
const CARD_CODES: ReadonlySet<string> = new Set([
  'CARD_EXPIRED',
  'CARD_NOT_YET_VALID',
  'ID_NUMBER_INVALID',
]);

const MAX_ERRORS = 10;

/**
 * node-hid matching starts from a vendor id; a scanner of any make is found by its HID POS usage
 * page alone by presenting every interface under one placeholder vendor id (0 is never issued).
 */
const ANY_VENDOR = 0;
function anyVendor(inner: HidBackend): HidBackend {
  return {
    devices: async () => (await inner.devices()).map((d) => ({ ...d, vendorId: ANY_VENDOR })),
    open: (path) => inner.open(path),
  };
}

/**
 * The terminal's peripherals for one hardware mode: simulators behind in-memory links, or
 * node-hid and the printer's device file. Owns the transports and drivers, starts and stops
 * them, and keeps a DeviceStates snapshot current from their events.
 */
export class Hardware extends SafeEventEmitter<HardwareEvents> {
  readonly mode: BridgeConfig['hardware'];
  readonly reader: IdCardReader;
  readonly printer: ReceiptPrinter;
  readonly scanner: BarcodeScanner;
  /** Null when the terminal has no A4 queue configured. */
  readonly a4: CupsPrinter | null;
  readonly simulators: DeviceSimulators | null;
  readonly #readerTransport: ReportTransport;
  readonly #scannerTransport: ReportTransport;
  readonly #log: Logger;
  readonly #cups: CupsOptions;
  #states: DeviceStates;
  #lastJson: string;
  readonly #errors: DeviceErrorRecord[] = [];
  #started = false;

  constructor(
    config: Pick<BridgeConfig, 'hardware' | 'hid' | 'a4Queue'>,
    options: HardwareOptions,
  ) {
    super(options.logger);
    this.mode = config.hardware;
    this.#log = options.logger;
    this.#cups = options.cups ?? {};
    const driverLog = (name: string) => options.logger.child({ device: name });
    let printerTransport: ReportTransport;
    if (config.hardware === 'simulated') {
      const reader = createSimulatorLink({
        reportSize: 64,
        description: 'simulated id card reader',
        logger: driverLog('id-card-reader'),
      });
      const printer = createSimulatorLink({
        reportSize: null,
        description: 'simulated receipt printer',
        logger: driverLog('receipt-printer'),
      });
      const scanner = createSimulatorLink({
        reportSize: 64,
        description: 'simulated scanner',
        logger: driverLog('scanner'),
      });
      this.simulators = {
        reader: new IdCardReaderSimulator(reader.device),
        printer: new ReceiptPrinterSimulator(printer.device, { link: 'stream' }),
        scanner: new HidPosScannerSimulator(scanner.device),
      };
      this.#readerTransport = reader.host;
      printerTransport = printer.host;
      this.#scannerTransport = scanner.host;
    } else {
      const backend = options.hidBackend ?? nodeHidBackend;
      const { reader, scanner, receiptDevice } = config.hid;
      this.simulators = null;
      this.#readerTransport = new HidTransport({
        match: { vendorId: reader.vendorId, productId: reader.productId },
        backend,
        logger: driverLog('id-card-reader'),
      });
      this.#scannerTransport = new HidTransport({
        match: {
          vendorId: scanner.vendorId ?? ANY_VENDOR,
          ...(scanner.productId !== null && { productId: scanner.productId }),
          usagePage: scanner.usagePage,
        },
        backend: scanner.vendorId === null ? anyVendor(backend) : backend,
        logger: driverLog('scanner'),
      });
      printerTransport = new DeviceFileTransport({
        path: receiptDevice,
        logger: driverLog('receipt-printer'),
      });
    }
    this.reader = new IdCardReader(this.#readerTransport, {
      pollIntervalMs: options.readerPollMs ?? 500,
      logger: driverLog('id-card-reader'),
    });
    this.printer = new ReceiptPrinter(printerTransport, {
      statusPollMs: options.printerStatusPollMs ?? DEFAULT_PRINTER_STATUS_POLL_MS,
      logger: driverLog('receipt-printer'),
    });
    this.scanner = new BarcodeScanner(this.#scannerTransport, { logger: driverLog('scanner') });
    this.a4 = config.a4Queue ? new CupsPrinter(config.a4Queue, this.#cups) : null;
    this.#states = {
      idCardReader: { status: 'unknown', detail: 'stopped', cardPresent: false },
      receiptPrinter: { status: 'unknown', detail: null, paper: 'unknown', coverOpen: false },
      a4Printer: this.a4
        ? { status: 'unknown', detail: null, queue: this.a4.queue }
        : { status: 'absent', detail: 'no A4 queue configured', queue: null },
      scanner: { status: 'unknown', detail: null },
    };
    this.#lastJson = JSON.stringify(this.#states);
    this.#wire();
  }

  /** A copy of the current device snapshot. */
  states(): DeviceStates {
    return structuredClone(this.#states);
  }

  /** The most recent device problems (codes only), oldest first. */
  lastErrors(): DeviceErrorRecord[] {
    return [...this.#errors];
  }

  async start(): Promise<void> {
    if (this.#started) return;
    this.#started = true;
    await Promise.all([this.reader.start(), this.printer.start(), this.scanner.start()]);
    if (this.printer.connected) this.#refreshPrinterStatus();
    if (this.a4) void this.checkA4Queue();
  }

  async stop(): Promise<void> {
    if (!this.#started) return;
    this.#started = false;
    await Promise.all([this.reader.stop(), this.printer.stop(), this.scanner.stop()]);
  }

  /** Asks CUPS whether the A4 queue exists and the scheduler answers. */
  async checkA4Queue(): Promise<void> {
    const a4 = this.a4;
    if (!a4) return;
    try {
      const queues = await listCupsQueues(this.#cups);
      if (queues.includes(a4.queue)) this.setA4Result(null);
      else
        this.#setA4(
          { status: 'fault', detail: `CUPS has no queue ${a4.queue}` },
          'QUEUE_NOT_FOUND',
        );
    } catch (e) {
      this.setA4Result(e as A4Error);
    }
  }

  /** The outcome of an A4 job or check: null for success, else the A4 error. */
  setA4Result(error: A4Error | null): void {
    if (!error) {
      this.#setA4({ status: 'ok', detail: null }, null);
      return;
    }
    const code = typeof error.code === 'string' ? error.code : 'PRINT_FAILED';
    // FONT_MISSING and RENDER_FAILED are this bridge's problem, not the printer's.
    const status: DeviceStatus =
      code === 'FONT_MISSING' || code === 'RENDER_FAILED' ? 'warning' : 'fault';
    this.#setA4({ status, detail: code }, code);
  }

  /**
   * Restarts the reader so it repeats its SAM self-test, and reports what the SAM answered. A
   * card already in the field is left alone (the SAM is evidently working).
   */
  async readerSelfTest(timeoutMs = 5000): Promise<CommandOutcome> {
    if (this.reader.state === IdCardReaderState.CardPresent) {
      return { ok: true, outcome: 'readerCardInField', detailCode: null };
    }
    await this.reader.stop();
    await this.reader.start();
    if (!this.#readerTransport.isOpen) {
      return { ok: false, outcome: 'readerNotConnected', detailCode: 'NOT_CONNECTED' };
    }
    const outcome = await new Promise<IdCardReaderState | null>((resolve) => {
      const done = (state: IdCardReaderState | null) => {
        clearTimeout(timer);
        this.reader.off(IdCardReaderEvent.StateChanged, onState);
        resolve(state);
      };
      const onState = (state: IdCardReaderState) => {
        if (
          state === IdCardReaderState.Searching ||
          state === IdCardReaderState.SamFailed ||
          state === IdCardReaderState.CardPresent
        ) {
          done(state);
        }
      };
      const timer = setTimeout(() => done(null), timeoutMs);
      this.reader.on(IdCardReaderEvent.StateChanged, onState);
      onState(this.reader.state);
    });
    if (outcome === null) return { ok: false, outcome: 'readerNoAnswer', detailCode: 'TIMEOUT' };
    if (outcome === IdCardReaderState.SamFailed) {
      return { ok: false, outcome: 'readerSamFailed', detailCode: 'SAM_SELF_TEST_FAILED' };
    }
    return { ok: true, outcome: 'readerOk', detailCode: null };
  }

  #wire(): void {
    this.reader.on(IdCardReaderEvent.StateChanged, (state) => this.#onReaderState(state));
    this.reader.on(IdCardReaderEvent.Error, (e) => this.#onReaderError(e));
    this.printer.on(ReceiptPrinterEvent.Connected, () => {
      this.#setPrinter({ status: 'unknown', detail: 'connected' });
      this.#refreshPrinterStatus();
    });
    this.printer.on(ReceiptPrinterEvent.Disconnected, () =>
      this.#setPrinter({ status: 'absent', detail: 'not connected', paper: 'unknown' }),
    );
    this.printer.on(ReceiptPrinterEvent.Status, (s) => this.#setPrinter(printerState(s)));
    this.printer.on(ReceiptPrinterEvent.Error, (e) => this.#onPrinterError(e));
    this.#scannerTransport.on(TransportEvent.Open, () =>
      this.#setScanner({ status: 'ok', detail: null }),
    );
    this.#scannerTransport.on(TransportEvent.Close, (reason) =>
      this.#setScanner({
        status: reason === 'closed' ? 'unknown' : 'absent',
        detail: reason === 'closed' ? 'stopped' : 'not connected',
      }),
    );
    this.scanner.on(BarcodeScannerEvent.Error, (e) => this.#onScannerError(e));
  }

  #onReaderState(state: IdCardReaderState): void {
    const cardPresent = state === IdCardReaderState.CardPresent;
    const [status, detail] = ((): [DeviceStatus, string | null] => {
      switch (state) {
        case IdCardReaderState.Stopped:
          return ['unknown', 'stopped'];
        case IdCardReaderState.WaitingForDevice:
          return ['absent', 'not connected'];
        case IdCardReaderState.Initialising:
          return ['unknown', 'initialising'];
        case IdCardReaderState.SamFailed:
          return ['fault', 'SAM self-test failed'];
        default:
          return ['ok', null];
      }
    })();
    this.#update({ ...this.#states, idCardReader: { status, detail, cardPresent } });
  }

  #onReaderError(error: IdCardReaderError): void {
    if (CARD_CODES.has(error.code)) return;
    this.#record('idCardReader', error.code);
    const state = this.reader.state;
    // Communication trouble while otherwise working: a warning until the next state change.
    if (state === IdCardReaderState.Searching || state === IdCardReaderState.CardPresent) {
      if (error.code !== 'CARD_DATA_INVALID') {
        this.#update({
          ...this.#states,
          idCardReader: { ...this.#states.idCardReader, status: 'warning', detail: error.code },
        });
      }
    }
  }

  #onPrinterError(error: PrinterError): void {
    this.#record('receiptPrinter', error.code);
    if (error.code === 'DEVICE_UNAVAILABLE') {
      this.#setPrinter({ status: 'absent', detail: 'not connected', paper: 'unknown' });
    } else if (error.code === 'STATUS_TIMEOUT') {
      this.#setPrinter({ status: 'warning', detail: 'no status reply' });
    }
  }

  #onScannerError(error: ScannerError): void {
    this.#record('scanner', error.code);
    if (error.code === 'DEVICE_UNAVAILABLE') {
      this.#setScanner({ status: 'absent', detail: 'not connected' });
    }
  }

  #refreshPrinterStatus(): void {
    // Errors reach the Error listener; the snapshot follows from the Status event.
    this.printer.queryStatus().catch(() => undefined);
  }

  #setPrinter(patch: Partial<DeviceStates['receiptPrinter']>): void {
    this.#update({
      ...this.#states,
      receiptPrinter: { ...this.#states.receiptPrinter, ...patch },
    });
  }

  #setScanner(scanner: DeviceStates['scanner']): void {
    this.#update({ ...this.#states, scanner });
  }

  #setA4(patch: Pick<DeviceStates['a4Printer'], 'status' | 'detail'>, code: string | null): void {
    if (code) this.#record('a4Printer', code);
    this.#update({ ...this.#states, a4Printer: { ...this.#states.a4Printer, ...patch } });
  }

  #record(device: DeviceName, code: string): void {
    const record = { at: Date.now(), device, code };
    this.#errors.push(record);
    if (this.#errors.length > MAX_ERRORS) this.#errors.shift();
    this.safeEmit(HardwareEvent.DeviceError, record);
  }

  #update(states: DeviceStates): void {
    const json = JSON.stringify(states);
    this.#states = states;
    if (json === this.#lastJson) return;
    this.#lastJson = json;
    this.#log.debug({ states }, 'device states changed');
    this.safeEmit(HardwareEvent.State, this.states());
  }
}

/** Paper and cover have their own fleet alerts; only mechanical faults make the printer "fault". */
function printerState(s: PrinterStatus): DeviceStates['receiptPrinter'] {
  const paper: PaperState = s.paperOut ? 'out' : s.paperNearEnd ? 'near_end' : 'ok';
  let status: DeviceStatus = 'ok';
  let detail: string | null = null;
  if (s.faults.length > 0) {
    status = 'fault';
    detail = `fault: ${s.faults.join(', ')}`;
  } else if (s.paperOut) {
    status = 'warning';
    detail = 'paper out';
  } else if (s.coverOpen) {
    status = 'warning';
    detail = 'cover open';
  } else if (!s.online) {
    status = 'warning';
    detail = 'offline';
  } else if (s.paperNearEnd) {
    status = 'warning';
    detail = 'paper near end';
  }
  return { status, detail, paper, coverOpen: s.coverOpen };
}
