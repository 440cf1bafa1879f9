import type { IdentityCardData } from '@onething/contract/identity/identity-card';
import type { CaseCatalogue } from '../cases/case-catalogue.ts';
import type { ValidatedSubmission } from '../cases/case-submission.ts';

/** A birth bundle of four items, one department each. */
export const catalogue: CaseCatalogue = {
  version: 'test-1',
  bundleName: (code) =>
    code === 'YJSP001' ? { zh: '新生儿出生一件事', en: 'Birth of a child' } : undefined,
  item: (code) =>
    ({
      A: {
        name: { zh: '出生医学证明', en: 'Birth certificate' },
        department: 'HEALTH',
        promisedDays: 3,
      },
      B: { name: { zh: '出生登记', en: 'Birth registration' }, department: 'PSB', promisedDays: 5 },
      C: {
        name: { zh: '居民医保参保', en: 'Medical insurance' },
        department: 'HSA',
        promisedDays: 2,
      },
      D: {
        name: { zh: '社保卡申领', en: 'Social security card' },
        department: 'HRSS',
        promisedDays: 5,
      },
    })[code],
  departmentName: (code) => ({ zh: `部门${code}`, en: `Dept ${code}` }),
  // Submissions without the field (most tests) name no subject and are never refused for one.
  subjectKey: (code) =>
    code === 'YJSP001'
      ? {
          field: 'child.birthCertNo',
          openStatuses: ['received', 'in_progress', 'action_needed'],
          ask: { department: { zh: '部门HEALTH', en: 'Dept HEALTH' }, hotline: '12320' },
        }
      : undefined,
};

/** The applicant of the test cases. */
export const mother: IdentityCardData = {
  cardType: 'resident',
  name: '林晓燕',
  gender: 'female',
  nation: { code: '01', name: '汉' },
  birthDate: '1992-03-14',
  address: '广东省广州市番禺区市桥街道东环路1号',
  idNumber: '44011319920314002X',
  issuer: '广州市公安局番禺分局',
  validFrom: '2020-01-01',
  validTo: '2040-01-01',
};

/** The father, who may try to register the same child. */
export const father: IdentityCardData = {
  ...mother,
  name: '陈志强',
  gender: 'male',
  birthDate: '1990-07-21',
  idNumber: '440113199007210036',
};

/** A submission of the birth bundle from a terminal. */
export const submission = (key: string, items = ['A', 'B', 'C']): ValidatedSubmission => ({
  idempotencyKey: key,
  bundleCode: 'YJSP001',
  itemCodes: items,
  identity: mother,
  answers: { 'child.name': '林小雨' },
  materials: { 'parents.marriageCertificate': 'licence' },
  channel: 'terminal',
  terminalId: 'PY-BOOTH-001',
});

let children = 0;
/**
 * A birth certificate number of a child of its own, typed over the prefilled one: the birth
 * bundle takes one open case per child, so tests that file it again need another child.
 */
export const anotherChild = (): { 'child.birthCertNo': string } => ({
  'child.birthCertNo': `T${String(process.pid % 1000).padStart(3, '0')}${String(++children).padStart(6, '0')}`,
});
