import type { FormFieldView, MergedFormView } from '@onething/contract/rest/kiosk';

/** What the citizen typed, as typed: strings for text boxes, booleans for yes/no. */
export type RawAnswers = Record<string, string | boolean>;
export type AnswerValue = string | number | boolean;

/**
 * Seeds editable fields with the server's suggestion, never overwriting what the citizen
 * already typed (the form is re-merged when items change; nothing typed may be lost).
 */
export function seedAnswers(form: MergedFormView, current: RawAnswers): RawAnswers {
  const next: RawAnswers = { ...current };
  for (const section of form.sections) {
    for (const f of section.fields) {
      if (!f.editable || f.value === null || Object.hasOwn(next, f.key)) continue;
      next[f.key] = typeof f.value === 'boolean' ? f.value : String(f.value);
    }
  }
  return next;
}

/** One typed value in the form the server expects, or undefined for "not answered". */
export function toAnswerValue(
  field: Pick<FormFieldView, 'type'>,
  raw: string | boolean | undefined,
): AnswerValue | undefined {
  if (raw === undefined) return undefined;
  if (typeof raw === 'boolean') return raw;
  const text = raw.trim();
  if (text === '') return undefined;
  if (field.type === 'number' || field.type === 'amount') {
    // a malformed number is sent as typed so the server names the problem; nothing is dropped
    return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text;
  }
  if (field.type === 'idNumber' || field.type === 'uscc') return text.toUpperCase();
  return text;
}

/**
 * The answers to send for this form: the citizen's values of editable fields only. Locked
 * fields come from authoritative sources the server asks itself.
 */
export function answersForRequest(
  form: MergedFormView,
  raw: RawAnswers,
): Record<string, AnswerValue> {
  const out: Record<string, AnswerValue> = {};
  for (const section of form.sections) {
    for (const f of section.fields) {
      if (!f.editable) continue;
      const v = toAnswerValue(f, raw[f.key]);
      if (v !== undefined) out[f.key] = v;
    }
  }
  return out;
}

export function findField(form: MergedFormView, key: string): FormFieldView | undefined {
  for (const s of form.sections) {
    const f = s.fields.find((x) => x.key === key);
    if (f) return f;
  }
  return undefined;
}
