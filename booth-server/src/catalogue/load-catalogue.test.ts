import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CatalogueError, type CatalogueIssue, formatIssue } from './catalogue-issue.ts';
import { DEFAULT_CATALOGUE_DIR, loadCatalogue, loadCatalogueOrThrow } from './load-catalogue.ts';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

/** A copy of the seeded catalogue in a temp dir, with some files edited or added. */
async function brokenCopy(
  edits: Record<string, (text: string) => string | null>,
): Promise<CatalogueIssue[]> {
  const dir = await mkdtemp(join(tmpdir(), 'catalogue-'));
  dirs.push(dir);
  await cp(DEFAULT_CATALOGUE_DIR, dir, { recursive: true });
  for (const [file, edit] of Object.entries(edits)) {
    const path = join(dir, file);
    const before = await readFile(path, 'utf8').catch(() => '');
    const after = edit(before);
    if (after === null) await rm(path);
    else {
      expect(after, `edit of ${file} changed nothing`).not.toBe(before);
      await writeFile(path, after);
    }
  }
  const r = await loadCatalogue(dir);
  expect(r.ok).toBe(false);
  return r.ok ? [] : r.issues;
}

const replace = (from: string, to: string) => (text: string) => text.replace(from, to);

describe('loading the catalogue', () => {
  it('loads the seeded files and identifies the version by declared version and content', async () => {
    const r = await loadCatalogue();
    if (!r.ok) throw new CatalogueError(r.issues);
    expect(r.catalogue.version.declared).toBe('1.0.0');
    expect(r.catalogue.version.hash).toMatch(/^[0-9a-f]{12}$/);
    expect(r.catalogue.version.id).toBe(`1.0.0+${r.catalogue.version.hash}`);
  });

  it('gives another version id when any file changes, even with the same declared version', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'catalogue-'));
    dirs.push(dir);
    await cp(DEFAULT_CATALOGUE_DIR, dir, { recursive: true });
    const before = await loadCatalogueOrThrow(dir);
    const file = join(dir, 'bundles/newborn.yaml');
    await writeFile(
      file,
      (await readFile(file, 'utf8')).replace('promisedDays: 5', 'promisedDays: 4'),
    );
    const after = await loadCatalogueOrThrow(dir);
    expect(after.version.declared).toBe(before.version.declared);
    expect(after.version.id).not.toBe(before.version.id);
    expect(after.bundle('YJSP001')?.promisedDays).toBe(4);
  });
});

