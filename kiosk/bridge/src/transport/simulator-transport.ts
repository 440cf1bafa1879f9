import { SafeEventEmitter } from '@onething/contract/node/safe-event-emitter';
import pino, { type Logger } from 'pino';
import {
  type ReportTransport,
  type TransportCloseReason,
  TransportEvent,
  type TransportEvents,
} from './report-transport.ts';
import { TransportError } from './transport-error.ts';

export interface SimulatorLinkOptions {
  /** Report size for a HID-like link (writes are zero-padded to it); null for a byte stream. */
  reportSize?: number | null;
  description?: string;
  /** Where a throwing listener of either end is reported. */
  logger?: Logger;
}

export type SimulatedDevicePortEvents = {
  /** Bytes the host wrote, exactly as a device would receive them (padded reports). */
  write: [Uint8Array];
};

/**
 * The device end of an in-memory link. A simulator listens to `write` and answers with send();
 * unplug()/replug() behave like pulling the USB cable.
 */
export class SimulatedDevicePort extends SafeEventEmitter<SimulatedDevicePortEvents> {
  #plugged = true;
  #host: SimulatorTransport | undefined;

  constructor(logger: Logger = pino({ level: 'silent' })) {
    super(logger);
  }

  get plugged(): boolean {
    return this.#plugged;
  }

  /** Delivers bytes to the host as one input report / stream chunk. Dropped while unplugged. */
  send(bytes: Uint8Array): void {
    if (!this.#plugged) return;
    this.#host?.deliver(Uint8Array.from(bytes));
  }

  unplug(): void {
    if (!this.#plugged) return;
    this.#plugged = false;
    this.#host?.deviceLost();
  }

  replug(): void {
    if (this.#plugged) return;
    this.#plugged = true;
    this.#host?.deviceBack();
  }

  /** @internal called by the host transport */
  attach(host: SimulatorTransport): void {
    this.#host = host;
  }
}

/**
 * The host end: a ReportTransport that behaves like the node-hid transport (reopens by itself
 * after a replug while it is wanted open) but moves bytes in memory.
 */
export class SimulatorTransport
  extends SafeEventEmitter<TransportEvents>
  implements ReportTransport
{
  readonly description: string;
  readonly maxWriteSize: number | null;
  readonly #port: SimulatedDevicePort;
  #open = false;
  #wanted = false;

  constructor(port: SimulatedDevicePort, options: SimulatorLinkOptions = {}) {
    super(options.logger ?? pino({ level: 'silent' }));
    this.#port = port;
    this.maxWriteSize = options.reportSize === undefined ? 64 : options.reportSize;
    this.description = options.description ?? 'simulator';
    port.attach(this);
  }

  get isOpen(): boolean {
    return this.#open;
  }

  async open(): Promise<void> {
    this.#wanted = true;
    if (this.#open) return;
    if (!this.#port.plugged) throw TransportError.notFound(this.description);
    this.#markOpen();
  }

  async close(): Promise<void> {
    this.#wanted = false;
    if (!this.#open) return;
    this.#open = false;
    this.#emitClose('closed');
  }

  async write(bytes: Uint8Array): Promise<void> {
    if (!this.#open) throw TransportError.notOpen(this.description);
    const size = this.maxWriteSize;
    let out: Uint8Array;
    if (size === null) {
      out = Uint8Array.from(bytes);
    } else {
      if (bytes.length > size) {
        throw TransportError.badWrite(
          this.description,
          `${bytes.length} bytes do not fit a ${size}-byte report`,
        );
      }
      out = new Uint8Array(size);
      out.set(bytes);
    }
    // Asynchronous like real I/O, so drivers cannot rely on synchronous replies.
    await Promise.resolve();
    this.#port.safeEmit('write', out);
  }

  /** @internal */
  deliver(bytes: Uint8Array): void {
    queueMicrotask(() => {
      if (this.#open) this.safeEmit(TransportEvent.Data, bytes);
    });
  }

  /** @internal */
  deviceLost(): void {
    if (!this.#open) return;
    this.#open = false;
    const error = TransportError.io(this.description, new Error('could not read from HID device'));
    queueMicrotask(() => {
      this.safeEmit(TransportEvent.Error, error);
      this.#emitClose('error');
    });
  }

  /** @internal */
  deviceBack(): void {
    if (this.#wanted && !this.#open) this.#markOpen();
  }

  #markOpen(): void {
    this.#open = true;
    queueMicrotask(() => {
      if (this.#open) this.safeEmit(TransportEvent.Open);
    });
  }

  #emitClose(reason: TransportCloseReason): void {
    this.safeEmit(TransportEvent.Close, reason);
  }
}

export function createSimulatorLink(options: SimulatorLinkOptions = {}): {
  host: SimulatorTransport;
  device: SimulatedDevicePort;
} {
  const device = new SimulatedDevicePort(options.logger);
  const host = new SimulatorTransport(device, options);
  return { host, device };
}
