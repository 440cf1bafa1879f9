import { beforeAll, describe, expect, it } from 'vitest';
import type { Catalogue } from '../catalogue/catalogue.ts';
import { loadCatalogueOrThrow } from '../catalogue/load-catalogue.ts';
import { type DemoDataset, identityCardOf, loadDemoDataset } from '../data-sharing/demo-dataset.ts';
import { Prefill } from '../data-sharing/prefill.ts';
import { createSimulatedSources } from '../data-sharing/simulated-sources.ts';
import { composeApplication } from './compose-application.ts';
import { formFields } from './merged-form.ts';

let catalogue: Catalogue;
let dataset: DemoDataset;
beforeAll(async () => {
  catalogue = await loadCatalogueOrThrow();
  dataset = await loadDemoDataset();
});

const MOTHER = '33990219940612022X';
const now = () => new Date('2025-10-08T10:00:00+08:00');

function mother() {
  const p = dataset.people.find((x) => x.idNumber === MOTHER);
  if (!p) throw new Error('seed changed');
  return identityCardOf(p);
}

describe('composing an application', () => {
  it('settles conditions the prefill can decide, then merges materials with 免提交', async () => {
    const prefill = new Prefill(catalogue, createSimulatedSources(dataset), { now });
    const app = await composeApplication(catalogue, prefill, {
      bundleCode: 'YJSP001',
      itemCodes: catalogue.bundle('YJSP001')?.items ?? [],
      identity: mother(),
    });
    // The mother is insured as an employee: the maternity item applies without her saying so.
    expect(app.form.items.find((i) => i.code === '050159001000')?.state).toBe('applies');
    expect(
      formFields(app.form).every((f) => f.when === undefined || f.key === 'delivery.address'),
    ).toBe(true);
    expect(app.values['mother.insuranceType']).toBe('employee');
    const birth = app.materials.materials.find((m) => m.key === 'child.birthMedicalCertificate');
    expect(birth?.status).toBe('exempt');
    expect(app.materials.materials.find((m) => m.key === 'birth.dischargeSummary')?.status).toBe(
      'submit',
    );
    expect(app.stats.separateFields).toBeGreaterThan(app.stats.mergedFields);
    expect(app.stats.toType).toBeLessThan(app.stats.mergedFields / 2);
  });

  it('still composes when a source is down: those fields and papers fall back to the citizen', async () => {
    const sources = createSimulatedSources(dataset, {
      licenceLibrary: { failure: new Error('down') },
    });
    const app = await composeApplication(catalogue, new Prefill(catalogue, sources, { now }), {
      bundleCode: 'YJSP001',
      itemCodes: catalogue.bundle('YJSP001')?.items ?? [],
      identity: mother(),
    });
    // Without the birth certificate the mother's ID is unknown, so her insurance is too.
    expect(app.form.items.find((i) => i.code === '050159001000')?.state).toBe('pending');
    expect(app.prefill.fields.find((f) => f.key === 'child.name')).toMatchObject({
      status: 'typeIt',
      reason: 'sourceUnavailable',
    });
    expect(app.materials.counts.exempt).toBe(0);
    expect(app.prefill.sourceProblems.length).toBeGreaterThan(0);
  });

  it('lets the citizen’s answers decide and override', async () => {
    const prefill = new Prefill(catalogue, createSimulatedSources(dataset), { now });
    const app = await composeApplication(catalogue, prefill, {
      bundleCode: 'YJSP001',
      itemCodes: catalogue.bundle('YJSP001')?.items ?? [],
      identity: mother(),
      answers: { 'mother.insuranceType': 'resident', 'delivery.mode': 'window' },
    });
    expect(app.form.items.find((i) => i.code === '050159001000')?.state).toBe('excluded');
    expect(app.values['mother.insuranceType']).toBe('resident');
    expect(formFields(app.form).some((f) => f.key === 'delivery.address')).toBe(false);
  });
});
