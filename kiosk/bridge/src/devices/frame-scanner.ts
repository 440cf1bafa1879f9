import { fail, ok, type Result } from './coded-error.ts';

/** What a framed protocol tells the scanner about its frames. */
export interface FrameSpec<E> {
  /** Bytes needed to recognise a header and read the frame length from it. */
  readonly headerLength: number;
  /** A complete, plausible header starts at `i` (headerLength bytes are available). */
  isHeader(buf: Uint8Array, i: number): boolean;
  /** The fewer-than-headerLength bytes from `i` to the end could still grow into a header. */
  couldBeHeader(buf: Uint8Array, i: number): boolean;
  /** Total frame length announced by the header at `i`. */
  frameLength(buf: Uint8Array, i: number): number;
  /** A complete frame's integrity check (checksum); null when good. */
  verify(frame: Uint8Array): E | null;
  /** What a good frame yields. */
  payload(frame: Uint8Array): Uint8Array;
  garbageError(skipped: Uint8Array): E;
  truncatedError(expected: number, received: number): E;
}

/**
 * Finds frames in a byte stream that may contain garbage, truncated frames and frames cut into
 * reports. Resynchronises on the next plausible header after any error, so one bad frame never
 * costs the next good one. Zero bytes between frames are report padding, not garbage.
 */
export class FrameScanner<E> {
  readonly #spec: FrameSpec<E>;
  #buf: Uint8Array = new Uint8Array(0);
  /** After a checksum failure the rest of the bad frame is skipped without a second error. */
  #quietSkip = false;

  constructor(spec: FrameSpec<E>) {
    this.#spec = spec;
  }

  /** Bytes held while waiting for the rest of a frame. */
  get buffered(): number {
    return this.#buf.length;
  }

  reset(): void {
    this.#buf = new Uint8Array(0);
    this.#quietSkip = false;
  }

  push(chunk: Uint8Array): Result<Uint8Array, E>[] {
    const spec = this.#spec;
    const buf = this.#buf.length === 0 ? chunk : concat(this.#buf, chunk);
    const out: Result<Uint8Array, E>[] = [];
    let start = 0;
    for (;;) {
      const found = this.#findHeader(buf, start, false);
      if (found === null) {
        this.#skip(buf.subarray(start), out);
        start = buf.length;
        break;
      }
      const { at, complete } = found;
      if (at > start) this.#skip(buf.subarray(start, at), out);
      start = at;
      if (!complete) break;
      this.#quietSkip = false;
      const total = spec.frameLength(buf, at);
      if (buf.length - at < total) {
        // A full header inside the missing part means this frame was cut short.
        const next = this.#findHeader(buf, at + 1, true);
        if (next !== null) {
          out.push(fail(spec.truncatedError(total, next.at - at)));
          start = next.at;
          continue;
        }
        break;
      }
      const frame = buf.subarray(at, at + total);
      const error = spec.verify(frame);
      if (error !== null) {
        out.push(fail(error));
        this.#quietSkip = true;
        start = at + 1;
        continue;
      }
      out.push(ok(spec.payload(frame).slice()));
      start = at + total;
    }
    this.#buf = start >= buf.length ? new Uint8Array(0) : buf.slice(start);
    // The bad frame was complete, so all of its bytes were skipped during this push.
    this.#quietSkip = false;
    return out;
  }

  #findHeader(
    buf: Uint8Array,
    from: number,
    completeOnly: boolean,
  ): { at: number; complete: boolean } | null {
    const spec = this.#spec;
    for (let i = from; i < buf.length; i++) {
      if (buf.length - i >= spec.headerLength) {
        if (spec.isHeader(buf, i)) return { at: i, complete: true };
      } else if (!completeOnly && spec.couldBeHeader(buf, i)) {
        return { at: i, complete: false };
      }
    }
    return null;
  }

  #skip(bytes: Uint8Array, out: Result<Uint8Array, E>[]): void {
    if (bytes.length === 0 || this.#quietSkip) return;
    if (bytes.some((b) => b !== 0)) out.push(fail(this.#spec.garbageError(bytes)));
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}
