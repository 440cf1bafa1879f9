import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { conditionFields, evaluateCondition } from '@onething/contract/catalogue/condition';
import type { Answers, MergedForm } from '@onething/contract/catalogue/form';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Catalogue } from '../catalogue/catalogue.ts';
import {
  buildCatalogue,
  DEFAULT_CATALOGUE_DIR,
  loadCatalogueOrThrow,
} from '../catalogue/load-catalogue.ts';
import type { CatalogueSource } from '../catalogue/parse-catalogue.ts';
import { buildMergedForm, formFields, itemStates } from './merged-form.ts';
import { SelectionError } from './selection-error.ts';

let catalogue: Catalogue;
beforeAll(async () => {
  catalogue = await loadCatalogueOrThrow();
});

const NEWBORN = 'YJSP001';
const field = (form: MergedForm, key: string) => formFields(form).find((f) => f.key === key);

function selectionError(fn: () => unknown): SelectionError {
  try {
    fn();
  } catch (err) {
    if (err instanceof SelectionError) return err;
    throw err;
  }
  throw new Error('expected a SelectionError');
}

async function seedSources(dir = DEFAULT_CATALOGUE_DIR, root = DEFAULT_CATALOGUE_DIR) {
  const out: CatalogueSource[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const full = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await seedSources(full, root)));
    else
      out.push({
        file: relative(root, full).split(sep).join('/'),
        text: await readFile(full, 'utf8'),
      });
  }
  return out;
}

