/**
 * A problem found in a catalogue file: which file, where inside it (a path such as
 * `items[2].form[0].field`, plus the line when the YAML node could be located) and what is wrong.
 * The loader collects every issue before failing, so an administrator fixes them in one pass.
 */
export type IssuePath = (string | number)[];

/**
 * Which kind of check found the issue, so an administrator's screen can say it in words:
 * `schema` (a value's shape), `noticeForm` (notice = materials: one paper in two forms),
 * `placeholder` (text not fit for the citizen); cross-references and the rest are
 * `consistency` when absent.
 */
export type IssueRule = 'schema' | 'noticeForm' | 'placeholder' | 'consistency';

export interface CatalogueIssue {
  /** Path of the file relative to the catalogue directory, with forward slashes. */
  file: string;
  path: IssuePath;
  problem: string;
  rule?: IssueRule;
  /**
   * What a notice = materials issue is about, so an item's editor can show it at the material
   * even though the issue sits in the bundle: the material key and the two items asking it.
   */
  refs?: { material: string; items: string[] };
  /** 1-based line and column of the offending node, when it exists in the file. */
  line?: number;
  column?: number;
}

export function formatIssuePath(path: IssuePath): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out ? `.${p}` : p;
  return out || '(root)';
}

export function formatIssue(issue: CatalogueIssue): string {
  const where = issue.line ? `${issue.file}:${issue.line}:${issue.column ?? 1}` : issue.file;
  return `${where} ${formatIssuePath(issue.path)}: ${issue.problem}`;
}

/** Thrown when the catalogue cannot be used; `issues` holds every problem found. */
export class CatalogueError extends Error {
  readonly issues: readonly CatalogueIssue[];

  constructor(issues: CatalogueIssue[]) {
    const head = `The service catalogue has ${issues.length} problem${issues.length === 1 ? '' : 's'}`;
    const shown = issues.slice(0, 50).map((i) => `  ${formatIssue(i)}`);
    const more = issues.length > 50 ? [`  … and ${issues.length - 50} more`] : [];
    super([`${head}:`, ...shown, ...more].join('\n'));
    this.name = 'CatalogueError';
    this.issues = issues;
  }
}
