import type { FormFieldView, MergedFormView } from '@onething/contract/rest/kiosk';
import { describe, expect, it } from 'vitest';
import { formPages, pageOf, pageProblems } from './form-pages.ts';

const field = (key: string, over: Partial<FormFieldView> = {}): FormFieldView => ({
  key,
  label: { zh: key, en: key },
  type: 'text',
  required: true,
  value: null,
  source: 'citizen',
  editable: true,
  hint: null,
  fallbackReason: null,
  requiredBy: [],
  ...over,
});

const form: MergedFormView = {
  bundleCode: 'YJSP001',
  itemCodes: ['x'],
  catalogueVersion: '1',
  notApplicable: [],
  sections: [
    {
      id: 'applicant',
      title: { zh: '申请人', en: 'Applicant' },
      fields: [field('applicant.name', { editable: false, value: '林晓雯', source: 'idCard' })],
    },
    {
      id: 'delivery',
      title: { zh: '送达', en: 'Delivery' },
      fields: [
        field('delivery.mode', {
          type: 'enum',
          options: [
            { value: 'post', label: { zh: '邮寄', en: 'Post' } },
            { value: 'pickup', label: { zh: '自取', en: 'Pick up' } },
          ],
        }),
        field('delivery.address', {
          type: 'address',
          rules: { minLength: 6 },
          when: { op: '==', field: 'delivery.mode', value: 'post' },
        }),
      ],
    },
    {
      id: 'retirement',
      title: { zh: '退休', en: 'Retirement' },
      fields: [
        field('retirement.date', { type: 'date', rules: { maxDaysPast: 730, maxDaysAhead: 365 } }),
      ],
    },
  ],
  materials: [],
  stats: { separateFields: 3, mergedFields: 3, toType: 2 },
};

describe('form pages', () => {
  it('shows a conditional field only once its condition holds', () => {
    const keys = (raw: Record<string, string>) =>
      formPages(form, raw, false).flatMap((p) => p.fields.map((f) => f.key));
    expect(keys({})).not.toContain('delivery.address');
    expect(keys({ 'delivery.mode': 'pickup' })).not.toContain('delivery.address');
    expect(keys({ 'delivery.mode': 'post' })).toContain('delivery.address');
  });

  it('gives each section a page; elder mode skips pages with nothing to fill', () => {
    expect(formPages(form, {}, false).map((p) => p.id)).toEqual([
      'applicant',
      'delivery',
      'retirement',
    ]);
    const elder = formPages(form, {}, true);
    expect(elder.map((p) => p.id)).toEqual(['delivery', 'retirement']);
    expect(pageOf(elder, 'retirement.date')).toBe(1);
    expect(pageOf(elder, 'applicant.name')).toBe(-1);
  });

  it('checks one page with the server rules, a retirement date in 1999 included', () => {
    const [, delivery, retirement] = formPages(form, { 'delivery.mode': 'post' }, false);
    expect(pageProblems(delivery!, { 'delivery.mode': 'post' }).map((e) => e.key)).toEqual([
      'delivery.address',
    ]);
    const late = pageProblems(retirement!, { 'retirement.date': '1999-07-01' }, '2025-10-20');
    expect(late).toEqual([
      {
        key: 'retirement.date',
        rule: 'notBefore',
        message: {
          zh: 'retirement.date：不能早于 2023-10-21',
          en: 'retirement.date: cannot be before 2023-10-21',
        },
      },
    ]);
    expect(pageProblems(retirement!, { 'retirement.date': '2025-11-01' }, '2025-10-20')).toEqual(
      [],
    );
  });
});
