import { CodedError } from '../coded-error.ts';

export type SamFrameErrorCode =
  /** The frame does not start with AA AA AA 96 69. */
  | 'PREAMBLE'
  /** Fewer bytes than the header or LEN announce. */
  | 'TRUNCATED'
  /** LEN is impossible, or disagrees with the bytes present. */
  | 'LENGTH'
  /** The XOR check byte does not match. */
  | 'CHECKSUM'
  /** SW1 SW2 are not 00 00. */
  | 'STATUS_PREFIX'
  /** The frame is valid but its payload does not have the layout the command promises. */
  | 'PAYLOAD'
  /** Bytes that are not part of any frame, skipped while resynchronising a stream. */
  | 'GARBAGE';

export class SamFrameError extends CodedError<SamFrameErrorCode> {
  override readonly name = 'SamFrameError';
}
