import { CodedError } from '../devices/coded-error.ts';

export type PrintQueueErrorCode =
  /** The queue file is not valid JSON of the expected shape (it was moved aside). */
  | 'FILE_CORRUPT'
  /** The queue file could not be read or written. */
  | 'FILE_IO'
  | 'UNKNOWN_JOB'
  /** reprint() of a job that is still pending, or whose data has been purged. */
  | 'NOT_REPRINTABLE'
  /** cancel() of a job that already finished. */
  | 'NOT_CANCELLABLE'
  | 'EMPTY_JOB'
  | 'CLOSED';

export class PrintQueueError extends CodedError<PrintQueueErrorCode> {
  override readonly name = 'PrintQueueError';
}
