import type { Answers, MergedForm, PrefillResult } from '@onething/contract/catalogue/form';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Catalogue } from '../catalogue/catalogue.ts';
import { loadCatalogueOrThrow } from '../catalogue/load-catalogue.ts';
import { buildMergedForm } from '../forms/merged-form.ts';
import type { LicenceLibrary } from './adapters.ts';
import { type DemoDataset, identityCardOf, loadDemoDataset } from './demo-dataset.ts';
import { Prefill } from './prefill.ts';
import { createSimulatedSources } from './simulated-sources.ts';

let catalogue: Catalogue;
let dataset: DemoDataset;
beforeAll(async () => {
  catalogue = await loadCatalogueOrThrow();
  dataset = await loadDemoDataset();
});

const MOTHER = '33990219940612022X';
const BUYER = '339902198802230573';
const PARENT = '339903198508170625';
const VISITOR = '449901199001010937';
const RETIREE = '339903196501180311';
const VETERAN = '339902199903060512';
const BRIDE = '339902199804230627';
const onDay = (day: string) => () => new Date(`${day}T10:00:00+08:00`);

function card(idNumber: string) {
  const p = dataset.people.find((x) => x.idNumber === idNumber);
  if (!p) throw new Error(`no person ${idNumber}`);
  return identityCardOf(p);
}
function formOf(bundleCode: string, answers: Answers = {}): MergedForm {
  const items = catalogue.bundle(bundleCode)?.items ?? [];
  return buildMergedForm(catalogue, { bundleCode, itemCodes: items, answers });
}
const outcome = (r: PrefillResult, key: string) => r.fields.find((f) => f.key === key);

describe('prefilling from the ID card and shared data', () => {
  it('fills what the sources know, each value with its source, and leaves personal fields', async () => {
    const prefill = new Prefill(catalogue, createSimulatedSources(dataset), {
      now: onDay('2025-10-08'),
    });
    const r = await prefill.fill(card(MOTHER), formOf('YJSP001'));
    expect(r.values['applicant.idNumber']).toEqual({ value: MOTHER, source: 'idCard' });
    // The birth certificate of this year, not the elder brother's from 2020.
    expect(r.values['child.name']).toEqual({ value: '周一诺', source: 'licenceLibrary' });
    expect(r.values['father.idNumber']).toEqual({
      value: '339902199203050110',
      source: 'licenceLibrary',
    });
    expect(r.values['marriage.certNo']).toEqual({
      value: 'J339902-2018-004512',
      source: 'marriageRegistry',
    });
    // Chained: the certificate names the mother, whose insurance decides the maternity item.
    expect(r.values['mother.insuranceType']).toEqual({
      value: 'employee',
      source: 'socialSecurity',
    });
    expect(outcome(r, 'applicant.phone')).toMatchObject({
      status: 'typeIt',
      source: 'citizen',
      reason: 'personal',
      message: { zh: '请填写：此项只有您本人知道' },
    });
    expect(r.sourceProblems).toEqual([]);
    // Only form fields come back; keys used to chain lookups stay inside.
    const keys = new Set(Object.keys(r.values));
    for (const k of keys) expect(catalogue.field(k)).toBeDefined();
    expect(keys.has('spouse.idNumber')).toBe(false);
  });

  it("fills a veteran's service from the discharge certificate, which also decides the grant", async () => {
    const prefill = new Prefill(catalogue, createSimulatedSources(dataset), {
      now: onDay('2025-10-20'),
    });
    const r = await prefill.fill(card(VETERAN), formOf('YJSP010'));
    expect(r.values['veteran.dischargedOn']).toEqual({
      value: '2025-09-15',
      source: 'licenceLibrary',
    });
    expect(r.values['veteran.serviceMonths']).toEqual({ value: 96, source: 'licenceLibrary' });
    // 自主就业 comes from the certificate: the one-off grant applies without a question.
    expect(r.values['veteran.placement']).toEqual({
      value: 'selfEmployment',
      source: 'licenceLibrary',
    });
    // His registration was cancelled on enlistment: the address to register at is his to give.
    expect(outcome(r, 'veteran.hukouAddress')).toMatchObject({
      status: 'typeIt',
      reason: 'personal',
    });
  });

  it('never looks up the other party of a marriage from an ID number typed for them', async () => {
    const prefill = new Prefill(catalogue, createSimulatedSources(dataset), {
      now: onDay('2025-10-20'),
    });
    const answers = { 'partner.idNumber': '339902199607150337' };
    const r = await prefill.fill(card(BRIDE), formOf('YJSP009', answers), answers);
    expect(r.values['marriage.status']).toEqual({ value: 'unmarried', source: 'marriageRegistry' });
    expect(outcome(r, 'partner.name')).toMatchObject({ status: 'typeIt', reason: 'personal' });
    expect(JSON.stringify(r.values)).not.toContain('张博文');
  });

  it('waits for the key the citizen types, then fills what it unlocks', async () => {
    const prefill = new Prefill(catalogue, createSimulatedSources(dataset));
    const before = await prefill.fill(card(BUYER), formOf('YJSP004'));
    expect(outcome(before, 'house.address')).toMatchObject({
      status: 'typeIt',
      reason: 'needsInput',
      message: { zh: '填写“交易房屋不动产权证号”后可自动获取，或请直接填写' },
    });
    const answers = { 'house.certNo': '粤（2019）广州市不动产权第0012345号' };
    const after = await prefill.fill(card(BUYER), formOf('YJSP004', answers), answers);
    expect(outcome(after, 'house.certNo')?.status).toBe('answered');
    // the register's plain text becomes the region picked (code and names) and the detail line
    expect(after.values['house.address']?.value).toBe(
      '广东省 广州市 番禺区 市桥街道 溪岸路18号3幢1201室（440113007）',
    );
    expect(after.values['seller.name']).toEqual({ value: '吴海涛', source: 'propertyRegistry' });
    expect(after.values['house.gasAccountNo']?.value).toBe('8800123456');
    // Neither the buyer nor his wife owns a home: first home for the deed tax.
    expect(after.values['applicant.firstHome']).toEqual({
      value: true,
      source: 'propertyRegistry',
    });
  });

  it('never overrides what the citizen typed', async () => {
    const prefill = new Prefill(catalogue, createSimulatedSources(dataset));
    const answers = { 'applicant.employerName': '自己填的单位' };
    const r = await prefill.fill(card(RETIREE), formOf('YJSP003', answers), answers);
    expect(outcome(r, 'applicant.employerName')).toMatchObject({
      status: 'answered',
      source: 'citizen',
    });
    expect(r.values['applicant.employerName']).toBeUndefined();
  });
});

