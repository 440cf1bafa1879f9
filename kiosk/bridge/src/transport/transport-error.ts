import { CodedError } from '../devices/coded-error.ts';

export type TransportErrorCode =
  /** No device matched the configured ids, or the device file does not exist. */
  | 'NOT_FOUND'
  /** The device exists but could not be opened (permissions, busy, native module missing). */
  | 'OPEN_FAILED'
  /** write() while the device is not open. */
  | 'NOT_OPEN'
  /** A write larger than one report, or otherwise malformed. */
  | 'BAD_WRITE'
  /** A read or write failed on an open device; usually an unplug. */
  | 'IO';

export class TransportError extends CodedError<TransportErrorCode> {
  override readonly name = 'TransportError';

  static notFound(what: string): TransportError {
    return new TransportError('NOT_FOUND', `No device found for ${what}`, { device: what });
  }

  static openFailed(what: string, cause: unknown): TransportError {
    return new TransportError(
      'OPEN_FAILED',
      `Could not open ${what}: ${describe(cause)}`,
      { device: what },
      cause,
    );
  }

  static notOpen(what: string): TransportError {
    return new TransportError('NOT_OPEN', `${what} is not open`, { device: what });
  }

  static badWrite(what: string, message: string): TransportError {
    return new TransportError('BAD_WRITE', `${what}: ${message}`, { device: what });
  }

  static io(what: string, cause: unknown): TransportError {
    return new TransportError(
      'IO',
      `I/O error on ${what}: ${describe(cause)}`,
      { device: what },
      cause,
    );
  }
}

function describe(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause);
}
