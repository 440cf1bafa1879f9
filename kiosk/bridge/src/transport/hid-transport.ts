import { EventEmitter } from 'node:events';
import pino, { type Logger } from 'pino';
import { type BackoffPolicy, backoffDelay, DEFAULT_BACKOFF } from './backoff.ts';
import {
  type ReportTransport,
  type TransportCloseReason,
  TransportEvent,
  type TransportEvents,
} from './report-transport.ts';
import { TransportError } from './transport-error.ts';

/** What node-hid's enumeration reports for one HID interface. */
export interface HidDeviceInfo {
  vendorId: number;
  productId: number;
  path?: string | undefined;
  serialNumber?: string | undefined;
  manufacturer?: string | undefined;
  product?: string | undefined;
  release: number;
  interface: number;
  usagePage?: number | undefined;
  usage?: number | undefined;
}

/** Which device to use; unset fields match anything. */
export interface HidMatch {
  vendorId: number;
  productId?: number;
  usagePage?: number;
  usage?: number;
  interface?: number;
  serialNumber?: string;
}

/** The slice of node-hid's HIDAsync the transport uses. */
export interface HidHandle {
  on(event: 'data', listener: (data: Buffer) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  write(values: number[] | Buffer): Promise<number>;
  close(): Promise<void>;
}

/** Enumeration and opening, injectable so the transport is testable without hardware. */
export interface HidBackend {
  devices(): Promise<HidDeviceInfo[]>;
  open(path: string): Promise<HidHandle>;
}

type NodeHid = typeof import('node-hid');
let nodeHid: Promise<NodeHid> | undefined;

/** node-hid loaded on first use, so machines without the native module can still run the rest. */
export const nodeHidBackend: HidBackend = {
  async devices() {
    nodeHid ??= import('node-hid');
    return (await nodeHid).devicesAsync();
  },
  async open(path) {
    nodeHid ??= import('node-hid');
    return (await nodeHid).HIDAsync.open(path) as Promise<HidHandle>;
  },
};

export function matchesHid(device: HidDeviceInfo, match: HidMatch): boolean {
  return (
    device.vendorId === match.vendorId &&
    (match.productId === undefined || device.productId === match.productId) &&
    (match.usagePage === undefined || device.usagePage === match.usagePage) &&
    (match.usage === undefined || device.usage === match.usage) &&
    (match.interface === undefined || device.interface === match.interface) &&
    (match.serialNumber === undefined || device.serialNumber === match.serialNumber)
  );
}

/** Matching interfaces that can be opened (have a path), in enumeration order. */
export function findHidDevices(devices: HidDeviceInfo[], match: HidMatch): HidDeviceInfo[] {
  return devices.filter((d) => d.path !== undefined && d.path !== '' && matchesHid(d, match));
}

export function describeHidMatch(match: HidMatch): string {
  const hex = (n: number) => n.toString(16).padStart(4, '0');
  let text = `hid ${hex(match.vendorId)}:${match.productId === undefined ? '*' : hex(match.productId)}`;
  if (match.usagePage !== undefined) text += ` usagePage 0x${match.usagePage.toString(16)}`;
  return text;
}

export interface HidTransportOptions {
  match: HidMatch;
  /** Output report size without the report id. Default 64. */
  reportSize?: number;
  /** Report id written before each output report; 0 for devices without numbered reports. */
  reportId?: number;
  backend?: HidBackend;
  /** Reconnect back-off; its cap is also the hot-plug rescan interval. */
  backoff?: BackoffPolicy;
  logger?: Logger;
}

/**
 * A HID device through node-hid: found by vendor/product/usage page, opened by path, one output
 * report per write. After an unplug (a read or write error) it closes, then re-enumerates and
 * reopens with exponential back-off, settling on a slow rescan while the device is absent —
 * node-hid has no hot-plug events.
 */
export class HidTransport extends EventEmitter<TransportEvents> implements ReportTransport {
  readonly maxWriteSize: number;
  readonly #match: HidMatch;
  readonly #reportId: number;
  readonly #backend: HidBackend;
  readonly #backoff: BackoffPolicy;
  readonly #logger: Logger;
  #handle: HidHandle | null = null;
  #path: string | null = null;
  #wanted = false;
  #connecting: Promise<void> | null = null;
  #retryTimer: NodeJS.Timeout | null = null;
  #attempt = 0;

