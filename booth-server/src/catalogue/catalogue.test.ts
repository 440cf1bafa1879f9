import { beforeAll, describe, expect, it } from 'vitest';
import type { Catalogue } from './catalogue.ts';
import { loadCatalogueOrThrow } from './load-catalogue.ts';

let catalogue: Catalogue;
beforeAll(async () => {
  catalogue = await loadCatalogueOrThrow();
});

describe('Catalogue lookups', () => {
  it('finds bundles by life event and items by code, with the implementation code', () => {
    expect(catalogue.bundlesByLifeEvent('birth').map((b) => b.code)).toEqual(['YJSP001']);
    expect(catalogue.bundlesByLifeEvent('opening').map((b) => b.name.zh)).toEqual([
      '企业开办一件事',
      '开办餐饮店一件事',
      '开办运输企业一件事',
    ]);
    expect(catalogue.bundlesByLifeEvent('closing').map((b) => b.code)).toEqual([
      'YJSE007',
      'YJSE004',
    ]);
    expect(catalogue.bundlesByLifeEvent('change').map((b) => b.code)).toEqual(['YJSE002']);
    expect(catalogue.item('110117004000')?.name.zh).toBe('无犯罪记录证明');
    expect(catalogue.item('999999999999')).toBeUndefined();
    expect(catalogue.implementationCode('110117004000')).toBe('11339900MB0117001F110117004000');
    expect(catalogue.bundlesContainingItem('110120002000').map((b) => b.code)).toEqual(['YJSP002']);
  });

  it('finds 生孩子, 买房 and 开饭店 by the everyday words kept in the catalogue', () => {
    const first = (q: string) => catalogue.search(q).find((h) => h.kind === 'bundle')?.name.zh;
    expect(first('生孩子')).toBe('新生儿出生一件事');
    expect(first('买房')).toBe('二手房转移登记及水电气网联动过户一件事');
    expect(first('开饭店')).toBe('开办餐饮店一件事');
    expect(first('having a baby')).toBe('新生儿出生一件事');
  });

  it('searches Chinese and English names, codes and descriptions, best matches first', () => {
    expect(catalogue.search('无犯罪')[0]).toMatchObject({
      kind: 'item',
      code: '110117004000',
      rank: 1,
    });
    const birth = catalogue.search('出生').map((h) => h.code);
    expect(birth).toContain('YJSP001');
    expect(birth).toContain('070117001000');
    // Case and spacing do not matter in English.
    expect(catalogue.search('  RESTAURANT ')[0]).toMatchObject({ kind: 'bundle', code: 'YJSE001' });
    expect(catalogue.search('YJSP006')[0]).toMatchObject({ code: 'YJSP006', rank: 3 });
    // A department name finds that department's items and the bundles it leads, ranked last.
    const amr = catalogue.search('市场监督管理局');
    expect(amr.map((h) => h.code)).toEqual([
      'YJSE001',
      'YJSE002',
      'YJSE003',
      'YJSE004',
      'YJSE007',
      '010135001000',
      '010135002000',
      '010135003000',
      '010135004000',
      '100135005000',
      '110135006000',
    ]);
    expect(amr.every((h) => h.rank === 4)).toBe(true);
    expect(catalogue.search('   ')).toEqual([]);
    expect(catalogue.search('出生', 1)).toHaveLength(1);
  });

  it('returns parsed conditions for the texts in the catalogue', () => {
    expect(catalogue.condition('marriage.status == married')).toEqual({
      op: '==',
      field: 'marriage.status',
      value: 'married',
    });
  });
});

describe('the seeded catalogue', () => {
  // The bundles named in the seeds and national lists (shared/reference/government-services.md).
  const required = [
    '新生儿出生',
    '教育入学',
    '社会保障卡居民服务',
    '登记失业人员就业帮扶',
    '婚育',
    '残疾人服务',
    '退休',
    '军人退役',
    '二手房转移登记及水电气网联动过户',
    '身后',
    '企业开办',
    '企业信息变更',
    '开办餐饮店',
    '开办运输企业',
    '水电气网联合报装',
    '企业注销',
    '企业破产信息核查',
    '企业融资服务',
    '举办大型展览展销活动',
    '非备案演出场所申请演出',
  ];

  it('seeds the named bundles, each with at least 3 items from at least 2 departments', () => {
    expect(catalogue.bundles()).toHaveLength(required.length);
    const bundles = catalogue.bundles();
    for (const name of required) {
      const b = bundles.find((x) => x.name.zh.startsWith(name));
      expect(b, name).toBeDefined();
      if (!b) continue;
      const departments = new Set(b.items.map((c) => catalogue.item(c)?.department));
      expect(b.items.length, name).toBeGreaterThanOrEqual(3);
      expect(departments.size, name).toBeGreaterThanOrEqual(2);
    }
  });

  it('marks terminal-instant items, including the certificate of no criminal record', () => {
    const instant = catalogue.instantItems().map((i) => i.name.zh);
    expect(instant).toContain('无犯罪记录证明');
    expect(instant).toContain('社会保险参保缴费证明');
    for (const it of catalogue.instantItems()) {
      expect(it.timeLimit.promisedDays).toBe(0);
      expect(it.result.delivery).toContain('selfPrint');
    }
  });

  it('gives every item a complete guide: legal basis, conditions, process, time limits, fee', () => {
    for (const it of catalogue.items()) {
      expect(it.legalBasis.length, it.code).toBeGreaterThan(0);
      expect(it.acceptanceConditions.length, it.code).toBeGreaterThan(0);
      expect(it.process.length, it.code).toBeGreaterThan(1);
      expect(it.timeLimit.promisedDays, it.code).toBeLessThanOrEqual(it.timeLimit.statutoryDays);
      expect(it.fee.basis.zh, it.code).not.toBe('');
      expect(it.form.length, it.code).toBeGreaterThan(0);
    }
  });

  it('uses the canonical keys of the brief for the shared data most forms ask', () => {
    for (const key of [
      'applicant.idNumber',
      'applicant.name',
      'child.name',
      'child.birthDate',
      'mother.idNumber',
      'father.idNumber',
      'house.certNo',
      'company.uscc',
    ]) {
      expect(catalogue.field(key), key).toBeDefined();
    }
    expect(catalogue.field('applicant.idNumber')?.sources).toEqual(['idCard']);
    expect(catalogue.field('applicant.phone')?.personal).toBe(true);
  });
});
