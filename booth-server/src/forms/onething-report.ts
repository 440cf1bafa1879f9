import { evaluateCondition } from '@onething/contract/catalogue/condition';
import type { Answers, FieldError, MaterialList } from '@onething/contract/catalogue/form';
import type { Localized } from '@onething/contract/catalogue/schema';
import { maskIdNumber } from '@onething/contract/identity/id-number';
import type { Catalogue } from '../catalogue/catalogue.ts';
import {
  type DemoDataset,
  type DemoScenario,
  identityCardOf,
} from '../data-sharing/demo-dataset.ts';
import { Prefill } from '../data-sharing/prefill.ts';
import { createSimulatedSources } from '../data-sharing/simulated-sources.ts';
import { composeApplication } from './compose-application.ts';
import { formFields } from './merged-form.ts';
import { validateAnswers } from './validate-answers.ts';

/** The promise of 一表申请 with shared data, as measured targets. */
export const ONE_THING_TARGETS = {
  /** Mean over bundles of (1 − typed ÷ separate). */
  averageReductionPct: 60,
  /** Every bundle on its own. */
  minReductionPct: 40,
} as const;

export interface BundleReport {
  bundle: string;
  name: Localized;
  /** The seeded applicant, masked. */
  applicant: string;
  /** Items that apply to this applicant. */
  items: string[];
  separateFields: number;
  mergedFields: number;
  prefilledFields: number;
  typedFields: number;
  /** 1 − typed ÷ separate, in percent. */
  reductionPct: number;
  materials: MaterialList['counts'];
  /** Fields left to the citizen that the scenario does not type (should be none). */
  missing: string[];
  /** Values the scenario types that were never asked (should be none). */
  unused: string[];
  /** Rule violations of the completed application (should be none). */
  invalid: FieldError[];
}

export interface OneThingReport {
  catalogueVersion: string;
  bundles: BundleReport[];
  average: {
    separateFields: number;
    mergedFields: number;
    typedFields: number;
    reductionPct: number;
    materialsSeparate: number;
    materialsMerged: number;
    materialsToSubmit: number;
  };
  targets: typeof ONE_THING_TARGETS & { met: boolean; problems: string[] };
}

const round1 = (n: number): number => Math.round(n * 10) / 10;
const mean = (ns: number[]): number => (ns.length ? ns.reduce((a, b) => a + b, 0) / ns.length : 0);

/**
 * Replays one scenario: the applicant's card is read, the sources prefill what they know, and
 * the citizen types the scenario's values only for fields that are still left to them, round
 * after round (a typed title number unlocks the house details, a ticked change its new value).
 */
export async function replayScenario(
  catalogue: Catalogue,
  dataset: DemoDataset,
  scenario: DemoScenario,
): Promise<BundleReport> {
  const person = dataset.people.find((p) => p.idNumber === scenario.person);
  const bundle = catalogue.bundle(scenario.bundle);
  if (!person || !bundle)
    throw new Error(`scenario for ${scenario.bundle} names an unknown person or bundle`);
  const prefill = new Prefill(catalogue, createSimulatedSources(dataset), {
    now: () => new Date(`${scenario.asOf}T10:00:00+08:00`),
  });
  const identity = identityCardOf(person);
  const itemCodes = scenario.items ?? bundle.items;
  const answers: Answers = {};
  for (;;) {
    const app = await composeApplication(catalogue, prefill, {
      bundleCode: bundle.code,
      itemCodes,
      identity,
      answers,
    });
    const shown = new Set(
      formFields(app.form)
        .filter((f) => !f.when || evaluateCondition(f.when, app.values) !== false)
        .map((f) => f.key),
    );
    const left = app.prefill.fields.filter((f) => f.status === 'typeIt' && shown.has(f.key));
    const typeable = left.filter((f) => f.key in scenario.typed);
    if (typeable.length > 0) {
      for (const f of typeable) answers[f.key] = scenario.typed[f.key] as Answers[string];
      continue;
    }
    const outcomes = app.prefill.fields.filter((f) => shown.has(f.key));
    const typed = outcomes.filter((f) => f.status !== 'prefilled').length;
    const separate = app.stats.separateFields;
    return {
      bundle: bundle.code,
      name: bundle.name,
      applicant: maskIdNumber(person.idNumber),
      items: app.form.items.filter((i) => i.state === 'applies').map((i) => i.code),
      separateFields: separate,
      mergedFields: shown.size,
      prefilledFields: outcomes.length - typed,
      typedFields: typed,
      reductionPct: separate ? round1((1 - typed / separate) * 100) : 0,
      materials: app.materials.counts,
      missing: left.map((f) => f.key),
      unused: Object.keys(scenario.typed).filter((k) => !(k in answers)),
      invalid: validateAnswers(app.form, app.values, { today: scenario.asOf }).errors,
    };
  }
}

/** Replays every seeded scenario and checks the targets. */
export async function computeOneThingReport(
  catalogue: Catalogue,
  dataset: DemoDataset,
): Promise<OneThingReport> {
  const bundles: BundleReport[] = [];
  for (const s of dataset.scenarios) bundles.push(await replayScenario(catalogue, dataset, s));
  const problems: string[] = [];
  const average = {
    separateFields: round1(mean(bundles.map((b) => b.separateFields))),
    mergedFields: round1(mean(bundles.map((b) => b.mergedFields))),
    typedFields: round1(mean(bundles.map((b) => b.typedFields))),
    reductionPct: round1(mean(bundles.map((b) => b.reductionPct))),
    materialsSeparate: round1(mean(bundles.map((b) => b.materials.separate))),
    materialsMerged: round1(mean(bundles.map((b) => b.materials.merged))),
    materialsToSubmit: round1(mean(bundles.map((b) => b.materials.toSubmit))),
  };
  if (average.reductionPct < ONE_THING_TARGETS.averageReductionPct) {
    problems.push(
      `average reduction ${average.reductionPct}% is below ${ONE_THING_TARGETS.averageReductionPct}%`,
    );
  }
  for (const b of bundles) {
    if (b.reductionPct < ONE_THING_TARGETS.minReductionPct) {
      problems.push(
        `${b.bundle}: reduction ${b.reductionPct}% is below ${ONE_THING_TARGETS.minReductionPct}%`,
      );
    }
    if (b.missing.length)
      problems.push(`${b.bundle}: scenario does not type ${b.missing.join(', ')}`);
    if (b.unused.length)
      problems.push(`${b.bundle}: scenario types unasked ${b.unused.join(', ')}`);
    for (const e of b.invalid)
      problems.push(`${b.bundle}: ${e.key} breaks ${e.rule} (${e.message.en})`);
  }
  for (const code of catalogue.bundles().map((b) => b.code)) {
    if (!bundles.some((b) => b.bundle === code)) problems.push(`${code}: no scenario`);
  }
  return {
    catalogueVersion: catalogue.version.id,
    bundles,
    average,
    targets: { ...ONE_THING_TARGETS, met: problems.length === 0, problems },
  };
}
