import type { Answers } from '@onething/contract/catalogue/form';
import { idNumberCheckChar } from '@onething/contract/identity/id-number';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Catalogue } from '../catalogue/catalogue.ts';
import { loadCatalogueOrThrow } from '../catalogue/load-catalogue.ts';
import { buildMergedForm } from './merged-form.ts';
import { validateAnswers } from './validate-answers.ts';

let catalogue: Catalogue;
beforeAll(async () => {
  catalogue = await loadCatalogueOrThrow();
});

const complete: Answers = {
  'applicant.name': '林晓雯',
  'applicant.idNumber': '33990219940612022X',
  'applicant.phone': '13812345678',
  'child.name': '周一诺',
  'child.gender': 'female',
  'child.birthDate': '2025-09-18',
  'child.ethnicity': '汉',
  'delivery.mode': 'window',
};

function socialSecurityCard() {
  return buildMergedForm(catalogue, {
    bundleCode: 'YJSP001',
    itemCodes: ['110159001000', '110120001000'],
  });
}

describe('validating answers', () => {
  it('accepts a complete, well-formed set of answers', () => {
    const form = socialSecurityCard();
    const answers = {
      ...complete,
      'child.idNumber': `33990220250918002${idNumberCheckChar('33990220250918002')}`,
      'child.birthCertNo': 'Q339123456',
      'applicant.householdAddress':
        '广东省 广州市 番禺区 市桥街道 滨江路201号6幢502室（440113007）',
    };
    expect(validateAnswers(form, answers, { today: '2025-10-08' })).toEqual({
      ok: true,
      errors: [],
    });
  });

  it('reports each broken field with its key, the rule and a message in both languages', () => {
    const form = socialSecurityCard();
    const r = validateAnswers(
      form,
      {
        ...complete,
        'applicant.idNumber': '339902199406120221',
        'applicant.phone': '1381234',
        'child.birthDate': '2025-11-01',
        'child.gender': 'boy',
      },
      { today: '2025-10-08' },
    );
    expect(r.ok).toBe(false);
    expect(r.errors).toContainEqual({
      key: 'applicant.idNumber',
      rule: 'checksum',
      message: {
        zh: '申请人公民身份号码：校验码不正确，请核对号码',
        en: "Applicant's ID number: check character is wrong; please check the number",
      },
    });
    expect(r.errors).toContainEqual(
      expect.objectContaining({ key: 'applicant.phone', rule: 'format' }),
    );
    expect(r.errors).toContainEqual(
      expect.objectContaining({ key: 'child.birthDate', rule: 'notFuture' }),
    );
    expect(r.errors).toContainEqual(
      expect.objectContaining({
        key: 'child.gender',
        rule: 'option',
        message: {
          zh: '新生儿性别：请从以下选项中选择：男、女',
          en: "Newborn's sex: choose one of: Male, Female",
        },
      }),
    );
    // Missing required fields are named too.
    expect(r.errors).toContainEqual(
      expect.objectContaining({
        key: 'child.birthCertNo',
        rule: 'required',
        message: expect.objectContaining({ zh: '出生医学证明编号：必填' }),
      }),
    );
  });

  it('rejects answers for fields the form does not have', () => {
    const r = validateAnswers(socialSecurityCard(), {
      ...complete,
      'company.uscc': '91350100M000100Y43',
    });
    expect(r.errors).toContainEqual({
      key: 'company.uscc',
      rule: 'unknownField',
      message: { zh: '表单中没有此项：company.uscc', en: 'Not a field of this form: company.uscc' },
    });
  });

  it('requires a conditional field only while its condition holds', () => {
    const form = socialSecurityCard();
    const byPost = validateAnswers(
      form,
      { ...complete, 'delivery.mode': 'post' },
      { today: '2025-10-08' },
    );
    expect(byPost.errors).toContainEqual(
      expect.objectContaining({ key: 'delivery.address', rule: 'required' }),
    );
    const atWindow = validateAnswers(form, complete, { today: '2025-10-08' });
    expect(atWindow.errors.some((e) => e.key === 'delivery.address')).toBe(false);
    // Undecided: the address may still drop out, so it is not yet required, but its value is checked.
    const open = { ...complete };
    delete open['delivery.mode'];
    const undecided = validateAnswers(form, {
      ...open,
      'delivery.address': '广东省 广州市 番禺区 市桥街道 短（440113007）',
    });
    expect(
      undecided.errors.some((e) => e.key === 'delivery.address' && e.rule === 'required'),
    ).toBe(false);
    expect(undecided.errors).toContainEqual(
      expect.objectContaining({ key: 'delivery.address', rule: 'minLength' }),
    );
  });

  it('refuses an address whose region code is unknown, whose names are not its own, or unfinished', () => {
    const form = socialSecurityCard();
    const address = (value: string) =>
      validateAnswers(
        form,
        { ...complete, 'delivery.mode': 'post', 'delivery.address': value },
        { today: '2025-10-08' },
      ).errors.filter((e) => e.key === 'delivery.address');
    expect(address('广东省 广州市 番禺区 市桥街道 东环路1号（440113007）')).toEqual([]);
    expect(address('广东省 广州市 番禺区 火星街道 东环路1号（440113999）')).toEqual([
      {
        key: 'delivery.address',
        rule: 'region',
        message: {
          zh: '邮寄地址：行政区划代码“440113999”不存在，请重新选择地区',
          en: 'Postal address: there is no region with the code “440113999”; choose the region again',
        },
      },
    ]);
    // 天河区 with 番禺's township code: the names must be the code's
    expect(address('广东省 广州市 天河区 市桥街道 东环路1号（440113007）')).toEqual([
      {
        key: 'delivery.address',
        rule: 'region',
        message: {
          zh: '邮寄地址：地区名称与行政区划代码440113007不符（应为“广东省广州市番禺区市桥街道”），请重新选择地区',
          en: 'Postal address: the place names do not match region code 440113007 (“广东省广州市番禺区市桥街道”); choose the region again',
        },
      },
    ]);
    expect(address('广东省 广州市 番禺区 东环路1号（440113）')).toEqual([
      expect.objectContaining({
        rule: 'region',
        message: expect.objectContaining({ zh: '邮寄地址：请选到街道（乡镇）一级' }),
      }),
    ]);
    expect(address('广东省 广州市 番禺区 市桥街道 （440113007）')).toEqual([
      expect.objectContaining({ rule: 'required' }),
    ]);
    // typed text without a picked region is not an address answer
    expect(address('番禺区东环路1号')).toEqual([expect.objectContaining({ rule: 'format' })]);
  });

  it('refuses an ethnic group outside GB/T 3304 and a retirement date outside its window', () => {
    const birth = socialSecurityCard();
    const mars = validateAnswers(birth, { ...complete, 'child.ethnicity': '火星族' });
    expect(mars.errors).toContainEqual(
      expect.objectContaining({ key: 'child.ethnicity', rule: 'option' }),
    );
    const retirement = buildMergedForm(catalogue, {
      bundleCode: 'YJSP003',
      itemCodes: ['050120001000', '070159001000'],
    });
    const at = (date: string) =>
      validateAnswers(retirement, { 'retirement.date': date }, { today: '2025-10-20' }).errors.find(
        (e) => e.key === 'retirement.date',
      );
    expect(at('1999-07-01')).toMatchObject({
      rule: 'notBefore',
      message: { zh: '申请退休日期：不能早于 2023-10-21' },
    });
    expect(at('2025-11-01')).toBeUndefined();
  });
});
