import { ErrorCatalogue, type ErrorCode } from '@onething/contract/errors';
import { PrintProblem } from '@onething/contract/sockets/bridge-local';
import { DeviceDetailCode, deviceDetailText } from '@onething/contract/sockets/device-detail';
import { describe, expect, it } from 'vitest';
import type { Lang } from '../flow/flow-state.ts';
import { problemMessage } from '../ui/context.ts';
import { t } from './strings.ts';

const LANGS: Lang[] = ['zh-CN', 'en'];
const CJK = /[\u4e00-\u9fff]/;

/** A text for `code` in both languages: present, not the code, Chinese in zh-CN, not in English. */
function expectWorded(code: string, say: (lang: Lang) => string): void {
  for (const lang of LANGS) {
    const text = say(lang);
    expect(text.trim(), `${code} in ${lang}`).not.toBe('');
    expect(text, `${code} in ${lang}`).not.toBe(code);
    // An identifier (DEVICE_UNAVAILABLE, paperOut) never shows through; a plain word may.
    if (lang === 'zh-CN' || /[A-Z_]/.test(code))
      expect(text, `${code} in ${lang}`).not.toContain(code);
    if (lang === 'zh-CN') expect(text, code).toMatch(CJK);
    else expect(text, code).not.toMatch(CJK);
  }
}

describe('every code the kiosk may be told has zh-CN and English text', () => {
  it('each error of the catalogue, from the server or from a device', () => {
    for (const code of Object.keys(ErrorCatalogue) as ErrorCode[]) {
      for (const source of ['server', 'bridge'] as const) {
        expectWorded(code, (lang) => problemMessage(lang, { source, kind: 'server', code }));
      }
    }
  });

  // The kiosk shows a device as what it means for printing (the fleet's device statuses are the
  // console's, tested there).
  it('each printing problem and device detail code', () => {
    for (const p of PrintProblem.options) expectWorded(p, (lang) => t(lang, `print.problem.${p}`));
    for (const c of DeviceDetailCode.options) expectWorded(c, (lang) => deviceDetailText(c, lang));
  });
});