describe('degrading to "please type it"', () => {
  it('leaves the fields of a failing source for the citizen, with the reason, and fills the rest', async () => {
    const sources = createSimulatedSources(dataset, {
      licenceLibrary: { failure: new Error(`upstream 502 for holder ${MOTHER}`) },
    });
    const prefill = new Prefill(catalogue, sources, { now: onDay('2025-10-08') });
    const r = await prefill.fill(card(MOTHER), formOf('YJSP001'));
    expect(outcome(r, 'child.name')).toMatchObject({
      status: 'typeIt',
      reason: 'sourceUnavailable',
      message: { zh: '电子证照库暂时无法访问，请填写' },
    });
    expect(r.values['applicant.name']?.value).toBe('林晓雯');
    expect(r.values['marriage.status']?.value).toBe('married');
    expect(r.sourceProblems).toEqual([
      expect.objectContaining({
        source: 'licenceLibrary',
        operation: 'licenceLibrary.licencesOf',
        problem: 'failed',
      }),
    ]);
    // The adapter's message carried an ID number; the recorded problem does not.
    expect(JSON.stringify(r.sourceProblems)).not.toContain(MOTHER);
  });

  it('gives up on a slow source after the timeout', async () => {
    const sources = createSimulatedSources(dataset, { householdRegistry: { latencyMs: 5_000 } });
    const prefill = new Prefill(catalogue, sources, { timeoutMs: 20, now: onDay('2025-06-10') });
    const r = await prefill.fill(card(PARENT), formOf('YJSP002'));
    expect(outcome(r, 'student.idNumber')).toMatchObject({
      status: 'typeIt',
      reason: 'sourceUnavailable',
    });
    expect(r.sourceProblems).toContainEqual(
      expect.objectContaining({ source: 'householdRegistry', problem: 'timeout' }),
    );
    // Other sources still answered.
    expect(r.values['property.certNo']?.source).toBe('propertyRegistry');
  });

  it('says when the sources hold nothing, or several candidates', async () => {
    const nothing = await new Prefill(catalogue, createSimulatedSources(dataset)).fill(
      card(VISITOR),
      formOf('YJSP003'),
    );
    expect(outcome(nothing, 'applicant.employerName')).toMatchObject({
      status: 'typeIt',
      reason: 'notFound',
      message: { zh: '社会保险系统中没有查到，请填写' },
    });
    // A second school-age child makes "the pupil" ambiguous.
    const twins = structuredClone(dataset);
    twins.people.push({
      idNumber: '339903201707070022',
      name: '黄子涵',
      ethnicity: '汉',
      cardAddress: '广东省广州市番禺区沙头街道文昌路6号5幢302室',
      local: true,
      householdNo: '003020418',
      motherIdNumber: PARENT,
    });
    const prefill = new Prefill(catalogue, createSimulatedSources(twins), {
      now: onDay('2025-06-10'),
    });
    const r = await prefill.fill(card(PARENT), formOf('YJSP002'));
    expect(outcome(r, 'student.idNumber')).toMatchObject({ status: 'typeIt', reason: 'ambiguous' });
  });

  it('rejects a source value that breaks the field rules', async () => {
    const broken = structuredClone(dataset);
    const record = broken.insurance.find((i) => i.idNumber === RETIREE);
    if (record) record.bankAccount = '6228-48';
    const r = await new Prefill(catalogue, createSimulatedSources(broken)).fill(
      card(RETIREE),
      formOf('YJSP003'),
    );
    expect(outcome(r, 'applicant.bankAccount')).toMatchObject({
      status: 'typeIt',
      reason: 'invalidFromSource',
    });
    expect(r.values['applicant.bankName']?.value).toBe('中国农业银行番禺分行');
  });

  it('works without an ID card or without a configured source', async () => {
    const noCard = await new Prefill(catalogue, createSimulatedSources(dataset)).fill(
      null,
      formOf('YJSP003'),
    );
    expect(outcome(noCard, 'applicant.name')).toMatchObject({
      status: 'typeIt',
      reason: 'needsInput',
      message: { zh: '读取身份证后可自动获取，或请填写' },
    });
    const { marriageRegistry: _absent, ...rest } = createSimulatedSources(dataset);
    const r = await new Prefill(catalogue, rest).fill(card(BUYER), formOf('YJSP004'));
    expect(outcome(r, 'marriage.status')).toMatchObject({ status: 'typeIt', reason: 'noAdapter' });
  });
});

