import { idNumberCheckChar } from '@onething/contract/identity/id-number';
import { describe, expect, it } from 'vitest';
import { checkFieldValue, dateBounds, disallowedChars } from './field-check.ts';
import type { FieldDefinition } from './schema.ts';

const def = (over: Partial<FieldDefinition>): FieldDefinition => ({
  key: 'x.y',
  label: { zh: '测试项', en: 'Test field' },
  type: 'text',
  section: 'x',
  sources: [],
  personal: true,
  ...over,
});
const check = (d: FieldDefinition, v: unknown, required = true) =>
  checkFieldValue(d, v, { required, today: '2025-10-20' });

describe('field value checks', () => {
  it('names the field and the rule in both languages', () => {
    const p = check(def({ type: 'phone' }), '12345');
    expect(p).toEqual({
      rule: 'format',
      message: {
        zh: '测试项：请填写11位手机号码',
        en: 'Test field: must be an 11-digit mobile number starting with 1',
      },
    });
    expect(check(def({}), '  ')).toMatchObject({
      rule: 'required',
      message: { zh: '测试项：必填' },
    });
    expect(check(def({}), undefined, false)).toBeNull();
  });

  it('checks ID numbers per GB 11643: shape, birth date and check character', () => {
    const d = def({ type: 'idNumber' });
    const body = '33990219940612022';
    const good = body + idNumberCheckChar(body);
    expect(check(d, good)).toBeNull();
    const wrong = body + (good.endsWith('1') ? '2' : '1');
    expect(check(d, wrong)?.rule).toBe('checksum');
    expect(check(d, '339902199402300221')?.rule).toBe('birthDate');
    expect(check(d, '3399021994')?.rule).toBe('format');
  });

  it('checks credit codes per GB 32100', () => {
    const d = def({ type: 'uscc' });
    expect(check(d, '91350100M000100Y43')).toBeNull();
    expect(check(d, '91350100M000100Y44')?.rule).toBe('checksum');
    expect(check(d, '91350100M000100Y4')?.rule).toBe('format');
  });

  it('checks phones, dates, amounts, numbers, enums and booleans', () => {
    expect(check(def({ type: 'phone' }), '13812345678')).toBeNull();
    expect(check(def({ type: 'phone' }), '12812345678')?.rule).toBe('format');
    const date = def({ type: 'date', rules: { notFuture: true, notBefore: '1900-01-01' } });
    expect(check(date, '2025-10-20')).toBeNull();
    expect(check(date, '2025-10-21')?.rule).toBe('notFuture');
    expect(check(date, '1899-12-31')?.rule).toBe('notBefore');
    expect(check(date, '2025-02-30')?.rule).toBe('format');
    expect(check(date, '20/10/2025')?.rule).toBe('format');
    const amount = def({ type: 'amount', rules: { min: 1 } });
    expect(check(amount, '2350000.50')).toBeNull();
    expect(check(amount, 12.5)).toBeNull();
    expect(check(amount, '1.234')?.rule).toBe('format');
    expect(check(amount, '0')?.rule).toBe('min');
    const count = def({ type: 'number', rules: { integer: true, max: 10 } });
    expect(check(count, 6)).toBeNull();
    expect(check(count, '2.5')?.rule).toBe('integer');
    expect(check(count, 11)?.rule).toBe('max');
    const choice = def({
      type: 'enum',
      options: [
        { value: 'a', label: { zh: '甲', en: 'A' } },
        { value: 'b', label: { zh: '乙', en: 'B' } },
      ],
    });
    expect(check(choice, 'b')).toBeNull();
    expect(check(choice, 'c')).toMatchObject({
      rule: 'option',
      message: { zh: '测试项：请从以下选项中选择：甲、乙', en: 'Test field: choose one of: A, B' },
    });
    expect(check(def({ type: 'boolean' }), false)).toBeNull();
    expect(check(def({ type: 'boolean' }), 'yes')?.rule).toBe('format');
  });

  it('applies text length and pattern rules with the pattern’s own message', () => {
    const d = def({
      rules: {
        minLength: 2,
        maxLength: 4,
        pattern: { regex: '\\d+', message: { zh: '只能是数字', en: 'digits only' } },
      },
    });
    expect(check(d, '123')).toBeNull();
    expect(check(d, '1')?.rule).toBe('minLength');
    expect(check(d, '12345')?.rule).toBe('maxLength');
    expect(check(d, '12a')).toEqual({
      rule: 'pattern',
      message: { zh: '测试项：只能是数字', en: 'Test field: digits only' },
    });
    // Chinese characters count as one each.
    expect(check(def({ rules: { maxLength: 3 } }), '云溪市')).toBeNull();
  });

  it('refuses an ethnic group that is not one of the 56 of GB/T 3304, in both languages', () => {
    const d = def({ type: 'ethnicity' });
    expect(check(d, '汉')).toBeNull();
    expect(check(d, '蒙古族')).toBeNull();
    const p = check(d, '火星族');
    expect(p?.rule).toBe('option');
    expect(p?.message.zh).toContain('火星族');
    expect(p?.message.en).toContain('56 ethnic groups');
  });

  it('keeps a requested date within the window its rules allow around today', () => {
    const retirement = def({ type: 'date', rules: { maxDaysPast: 730, maxDaysAhead: 365 } });
    expect(check(retirement, '2025-11-01')).toBeNull();
    expect(check(retirement, '1999-07-01')).toMatchObject({
      rule: 'notBefore',
      message: { zh: '测试项：不能早于 2023-10-21', en: 'Test field: cannot be before 2023-10-21' },
    });
    expect(check(retirement, '2026-10-21')?.rule).toBe('notAfter');
    expect(dateBounds(retirement.rules, '2025-10-20')).toEqual({
      min: '2023-10-21',
      max: '2026-10-20',
    });
    // the later of two lower bounds and the earlier of two upper bounds win
    expect(
      dateBounds(
        { notBefore: '2024-01-01', maxDaysPast: 730, notFuture: true, maxDaysAhead: 9 },
        '2025-10-20',
      ),
    ).toEqual({ min: '2024-01-01', max: '2025-10-20' });
    expect(dateBounds(undefined, '2025-10-20')).toEqual({});
  });

  it('refuses characters outside the allowed set and names them', () => {
    const account = def({ rules: { allowedChars: '0-9' } });
    expect(check(account, '6222020200012345678')).toBeNull();
    expect(check(account, '6222-0202 0001')).toMatchObject({
      rule: 'allowedChars',
      message: { zh: '测试项：不能含有“- ”' },
    });
    expect(disallowedChars({ allowedChars: 'A-Z0-9' }, 'A12b3b')).toEqual(['b']);
    expect(disallowedChars(undefined, 'anything')).toEqual([]);
  });
});
