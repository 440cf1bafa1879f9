/**
 * `tsx kiosk/ui/scripts/handwriting/make-held-out.ts [--fixture]`: writes the held-out accuracy
 * set (see held-out.ts) for all 3,500 level-1 characters to tests/artifacts/handwriting/ (not in
 * git; `npm run bench handwriting` makes it when missing), or with --fixture the fixed subset the
 * unit tests ship: every 17th character of the table, 200 of them, fixed seed.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { heldOutSamples, type Sample } from './held-out.ts';
import { level1Characters } from './model.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
export const FULL_SET = path.join(ROOT, 'tests/artifacts/handwriting/held-out-3500.json');
export const FIXTURE = path.join(ROOT, 'kiosk/ui/src/input/handwriting/fixtures/held-out-200.json');
const SEED = 20261207;

export function fixtureCharacters(): string[] {
  return level1Characters()
    .filter((_, i) => i % 17 === 0)
    .slice(0, 200);
}

export function writeSamples(file: string, chars: readonly string[]): Sample[] {
  const samples = heldOutSamples(chars, SEED);
  mkdirSync(path.dirname(file), { recursive: true });
  // one sample a line: a fixture diff stays readable
  writeFileSync(file, `[\n${samples.map((s) => JSON.stringify(s)).join(',\n')}\n]\n`);
  return samples;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const fixture = process.argv.includes('--fixture');
  const file = fixture ? FIXTURE : FULL_SET;
  const samples = writeSamples(file, fixture ? fixtureCharacters() : level1Characters());
  process.stdout.write(`${samples.length} samples → ${path.relative(ROOT, file)}\n`);
}
