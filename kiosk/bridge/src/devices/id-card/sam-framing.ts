import type { Result } from '../coded-error.ts';
import type { HidWrapperError } from './hid-wrapper-error.ts';
import type { SamFrameError } from './sam-frame-error.ts';

/**
 * How SAM frames travel over one kind of reader: wrapped in vendor HID reports, or raw on a
 * serial line. Kept apart from the SAM codec because vendors differ only here.
 */
export interface SamFraming {
  readonly name: string;
  /** The transport writes that carry one SAM frame. */
  encode(samFrame: Uint8Array): Uint8Array[];
  /** Feeds one input report / chunk; yields complete SAM frames and framing errors. */
  push(chunk: Uint8Array): Result<Uint8Array, HidWrapperError | SamFrameError>[];
  /** Drops any partial frame (before a new command, after a timeout or reconnect). */
  reset(): void;
}
