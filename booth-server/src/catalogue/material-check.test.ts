import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { bundleNotice } from '../citizen/views.ts';
import { DEFAULT_CATALOGUE_DIR, loadCatalogue, loadCatalogueOrThrow } from './load-catalogue.ts';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

/** The problems of the seeded catalogue with one file edited. */
async function problemsAfter(file: string, from: string, to: string): Promise<string[]> {
  const dir = await mkdtemp(join(tmpdir(), 'catalogue-'));
  dirs.push(dir);
  await cp(DEFAULT_CATALOGUE_DIR, dir, { recursive: true });
  const text = await readFile(join(dir, file), 'utf8');
  expect(text).toContain(from);
  await writeFile(join(dir, file), text.replace(from, to));
  const r = await loadCatalogue(dir);
  return r.ok ? [] : r.issues.map((i) => `${i.file}: ${i.problem}`);
}

describe('notice = materials', () => {
  it('refuses a bundle that asks one paper as 原件 of one item and 原件和复印件 of another', async () => {
    const problems = await problemsAfter(
      'items/psb.yaml',
      '{ material: child.birthMedicalCertificate, form: originalAndCopy',
      '{ material: child.birthMedicalCertificate, form: original',
    );
    expect(problems).toEqual([
      expect.stringMatching(
        /^bundles\/newborn\.yaml: bundle YJSP001: material "child\.birthMedicalCertificate" is asked as .+ by item \d{12} but as .+ by item \d{12}; the notice can tell the citizen only one$/,
      ),
    ]);
  });

  it('refuses placeholder text that would reach the citizen', async () => {
    const problems = await problemsAfter(
      'bundles/restaurant.yaml',
      '（本市规定）',
      '（本市规定，示例）',
    );
    expect(problems).toEqual([
      'bundles/restaurant.yaml: placeholder text "示例" would reach the citizen',
    ]);
  });

  it('a bundle’s notice never asks for what one of its items produces', async () => {
    const catalogue = await loadCatalogueOrThrow();
    const asked = (code: string) => {
      const bundle = catalogue.bundle(code);
      if (!bundle) throw new Error(code);
      return bundleNotice(catalogue, bundle).materials.map((m) => m.id);
    };
    expect(asked('YJSP001')).not.toContain('child.householdRegisterPage');
    expect(asked('YJSP001')).toContain('child.birthMedicalCertificate');
    expect(asked('YJSE001')).not.toContain('newBusiness.businessLicence');
    expect(asked('YJSP004')).not.toContain('house.newCertificate');
    expect(asked('YJSP004')).not.toContain('transaction.taxReceipt');
  });
});

describe('subject keys', () => {
  it('refuses a subject key the bundle’s form does not ask', async () => {
    const problems = await problemsAfter(
      'bundles/newborn.yaml',
      'subjectKey: { field: child.birthCertNo',
      'subjectKey: { field: house.certNo',
    );
    expect(problems).toEqual([
      'bundles/newborn.yaml: subject key "house.certNo" is not asked by any of the bundle\'s items',
    ]);
  });
});
