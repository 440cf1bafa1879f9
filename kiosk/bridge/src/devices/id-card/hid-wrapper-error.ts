import { CodedError } from '../coded-error.ts';

export type HidWrapperErrorCode =
  /** Non-zero bytes that are not part of any wrapped message. */
  | 'GARBAGE'
  /** A message ended (a new one began) before its announced length arrived. */
  | 'TRUNCATED'
  /** SUM16 does not match. */
  | 'CHECKSUM'
  /** A message too long or too short to be a wrapped SAM frame. */
  | 'LENGTH';

export class HidWrapperError extends CodedError<HidWrapperErrorCode> {
  override readonly name = 'HidWrapperError';
}
