import { CodedError } from '../coded-error.ts';

export type PrinterErrorCode =
  /** A status byte whose fixed bits are wrong: not a DLE EOT reply. */
  | 'STATUS_GARBAGE'
  /** No status reply in time. */
  | 'STATUS_TIMEOUT'
  /** An input report that does not follow the link framing. */
  | 'BAD_REPORT'
  /** The printer is unplugged or could not be opened. */
  | 'DEVICE_UNAVAILABLE'
  /** Writing print data failed. */
  | 'WRITE_FAILED';

export class PrinterError extends CodedError<PrinterErrorCode> {
  override readonly name = 'PrinterError';
}
