import { CodedError } from '../coded-error.ts';
import type { SamStatusInfo } from './sam-status.ts';

export type IdCardReaderErrorCode =
  /** The reader is unplugged or could not be opened. */
  | 'DEVICE_UNAVAILABLE'
  /** No reply to a command in time. */
  | 'TIMEOUT'
  /** The reply could not be framed (report checksum, truncation, garbage). */
  | 'FRAMING'
  /** A framed reply is malformed (SAM checksum, length, payload layout). */
  | 'BAD_REPLY'
  /** The SAM answered with an unexpected SW3; details.sw3 / details.status tell which. */
  | 'SAM_STATUS'
  /** SAM status 60: the security module failed its self-test; the reader needs service. */
  | 'SAM_SELF_TEST_FAILED'
  /** The card's text block is not valid (details.reason: the decoder's error code). */
  | 'CARD_DATA_INVALID'
  /** The ID number fails its GB 11643 check. */
  | 'ID_NUMBER_INVALID'
  | 'CARD_EXPIRED'
  | 'CARD_NOT_YET_VALID';

export class IdCardReaderError extends CodedError<IdCardReaderErrorCode> {
  override readonly name = 'IdCardReaderError';

  static samStatus(command: string, status: SamStatusInfo): IdCardReaderError {
    if (status.sw3 === 0x60) {
      return new IdCardReaderError('SAM_SELF_TEST_FAILED', 'SAM self-test failed', {
        command,
        sw3: status.sw3,
      });
    }
    return new IdCardReaderError('SAM_STATUS', `${command}: ${status.en}`, {
      command,
      sw3: status.sw3,
      status: status.key,
    });
  }

  static timeout(command: string, ms: number): IdCardReaderError {
    return new IdCardReaderError('TIMEOUT', `${command}: no reply within ${ms} ms`, {
      command,
      ms,
    });
  }

  static deviceUnavailable(cause: unknown): IdCardReaderError {
    const message = cause instanceof Error ? cause.message : String(cause);
    return new IdCardReaderError(
      'DEVICE_UNAVAILABLE',
      `ID card reader unavailable: ${message}`,
      {},
      cause,
    );
  }
}
