import { fail, ok, type Result } from '../coded-error.ts';
import { PrinterError } from './printer-error.ts';

/** DLE EOT n: which real-time status to transmit. */
export enum StatusRequest {
  Printer = 1,
  OfflineCause = 2,
  ErrorCause = 3,
  RollPaper = 4,
}

export const STATUS_REQUESTS: readonly StatusRequest[] = [
  StatusRequest.Printer,
  StatusRequest.OfflineCause,
  StatusRequest.ErrorCause,
  StatusRequest.RollPaper,
];

export function statusRequestBytes(n: StatusRequest): Uint8Array {
  return Uint8Array.of(0x10, 0x04, n);
}

/** Bits 1 and 4 are always 1, bits 0 and 7 always 0 in every DLE EOT reply. */
const FIXED_MASK = 0x93;
const FIXED_VALUE = 0x12;

export function isStatusByte(byte: number): boolean {
  return (byte & FIXED_MASK) === FIXED_VALUE;
}

export type StatusPart =
  | { request: StatusRequest.Printer; offline: boolean }
  | {
      request: StatusRequest.OfflineCause;
      coverOpen: boolean;
      feedButton: boolean;
      paperEndStop: boolean;
      error: boolean;
    }
  | {
      request: StatusRequest.ErrorCause;
      mechanical: boolean;
      autocutter: boolean;
      unrecoverable: boolean;
      autoRecoverable: boolean;
    }
  | { request: StatusRequest.RollPaper; nearEnd: boolean; paperEnd: boolean };

export function decodeStatusByte(
  request: StatusRequest,
  byte: number,
): Result<StatusPart, PrinterError> {
  if (!Number.isInteger(byte) || byte < 0 || byte > 0xff || !isStatusByte(byte)) {
    return fail(
      new PrinterError('STATUS_GARBAGE', `0x${hex(byte)} is not a status byte (fixed bits wrong)`, {
        byte,
        request,
      }),
    );
  }
  const bit = (n: number) => (byte & (1 << n)) !== 0;
  switch (request) {
    case StatusRequest.Printer:
      return ok({ request, offline: bit(3) });
    case StatusRequest.OfflineCause:
      return ok({
        request,
        coverOpen: bit(2),
        feedButton: bit(3),
        paperEndStop: bit(5),
        error: bit(6),
      });
    case StatusRequest.ErrorCause:
      return ok({
        request,
        mechanical: bit(2),
        autocutter: bit(3),
        unrecoverable: bit(5),
        autoRecoverable: bit(6),
      });
    case StatusRequest.RollPaper:
      // Each condition is reported on two bits (0x0C, 0x60); either one counts.
      return ok({ request, nearEnd: (byte & 0x0c) !== 0, paperEnd: (byte & 0x60) !== 0 });
    default:
      return fail(
        new PrinterError('STATUS_GARBAGE', `Unknown status request ${String(request)}`, {
          request,
        }),
      );
  }
}

/** The inverse of decodeStatusByte, for the simulator. */
export function encodeStatusByte(part: StatusPart): number {
  let b = FIXED_VALUE;
  const set = (n: number, on: boolean) => {
    if (on) b |= 1 << n;
  };
  switch (part.request) {
    case StatusRequest.Printer:
      set(3, part.offline);
      break;
    case StatusRequest.OfflineCause:
      set(2, part.coverOpen);
      set(3, part.feedButton);
      set(5, part.paperEndStop);
      set(6, part.error);
      break;
    case StatusRequest.ErrorCause:
      set(2, part.mechanical);
      set(3, part.autocutter);
      set(5, part.unrecoverable);
      set(6, part.autoRecoverable);
      break;
    case StatusRequest.RollPaper:
      if (part.nearEnd) b |= 0x0c;
      if (part.paperEnd) b |= 0x60;
      break;
  }
  return b;
}

export type PrinterFault = 'mechanical' | 'autocutter' | 'unrecoverable' | 'autoRecoverable';

/** The printer's state as a print queue needs it. */
export interface PrinterStatus {
  online: boolean;
  coverOpen: boolean;
  paperNearEnd: boolean;
  paperOut: boolean;
  /** Paper is being fed with the FEED button. */
  feeding: boolean;
  faults: PrinterFault[];
  /** Online, cover closed, paper present, no fault: safe to send print data. */
  ready: boolean;
}

/** Combines the four replies (Printer, OfflineCause, ErrorCause, RollPaper) into one status. */
export function combineStatus(parts: StatusPart[]): PrinterStatus {
  const status: PrinterStatus = {
    online: true,
    coverOpen: false,
    paperNearEnd: false,
    paperOut: false,
    feeding: false,
    faults: [],
    ready: false,
  };
  for (const part of parts) {
    switch (part.request) {
      case StatusRequest.Printer:
        status.online = !part.offline;
        break;
      case StatusRequest.OfflineCause:
        status.coverOpen = part.coverOpen;
        status.feeding = part.feedButton;
        if (part.paperEndStop) status.paperOut = true;
        break;
      case StatusRequest.ErrorCause:
        for (const fault of [
          'mechanical',
          'autocutter',
          'unrecoverable',
          'autoRecoverable',
        ] as const) {
          if (part[fault]) status.faults.push(fault);
        }
        break;
      case StatusRequest.RollPaper:
        status.paperNearEnd = part.nearEnd;
        if (part.paperEnd) status.paperOut = true;
        break;
    }
  }
  status.ready =
    status.online && !status.coverOpen && !status.paperOut && status.faults.length === 0;
  return status;
}

function hex(n: number): string {
  return (n & 0xff).toString(16).padStart(2, '0');
}