describe('the merged form (一表申请)', () => {
  it('asks each canonical field once, naming every item that asks it and who supplies it', () => {
    const bundle = catalogue.bundle(NEWBORN);
    const form = buildMergedForm(catalogue, {
      bundleCode: NEWBORN,
      itemCodes: bundle?.items ?? [],
    });
    const keys = formFields(form).map((f) => f.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(field(form, 'child.name')?.requiredBy).toEqual([
      '110126001000',
      '070117001000',
      '110159001000',
      '110120001000',
    ]);
    expect(field(form, 'applicant.idNumber')).toMatchObject({ source: 'idCard', personal: false });
    expect(field(form, 'child.name')).toMatchObject({ source: 'licenceLibrary' });
    expect(field(form, 'applicant.phone')).toMatchObject({ source: 'citizen', personal: true });
    // Separate forms would have asked child.name four times; the merged form asks it once.
    expect(form.separateFieldCount).toBeGreaterThan(form.fieldCount);
    // Sections follow the dictionary order.
    expect(form.sections.map((s) => s.key).slice(0, 3)).toEqual(['applicant', 'marriage', 'child']);
  });

  it('leaves out a field another chosen item produces, saying which', () => {
    const form = buildMergedForm(catalogue, {
      bundleCode: NEWBORN,
      itemCodes: ['070117001000', '110159001000', '110120001000'],
    });
    expect(field(form, 'child.idNumber')).toBeUndefined();
    expect(form.omitted).toContainEqual({
      item: '110120001000',
      field: 'child.idNumber',
      reason: 'producedByItem',
      by: '070117001000',
    });
    // Without the birth registration the social security card needs the number typed.
    const alone = buildMergedForm(catalogue, {
      bundleCode: NEWBORN,
      itemCodes: ['110159001000', '110120001000'],
    });
    expect(field(alone, 'child.idNumber')?.requiredBy).toEqual(['110120001000']);
  });

  it('asks the field that decides an item even when only that item’s own form holds it', () => {
    const freight = 'YJSE005';
    const items = catalogue.bundle(freight)?.items ?? [];
    const open = buildMergedForm(catalogue, { bundleCode: freight, itemCodes: items });
    expect(open.items.find((i) => i.code === '010163002000')?.state).toBe('pending');
    // The permit's own form asks the class of lorry; it is asked unconditionally, or nobody could
    // ever say whether the permit applies.
    expect(field(open, 'transport.vehicleClass')).toMatchObject({
      decides: ['010163002000', '010163003000'],
      requiredBy: ['010163002000'],
    });
    expect(field(open, 'transport.vehicleClass')?.when).toBeUndefined();
    // The permit's other fields still wait for the answer.
    expect(field(open, 'transport.driverCount')?.when).toEqual({
      op: '==',
      field: 'transport.vehicleClass',
      value: 'heavy',
    });
  });

  it('keeps a conditional item pending until its condition can be decided', () => {
    const items = catalogue.bundle(NEWBORN)?.items ?? [];
    const open = buildMergedForm(catalogue, { bundleCode: NEWBORN, itemCodes: items });
    const maternity = open.items.find((i) => i.code === '050159001000');
    expect(maternity?.state).toBe('pending');
    expect(maternity?.reason?.zh).toContain('职工');
    // The deciding field is asked, and the item's own fields carry the condition.
    expect(field(open, 'mother.insuranceType')).toMatchObject({
      decides: ['050159001000'],
      requiredBy: [],
      required: true,
    });
    expect(field(open, 'mother.bankAccount')?.when).toEqual({
      op: '==',
      field: 'mother.insuranceType',
      value: 'employee',
    });
    // Fields another applying item asks stay unconditional.
    expect(field(open, 'child.birthDate')?.when).toBeUndefined();

    const resident = buildMergedForm(catalogue, {
      bundleCode: NEWBORN,
      itemCodes: items,
      answers: { 'mother.insuranceType': 'resident' },
    });
    expect(resident.items.find((i) => i.code === '050159001000')?.state).toBe('excluded');
    expect(field(resident, 'mother.bankAccount')).toBeUndefined();
    expect(resident.omitted).toContainEqual({
      item: '050159001000',
      field: 'mother.bankAccount',
      reason: 'itemExcluded',
    });
    expect(field(resident, 'mother.insuranceType')).toBeDefined();

    const employee = buildMergedForm(catalogue, {
      bundleCode: NEWBORN,
      itemCodes: items,
      answers: { 'mother.insuranceType': 'employee' },
    });
    expect(field(employee, 'mother.bankAccount')?.requiredBy).toEqual(['050159001000']);
    expect(field(employee, 'mother.bankAccount')?.when).toBeUndefined();
  });

  it('resolves field conditions: asked with its condition, asked plainly, or left out', () => {
    const req = { bundleCode: NEWBORN, itemCodes: ['070117001000'] };
    expect(field(buildMergedForm(catalogue, req), 'marriage.certNo')?.when).toBeDefined();
    const married = buildMergedForm(catalogue, {
      ...req,
      answers: { 'marriage.status': 'married' },
    });
    expect(field(married, 'marriage.certNo')?.when).toBeUndefined();
    const single = buildMergedForm(catalogue, {
      ...req,
      answers: { 'marriage.status': 'unmarried' },
    });
    expect(field(single, 'marriage.certNo')).toBeUndefined();
    expect(single.omitted).toContainEqual({
      item: '070117001000',
      field: 'marriage.certNo',
      reason: 'conditionFalse',
    });
  });
});

describe('checking the choice of items', () => {
  it('rejects items the law requires together when only some are chosen', () => {
    const err = selectionError(() =>
      buildMergedForm(catalogue, {
        bundleCode: 'YJSP004',
        itemCodes: ['070121001000', '112101001000'],
      }),
    );
    expect(err.code).toBe('ITEMS_INCOMPLETE');
    expect(err.problems).toEqual([
      {
        kind: 'mustGoTogether',
        group: ['070121001000', '040153001000'],
        missing: ['040153001000'],
      },
    ]);
    expect(err.toBody().details).toEqual({ problems: err.problems });
    expect(() =>
      buildMergedForm(catalogue, {
        bundleCode: 'YJSP004',
        itemCodes: ['112101001000', '112102001000'],
      }),
    ).not.toThrow();
  });

  it('names every unknown code and every code of another bundle at once', () => {
    const err = selectionError(() =>
      buildMergedForm(catalogue, {
        bundleCode: NEWBORN,
        itemCodes: ['070117001000', '000000000000', '110117004000', 'x'],
      }),
    );
    expect(err.code).toBe('CATALOGUE_UNKNOWN_ITEM');
    expect(err.problems).toEqual([
      { kind: 'unknownItem', item: '000000000000' },
      { kind: 'notInBundle', item: '110117004000' },
      { kind: 'unknownItem', item: 'x' },
    ]);
    expect(
      selectionError(() => buildMergedForm(catalogue, { bundleCode: 'YJSX999', itemCodes: ['x'] }))
        .code,
    ).toBe('CATALOGUE_UNKNOWN_BUNDLE');
    expect(
      selectionError(() => buildMergedForm(catalogue, { bundleCode: NEWBORN, itemCodes: [] })).code,
    ).toBe('VALIDATION_FAILED');
  });

  it('does not require a group member whose condition is false', async () => {
    const sources = (await seedSources()).map((s) =>
      s.file === 'bundles/disability.yaml'
        ? {
            ...s,
            text: s.text.replace(
              'conditional:',
              "mustGoTogether:\n  - ['070170001000', '050118002000']\nconditional:",
            ),
          }
        : s,
    );
    const built = buildCatalogue(sources);
    if (!built.ok) throw new Error(built.issues.map((i) => i.problem).join('\n'));
    const only = { bundleCode: 'YJSP005', itemCodes: ['070170001000'] };
    expect(() =>
      buildMergedForm(built.catalogue, { ...only, answers: { 'disability.level': '3' } }),
    ).not.toThrow();
    expect(
      selectionError(() =>
        buildMergedForm(built.catalogue, { ...only, answers: { 'disability.level': '2' } }),
      ).problems,
    ).toEqual([
      {
        kind: 'mustGoTogether',
        group: ['070170001000', '050118002000'],
        missing: ['050118002000'],
      },
    ]);
    // Undecided means it may apply, so it is still required.
    expect(selectionError(() => buildMergedForm(built.catalogue, only)).code).toBe(
      'ITEMS_INCOMPLETE',
    );
  });
});

/** Values a condition field can take, plus "not answered yet". */
function answerArb(
  cat: Catalogue,
  key: string,
): fc.Arbitrary<string | number | boolean | undefined> {
  const def = cat.field(key);
  const values: (string | number | boolean)[] =
    def?.type === 'enum'
      ? (def.options ?? []).map((o) => o.value)
      : def?.type === 'boolean'
        ? [true, false]
        : [0, 120, 299, 300, 301, 1000];
  return fc.option(fc.constantFrom(...values), { nil: undefined });
}

describe('merging, for any choice and any answers', () => {
  it('keeps every field of every chosen item, or says why it is not asked', () => {
    const bundles = catalogue.bundles();
    const arb = fc.constantFrom(...bundles).chain((bundle) => {
      const keys = new Set<string>();
      for (const c of bundle.conditional)
        for (const k of conditionFields(catalogue.condition(c.when))) keys.add(k);
      for (const code of bundle.items) {
        for (const f of catalogue.item(code)?.form ?? []) {
          if (f.when) for (const k of conditionFields(catalogue.condition(f.when))) keys.add(k);
        }
      }
      const keyList = [...keys];
      return fc.record({
        bundle: fc.constant(bundle),
        chosen: fc.subarray(bundle.items, { minLength: 1 }),
        answers: fc.tuple(...keyList.map((k) => answerArb(catalogue, k))).map((vs) => {
          const a: Answers = {};
          vs.forEach((v, i) => {
            if (v !== undefined) a[keyList[i] as string] = v;
          });
          return a;
        }),
      });
    });

    fc.assert(
      fc.property(arb, ({ bundle, chosen, answers }) => {
        let form: MergedForm;
        try {
          form = buildMergedForm(catalogue, {
            bundleCode: bundle.code,
            itemCodes: chosen,
            answers,
          });
        } catch (err) {
          // The only acceptable refusal: a must-go-together group really is broken.
          expect(err).toBeInstanceOf(SelectionError);
          const states = itemStates(catalogue, bundle, answers);
          const broken = bundle.mustGoTogether.some((g) => {
            const live = g.filter((c) => states.get(c) !== 'excluded');
            return live.some((c) => chosen.includes(c)) && live.some((c) => !chosen.includes(c));
          });
          expect(broken).toBe(true);
          return;
        }
        const merged = new Map(formFields(form).map((f) => [f.key, f]));
        expect(merged.size).toBe(formFields(form).length);
        const states = new Map(form.items.map((i) => [i.code, i.state]));
        for (const code of chosen) {
          const item = catalogue.item(code);
          for (const entry of item?.form ?? []) {
            const m = merged.get(entry.field);
            if (m?.requiredBy.includes(code)) continue;
            const why = form.omitted.find((o) => o.item === code && o.field === entry.field);
            expect(why, `${code} ${entry.field}`).toBeDefined();
            if (!why) continue;
            if (why.reason === 'itemExcluded') expect(states.get(code)).toBe('excluded');
            if (why.reason === 'conditionFalse') {
              expect(
                entry.when && evaluateCondition(catalogue.condition(entry.when), answers),
              ).toBe(false);
            }
            if (why.reason === 'producedByItem') {
              expect(chosen).toContain(why.by);
              expect(states.get(why.by ?? '')).toBe('applies');
              expect(catalogue.item(why.by ?? '')?.produces?.fields).toContain(entry.field);
            }
          }
        }
        for (const f of merged.values()) {
          expect(f.requiredBy.length + f.decides.length).toBeGreaterThan(0);
          for (const code of f.requiredBy) {
            expect(chosen).toContain(code);
            expect(catalogue.item(code)?.form.some((e) => e.field === f.key)).toBe(true);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
