import { beforeAll, describe, expect, it } from 'vitest';
import type { Catalogue } from '../catalogue/catalogue.ts';
import { loadCatalogueOrThrow } from '../catalogue/load-catalogue.ts';
import { mergedFormView } from '../citizen/views.ts';
import { type DemoDataset, identityCardOf, loadDemoDataset } from '../data-sharing/demo-dataset.ts';
import { Prefill } from '../data-sharing/prefill.ts';
import { createSimulatedSources } from '../data-sharing/simulated-sources.ts';
import { composeApplication } from './compose-application.ts';

let catalogue: Catalogue;
let dataset: DemoDataset;
beforeAll(async () => {
  catalogue = await loadCatalogueOrThrow();
  dataset = await loadDemoDataset();
});

const OWNER = '349901198609080716';
const FIRE = '010161001000';
const now = () => new Date('2025-10-20T10:00:00+08:00');

/** 马晓东's restaurant application as the kiosk sees it, with some answers changed. */
async function restaurant(answers: Record<string, string | number | boolean>) {
  const person = dataset.people.find((p) => p.idNumber === OWNER);
  const scenario = dataset.scenarios.find((s) => s.bundle === 'YJSE001' && s.person === OWNER);
  if (!person || !scenario) throw new Error('seed changed');
  const itemCodes = catalogue.bundle('YJSE001')?.items ?? [];
  const app = await composeApplication(
    catalogue,
    new Prefill(catalogue, createSimulatedSources(dataset), { now }),
    {
      bundleCode: 'YJSE001',
      itemCodes,
      identity: identityCardOf(person),
      answers: { ...scenario.typed, ...answers },
    },
  );
  return mergedFormView(catalogue, app, itemCodes);
}

describe('nothing dropped silently', () => {
  it('names a chosen item whose condition fails, with the condition in words', async () => {
    const small = await restaurant({});
    expect(small.notApplicable).toEqual([
      {
        code: FIRE,
        name: catalogue.item(FIRE)?.name,
        reason: catalogue.bundle('YJSE001')?.conditional.find((c) => c.item === FIRE)?.reason,
      },
    ]);
  });

  it('asks for materials by the applicant’s kind: no 公司章程 for a 个体工商户', async () => {
    const individual = await restaurant({ 'newBusiness.form': 'individual' });
    expect(individual.materials.map((m) => m.id)).not.toContain('newBusiness.articles');
    const company = await restaurant({ 'newBusiness.form': 'llc' });
    expect(company.materials.map((m) => m.id)).toContain('newBusiness.articles');
  });
});
