import { evaluateCondition } from '@onething/contract/catalogue/condition';
import { checkFieldValue } from '@onething/contract/catalogue/field-check';
import type { DivisionTable } from '@onething/contract/catalogue/division-table';
import type { Answers, FieldError, MergedForm } from '@onething/contract/catalogue/form';
import { divisionTable } from '@onething/contract/node/divisions';
import { formFields } from './merged-form.ts';

export interface ValidateAnswersOptions {
  /** Today as YYYY-MM-DD for `notFuture` rules; defaults to the local date. */
  today?: string;
  /** What address answers are checked against; the whole country's by default. */
  divisions?: DivisionTable;
}

export interface AnswersValidation {
  ok: boolean;
  errors: FieldError[];
}

/**
 * Checks answers against the merged form: every key must be a field of the form, every shown
 * required field answered, every value within its rules. Each error names the field key, the
 * rule and a message in Chinese and English. Fields hidden by a false condition are not checked.
 */
export function validateAnswers(
  form: MergedForm,
  answers: Answers,
  opts: ValidateAnswersOptions = {},
): AnswersValidation {
  const errors: FieldError[] = [];
  const divisions = opts.divisions ?? divisionTable();
  const fields = formFields(form);
  const known = new Set(fields.map((f) => f.key));
  for (const key of Object.keys(answers)) {
    if (!known.has(key)) {
      errors.push({
        key,
        rule: 'unknownField',
        message: { zh: `表单中没有此项：${key}`, en: `Not a field of this form: ${key}` },
      });
    }
  }
  for (const field of fields) {
    const shown = field.when ? evaluateCondition(field.when, answers) : true;
    if (shown === false) continue;
    // While a condition is open the field may still drop out, so it is not yet required.
    const required = field.required && shown === true;
    const problem = checkFieldValue(field, answers[field.key], {
      required,
      divisions,
      ...(opts.today ? { today: opts.today } : {}),
    });
    if (problem) errors.push({ key: field.key, rule: problem.rule, message: problem.message });
  }
  return { ok: errors.length === 0, errors };
}
