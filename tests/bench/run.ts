/**
 * `npm run bench [name…]`: runs the benchmarks (every *.bench.ts here, or those named) one after
 * another and prints their figures. Targets are printed beside the figures, not asserted.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

// Benchmarks print their own figures; library info logs would drown them.
process.env.LOG_LEVEL ??= 'warn';

const dir = path.dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.startsWith(w)))
  .sort();

for (const f of files) {
  process.stdout.write(`\n=== ${f.replace('.bench.ts', '')} ===\n`);
  const mod = (await import(pathToFileURL(path.join(dir, f)).href)) as { run: () => Promise<void> };
  try {
    await mod.run();
  } catch (e) {
    process.stdout.write(`failed: ${(e as Error).stack ?? String(e)}\n`);
    process.exitCode = 1;
  }
}
