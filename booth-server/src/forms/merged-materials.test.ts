import type { Answers } from '@onething/contract/catalogue/form';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Catalogue } from '../catalogue/catalogue.ts';
import { loadCatalogueOrThrow } from '../catalogue/load-catalogue.ts';
import { buildMergedForm } from './merged-form.ts';
import {
  type LicenceHolding,
  maskLicenceNumber,
  materialHolderIds,
  mergeMaterials,
} from './merged-materials.ts';

let catalogue: Catalogue;
beforeAll(async () => {
  catalogue = await loadCatalogueOrThrow();
});

const MOTHER = '33990219940612022X';
const FATHER = '339902199203050110';
const values: Answers = {
  'applicant.idNumber': MOTHER,
  'mother.idNumber': MOTHER,
  'father.idNumber': FATHER,
  'child.birthCertNo': 'Q339123456',
  'marriage.status': 'married',
  'mother.insuranceType': 'employee',
};

function newborn(answers: Answers, itemCodes?: string[]) {
  const codes = itemCodes ?? catalogue.bundle('YJSP001')?.items ?? [];
  return buildMergedForm(catalogue, { bundleCode: 'YJSP001', itemCodes: codes, answers });
}

describe('the merged materials (一套材料)', () => {
  it('asks a paper several items need once, in the strictest form and largest count', () => {
    const list = mergeMaterials(catalogue, newborn(values), values, []);
    const birth = list.materials.find((m) => m.key === 'child.birthMedicalCertificate');
    // Two items want the original, two a copy: one visit brings the original and a copy.
    expect(birth).toMatchObject({
      form: 'originalAndCopy',
      count: 1,
      requiredBy: ['110126001000', '070117001000', '110159001000', '050159001000'],
      status: 'submit',
    });
    expect(list.materials.filter((m) => m.key === 'child.birthMedicalCertificate')).toHaveLength(1);
    expect(list.counts.merged).toBe(list.materials.length);
    expect(list.counts.separate).toBeGreaterThan(list.counts.merged);
  });

  it('drops a paper that another chosen item produces and keeps it when that item is not chosen', () => {
    const together = mergeMaterials(catalogue, newborn(values), values, []);
    expect(together.materials.some((m) => m.key === 'child.householdRegisterPage')).toBe(false);
    expect(together.omitted).toContainEqual({
      item: '110120001000',
      material: 'child.householdRegisterPage',
      reason: 'producedByItem',
      by: '070117001000',
    });
    const without = mergeMaterials(
      catalogue,
      newborn(values, ['110159001000', '110120001000']),
      values,
      [],
    );
    expect(
      without.materials.find((m) => m.key === 'child.householdRegisterPage')?.requiredBy,
    ).toEqual(['110120001000']);
  });

  it('follows conditions: the marriage certificate only for married parents', () => {
    expect(
      mergeMaterials(catalogue, newborn(values), values, []).materials.some(
        (m) => m.key === 'marriage.certificate',
      ),
    ).toBe(true);
    const single = { ...values, 'marriage.status': 'unmarried' };
    const list = mergeMaterials(catalogue, newborn(single), single, []);
    expect(list.materials.some((m) => m.key === 'marriage.certificate')).toBe(false);
    expect(list.omitted).toContainEqual({
      item: '070117001000',
      material: 'marriage.certificate',
      reason: 'conditionFalse',
    });
    const open = { ...values };
    delete open['marriage.status'];
    const pending = mergeMaterials(catalogue, newborn(open), open, []);
    expect(pending.materials.find((m) => m.key === 'marriage.certificate')?.when).toEqual({
      op: '==',
      field: 'marriage.status',
      value: 'married',
    });
  });

  it('marks 免提交 only when the library holds that licence for this holder, masking its number', () => {
    const held: LicenceHolding[] = [
      {
        type: 'birthMedicalCertificate',
        number: 'Q339123456',
        holderIds: ['Q339123456', MOTHER, FATHER],
      },
      { type: 'residentIdCard', number: MOTHER, holderIds: [MOTHER] },
      // Someone else's marriage certificate must not exempt this family.
      {
        type: 'marriageCertificate',
        number: 'J339902-2016-002218',
        holderIds: ['339902198802230573'],
      },
    ];
    const list = mergeMaterials(catalogue, newborn(values), values, held);
    const byKey = new Map(list.materials.map((m) => [m.key, m]));
    expect(byKey.get('child.birthMedicalCertificate')).toMatchObject({
      status: 'exempt',
      exemptBy: { licence: 'birthMedicalCertificate', number: 'Q33*****56' },
    });
    expect(byKey.get('applicant.idCard')?.exemptBy?.number).toBe('339***********022X');
    expect(byKey.get('mother.idCard')?.status).toBe('exempt');
    expect(byKey.get('father.idCard')?.status).toBe('submit');
    expect(byKey.get('marriage.certificate')?.status).toBe('submit');
    expect(byKey.get('birth.dischargeSummary')?.licence).toBeUndefined();
    expect(list.counts.exempt).toBe(3);
    expect(list.counts.toSubmit).toBe(list.counts.merged - 3);
  });

  it('lists the holder identifiers worth asking the licence library about', () => {
    const ids = materialHolderIds(catalogue, newborn(values), values);
    expect(ids).toEqual(expect.arrayContaining(['Q339123456', MOTHER, FATHER]));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('masks licence numbers of any length', () => {
    expect(maskLicenceNumber('12345')).toBe('*****');
    expect(maskLicenceNumber('002045821')).toBe('002****21');
    expect(maskLicenceNumber('浙（2019）云溪市不动产权第0012345号')).not.toContain('0012345');
  });
});
