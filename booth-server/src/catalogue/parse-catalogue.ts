import {
  type BundleDefinition,
  BundleDefinition as BundleSchema,
  type CatalogueManifest,
  type DepartmentDefinition,
  DepartmentsFile,
  type FieldDefinition,
  FieldsFile,
  type ItemDefinition,
  ItemsFile,
  type LicenceDefinition,
  LicencesFile,
  CatalogueManifest as ManifestSchema,
  type MaterialDefinition,
  MaterialsFile,
  type RegionDefinition,
  type SectionDefinition,
} from '@onething/contract/catalogue/schema';
import { type Document, isNode, LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import type { CatalogueIssue, IssuePath } from './catalogue-issue.ts';

/** One catalogue file: its path relative to the catalogue directory and its text. */
export interface CatalogueSource {
  file: string;
  text: string;
}

/** A validated entry and where it came from, so later checks can name the file and path. */
export interface Located<T> {
  value: T;
  file: string;
  path: IssuePath;
}

export interface CatalogueData {
  manifest: Located<CatalogueManifest> | undefined;
  regions: Located<RegionDefinition>[];
  departments: Located<DepartmentDefinition>[];
  sections: Located<SectionDefinition>[];
  fields: Located<FieldDefinition>[];
  licences: Located<LicenceDefinition>[];
  materials: Located<MaterialDefinition>[];
  items: Located<ItemDefinition>[];
  bundles: Located<BundleDefinition>[];
  /** Which dictionaries loaded, so a broken file does not flood the report with "unknown X". */
  loaded: {
    departments: boolean;
    fields: boolean;
    licences: boolean;
    materials: boolean;
    items: boolean;
  };
}

export interface ParsedSources {
  data: CatalogueData;
  issues: CatalogueIssue[];
  /** Adds line and column to issues by finding their path in the parsed YAML. */
  locate(issue: CatalogueIssue): CatalogueIssue;
}

const SINGLE_FILES = [
  'catalogue.yaml',
  'departments.yaml',
  'fields.yaml',
  'licences.yaml',
  'materials.yaml',
] as const;
type SingleFile = (typeof SINGLE_FILES)[number];

function classify(file: string): SingleFile | 'item' | 'bundle' | null {
  if ((SINGLE_FILES as readonly string[]).includes(file)) return file as SingleFile;
  if (/^items\/[^/]+\.ya?ml$/.test(file)) return 'item';
  if (/^bundles\/[^/]+\.ya?ml$/.test(file)) return 'bundle';
  return null;
}

interface ParsedDoc {
  doc: Document;
  lines: LineCounter;
}

function zodPath(path: PropertyKey[]): IssuePath {
  return path.map((p) => (typeof p === 'symbol' ? String(p) : p));
}

/**
 * Parses and schema-validates every catalogue file. Cross-references between files are checked
 * separately (cross-check.ts) on the result.
 */
export function parseCatalogueSources(sources: readonly CatalogueSource[]): ParsedSources {
  const issues: CatalogueIssue[] = [];
  const docs = new Map<string, ParsedDoc>();
  const data: CatalogueData = {
    manifest: undefined,
    regions: [],
    departments: [],
    sections: [],
    fields: [],
    licences: [],
    materials: [],
    items: [],
    bundles: [],
    loaded: { departments: false, fields: false, licences: false, materials: false, items: true },
  };
  const seen = new Set<string>();

  const validate = <S extends z.ZodType>(
    file: string,
    schema: S,
    value: unknown,
  ): z.output<S> | undefined => {
    const r = schema.safeParse(value);
    if (r.success) return r.data;
    for (const i of r.error.issues)
      issues.push({ file, path: zodPath(i.path), problem: i.message, rule: 'schema' });
    return undefined;
  };

  for (const { file, text } of [...sources].sort((a, b) => a.file.localeCompare(b.file))) {
    const kind = classify(file);
    if (kind === null) {
      issues.push({
        file,
        path: [],
        problem:
          'unexpected file: expected catalogue.yaml, departments.yaml, fields.yaml, licences.yaml, materials.yaml, items/*.yaml or bundles/*.yaml',
      });
      continue;
    }
    seen.add(kind === 'item' || kind === 'bundle' ? kind : file);
    const lines = new LineCounter();
    const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
    docs.set(file, { doc, lines });
    if (doc.errors.length > 0) {
      for (const e of doc.errors) {
        const pos = lines.linePos(e.pos[0]);
        issues.push({
          file,
          path: [],
          problem: `YAML syntax: ${e.message.split('\n')[0]}`,
          line: pos.line,
          column: pos.col,
        });
      }
      if (kind === 'item') data.loaded.items = false;
      continue;
    }
    const value: unknown = doc.toJS({ maxAliasCount: 1000 });
    switch (kind) {
      case 'catalogue.yaml': {
        const v = validate(file, ManifestSchema, value);
        if (v) data.manifest = { value: v, file, path: [] };
        break;
      }
      case 'departments.yaml': {
        const v = validate(file, DepartmentsFile, value);
        if (v) {
          data.regions = v.regions.map((r, i) => ({ value: r, file, path: ['regions', i] }));
          data.departments = v.departments.map((d, i) => ({
            value: d,
            file,
            path: ['departments', i],
          }));
          data.loaded.departments = true;
        }
        break;
      }
      case 'fields.yaml': {
        const v = validate(file, FieldsFile, value);
        if (v) {
          data.sections = v.sections.map((s, i) => ({ value: s, file, path: ['sections', i] }));
          data.fields = v.fields.map((f, i) => ({ value: f, file, path: ['fields', i] }));
          data.loaded.fields = true;
        }
        break;
      }
      case 'licences.yaml': {
        const v = validate(file, LicencesFile, value);
        if (v) {
          data.licences = v.licences.map((l, i) => ({ value: l, file, path: ['licences', i] }));
          data.loaded.licences = true;
        }
        break;
      }
      case 'materials.yaml': {
        const v = validate(file, MaterialsFile, value);
        if (v) {
          data.materials = v.materials.map((m, i) => ({ value: m, file, path: ['materials', i] }));
          data.loaded.materials = true;
        }
        break;
      }
      case 'item': {
        const v = validate(file, ItemsFile, value);
        if (v)
          data.items.push(...v.items.map((it, i) => ({ value: it, file, path: ['items', i] })));
        else data.loaded.items = false;
        break;
      }
      case 'bundle': {
        const v = validate(file, BundleSchema, value);
        if (v) data.bundles.push({ value: v, file, path: [] });
        break;
      }
    }
  }

  for (const f of SINGLE_FILES) {
    if (!seen.has(f)) issues.push({ file: f, path: [], problem: 'required file is missing' });
  }
  if (!seen.has('item')) {
    issues.push({ file: 'items/', path: [], problem: 'no item files (items/*.yaml) found' });
  }
  if (!seen.has('bundle')) {
    issues.push({ file: 'bundles/', path: [], problem: 'no bundle files (bundles/*.yaml) found' });
  }

  const locate = (issue: CatalogueIssue): CatalogueIssue => {
    if (issue.line !== undefined) return issue;
    const parsed = docs.get(issue.file);
    if (!parsed) return issue;
    for (let n = issue.path.length; n >= 0; n--) {
      const node = n === 0 ? parsed.doc.contents : parsed.doc.getIn(issue.path.slice(0, n), true);
      if (isNode(node) && node.range) {
        const pos = parsed.lines.linePos(node.range[0]);
        return { ...issue, line: pos.line, column: pos.col };
      }
    }
    return issue;
  };

  return { data, issues, locate };
}
