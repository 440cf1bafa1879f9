import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { handwritingModel } from '../../../kiosk/ui/scripts/handwriting/vite-plugin.ts';

/** Builds the harness page (with the recogniser's worker and model) into a temporary directory. */
export async function buildHandwritingHarness(): Promise<string> {
  const outDir = mkdtempSync(path.join(os.tmpdir(), 'onething-hw-harness-'));
  await build({
    root: path.dirname(fileURLToPath(import.meta.url)),
    base: '/',
    configFile: false,
    logLevel: 'warn',
    plugins: [handwritingModel()],
    build: { outDir, emptyOutDir: true, target: 'es2022' },
  });
  return outDir;
}
