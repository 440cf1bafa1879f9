import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

/**
 * The folders of DATA_DIR that hold stored files the database points at: uploaded materials,
 * and call recordings once they exist. Nothing else of DATA_DIR is backed up: the SQLite file is
 * copied through SQLite's backup API, and key files (a demo run's generated keys) belong in the
 * secret store, never beside the data they unlock.
 */
export const STORED_DIRS = ['uploads', 'recordings'] as const;

/** Every stored file under `dataDir`, relative to it (forward slashes), in a stable order. */
export function storedFiles(dataDir: string): string[] {
  const out: string[] = [];
  for (const dir of STORED_DIRS) {
    const root = path.join(dataDir, dir);
    if (!existsSync(root)) continue;
    for (const e of readdirSync(root, { recursive: true, withFileTypes: true })) {
      // A temporary file is an upload still being written; the finished file is what counts.
      if (!e.isFile() || e.name.endsWith('.tmp')) continue;
      out.push(path.relative(dataDir, path.join(e.parentPath, e.name)).split(path.sep).join('/'));
    }
  }
  return out.sort();
}
