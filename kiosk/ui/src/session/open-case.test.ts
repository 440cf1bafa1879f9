import { describe, expect, it } from 'vitest';
import { KioskApiError } from '../api/api-error.ts';
import { t } from '../i18n/strings.ts';
import { problemOf } from './session-calls.ts';

const refusal = (details: Record<string, unknown>) =>
  KioskApiError.refused('POST /api/kiosk/cases', 409, {
    code: 'CASE_ALREADY_OPEN',
    message: 'bundle YJSP001: its subject has an open case',
    details,
  });

describe('a refused second filing', () => {
  it('carries the open case to its own applicant, and only whom to ask to anyone else', () => {
    const same = problemOf(
      refusal({ applicant: 'same', caseNumber: 'YJ202612070000011', status: 'received' }),
      'server',
    );
    expect(same.openCase).toEqual({
      applicant: 'same',
      caseNumber: 'YJ202612070000011',
      status: 'received',
    });
    const other = problemOf(
      refusal({ applicant: 'other', department: { zh: '卫健局', en: 'Health' }, hotline: '12320' }),
      'server',
    );
    expect(other.openCase).toMatchObject({ applicant: 'other', hotline: '12320' });
  });

  it('drops details that break their schema (the generic refusal is shown instead)', () => {
    expect(problemOf(refusal({ applicant: 'same' }), 'server').openCase).toBeUndefined();
    expect(problemOf(refusal({ applicant: 'same' }), 'server').code).toBe('CASE_ALREADY_OPEN');
  });

  it('words both answers in zh-CN and English', () => {
    const same = { caseNumber: 'YJ1', status: t('zh-CN', 'caseStatus.received') };
    expect(t('zh-CN', 'honest.openCase.same', same)).toContain('办件编号 YJ1，当前状态：已收件');
    expect(t('en', 'honest.openCase.same', same)).toContain('case YJ1');
    const other = t('en', 'honest.openCase.other', { department: 'Health', hotline: '12320' });
    expect(other).toContain('ask Health (phone 12320)');
  });
});
