import { describe, expect, it } from 'vitest';
import { fieldErrorText, formatDueDate } from './format.ts';
import { t } from './strings.ts';

describe('fieldErrorText', () => {
  const zh = (key: 'form.errorItem', params: Record<string, string>) => t('zh-CN', key, params);
  const en = (key: 'form.errorItem', params: Record<string, string>) => t('en', key, params);

  it('names the field once when the message already starts with its label', () => {
    expect(fieldErrorText('申请人手机号码', '申请人手机号码：请填写11位手机号码', zh)).toBe(
      '申请人手机号码：请填写11位手机号码',
    );
  });

  it('puts the label in front of a message that does not name the field', () => {
    expect(fieldErrorText('申请人手机号码', '请填写11位手机号码', zh)).toBe(
      '“申请人手机号码”：请填写11位手机号码',
    );
    expect(fieldErrorText("Applicant's mobile number", 'Enter 11 digits', en)).toBe(
      '"Applicant\'s mobile number": Enter 11 digits',
    );
  });
});

describe('due dates', () => {
  it('names the working day a due moment (24:00 CST) closes', () => {
    // 24:00 CST on Wed 9 Dec 2026 is 00:00 CST on the 10th.
    const due = Date.parse('2026-12-09T16:00:00Z');
    expect(formatDueDate(due, 'zh-CN')).toBe('2026年12月9日');
    expect(formatDueDate(due, 'en')).toBe('9 December 2026');
  });
});
