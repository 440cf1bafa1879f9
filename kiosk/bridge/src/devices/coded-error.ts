/**
 * Base of every device-layer error: a stable string `code` callers switch on, plus details that
 * never contain personal data (field names and masked values only), so errors are safe to log.
 */
export abstract class CodedError<C extends string> extends Error {
  readonly code: C;
  readonly details: Readonly<Record<string, unknown>>;

  constructor(code: C, message: string, details: Record<string, unknown> = {}, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.code = code;
    this.details = details;
  }

  toJSON(): { name: string; code: C; message: string; details: Readonly<Record<string, unknown>> } {
    return { name: this.name, code: this.code, message: this.message, details: this.details };
  }
}

/** Decoders return this instead of throwing: bad bytes from a device are expected, not exceptional. */
export type Result<T, E> = { ok: true; value: T } | { ok: false; error: E };

export function ok<T>(value: T): { ok: true; value: T } {
  return { ok: true, value };
}

export function fail<E>(error: E): { ok: false; error: E } {
  return { ok: false, error };
}

/** Lower-case hex without separators, for error details and the CLI. */
export function toHex(bytes: Uint8Array, max = 64): string {
  const shown = Buffer.from(bytes.subarray(0, max)).toString('hex');
  return bytes.length > max ? `${shown}…(+${bytes.length - max})` : shown;
}

/**
 * A plain Uint8Array for bytes that may arrive as a Buffer: Buffer#slice returns a view, not a
 * copy, and decoders here rely on slice() copying.
 */
export function plainBytes(bytes: Uint8Array): Uint8Array {
  return Buffer.isBuffer(bytes) ? new Uint8Array(bytes) : bytes;
}
