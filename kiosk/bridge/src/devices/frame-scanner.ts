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
 * costs the next good one. Zero bytes between frames are report padding, not garbage; a run of
 * bad bytes yields one error however many chunks it spans.
 */
export class FrameScanner<E> {
  readonly #spec: FrameSpec<E>;
  /** Unconsumed bytes live in #store[0, #length); the store grows by doubling. */
  #store = new Uint8Array(256);
  #length = 0;
  /**
   * While the frame at offset 0 waits for its tail: how many leading bytes have already been
   * searched for a complete embedded header, so each report is searched once, not every time.
   */
  #searched = 0;
  /**
   * One error per bad run: after a garbage or checksum error, further skipped bytes stay quiet
   * until the next header.
   */
  #quietSkip = false;

  constructor(spec: FrameSpec<E>) {
    this.#spec = spec;
  }

  /** Bytes held while waiting for the rest of a frame. */
  get buffered(): number {
    return this.#length;
  }

  reset(): void {
    this.#length = 0;
    this.#searched = 0;
    this.#quietSkip = false;
    if (this.#store.length > 64 * 1024) this.#store = new Uint8Array(256);
  }

  push(chunk: Uint8Array): Result<Uint8Array, E>[] {
    const spec = this.#spec;
    this.#append(chunk);
    const buf = this.#store.subarray(0, this.#length);
    const out: Result<Uint8Array, E>[] = [];
    let start = 0;
    let searched = this.#searched;
    for (;;) {
      const found = this.#findHeader(buf, start, false);
      if (found === null) {
        this.#skip(buf.subarray(start), out);
        start = buf.length;
        break;
      }
      const { at, complete } = found;
      if (at > start) {
        this.#skip(buf.subarray(start, at), out);
        searched = 0;
      }
      start = at;
      if (!complete) break;
      this.#quietSkip = false;
      const total = spec.frameLength(buf, at);
      if (buf.length - at < total) {
        // A full header inside the missing part means this frame was cut short.
        const next = this.#findHeader(buf, Math.max(at + 1, at + searched), true);
        if (next !== null) {
          out.push(fail(spec.truncatedError(total, next.at - at)));
          start = next.at;
          searched = 0;
          continue;
        }
        searched = Math.max(1, buf.length - at - spec.headerLength + 1);
        break;
      }
      searched = 0;
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
    this.#store.copyWithin(0, start, this.#length);
    this.#length -= start;
    this.#searched = this.#length === 0 ? 0 : searched;
    return out;
  }

  #append(chunk: Uint8Array): void {
    const needed = this.#length + chunk.length;
    if (needed > this.#store.length) {
      let size = this.#store.length * 2;
      while (size < needed) size *= 2;
      const grown = new Uint8Array(size);
      grown.set(this.#store.subarray(0, this.#length));
      this.#store = grown;
    }
    this.#store.set(chunk, this.#length);
    this.#length = needed;
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
    if (bytes.some((b) => b !== 0)) {
      out.push(fail(this.#spec.garbageError(bytes)));
      this.#quietSkip = true;
    }
  }
}
