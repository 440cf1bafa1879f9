import { CodedError } from '../../devices/coded-error.ts';

export type A4ErrorCode =
  /** No CJK font installed (install fonts-noto-cjk) or the configured one cannot be loaded. */
  | 'FONT_MISSING'
  | 'RENDER_FAILED'
  /** `lp` is not installed (install cups-client). */
  | 'CUPS_MISSING'
  /** The CUPS scheduler is not running or not reachable. */
  | 'SCHEDULER_DOWN'
  /** No such print queue. */
  | 'QUEUE_NOT_FOUND'
  /** lp failed, or its output did not name a job. */
  | 'PRINT_FAILED';

export class A4Error extends CodedError<A4ErrorCode> {
  override readonly name = 'A4Error';
}
