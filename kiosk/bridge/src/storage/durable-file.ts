import { open, readFile, rename, unlink } from 'node:fs/promises';
import type { z } from 'zod';

let tmpCounter = 0;

/**
 * Temp file (mode 0600) + fsync + rename: a crash leaves the old file or the new, never half.
 * Everything the bridge keeps can hold personal data or secrets, hence owner-only.
 */
export async function writeFileAtomic(file: string, text: string): Promise<void> {
  const tmp = `${file}.${process.pid}.${++tmpCounter}.tmp`;
  try {
    const handle = await open(tmp, 'w', 0o600);
    try {
      await handle.writeFile(text);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, file);
  } catch (e) {
    await unlink(tmp).catch(() => undefined);
    throw e;
  }
}

/** What reading a durable JSON file found. */
export type DurableRead<T> =
  | { readonly kind: 'absent' }
  | { readonly kind: 'read'; readonly value: T; readonly text: string }
  /**
   * The file was not JSON or not the expected shape: it was moved aside to `aside` (kept for
   * inspection, never deleted) and the caller starts empty. The parser's message is withheld on
   * purpose: it can quote the file, which may hold personal data.
   */
  | {
      readonly kind: 'quarantined';
      readonly aside: string;
      readonly reason: 'not JSON' | 'wrong shape';
    };

/**
 * A JSON state file the bridge must not lose or half-write (outbox, print queue): reads check
 * the shape and quarantine a damaged file; writes are atomic and run one after another in the
 * order they were asked for.
 */
export class DurableFile {
  readonly path: string;
  readonly #clock: () => number;
  #writing: Promise<void> = Promise.resolve();

  constructor(path: string, options: { clock?: () => number } = {}) {
    this.path = path;
    this.#clock = options.clock ?? Date.now;
  }

  /** The parsed file; a read error other than a missing file is thrown as it is. */
  async read<S extends z.ZodType>(schema: S): Promise<DurableRead<z.output<S>>> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'absent' };
      throw e;
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return this.#quarantine('not JSON');
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) return this.#quarantine('wrong shape');
    return { kind: 'read', value: parsed.data, text };
  }

  /** Replaces the file atomically, after every write asked for before this one. */
  write(text: string): Promise<void> {
    const write = this.#writing.then(() => writeFileAtomic(this.path, text));
    this.#writing = write.catch(() => undefined);
    return write;
  }

  /** Resolves when the writes asked for so far are done (failed ones included). */
  settled(): Promise<void> {
    return this.#writing;
  }

  async #quarantine(reason: 'not JSON' | 'wrong shape'): Promise<DurableRead<never>> {
    const aside = `${this.path}.corrupt-${this.#clock()}`;
    await rename(this.path, aside);
    return { kind: 'quarantined', aside, reason };
  }
}
