/**
 * The handwriting recogniser on the held-out set (strokes traced from Noto Sans CJK SC, another
 * font than the matcher's Make Me a Hanzi references, with jitter, random stroke order and joined
 * strokes; kiosk/ui/scripts/handwriting/held-out.ts): top-1 and top-5 accuracy over all 3,500
 * level-1 characters (generated into tests/artifacts/ when missing) and over the 200 the unit
 * tests ship, time per character, the model's size and its load time.
 */
import { existsSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import {
  FIXTURE,
  FULL_SET,
  writeSamples,
} from '../../kiosk/ui/scripts/handwriting/make-held-out.ts';
import { buildModel, level1Characters } from '../../kiosk/ui/scripts/handwriting/model.ts';
import type { Sample } from '../../kiosk/ui/scripts/handwriting/held-out.ts';
import { HandwritingMatcher } from '../../kiosk/ui/src/input/handwriting/matcher.ts';
import { decodeModel } from '../../kiosk/ui/src/input/handwriting/model-format.ts';
import type { Point } from '../../kiosk/ui/src/input/handwriting/stroke.ts';

const TOP5_TARGET = 0.95;
const MS_TARGET = 200;

export function toStrokes(flat: number[][]): Point[][] {
  return flat.map((f) => {
    const pts: Point[] = [];
    for (let i = 0; i + 1 < f.length; i += 2) pts.push({ x: f[i]!, y: f[i + 1]! });
    return pts;
  });
}

function measure(matcher: HandwritingMatcher, samples: Sample[], label: string): void {
  let top1 = 0;
  let top5 = 0;
  const times: number[] = [];
  for (const s of samples) {
    const strokes = toStrokes(s.strokes);
    const t = performance.now();
    const found = matcher.recognize(strokes, 5);
    times.push(performance.now() - t);
    if (found[0]?.char === s.char) top1++;
    if (found.some((c) => c.char === s.char)) top5++;
  }
  times.sort((a, b) => a - b);
  const mean = times.reduce((a, b) => a + b, 0) / times.length;
  const p95 = times[Math.floor(times.length * 0.95)]!;
  const pct = (n: number) => `${((100 * n) / samples.length).toFixed(1)} %`;
  process.stdout.write(
    `${label} (${samples.length} characters): top-1 ${pct(top1)}, top-5 ${pct(top5)} ` +
      `(target ≥ ${TOP5_TARGET * 100} %); ${mean.toFixed(1)} ms per character, p95 ` +
      `${p95.toFixed(1)} ms (target ≤ ${MS_TARGET} ms)\n`,
  );
}

export async function run(): Promise<void> {
  const model = buildModel();
  process.stdout.write(
    `model: ${(model.length / 1024).toFixed(0)} KB (${(gzipSync(model).length / 1024).toFixed(0)} KB gzip)\n`,
  );
  const t = performance.now();
  const matcher = new HandwritingMatcher(decodeModel(model));
  process.stdout.write(
    `load: ${matcher.size} characters ready in ${(performance.now() - t).toFixed(0)} ms\n`,
  );
  const full: Sample[] = existsSync(FULL_SET)
    ? (JSON.parse(readFileSync(FULL_SET, 'utf8')) as Sample[])
    : writeSamples(FULL_SET, level1Characters());
  measure(matcher, full, 'held-out, all of level 1');
  measure(matcher, JSON.parse(readFileSync(FIXTURE, 'utf8')) as Sample[], 'held-out fixture');
}
