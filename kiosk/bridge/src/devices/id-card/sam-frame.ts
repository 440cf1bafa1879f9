import { fail, ok, plainBytes, type Result, toHex } from '../coded-error.ts';
import { SamFrameError } from './sam-frame-error.ts';
import { type SamStatusInfo, samStatusInfo } from './sam-status.ts';

/**
 * SAM V frame codec (GA 467):
 *   command  AA AA AA 96 69 | LEN_hi LEN_lo | CMD PARA | data | CHK
 *   reply    AA AA AA 96 69 | LEN_hi LEN_lo | SW1 SW2 SW3 | data | CHK
 * LEN counts every byte after itself up to and including CHK; CHK is the XOR of every byte
 * after the preamble up to CHK. Transport wrappers (HID reports, serial) live elsewhere.
 */
export const SAM_PREAMBLE: readonly number[] = [0xaa, 0xaa, 0xaa, 0x96, 0x69];
/** Preamble + LEN. */
export const SAM_HEADER_LENGTH = 7;
/** The largest LEN any command produces is a fingerprint read (2321-byte frame); allow headroom. */
export const SAM_MAX_LEN = 4096;

export interface SamCommandCode {
  readonly cmd: number;
  readonly para: number;
}

export const SamCommands = {
  resetSam: { cmd: 0x10, para: 0xff },
  samStatus: { cmd: 0x11, para: 0xff },
  readSamId: { cmd: 0x12, para: 0xff },
  findCard: { cmd: 0x20, para: 0x01 },
  selectCard: { cmd: 0x20, para: 0x02 },
  readBaseInfo: { cmd: 0x30, para: 0x01 },
  readWithFingerprint: { cmd: 0x30, para: 0x10 },
} as const satisfies Record<string, SamCommandCode>;

export type SamCommandName = keyof typeof SamCommands;

export function samCommandName(cmd: number, para: number): SamCommandName | undefined {
  for (const [name, code] of Object.entries(SamCommands)) {
    if (code.cmd === cmd && code.para === para) return name as SamCommandName;
  }
  return undefined;
}

export interface SamReply {
  sw1: number;
  sw2: number;
  sw3: number;
  status: SamStatusInfo;
  data: Uint8Array;
}

export interface SamCommandFrame {
  cmd: number;
  para: number;
  name: SamCommandName | undefined;
  data: Uint8Array;
}

/** XOR of bytes[start, end). */
export function samChecksum(bytes: Uint8Array, start: number, end: number): number {
  let chk = 0;
  for (let i = start; i < end; i++) chk ^= bytes[i] as number;
  return chk;
}

function buildFrame(body: Uint8Array): Uint8Array {
  const len = body.length + 1;
  if (len > SAM_MAX_LEN) throw new RangeError(`SAM frame body of ${body.length} bytes is too long`);
  const frame = new Uint8Array(SAM_HEADER_LENGTH + len);
  frame.set(SAM_PREAMBLE, 0);
  frame[5] = len >> 8;
  frame[6] = len & 0xff;
  frame.set(body, SAM_HEADER_LENGTH);
  frame[frame.length - 1] = samChecksum(frame, 5, frame.length - 1);
  return frame;
}

export function buildSamCommand(
  code: SamCommandCode,
  data: Uint8Array = new Uint8Array(0),
): Uint8Array {
  const body = new Uint8Array(2 + data.length);
  body[0] = code.cmd;
  body[1] = code.para;
  body.set(data, 2);
  return buildFrame(body);
}

/** The reader's side of the exchange; used by the simulator and the CLI's examples. */
export function buildSamReply(sw3: number, data: Uint8Array = new Uint8Array(0)): Uint8Array {
  const body = new Uint8Array(3 + data.length);
  body[2] = sw3;
  body.set(data, 3);
  return buildFrame(body);
}

/**
 * Total frame length announced by a header, or null when `bytes` does not yet hold a header.
 * Does not validate the preamble.
 */
export function samFrameLength(bytes: Uint8Array, offset = 0): number | null {
  if (bytes.length - offset < SAM_HEADER_LENGTH) return null;
  return SAM_HEADER_LENGTH + (((bytes[offset + 5] as number) << 8) | (bytes[offset + 6] as number));
}

