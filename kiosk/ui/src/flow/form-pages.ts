import { evaluateCondition } from '@onething/contract/catalogue/condition';
import { checkFieldValue } from '@onething/contract/catalogue/field-check';
import type { FieldError, FormFieldView, MergedFormView } from '@onething/contract/rest/kiosk';
import { type AnswerValue, type RawAnswers, toAnswerValue } from './answers.ts';

/**
 * The form as pages: one section per page, conditional fields shown only once their condition
 * holds, and (elder mode) sections with nothing to fill left out. A page can be checked on
 * its own with the catalogue rules the server applies, so an elder fixes a part before the next.
 */
export type FormSectionView = MergedFormView['sections'][number];

/** Every value the conditions may read: locked values from the sources and the citizen's. */
export function conditionValues(
  form: MergedFormView,
  raw: RawAnswers,
): Record<string, AnswerValue> {
  const out: Record<string, AnswerValue> = {};
  for (const section of form.sections) {
    for (const f of section.fields) {
      const v = f.editable ? toAnswerValue(f, raw[f.key]) : f.value;
      if (v !== undefined && v !== null) out[f.key] = v;
    }
  }
  return out;
}

/** Shown only when its condition holds, not while it is still open. */
export function fieldShown(field: FormFieldView, values: Record<string, AnswerValue>): boolean {
  return field.when ? evaluateCondition(field.when, values) === true : true;
}

/** The sections as pages with only their shown fields; elder mode skips nothing-to-fill pages. */
export function formPages(
  form: MergedFormView,
  raw: RawAnswers,
  elder: boolean,
): FormSectionView[] {
  const values = conditionValues(form, raw);
  const pages = form.sections
    .map((s) => ({ ...s, fields: s.fields.filter((f) => fieldShown(f, values)) }))
    .filter((s) => s.fields.length > 0);
  if (!elder) return pages;
  const toFill = pages.filter((s) => s.fields.some((f) => f.editable));
  // nothing at all to type: the citizen still sees (and confirms) what was filled in
  return toFill.length > 0 ? toFill : pages.slice(0, 1);
}

/** The page that holds a field, for "fix this" links. */
export function pageOf(pages: FormSectionView[], key: string): number {
  return pages.findIndex((p) => p.fields.some((f) => f.key === key));
}

/**
 * The problems of one page's editable fields by the catalogue's rules (field-check.ts, the
 * server's own check): empty when the page may be left.
 */
export function pageProblems(page: FormSectionView, raw: RawAnswers, today?: string): FieldError[] {
  const errors: FieldError[] = [];
  for (const f of page.fields) {
    if (!f.editable) continue;
    const problem = checkFieldValue(
      {
        key: f.key,
        label: f.label,
        type: f.type,
        section: page.id,
        sources: [],
        personal: true,
        ...(f.options ? { options: f.options } : {}),
        ...(f.rules ? { rules: f.rules } : {}),
      },
      toAnswerValue(f, raw[f.key]),
      { required: f.required, ...(today ? { today } : {}) },
    );
    if (problem) errors.push({ key: f.key, rule: problem.rule, message: problem.message });
  }
  return errors;
}
