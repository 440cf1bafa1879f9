import type { EventEmitter } from 'node:events';
import type { TransportError } from './transport-error.ts';

export enum TransportEvent {
  /** The device is open (first time, or again after an unplug). Drivers re-initialise here. */
  Open = 'open',
  /** One input report (HID) or one chunk of a byte stream (device file). */
  Data = 'data',
  Error = 'error',
  /** The device went away or close() was called; `reason` tells which. */
  Close = 'close',
}

export type TransportCloseReason = 'closed' | 'error';

export type TransportEvents = {
  [TransportEvent.Open]: [];
  [TransportEvent.Data]: [Uint8Array];
  [TransportEvent.Error]: [TransportError];
  [TransportEvent.Close]: [TransportCloseReason];
};

/**
 * A device that takes and gives reports or bytes. Every driver talks to hardware only through
 * this, so the node-hid transport, the device-file transport and the in-memory simulator link
 * are interchangeable.
 *
 * Lifecycle: open() makes one attempt and reports its outcome; until close() the transport keeps
 * trying to (re)open the device in the background (after unplugs, or when it was absent) and
 * emits `open` each time it succeeds.
 */
export interface ReportTransport extends EventEmitter<TransportEvents> {
  /** Human-readable identity for logs, e.g. `hid 10c4:0007 /dev/hidraw2`. */
  readonly description: string;
  /**
   * Bytes one write() may carry: the report size (without report id) for report devices, or
   * null for byte streams, where any length is allowed.
   */
  readonly maxWriteSize: number | null;
  readonly isOpen: boolean;
  open(): Promise<void>;
  close(): Promise<void>;
  /** One output report (zero-padded to the report size) or a chunk of the byte stream. */
  write(bytes: Uint8Array): Promise<void>;
}

/** A driver's listeners for its transport's events, each optional. */
export type TransportListeners = {
  [E in TransportEvent]?: (...args: TransportEvents[E]) => void;
};

/** Subscribes a driver to its transport (on start); returns what unsubscribes it (on stop). */
export function listenTo(transport: ReportTransport, listeners: TransportListeners): () => void {
  const { open, data, error, close } = listeners;
  if (open) transport.on(TransportEvent.Open, open);
  if (data) transport.on(TransportEvent.Data, data);
  if (error) transport.on(TransportEvent.Error, error);
  if (close) transport.on(TransportEvent.Close, close);
  return () => {
    if (open) transport.off(TransportEvent.Open, open);
    if (data) transport.off(TransportEvent.Data, data);
    if (error) transport.off(TransportEvent.Error, error);
    if (close) transport.off(TransportEvent.Close, close);
  };
}
