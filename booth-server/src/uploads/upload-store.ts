import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { UploadResponse } from '@onething/contract/rest/kiosk';
import { AppError } from '@onething/contract/errors';
import type { Kysely } from 'kysely';
import { FieldCipher } from '../crypto/field-cipher.ts';
import type { DB } from '../db/schema.ts';

export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

/** The type a file really is, from its first bytes; a name or a Content-Type can lie. */
export function sniffMediaType(
  bytes: Uint8Array,
): 'image/jpeg' | 'image/png' | 'application/pdf' | null {
  const b = bytes;
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (
    b.length >= 8 &&
    b[0] === 0x89 &&
    b[1] === 0x50 &&
    b[2] === 0x4e &&
    b[3] === 0x47 &&
    b[4] === 0x0d &&
    b[5] === 0x0a &&
    b[6] === 0x1a &&
    b[7] === 0x0a
  ) {
    return 'image/png';
  }
  if (b.length >= 5 && Buffer.from(b.subarray(0, 5)).toString('latin1') === '%PDF-')
    return 'application/pdf';
  return null;
}

/**
 * Captured materials, content-addressed: the file is stored once under its SHA-256, whoever
 * uploads it and however often; each upload gets its own id pointing at the content.
 */
export class UploadStore {
  readonly #db: Kysely<DB>;
  readonly #dir: string;
  readonly #now: () => number;
  readonly #cipher: FieldCipher;

  /** Materials are ID photos and certificates: stored encrypted (`cipher`), owner-only files. */
  constructor(
    db: Kysely<DB>,
    dataDir: string,
    now: () => number = Date.now,
    cipher: FieldCipher = FieldCipher.ephemeral(),
  ) {
    this.#db = db;
    this.#dir = path.join(dataDir, 'uploads');
    this.#now = now;
    this.#cipher = cipher;
  }

  async put(
    bytes: Uint8Array,
    declaredType: string | undefined,
    terminalId: string | null,
  ): Promise<UploadResponse> {
    if (bytes.byteLength === 0) throw AppError.validation('the upload is empty');
    if (bytes.byteLength > MAX_UPLOAD_BYTES) {
      throw new AppError(
        'PAYLOAD_TOO_LARGE',
        `uploads are limited to ${MAX_UPLOAD_BYTES / 1024 / 1024} MB`,
      );
    }
    const actual = sniffMediaType(bytes);
    if (!actual) throw new AppError('UPLOAD_TYPE', 'the content is not a JPEG, PNG or PDF file');
    if (declaredType && declaredType.split(';')[0]?.trim() !== actual) {
      throw new AppError('UPLOAD_TYPE', `declared ${declaredType} but the content is ${actual}`);
    }
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const file = this.pathOf(sha256);
    if (!existsSync(file)) {
      mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
      const tmp = `${file}.${randomUUID()}.tmp`;
      const sealed = this.#cipher.encrypt(Buffer.from(bytes).toString('base64'));
      writeFileSync(tmp, sealed, { mode: 0o600 });
      renameSync(tmp, file);
    }
    const uploadId = randomUUID();
    await this.#db
      .insertInto('uploads')
      .values({
        id: uploadId,
        sha256,
        media_type: actual,
        bytes: bytes.byteLength,
        terminal_id: terminalId,
        created_at: this.#now(),
      })
      .execute();
    return { uploadId, sha256, mediaType: actual, bytes: bytes.byteLength };
  }

  async exists(uploadId: string): Promise<boolean> {
    const row = await this.#db
      .selectFrom('uploads')
      .select('id')
      .where('id', '=', uploadId)
      .executeTakeFirst();
    return !!row;
  }

  /** The bytes and type of an upload, decrypted; NOT_FOUND for an unknown id or a lost file. */
  async read(uploadId: string): Promise<{ bytes: Buffer; mediaType: string }> {
    const row = await this.#db
      .selectFrom('uploads')
      .select(['sha256', 'media_type'])
      .where('id', '=', uploadId)
      .executeTakeFirst();
    const file = row ? this.pathOf(row.sha256) : null;
    if (!row || !file || !existsSync(file)) throw AppError.notFound('upload');
    const bytes = Buffer.from(this.#cipher.decrypt(readFileSync(file, 'utf8')), 'base64');
    return { bytes, mediaType: row.media_type };
  }

  pathOf(sha256: string): string {
    return path.join(this.#dir, sha256.slice(0, 2), sha256);
  }
}
