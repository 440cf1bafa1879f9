import { describe, expect, it } from 'vitest';
import { form } from '../testing/fixtures.ts';
import { answersForRequest, seedAnswers, toAnswerValue } from './answers.ts';

describe('answers', () => {
  it('seeds editable fields from the server without overwriting typed ones', () => {
    const seeded = seedAnswers(form(), { 'child.hukouAddress': '我自己填的地址' });
    expect(seeded['child.hukouAddress']).toBe('我自己填的地址');
    // locked fields are not answers
    expect(Object.hasOwn(seeded, 'applicant.name')).toBe(false);
    const fresh = seedAnswers(form(), {});
    expect(fresh['child.hukouAddress']).toBe('北京市朝阳区示例路 1 号');
  });

  it('converts numbers, upper-cases ID numbers and treats blanks as unanswered', () => {
    expect(toAnswerValue({ type: 'number' }, ' 3250 ')).toBe(3250);
    expect(toAnswerValue({ type: 'amount' }, '12.5')).toBe(12.5);
    expect(toAnswerValue({ type: 'number' }, '三千')).toBe('三千');
    expect(toAnswerValue({ type: 'idNumber' }, '11010519900307123x')).toBe('11010519900307123X');
    expect(toAnswerValue({ type: 'text' }, '   ')).toBeUndefined();
    expect(toAnswerValue({ type: 'boolean' }, false)).toBe(false);
  });

  it('sends only editable fields of the current form', () => {
    const out = answersForRequest(form(), {
      'applicant.name': '冒名',
      'applicant.phone': '13800138000',
      'child.weight': '3250',
      'old.bundle.field': 'kept in the store but not sent',
    });
    expect(out).toEqual({ 'applicant.phone': '13800138000', 'child.weight': 3250 });
  });
});