describe('prefill sessions', () => {
  it('asks a source once per person however many rounds and fields need it', async () => {
    const sources = createSimulatedSources(dataset);
    let calls = 0;
    const counting: LicenceLibrary = {
      licencesOf: (id, o) => {
        calls++;
        return sources.licenceLibrary.licencesOf(id, o);
      },
    };
    const prefill = new Prefill(
      catalogue,
      { ...sources, licenceLibrary: counting },
      { now: onDay('2025-10-08') },
    );
    const session = prefill.session(card(MOTHER));
    await session.fill(formOf('YJSP001'), {});
    await session.fill(formOf('YJSP001', { 'mother.insuranceType': 'employee' }), {});
    const held = await session.licencesHeld([MOTHER]);
    expect(calls).toBe(1);
    expect(held.map((l) => l.type)).toEqual(
      expect.arrayContaining(['residentIdCard', 'marriageCertificate', 'birthMedicalCertificate']),
    );
  });
});

describe('the catalogue and the resolvers agree', () => {
  it('can supply every (field, source) pair that fields.yaml declares, and nothing undeclared', () => {
    const prefill = new Prefill(catalogue, createSimulatedSources(dataset));
    const supplied = new Set(prefill.capabilities().map((c) => `${c.key} ${c.source}`));
    const declared = catalogue.fields().flatMap((f) => f.sources.map((s) => `${f.key} ${s}`));
    const unsupplied = declared.filter((d) => !supplied.has(d));
    expect(unsupplied).toEqual([]);
    for (const s of supplied) expect(declared).toContain(s);
  });
});
