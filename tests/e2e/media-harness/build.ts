import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/** Bundles the harness into a temporary directory the booth server can serve as /kiosk/. */
export async function buildMediaHarness(): Promise<string> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'onething-media-harness-'));
  await build({
    entryPoints: [path.join(path.dirname(fileURLToPath(import.meta.url)), 'harness.ts')],
    bundle: true,
    format: 'esm',
    target: 'es2022',
    outfile: path.join(dir, 'harness.js'),
    logLevel: 'silent',
  });
  writeFileSync(
    path.join(dir, 'index.html'),
    '<!doctype html><html><head><meta charset="utf-8"><title>media harness</title></head><body><script type="module" src="/kiosk/harness.js"></script></body></html>',
  );
  return dir;
}
