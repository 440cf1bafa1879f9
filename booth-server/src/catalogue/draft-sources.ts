import type { CatalogueDraft, DraftIssue } from '@onething/contract/rest/catalogue-admin';
import YAML from 'yaml';
import type { CatalogueIssue } from './catalogue-issue.ts';
import type { CatalogueSource } from './parse-catalogue.ts';

/** The file a draft is written to when applied: one definition per file, named after it. */
export function draftFile(kind: CatalogueDraft['kind'], code: string): string {
  return kind === 'item' ? `items/admin-${code}.yaml` : `bundles/admin-${code}.yaml`;
}

/**
 * The catalogue files with the drafts applied: each drafted definition leaves the file that held
 * it and gets a file of its own, so the start-up checks see exactly what publishing would store.
 */
export function applyDrafts(
  sources: readonly CatalogueSource[],
  drafts: readonly CatalogueDraft[],
): CatalogueSource[] {
  const items = new Set(drafts.filter((d) => d.kind === 'item').map((d) => d.code));
  const bundles = new Set(drafts.filter((d) => d.kind === 'bundle').map((d) => d.code));
  const out: CatalogueSource[] = [];
  for (const s of sources) {
    if (s.file.startsWith('items/') && items.size) {
      const doc = YAML.parse(s.text) as { items?: { code?: string }[] };
      const kept = (doc.items ?? []).filter((i) => !items.has(String(i.code)));
      if (kept.length === (doc.items ?? []).length) out.push(s);
      else if (kept.length)
        out.push({ file: s.file, text: YAML.stringify({ ...doc, items: kept }) });
      continue;
    }
    if (s.file.startsWith('bundles/') && bundles.size) {
      const doc = YAML.parse(s.text) as { code?: string };
      if (bundles.has(String(doc.code))) continue;
    }
    out.push(s);
  }
  for (const d of drafts) {
    out.push({
      file: draftFile(d.kind, d.code),
      text: YAML.stringify(d.kind === 'item' ? { items: [d.definition] } : d.definition),
    });
  }
  return out;
}

/**
 * A start-up issue as the administrator's form reads it: in a draft's file, the path is made
 * relative to the draft's definition (an item file holds `items[0]`).
 */
export function draftIssue(issue: CatalogueIssue, drafts: readonly CatalogueDraft[]): DraftIssue {
  const rule = issue.rule ?? 'consistency';
  const refs = issue.refs && { refs: issue.refs };
  const draft = drafts.find((d) => draftFile(d.kind, d.code) === issue.file);
  if (!draft)
    return {
      draft: null,
      file: issue.file,
      path: issue.path,
      rule,
      problem: issue.problem,
      ...refs,
    };
  const path =
    draft.kind === 'item' && issue.path[0] === 'items' && issue.path[1] === 0
      ? issue.path.slice(2)
      : issue.path;
  return {
    draft: { kind: draft.kind, code: draft.code },
    file: issue.file,
    path,
    rule,
    problem: issue.problem,
    ...refs,
  };
}