  constructor(options: HidTransportOptions) {
    super();
    this.#match = options.match;
    this.maxWriteSize = options.reportSize ?? 64;
    this.#reportId = options.reportId ?? 0;
    this.#backend = options.backend ?? nodeHidBackend;
    this.#backoff = options.backoff ?? DEFAULT_BACKOFF;
    this.#logger = options.logger ?? pino({ level: 'silent' });
  }

  get description(): string {
    return `${describeHidMatch(this.#match)}${this.#path ? ` ${this.#path}` : ''}`;
  }

  get isOpen(): boolean {
    return this.#handle !== null;
  }

  /** The path of the open device, if any. */
  get path(): string | null {
    return this.#path;
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
    await this.#connecting?.catch(() => undefined);
    if (this.#handle) await this.#drop('closed');
  }

  async write(bytes: Uint8Array): Promise<void> {
    const handle = this.#handle;
    if (!handle) throw TransportError.notOpen(this.description);
    if (bytes.length > this.maxWriteSize) {
      throw TransportError.badWrite(
        this.description,
        `${bytes.length} bytes do not fit a ${this.maxWriteSize}-byte report`,
      );
    }
    // node-hid: first byte is the report id, then exactly the report size (Windows insists).
    const report = Buffer.alloc(1 + this.maxWriteSize);
    report[0] = this.#reportId;
    report.set(bytes, 1);
    try {
      await handle.write(report);
    } catch (error) {
      const failure = TransportError.io(this.description, error);
      this.#deviceFailed(handle, failure);
      throw failure;
    }
  }

  #connect(): Promise<void> {
    this.#connecting ??= this.#tryConnect().finally(() => {
      this.#connecting = null;
    });
    return this.#connecting;
  }

  async #tryConnect(): Promise<void> {
    let devices: HidDeviceInfo[];
    try {
      devices = await this.#backend.devices();
    } catch (error) {
      throw TransportError.openFailed(`${describeHidMatch(this.#match)} (enumeration)`, error);
    }
    const [device] = findHidDevices(devices, this.#match);
    if (!device?.path) throw TransportError.notFound(describeHidMatch(this.#match));
    let handle: HidHandle;
    try {
      handle = await this.#backend.open(device.path);
    } catch (error) {
      throw TransportError.openFailed(
        `${describeHidMatch(this.#match)} at ${device.path} (check the udev rule grants access)`,
        error,
      );
    }
    if (!this.#wanted) {
      await handle.close().catch(() => undefined);
      return;
    }
    this.#handle = handle;
    this.#path = device.path;
    this.#attempt = 0;
    handle.on('data', (data) => {
      if (this.#handle === handle) this.emit(TransportEvent.Data, new Uint8Array(data));
    });
    handle.on('error', (error) =>
      this.#deviceFailed(handle, TransportError.io(this.description, error)),
    );
    this.#logger.info({ device: this.description }, 'hid device open');
    this.emit(TransportEvent.Open);
  }

  #deviceFailed(handle: HidHandle, error: TransportError): void {
    if (this.#handle !== handle) return;
    this.#logger.warn({ device: this.description, err: error.message }, 'hid device failed');
    if (this.listenerCount(TransportEvent.Error) > 0) this.emit(TransportEvent.Error, error);
    void this.#drop('error').then(() => this.#scheduleReconnect());
  }

  async #drop(reason: TransportCloseReason): Promise<void> {
    const handle = this.#handle;
    if (!handle) return;
    this.#handle = null;
    this.#path = null;
    try {
      await handle.close();
    } catch {
      // Already gone (unplugged): nothing left to release.
    }
    this.emit(TransportEvent.Close, reason);
  }

  #scheduleReconnect(): void {
    if (!this.#wanted || this.#retryTimer || this.#handle) return;
    const delay = backoffDelay(this.#backoff, this.#attempt++);
    this.#retryTimer = setTimeout(() => {
      this.#retryTimer = null;
      if (!this.#wanted || this.#handle) return;
      this.#connect().catch((error: TransportError) => {
        this.#logger.debug({ device: this.description, err: error.message }, 'hid reopen failed');
        this.#scheduleReconnect();
      });
    }, delay);
  }
}

/** Enumerates HID interfaces (for the field tool and diagnostics). */
export function listHidDevices(backend: HidBackend = nodeHidBackend): Promise<HidDeviceInfo[]> {
  return backend.devices();
}
