import { createHash } from 'node:crypto';
import { createReadStream, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { BackupError } from './backup-error.ts';

export const MANIFEST_FILE = 'manifest.json';
const FORMAT = 'onething-backup/1';

const FileEntry = z.object({
  path: z.string().min(1),
  size: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type FileEntry = z.infer<typeof FileEntry>;

const Manifest = z.object({
  format: z.literal(FORMAT),
  createdAt: z.string(),
  database: z.discriminatedUnion('engine', [
    z.object({ engine: z.literal('postgres'), serverMajor: z.number().int(), file: FileEntry }),
    z.object({ engine: z.literal('sqlite'), file: FileEntry }),
  ]),
  /** The migrations the backed-up database had: a restore needs a server that knows them all. */
  migrations: z.array(z.string()),
  /** The stored files (uploads, recordings) beside the database, relative to DATA_DIR. */
  files: z.array(FileEntry),
});
export type Manifest = z.infer<typeof Manifest>;

export function newManifest(parts: Omit<Manifest, 'format' | 'createdAt'>): Manifest {
  return { format: FORMAT, createdAt: new Date().toISOString(), ...parts };
}

export async function describeFile(root: string, relative: string): Promise<FileEntry> {
  const file = path.join(root, relative);
  return { path: relative, size: statSync(file).size, sha256: await sha256File(file) };
}

export function sha256File(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(file)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });
}

export function writeManifest(dir: string, manifest: Manifest): void {
  writeFileSync(path.join(dir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`, {
    mode: 0o600,
  });
}

/** Reads and checks the manifest, then every file it names against its size and digest. */
export async function readVerifiedManifest(dir: string): Promise<Manifest> {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path.join(dir, MANIFEST_FILE), 'utf8'));
  } catch (e) {
    throw new BackupError(`${dir} holds no readable ${MANIFEST_FILE}: ${(e as Error).message}`);
  }
  const parsed = Manifest.safeParse(raw);
  if (!parsed.success) {
    throw new BackupError(`${dir}/${MANIFEST_FILE} is not a backup manifest of this format`);
  }
  const manifest = parsed.data;
  for (const entry of [manifest.database.file, ...manifest.files]) {
    if (path.isAbsolute(entry.path) || entry.path.split(/[\\/]/).includes('..')) {
      throw new BackupError(`manifest names a path outside the backup: ${entry.path}`);
    }
    const file = path.join(dir, entry.path);
    let size: number;
    try {
      size = statSync(file).size;
    } catch {
      throw new BackupError(`backup file missing: ${entry.path}`);
    }
    if (size !== entry.size || (await sha256File(file)) !== entry.sha256) {
      throw new BackupError(
        `backup file ${entry.path} does not match its SHA-256 in the manifest (damaged or altered); nothing was restored`,
      );
    }
  }
  return manifest;
}
