import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Catalogue } from './catalogue.ts';
import { CatalogueError, type CatalogueIssue } from './catalogue-issue.ts';
import { crossCheck } from './cross-check.ts';
import { materialCheck } from './material-check.ts';
import { type CatalogueSource, parseCatalogueSources } from './parse-catalogue.ts';

/** The seeded catalogue shipped with the booth server. */
export const DEFAULT_CATALOGUE_DIR = fileURLToPath(new URL('../../catalogue/v1/', import.meta.url));

export type CatalogueLoadResult =
  { ok: true; catalogue: Catalogue } | { ok: false; issues: CatalogueIssue[] };

const MAX_FILE_BYTES = 2 * 1024 * 1024;

/** SHA-256 over every file's path and text in path order: the content part of the version id. */
export function contentHash(sources: readonly CatalogueSource[]): string {
  const h = createHash('sha256');
  for (const s of [...sources].sort((a, b) => a.file.localeCompare(b.file))) {
    h.update(s.file).update('\0').update(s.text).update('\0');
  }
  return h.digest('hex').slice(0, 12);
}

/** Validates catalogue sources (e.g. an administrator's upload) without touching the disk. */
export function buildCatalogue(sources: readonly CatalogueSource[]): CatalogueLoadResult {
  const parsed = parseCatalogueSources(sources);
  const issues = [...parsed.issues, ...crossCheck(parsed.data), ...materialCheck(parsed.data)].map(
    parsed.locate,
  );
  const { data } = parsed;
  if (issues.length > 0 || !data.manifest) return { ok: false, issues };
  const hash = contentHash(sources);
  const declared = data.manifest.value.version;
  const values = <T>(list: { value: T }[]): T[] => list.map((l) => l.value);
  const catalogue = new Catalogue(
    {
      manifest: data.manifest.value,
      regions: values(data.regions),
      departments: values(data.departments),
      sections: values(data.sections),
      fields: values(data.fields),
      licences: values(data.licences),
      materials: values(data.materials),
      items: values(data.items),
      bundles: values(data.bundles),
    },
    { declared, hash, id: `${declared}+${hash}` },
  );
  return { ok: true, catalogue };
}

async function collect(
  dir: string,
  root: string,
  out: CatalogueSource[],
  issues: CatalogueIssue[],
): Promise<void> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    // Hidden files and notes for administrators are not catalogue data.
    if (entry.name.startsWith('.') || entry.name.endsWith('.md')) continue;
    const full = join(dir, entry.name);
    if (entry.isDirectory()) {
      await collect(full, root, out, issues);
      continue;
    }
    const file = relative(root, full).split(sep).join('/');
    const bytes = await readFile(full);
    if (bytes.byteLength > MAX_FILE_BYTES) {
      issues.push({ file, path: [], problem: `file is larger than ${MAX_FILE_BYTES} bytes` });
      continue;
    }
    // Non-YAML files are passed on so the parser reports them as unexpected.
    out.push({ file, text: /\.ya?ml$/.test(entry.name) ? bytes.toString('utf8') : '' });
  }
}

/** The raw files of one catalogue version, with read problems (not yet validated). */
export async function readCatalogueSources(
  dir: string = DEFAULT_CATALOGUE_DIR,
): Promise<{ sources: CatalogueSource[]; issues: CatalogueIssue[] }> {
  const sources: CatalogueSource[] = [];
  const issues: CatalogueIssue[] = [];
  try {
    await collect(dir, dir, sources, issues);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    issues.push({ file: dir, path: [], problem: `cannot read the catalogue directory (${code})` });
  }
  return { sources, issues };
}

/** Reads every file under `dir` (one catalogue version, e.g. catalogue/v1) and validates it. */
export async function loadCatalogue(
  dir: string = DEFAULT_CATALOGUE_DIR,
): Promise<CatalogueLoadResult> {
  const { sources, issues } = await readCatalogueSources(dir);
  if (issues.length && sources.length === 0) return { ok: false, issues };
  const result = buildCatalogue(sources);
  if (issues.length === 0) return result;
  return { ok: false, issues: [...issues, ...(result.ok ? [] : result.issues)] };
}

/** As loadCatalogue, but throws a CatalogueError listing every issue. For start-up. */
export async function loadCatalogueOrThrow(
  dir: string = DEFAULT_CATALOGUE_DIR,
): Promise<Catalogue> {
  const r = await loadCatalogue(dir);
  if (!r.ok) throw new CatalogueError(r.issues);
  return r.catalogue;
}
