import { CodedError } from '../coded-error.ts';

export type ScannerErrorCode =
  /** A report with another report id (not scanned data); skipped. */
  | 'REPORT_ID'
  /** A report shorter than its layout or its own length byte. */
  | 'SHORT_REPORT'
  /** The length byte exceeds what one report can carry. */
  | 'LENGTH'
  /** Bytes 1-3 are not an AIM symbology identifier (`]` + 2 characters). */
  | 'AIM'
  /** A code was cut off by the start of another code. */
  | 'INTERRUPTED'
  /** A code announced more reports that never came. */
  | 'INCOMPLETE'
  /** A code longer than the configured limit. */
  | 'TOO_LONG'
  /** The data is neither UTF-8 nor GB18030 (or not the configured encoding). */
  | 'ENCODING'
  /** The scanner is unplugged or could not be opened. */
  | 'DEVICE_UNAVAILABLE';

/** Details never contain the scanned data: codes may carry personal information. */
export class ScannerError extends CodedError<ScannerErrorCode> {
  override readonly name = 'ScannerError';
}