function checkEnvelope(frame: Uint8Array, minBody: number): Result<Uint8Array, SamFrameError> {
  const preambleBytes = Math.min(frame.length, SAM_PREAMBLE.length);
  for (let i = 0; i < preambleBytes; i++) {
    if (frame[i] !== SAM_PREAMBLE[i]) {
      return fail(
        new SamFrameError('PREAMBLE', 'Frame does not start with AA AA AA 96 69', {
          head: toHex(frame, 8),
        }),
      );
    }
  }
  const total = samFrameLength(frame);
  if (total === null) {
    return fail(
      new SamFrameError('TRUNCATED', `Frame of ${frame.length} bytes is shorter than its header`, {
        length: frame.length,
      }),
    );
  }
  const len = total - SAM_HEADER_LENGTH;
  if (len < minBody + 1 || len > SAM_MAX_LEN) {
    return fail(
      new SamFrameError('LENGTH', `LEN ${len} is outside ${minBody + 1}..${SAM_MAX_LEN}`, { len }),
    );
  }
  if (frame.length < total) {
    return fail(
      new SamFrameError('TRUNCATED', `LEN announces ${total} bytes, only ${frame.length} present`, {
        expected: total,
        length: frame.length,
      }),
    );
  }
  if (frame.length > total) {
    return fail(
      new SamFrameError(
        'LENGTH',
        `LEN announces ${total} bytes but the frame has ${frame.length}`,
        {
          expected: total,
          length: frame.length,
        },
      ),
    );
  }
  const expected = samChecksum(frame, 5, total - 1);
  const actual = frame[total - 1] as number;
  if (expected !== actual) {
    return fail(
      new SamFrameError('CHECKSUM', `Checksum 0x${hex2(actual)} should be 0x${hex2(expected)}`, {
        expected,
        actual,
      }),
    );
  }
  return ok(frame.subarray(SAM_HEADER_LENGTH, total - 1));
}

export function parseSamReply(frame: Uint8Array): Result<SamReply, SamFrameError> {
  const body = checkEnvelope(frame, 3);
  if (!body.ok) return body;
  // checkEnvelope guaranteed three bytes
  const [sw1 = 0, sw2 = 0, sw3 = 0] = body.value;
  if (sw1 !== 0 || sw2 !== 0) {
    return fail(
      new SamFrameError('STATUS_PREFIX', `SW1 SW2 are ${hex2(sw1)} ${hex2(sw2)}, expected 00 00`, {
        sw1,
        sw2,
      }),
    );
  }
  return ok({ sw1, sw2, sw3, status: samStatusInfo(sw3), data: body.value.slice(3) });
}

export function parseSamCommand(frame: Uint8Array): Result<SamCommandFrame, SamFrameError> {
  const body = checkEnvelope(frame, 2);
  if (!body.ok) return body;
  const cmd = body.value[0] as number;
  const para = body.value[1] as number;
  return ok({ cmd, para, name: samCommandName(cmd, para), data: body.value.slice(2) });
}

/** The payload of "read base info" (30 01) and "read with fingerprint" (30 10). */
export interface SamBaseInfo {
  text: Uint8Array;
  photo: Uint8Array;
  fingerprint: Uint8Array | null;
}

export const TEXT_BLOCK_LENGTH = 256;
export const PHOTO_LENGTH = 1024;
export const FINGERPRINT_LENGTH = 1024;

/**
 * Splits the data after SW3: 2-byte big-endian lengths (text, photo[, fingerprint]) followed by
 * the blocks themselves.
 */
export function parseBaseInfo(
  input: Uint8Array,
  withFingerprint = false,
): Result<SamBaseInfo, SamFrameError> {
  const data = plainBytes(input);
  const headerLength = withFingerprint ? 6 : 4;
  if (data.length < headerLength) {
    return fail(
      new SamFrameError(
        'PAYLOAD',
        `Base info needs ${headerLength} length bytes, got ${data.length}`,
        {
          length: data.length,
        },
      ),
    );
  }
  const textLength = ((data[0] as number) << 8) | (data[1] as number);
  const photoLength = ((data[2] as number) << 8) | (data[3] as number);
  const fingerprintLength = withFingerprint ? ((data[4] as number) << 8) | (data[5] as number) : 0;
  if (textLength !== TEXT_BLOCK_LENGTH) {
    return fail(
      new SamFrameError('PAYLOAD', `Text block length is ${textLength}, expected 256`, {
        textLength,
      }),
    );
  }
  const expected = headerLength + textLength + photoLength + fingerprintLength;
  if (data.length !== expected) {
    return fail(
      new SamFrameError(
        'PAYLOAD',
        `Base info lengths add up to ${expected} bytes, got ${data.length}`,
        {
          expected,
          length: data.length,
        },
      ),
    );
  }
  const textStart = headerLength;
  const photoStart = textStart + textLength;
  const fingerprintStart = photoStart + photoLength;
  return ok({
    text: data.slice(textStart, photoStart),
    photo: data.slice(photoStart, fingerprintStart),
    fingerprint: withFingerprint ? data.slice(fingerprintStart, expected) : null,
  });
}

export function buildBaseInfoData(
  text: Uint8Array,
  photo: Uint8Array,
  fingerprint: Uint8Array | null = null,
): Uint8Array {
  const headerLength = fingerprint ? 6 : 4;
  const out = new Uint8Array(
    headerLength + text.length + photo.length + (fingerprint?.length ?? 0),
  );
  out[0] = text.length >> 8;
  out[1] = text.length & 0xff;
  out[2] = photo.length >> 8;
  out[3] = photo.length & 0xff;
  if (fingerprint) {
    out[4] = fingerprint.length >> 8;
    out[5] = fingerprint.length & 0xff;
  }
  out.set(text, headerLength);
  out.set(photo, headerLength + text.length);
  if (fingerprint) out.set(fingerprint, headerLength + text.length + photo.length);
  return out;
}

function hex2(n: number): string {
  return n.toString(16).padStart(2, '0');
}
