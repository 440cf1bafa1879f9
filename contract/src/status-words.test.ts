import { describe, expect, it } from 'vitest';
import { CaseStatus, SubCaseStatus } from './rest/kiosk.ts';
import { CASE_STATUS_WORDS, SUB_CASE_STATUS_WORDS, SUBMISSION_WORDS } from './status-words.ts';

describe('the status glossary', () => {
  it('words every case and sub-case status in zh-CN and English', () => {
    for (const s of CaseStatus.options) {
      expect(CASE_STATUS_WORDS[s].zh).not.toBe('');
      expect(CASE_STATUS_WORDS[s].en).not.toBe(s);
    }
    for (const s of SubCaseStatus.options) {
      expect(SUB_CASE_STATUS_WORDS[s].zh).not.toBe('');
      expect(SUB_CASE_STATUS_WORDS[s].en).not.toBe(s);
    }
  });

  it('says 已受理 only for a department that accepted, and 待补正 for missing documents', () => {
    const accepted = Object.entries(SUB_CASE_STATUS_WORDS).filter(([, w]) => w.zh === '已受理');
    expect(accepted.map(([s]) => s)).toEqual(['in_review']);
    expect(Object.values(CASE_STATUS_WORDS).map((w) => w.zh)).not.toContain('已受理');
    expect(Object.values(SUBMISSION_WORDS).map((w) => w.zh)).toEqual(['已提交', '已收件']);
    expect(SUB_CASE_STATUS_WORDS.more_material.zh).toBe('待补正');
    expect(CASE_STATUS_WORDS.action_needed.zh).toBe('待补正');
    expect(CASE_STATUS_WORDS.received).toEqual(SUB_CASE_STATUS_WORDS.received);
  });
});
