import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  CaseStatus,
  FieldSource,
  MaterialNotice,
  RatingLevel,
  SubCaseStatus,
} from '@onething/contract/rest/kiosk';
import { PrintProblem } from '@onething/contract/sockets/bridge-local';
import { describe, expect, it } from 'vitest';
import { IDENTIFY_PROBLEMS, ONLINE_DIMENSIONS, ONSITE_DIMENSIONS } from '../flow/flow-state.ts';
import { pick, placeholders, strings, t } from './strings.ts';

const entries = Object.entries(strings) as [string, { zh: string; en: string }][];

describe('i18n catalogue', () => {
  it('has a non-empty zh-CN and en text for every key', () => {
    const missing = entries.filter(([, e]) => !e.zh.trim() || !e.en.trim()).map(([k]) => k);
    expect(missing).toEqual([]);
  });

  it('uses the same placeholders in both languages', () => {
    const mismatched = entries
      .filter(([, e]) => placeholders(e.zh).join() !== placeholders(e.en).join())
      .map(([k]) => k);
    expect(mismatched).toEqual([]);
  });

  it('has a text for every value that screens look up by name', () => {
    const dynamic = [
      ...IDENTIFY_PROBLEMS.map((p) => `identify.problem.${p}`),
      ...FieldSource.options.map((s) => `source.${s}`),
      ...RatingLevel.options.map((l) => `rating.level.${l}`),
      ...[...ONSITE_DIMENSIONS, ...ONLINE_DIMENSIONS].map((d) => `rating.dimension.${d}`),
      ...CaseStatus.options.map((s) => `caseStatus.${s}`),
      ...SubCaseStatus.options.map((s) => `subStatus.${s}`),
      ...MaterialNotice.shape.form.options.map((f) => `material.${f}`),
      ...PrintProblem.options.map((p) => `print.problem.${p}`),
    ];
    expect(dynamic.filter((k) => !Object.hasOwn(strings, k))).toEqual([]);
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(t('zh-CN', 'idle.body', { seconds: 25 })).toContain('25 秒');
    expect(t('en', 'idle.body', { seconds: 25 })).toContain('25 seconds');
    expect(t('en', 'idle.body')).toContain('{seconds}');
  });

  it('picks the server text in the citizen language, falling back to the other', () => {
    expect(pick('en', { zh: '出生', en: 'Birth' })).toBe('Birth');
    expect(pick('zh-CN', { zh: '出生', en: 'Birth' })).toBe('出生');
    expect(pick('en', { zh: '出生', en: '' })).toBe('出生');
  });
});

/** Source files of the UI, excluding tests and this catalogue. */
function uiSources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) return uiSources(p);
    return p.endsWith('.tsx') ? [p] : [];
  });
}

describe('components', () => {
  it('contain no hard-coded Chinese text (it all comes from the catalogue)', () => {
    const src = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
    const cjk = /[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]/;
    const offenders: string[] = [];
    for (const file of uiSources(src)) {
      const code = readFileSync(file, 'utf8')
        .replace(/\/\*[\s\S]*?\*\//g, '')
        .replace(/^\s*\/\/.*$/gm, '');
      code.split('\n').forEach((line, i) => {
        if (cjk.test(line)) offenders.push(`${path.relative(src, file)}:${i + 1}`);
      });
    }
    expect(offenders).toEqual([]);
  });
});
