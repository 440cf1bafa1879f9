import {
  ReconnectingTransport,
  type ReconnectingTransportOptions,
} from './reconnecting-transport.ts';
import { TransportEvent } from './report-transport.ts';
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

export interface HidTransportOptions extends ReconnectingTransportOptions {
  match: HidMatch;
  /** Output report size without the report id. Default 64. */
  reportSize?: number;
  /** Report id written before each output report; 0 for devices without numbered reports. */
  reportId?: number;
  backend?: HidBackend;
}

/** An open HID interface and the path it was opened by. */
interface OpenHid {
  device: HidHandle;
  path: string;
}

/**
 * A HID device through node-hid: found by vendor/product/usage page, opened by path, one output
 * report per write. Reopening after an unplug is ReconnectingTransport's.
 */
export class HidTransport extends ReconnectingTransport<OpenHid> {
  readonly maxWriteSize: number;
  readonly #match: HidMatch;
  readonly #reportId: number;
  readonly #backend: HidBackend;

  constructor(options: HidTransportOptions) {
    super('hid device', options);
    this.#match = options.match;
    this.maxWriteSize = options.reportSize ?? 64;
    this.#reportId = options.reportId ?? 0;
    this.#backend = options.backend ?? nodeHidBackend;
  }

  get description(): string {
    const path = this.path;
    return `${describeHidMatch(this.#match)}${path ? ` ${path}` : ''}`;
  }

  /** The path of the open device, if any. */
  get path(): string | null {
    return this.handle?.path ?? null;
  }

  async write(bytes: Uint8Array): Promise<void> {
    const open = this.handle;
    if (!open) throw TransportError.notOpen(this.description);
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
      await open.device.write(report);
    } catch (error) {
      const failure = TransportError.io(this.description, error);
      this.deviceFailed(open, failure);
      throw failure;
    }
  }

  protected async openDevice(): Promise<OpenHid> {
    let devices: HidDeviceInfo[];
    try {
      devices = await this.#backend.devices();
    } catch (error) {
      throw TransportError.openFailed(`${describeHidMatch(this.#match)} (enumeration)`, error);
    }
    const [found] = findHidDevices(devices, this.#match);
    if (!found?.path) throw TransportError.notFound(describeHidMatch(this.#match));
    try {
      return { device: await this.#backend.open(found.path), path: found.path };
    } catch (error) {
      throw TransportError.openFailed(
        `${describeHidMatch(this.#match)} at ${found.path} (check the udev rule grants access)`,
        error,
      );
    }
  }

  protected attach(open: OpenHid): void {
    open.device.on('data', (data) => {
      if (this.handle === open) this.safeEmit(TransportEvent.Data, new Uint8Array(data));
    });
    open.device.on('error', (error) =>
      this.deviceFailed(open, TransportError.io(this.description, error)),
    );
  }

  protected async release(open: OpenHid): Promise<void> {
    try {
      await open.device.close();
    } catch {
      // Already gone (unplugged): nothing left to release.
    }
  }
}

/** Enumerates HID interfaces (for the field tool and diagnostics). */
export function listHidDevices(backend: HidBackend = nodeHidBackend): Promise<HidDeviceInfo[]> {
  return backend.devices();
}
