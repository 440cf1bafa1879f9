import type { DraftIssue, DraftKind } from '@onething/contract/rest/catalogue-admin';
import type { Lang, StringKey } from '../i18n/strings.ts';

type Path = readonly (string | number)[];

const startsWith = (path: Path, prefix: Path) =>
  prefix.length <= path.length && prefix.every((p, i) => path[i] === p);

/**
 * Hands each issue of a draft to the first field of the form that asks for it, so every issue
 * shows once: next to its field, or in the form's list of the rest when no field claims it.
 */
export class IssueClaims {
  readonly #issues: readonly DraftIssue[];
  readonly #claimed = new Set<DraftIssue>();

  constructor(issues: readonly DraftIssue[]) {
    this.#issues = issues;
  }

  /** Issues at `path` (or, unless `exact`, inside it) not yet shown elsewhere. */
  at(path: Path, exact = false): DraftIssue[] {
    const mine = this.#issues.filter(
      (i) =>
        !this.#claimed.has(i) &&
        (exact
          ? i.path.length === path.length && startsWith(i.path, path)
          : startsWith(i.path, path)),
    );
    for (const i of mine) this.#claimed.add(i);
    return mine;
  }

  /** What no field showed; ask after the fields are built. */
  rest(): DraftIssue[] {
    return this.#issues.filter((i) => !this.#claimed.has(i));
  }
}

/**
 * An issue in the reader's language, by the check that found it; English readers also get the
 * check's own words (written for the people running the service), as with other refusals.
 */
export function issueText(issue: DraftIssue, lang: Lang, t: (key: StringKey) => string): string {
  const words = t(`cat_issue_${issue.rule}` as StringKey);
  return lang === 'en' ? `${words} (${issue.problem})` : words;
}

/**
 * The issues an editor shows on its fields, and the rest. A notice = materials issue sits in the
 * bundle, but an item editor shows it at the material it is about when this item asks it
 * (once, however many of its bundle-mates ask that paper in another form).
 */
export function placeIssues(
  issues: readonly DraftIssue[],
  kind: DraftKind,
  code: string,
  definition: Record<string, unknown>,
): { mine: DraftIssue[]; elsewhere: DraftIssue[] } {
  const mine: DraftIssue[] = [];
  const elsewhere: DraftIssue[] = [];
  const materials = (definition.materials ?? []) as { material?: string }[];
  for (const i of issues) {
    if (i.draft?.kind === kind && i.draft.code === code) {
      mine.push(i);
      continue;
    }
    const at = materials.findIndex((m) => m.material === i.refs?.material);
    if (kind === 'item' && i.refs?.items.includes(code) && at >= 0) {
      // Each other item asking the paper differently is an issue; at the field it is one.
      const path = ['materials', at];
      if (!mine.some((m) => m.rule === i.rule && m.path.join('.') === path.join('.')))
        mine.push({ ...i, path });
    } else elsewhere.push(i);
  }
  return { mine, elsewhere };
}