describe('rejecting bad catalogue files', () => {
  it('names the file, the line and the problem of a YAML syntax error', async () => {
    const issues = await brokenCopy({ 'items/psb.yaml': (t) => `${t}\n  - code: [unclosed\n` });
    const issue = issues.find((i) => i.file === 'items/psb.yaml');
    expect(issue?.problem).toMatch(/^YAML syntax/);
    expect(issue?.line).toBeGreaterThan(100);
  });

  it('reports a misspelt key with its path instead of ignoring it', async () => {
    const issues = await brokenCopy({
      'bundles/newborn.yaml': replace('mustGoTogether:', 'mustGoTogther:'),
    });
    expect(issues).toContainEqual(
      expect.objectContaining({
        file: 'bundles/newborn.yaml',
        path: [],
        problem: expect.stringContaining('mustGoTogther'),
      }),
    );
  });

  it('reports an unknown department at the item that names it', async () => {
    const issues = await brokenCopy({
      'items/psb.yaml': replace('department: PSB\n', 'department: POLICE\n'),
    });
    const issue = issues.find((i) => i.problem.includes('POLICE'));
    expect(issue).toMatchObject({ file: 'items/psb.yaml', path: ['items', 0, 'department'] });
    expect(issue?.problem).toBe('unknown department "POLICE" (not in departments.yaml)');
    expect(issue && formatIssue(issue)).toMatch(
      /^items\/psb\.yaml:\d+:\d+ items\[0\]\.department: /,
    );
  });

  it('reports an unknown field key in an item form', async () => {
    const issues = await brokenCopy({
      'items/health.yaml': replace('- field: child.birthPlace', '- field: child.birthplace'),
    });
    expect(issues).toContainEqual(
      expect.objectContaining({
        file: 'items/health.yaml',
        path: ['items', 0, 'form', 3, 'field'],
        problem: 'unknown field key "child.birthplace" (not in fields.yaml)',
      }),
    );
  });

  it('reports an unknown item in a bundle', async () => {
    const issues = await brokenCopy({
      'bundles/school.yaml': replace("- '110126002000'", "- '110126009000'"),
    });
    expect(issues).toContainEqual(
      expect.objectContaining({
        file: 'bundles/school.yaml',
        path: ['items', 3],
        problem: 'unknown item "110126009000" (not in any items/*.yaml)',
      }),
    );
  });

  it('reports duplicate codes across files, naming where the first one is', async () => {
    const issues = await brokenCopy({
      // Files are read in path order, so this copy comes second.
      'items/zz-extra.yaml': () =>
        'items:\n' +
        "  - code: '110117004000'\n    kind: publicService\n    name: { zh: 重复, en: Duplicate }\n" +
        '    department: PSB\n    legalBasis: [{ zh: 依据, en: Basis }]\n' +
        '    acceptanceConditions: [{ zh: 条件, en: Condition }]\n' +
        '    process: [{ zh: 流程, en: Process }]\n' +
        '    timeLimit: { statutoryDays: 1, promisedDays: 1 }\n' +
        '    fee: { amount: 0, basis: { zh: 不收费, en: Free } }\n' +
        '    result: { name: { zh: 结果, en: Result }, delivery: [window] }\n' +
        '    form: [{ field: applicant.name }]\n',
    });
    expect(issues).toContainEqual(
      expect.objectContaining({
        file: 'items/zz-extra.yaml',
        path: ['items', 0, 'code'],
        problem: expect.stringMatching(
          /^duplicate item code "110117004000" \(first defined in items\/psb\.yaml at items\[2\]\)$/,
        ),
      }),
    );
  });

  it('reports a must-go-together group that is not a subset of the bundle items', async () => {
    const issues = await brokenCopy({
      'bundles/retirement.yaml': replace(
        "- ['050120001000', '070159001000']",
        "- ['050120001000', '110120002000']",
      ),
    });
    expect(issues).toContainEqual(
      expect.objectContaining({
        file: 'bundles/retirement.yaml',
        path: ['mustGoTogether', 0, 1],
        problem: expect.stringContaining('not a subset of items'),
      }),
    );
  });

  it('reports conditions that read unknown fields, use unknown options or do not parse', async () => {
    const issues = await brokenCopy({
      'bundles/newborn.yaml': replace(
        'when: mother.insuranceType == employee',
        'when: mother.insurance == employee',
      ),
      'bundles/after-death.yaml': replace(
        'when: deceased.insuranceType == employee\n    reason: { zh: 逝者生前参加职工基本养老保险',
        'when: deceased.insuranceType == worker\n    reason: { zh: 逝者生前参加职工基本养老保险',
      ),
      'items/psb.yaml': replace(
        'field: marriage.certNo, when: marriage.status == married',
        'field: marriage.certNo, when: marriage.status = married',
      ),
    });
    expect(issues).toContainEqual(
      expect.objectContaining({
        file: 'bundles/newborn.yaml',
        path: ['conditional', 0, 'when'],
        problem:
          'condition "mother.insurance == employee" refers to unknown field "mother.insurance"',
      }),
    );
    expect(issues).toContainEqual(
      expect.objectContaining({
        file: 'bundles/after-death.yaml',
        path: ['conditional', 0, 'when'],
        problem: expect.stringContaining('"worker" is not an option of deceased.insuranceType'),
      }),
    );
    expect(issues).toContainEqual(
      expect.objectContaining({
        file: 'items/psb.yaml',
        path: ['items', 0, 'form', 16, 'when'],
        problem: expect.stringMatching(/^cannot parse condition "marriage\.status = married"/),
      }),
    );
  });

  it('checks codes are well formed against kind and department, and credit codes', async () => {
    const issues = await brokenCopy({
      'items/fire.yaml': replace("code: '010161001000'", "code: '110161001000'"),
      'departments.yaml': replace('uscc: 11339900MB0117001F', 'uscc: 11339900MB0117001G'),
    });
    expect(issues).toContainEqual(
      expect.objectContaining({
        file: 'items/fire.yaml',
        path: ['items', 0, 'code'],
        problem: expect.stringContaining('kind permit'),
      }),
    );
    expect(issues).toContainEqual(
      expect.objectContaining({
        file: 'departments.yaml',
        path: ['departments', 0, 'uscc'],
        problem: expect.stringContaining('GB 32100 check character'),
      }),
    );
  });

  it('collects every problem at once, and reports missing and unexpected files', async () => {
    const issues = await brokenCopy({
      'licences.yaml': () => null,
      'notes.txt': () => 'hello',
      'fields.yaml': replace('personal: true\n', 'personal: true\n    sources: [idCard]\n'),
      'bundles/disability.yaml': replace('leadDepartment: DPF', 'leadDepartment: EDU'),
    });
    expect(issues).toContainEqual(
      expect.objectContaining({ file: 'licences.yaml', problem: 'required file is missing' }),
    );
    expect(issues).toContainEqual(
      expect.objectContaining({
        file: 'notes.txt',
        problem: expect.stringContaining('unexpected file'),
      }),
    );
    expect(issues).toContainEqual(
      expect.objectContaining({
        file: 'fields.yaml',
        path: ['fields', 6, 'sources'],
        problem: 'a personal field (only the citizen knows it) cannot have sources',
      }),
    );
    expect(issues).toContainEqual(
      expect.objectContaining({
        file: 'bundles/disability.yaml',
        path: ['leadDepartment'],
        problem: "lead department EDU implements none of the bundle's items",
      }),
    );
    // With licences.yaml gone, licence references are not flagged one by one.
    expect(issues.some((i) => i.problem.startsWith('unknown licence type'))).toBe(false);
  });

  it('throws a CatalogueError listing the issues when loading must succeed', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'catalogue-'));
    dirs.push(dir);
    await expect(loadCatalogueOrThrow(dir)).rejects.toThrow(CatalogueError);
    await expect(loadCatalogueOrThrow(join(dir, 'absent'))).rejects.toThrow(
      /cannot read the catalogue directory/,
    );
  });
});
