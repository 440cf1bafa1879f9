import { ErrorCatalogue, type ErrorCode } from '@onething/contract/errors';
import { DeviceStatus } from '@onething/contract/sockets/bridge-local';
import { DeviceDetailCode, deviceDetailText } from '@onething/contract/sockets/device-detail';
import {
  AlertRule,
  FleetAction,
  FleetCommandOutcome,
  TerminalHealth,
} from '@onething/contract/sockets/fleet';
import { describe, expect, it } from 'vitest';
import { commandOutcomeText } from '../fleet/command-outcome.ts';
import { ACTION_LABEL, DEVICE_STATUS, HEALTH, PAPER, RULE_LABEL } from '../fleet/health.ts';
import { codeText } from './error-text.ts';
import { type Lang, pick, type StringKey, strings } from './strings.ts';

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

const label = (key: StringKey) => (lang: Lang) => pick(lang, strings[key]);

describe('every code the console may be told has zh-CN and English text', () => {
  it('each error of the catalogue', () => {
    for (const code of Object.keys(ErrorCatalogue) as ErrorCode[]) {
      expectWorded(code, (lang) => codeText(code, lang));
    }
  });

  it('each device status and device detail code', () => {
    for (const s of DeviceStatus.options) expectWorded(s, label(DEVICE_STATUS[s].label));
    for (const c of DeviceDetailCode.options) expectWorded(c, (lang) => deviceDetailText(c, lang));
    for (const p of Object.keys(PAPER) as (keyof typeof PAPER)[]) {
      expectWorded(`paper ${p}`, label(PAPER[p].label));
    }
  });

  it('each terminal health, alert rule, fleet action and command outcome', () => {
    for (const h of TerminalHealth.options) expectWorded(h, label(HEALTH[h].label));
    for (const r of AlertRule.options) expectWorded(r, label(RULE_LABEL[r]));
    for (const a of FleetAction.options) expectWorded(a, label(ACTION_LABEL[a]));
    for (const o of FleetCommandOutcome.options) {
      expectWorded(o, (lang) => commandOutcomeText(o, null, lang));
    }
  });
});
