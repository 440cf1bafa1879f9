import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkUscc } from '@onething/contract/catalogue/uscc';
import { checkIdNumber } from '@onething/contract/identity/id-number';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_DEMO_DIR,
  DemoDataError,
  identityCardOf,
  loadDemoDataset,
} from './demo-dataset.ts';

describe('the demo dataset', () => {
  it('seeds at least 12 fictitious people with valid ID numbers, and companies with valid codes', async () => {
    const d = await loadDemoDataset();
    expect(d.people.length).toBeGreaterThanOrEqual(12);
    for (const p of d.people) expect(checkIdNumber(p.idNumber), p.name).toBeNull();
    for (const c of d.companies) expect(checkUscc(c.uscc), c.name).toBeNull();
  });

  it('covers the life situations of the seeded bundles', async () => {
    const d = await loadDemoDataset();
    const birth = d.licences.find(
      (l) => l.type === 'birthMedicalCertificate' && l.issuedOn >= '2025-01-01',
    );
    const parents = [birth?.data['mother.idNumber'], birth?.data['father.idNumber']];
    expect(d.marriages.some((m) => parents.every((p) => m.partners.includes(String(p))))).toBe(
      true,
    );
    expect(
      d.licences.some((l) => l.type === 'deathMedicalCertificate' && l.holderIds.length > 1),
    ).toBe(true);
    expect(d.licences.some((l) => l.type === 'disabilityAssessment')).toBe(true);
    expect(
      d.insurance.some((i) => i.contributionMonths && i.contributionMonths > 400 && !i.retired),
    ).toBe(true);
    expect(d.licences.some((l) => l.type === 'housingSaleContract')).toBe(true);
    expect(d.people.some((p) => !p.local)).toBe(true);
  });

  it('turns a person into what the card reader reports', async () => {
    const d = await loadDemoDataset();
    const p = d.people.find((x) => x.name === '何静');
    expect(p && identityCardOf(p)).toMatchObject({
      idNumber: '339902198911090485',
      gender: 'female',
      birthDate: '1989-11-09',
      nation: { code: '03', name: '回' },
    });
  });

  it('rejects a bad file naming the file and the path', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'demo-'));
    try {
      await cp(DEFAULT_DEMO_DIR, dir, { recursive: true });
      const people = join(dir, 'people.yaml');
      await writeFile(
        people,
        (await readFile(people, 'utf8')).replace('33990219940612022X,', "'339902199406120221',"),
      );
      const err = await loadDemoDataset(dir).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(DemoDataError);
      expect((err as DemoDataError).issues).toContainEqual(
        expect.objectContaining({
          file: 'people.yaml',
          path: ['people', 0, 'idNumber'],
          problem: 'not a valid GB 11643 ID number',
        }),
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
