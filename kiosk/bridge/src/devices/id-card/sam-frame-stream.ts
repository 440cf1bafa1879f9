import { toHex } from '../coded-error.ts';
import { FrameScanner, type FrameSpec } from '../frame-scanner.ts';
import {
  SAM_HEADER_LENGTH,
  SAM_MAX_LEN,
  SAM_PREAMBLE,
  samChecksum,
  samFrameLength,
} from './sam-frame.ts';
import { SamFrameError } from './sam-frame-error.ts';
import type { SamFraming } from './sam-framing.ts';

/** The shortest LEN: a command with no data (CMD PARA CHK). */
const SAM_MIN_LEN = 3;

const samFrameSpec: FrameSpec<SamFrameError> = {
  headerLength: SAM_HEADER_LENGTH,
  isHeader(buf, i) {
    for (let k = 0; k < SAM_PREAMBLE.length; k++) {
      if (buf[i + k] !== SAM_PREAMBLE[k]) return false;
    }
    const len = ((buf[i + 5] as number) << 8) | (buf[i + 6] as number);
    return len >= SAM_MIN_LEN && len <= SAM_MAX_LEN;
  },
  couldBeHeader(buf, i) {
    for (let k = 0; i + k < buf.length; k++) {
      if (k < SAM_PREAMBLE.length && buf[i + k] !== SAM_PREAMBLE[k]) return false;
    }
    return true;
  },
  frameLength(buf, i) {
    return samFrameLength(buf, i) as number;
  },
  verify(frame) {
    const expected = samChecksum(frame, 5, frame.length - 1);
    const actual = frame[frame.length - 1] as number;
    return expected === actual
      ? null
      : new SamFrameError('CHECKSUM', 'SAM frame checksum mismatch', { expected, actual });
  },
  payload(frame) {
    return frame;
  },
  garbageError(skipped) {
    return new SamFrameError('GARBAGE', `Skipped ${skipped.length} bytes outside any frame`, {
      skipped: skipped.length,
      head: toHex(skipped, 8),
    });
  },
  truncatedError(expected, received) {
    return new SamFrameError(
      'TRUNCATED',
      `Frame announced ${expected} bytes but the next frame began after ${received}`,
      { expected, received },
    );
  },
};

/**
 * Complete SAM frames from a raw byte stream (serial SAM modules at 115200 8N1, or a decoder fed
 * arbitrary bytes). Yields whole frames, checksum verified; parse them with parseSamReply.
 */
export class SamFrameStream extends FrameScanner<SamFrameError> implements SamFraming {
  readonly name = 'serial';

  constructor() {
    super(samFrameSpec);
  }

  /** Serial modules take the SAM frame as it is. */
  encode(samFrame: Uint8Array): Uint8Array[] {
    return [samFrame];
  }
}
