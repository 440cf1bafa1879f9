import { beforeAll, describe, expect, it } from 'vitest';
import type { Catalogue } from '../catalogue/catalogue.ts';
import { loadCatalogueOrThrow } from '../catalogue/load-catalogue.ts';
import { type DemoDataset, loadDemoDataset } from '../data-sharing/demo-dataset.ts';
import { computeOneThingReport, ONE_THING_TARGETS, replayScenario } from './onething-report.ts';

let catalogue: Catalogue;
let dataset: DemoDataset;
beforeAll(async () => {
  catalogue = await loadCatalogueOrThrow();
  dataset = await loadDemoDataset();
});

describe('the one-thing report', () => {
  it('meets the targets: ≥60% fewer typed fields on average and ≥40% on every bundle', async () => {
    const report = await computeOneThingReport(catalogue, dataset);
    expect(report.targets.problems).toEqual([]);
    expect(report.targets.met).toBe(true);
    expect(report.bundles.map((b) => b.bundle).sort()).toEqual(
      catalogue
        .bundles()
        .map((b) => b.code)
        .sort(),
    );
    expect(report.average.reductionPct).toBeGreaterThanOrEqual(
      ONE_THING_TARGETS.averageReductionPct,
    );
    for (const b of report.bundles) {
      expect(b.reductionPct, b.bundle).toBeGreaterThanOrEqual(ONE_THING_TARGETS.minReductionPct);
      expect(b.typedFields + b.prefilledFields, b.bundle).toBe(b.mergedFields);
      expect(b.mergedFields, b.bundle).toBeLessThan(b.separateFields);
      expect(b.materials.merged, b.bundle).toBeLessThan(b.materials.separate);
      expect(b.materials.toSubmit + b.materials.exempt, b.bundle).toBe(b.materials.merged);
      // The numbers are honest only if the scenario typed exactly what was left and it all checks.
      expect(b.missing, b.bundle).toEqual([]);
      expect(b.unused, b.bundle).toEqual([]);
      expect(b.invalid, b.bundle).toEqual([]);
      expect(b.applicant).toMatch(/^\d{3}\*{11}[\dX]{4}$/);
    }
  });

  it('counts typed fields from what the sources really supply for that person', async () => {
    const scenario = dataset.scenarios.find((s) => s.bundle === 'YJSP004');
    if (!scenario) throw new Error('seed changed');
    const seller = '339903197505300194';
    // Remove the seller's title from the registry: the house details must now be typed.
    const noTitle = structuredClone(dataset);
    noTitle.properties = noTitle.properties.filter((p) => !p.owners.includes(seller));
    const real = await replayScenario(catalogue, dataset, scenario);
    const degraded = await replayScenario(catalogue, noTitle, scenario);
    expect(degraded.typedFields).toBeGreaterThan(real.typedFields);
    expect(degraded.missing).toEqual(
      expect.arrayContaining(['house.address', 'house.area', 'seller.name', 'seller.idNumber']),
    );
  });
});
