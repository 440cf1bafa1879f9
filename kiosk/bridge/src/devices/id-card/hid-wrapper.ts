import { toHex } from '../coded-error.ts';
import { FrameScanner, type FrameSpec } from '../frame-scanner.ts';
import { HidWrapperError } from './hid-wrapper-error.ts';
import { SAM_MAX_LEN } from './sam-frame.ts';
import type { SamFraming } from './sam-framing.ts';

/**
 * Miaxis USB-HID wrapper (VID 0x10c4, PID 0x0007), 64-byte reports:
 *   0x88 | SRN (2 bytes) | LEN (2 bytes LE) = payload + 1 | 0xB1 | SAM frame | SUM16 (LE)
 * SUM16 is the byte sum from LEN up to the end of the SAM frame. A message longer than one report
 * continues in the next reports (no per-report header); the last report is zero-padded.
 * The constants below are the only place these vendor facts live.
 */
export const MIAXIS_VENDOR_ID = 0x10c4;
export const MIAXIS_PRODUCT_ID = 0x0007;
export const MIAXIS_REPORT_SIZE = 64;
export const MIAXIS_START = 0x88;
/** Observed as 00 00 in both directions (unverified for other firmware). */
export const MIAXIS_SRN: readonly [number, number] = [0x00, 0x00];
export const MIAXIS_MARKER = 0xb1;
/** 0x88 + SRN + LEN + marker. */
export const MIAXIS_HEADER_LENGTH = 6;
/** LEN of the shortest wrapped SAM frame (a 10-byte command) and the longest. */
const MIN_LEN = 1 + 10;
const MAX_LEN = 1 + 7 + SAM_MAX_LEN;

/** Sum of bytes[start, end) modulo 2^16. */
export function sum16(bytes: Uint8Array, start: number, end: number): number {
  let sum = 0;
  for (let i = start; i < end; i++) sum += bytes[i] as number;
  return sum & 0xffff;
}

/** One wrapped message (not yet split into reports). */
export function wrapSamFrame(samFrame: Uint8Array): Uint8Array {
  const len = samFrame.length + 1;
  if (len < MIN_LEN || len > MAX_LEN) {
    throw new RangeError(`A ${samFrame.length}-byte SAM frame cannot be wrapped`);
  }
  const message = new Uint8Array(MIAXIS_HEADER_LENGTH + samFrame.length + 2);
  message[0] = MIAXIS_START;
  message[1] = MIAXIS_SRN[0];
  message[2] = MIAXIS_SRN[1];
  message[3] = len & 0xff;
  message[4] = len >> 8;
  message[5] = MIAXIS_MARKER;
  message.set(samFrame, MIAXIS_HEADER_LENGTH);
  const sum = sum16(message, 3, message.length - 2);
  message[message.length - 2] = sum & 0xff;
  message[message.length - 1] = sum >> 8;
  return message;
}

/** Cuts a byte run into zero-padded reports. */
export function splitIntoReports(bytes: Uint8Array, reportSize = MIAXIS_REPORT_SIZE): Uint8Array[] {
  const reports: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += reportSize) {
    const report = new Uint8Array(reportSize);
    report.set(bytes.subarray(i, i + reportSize));
    reports.push(report);
  }
  return reports;
}

const miaxisSpec: FrameSpec<HidWrapperError> = {
  headerLength: MIAXIS_HEADER_LENGTH,
  isHeader(buf, i) {
    if (buf[i] !== MIAXIS_START || buf[i + 1] !== MIAXIS_SRN[0] || buf[i + 2] !== MIAXIS_SRN[1]) {
      return false;
    }
    const len = (buf[i + 3] as number) | ((buf[i + 4] as number) << 8);
    return len >= MIN_LEN && len <= MAX_LEN && buf[i + 5] === MIAXIS_MARKER;
  },
  couldBeHeader(buf, i) {
    const fixed: (number | undefined)[] = [MIAXIS_START, MIAXIS_SRN[0], MIAXIS_SRN[1]];
    for (let k = 0; k < fixed.length && i + k < buf.length; k++) {
      if (buf[i + k] !== fixed[k]) return false;
    }
    return true;
  },
  frameLength(buf, i) {
    const len = (buf[i + 3] as number) | ((buf[i + 4] as number) << 8);
    return 5 + len + 2;
  },
  verify(frame) {
    const expected = sum16(frame, 3, frame.length - 2);
    const actual = (frame[frame.length - 2] as number) | ((frame[frame.length - 1] as number) << 8);
    return expected === actual
      ? null
      : new HidWrapperError('CHECKSUM', 'Report SUM16 mismatch', { expected, actual });
  },
  payload(frame) {
    return frame.subarray(MIAXIS_HEADER_LENGTH, frame.length - 2);
  },
  garbageError(skipped) {
    return new HidWrapperError('GARBAGE', `Skipped ${skipped.length} bytes outside any message`, {
      skipped: skipped.length,
      head: toHex(skipped, 8),
    });
  },
  truncatedError(expected, received) {
    return new HidWrapperError(
      'TRUNCATED',
      `Message announced ${expected} bytes but the next message began after ${received}`,
      { expected, received },
    );
  },
};

/**
 * Both directions of the Miaxis wrapper: encode() gives the 64-byte output reports for a SAM
 * command; push() reassembles input reports into SAM frames, using the total length from the
 * first report and resynchronising on garbage, truncation and interleaving.
 */
export class MiaxisHidWrapper extends FrameScanner<HidWrapperError> implements SamFraming {
  readonly name = 'miaxis-hid';
  readonly reportSize: number;

  constructor(reportSize = MIAXIS_REPORT_SIZE) {
    super(miaxisSpec);
    this.reportSize = reportSize;
  }

  encode(samFrame: Uint8Array): Uint8Array[] {
    return splitIntoReports(wrapSamFrame(samFrame), this.reportSize);
  }
}
