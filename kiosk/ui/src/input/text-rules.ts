import type { FormFieldView } from '@onething/contract/rest/kiosk';
import { disallowedChars } from '@onething/contract/catalogue/field-check';

/**
 * What a text input of the form accepts while the citizen types: the pad the on-screen
 * keyboard opens (session5.md: `data-pad` plus the standard `inputmode`), the characters the
 * field's type and catalogue rules allow, and its length. The server applies the same rules
 * (field-check.ts); these only stop a wrong character from being typed in the first place.
 */
export type PadName = 'chinese' | 'numeric' | 'id-number' | 'phone' | 'uscc';

type Field = Pick<FormFieldView, 'type' | 'rules'>;

/** Characters each type allows whatever its rules say (upper-cased first where it helps). */
const TYPE_CHARS: Partial<Record<FormFieldView['type'], RegExp>> = {
  phone: /^[0-9]$/u,
  idNumber: /^[0-9X]$/u,
  // GB 32100 leaves out I, O, S, V and Z
  uscc: /^[0-9A-HJ-NP-RTUWXY]$/u,
  amount: /^[0-9.]$/u,
  number: /^[0-9.-]$/u,
};

const TYPE_MAX: Partial<Record<FormFieldView['type'], number>> = {
  phone: 11,
  idNumber: 18,
  uscc: 18,
};

export function padFor(field: Field): PadName {
  switch (field.type) {
    case 'phone':
      return 'phone';
    case 'idNumber':
      return 'id-number';
    case 'uscc':
      return 'uscc';
    case 'amount':
    case 'number':
      return 'numeric';
    default:
      if (field.rules?.allowedChars === '0-9') return 'numeric';
      if (field.rules?.allowedChars && /^[A-Z0-9-]+$/u.test(field.rules.allowedChars)) {
        return 'uscc';
      }
      return 'chinese';
  }
}

const INPUT_MODE: Record<PadName, string> = {
  chinese: 'text',
  numeric: 'numeric',
  // the X of an ID number and the letters of a credit code are not on a numeric pad
  'id-number': 'text',
  phone: 'tel',
  uscc: 'text',
};

/** The attributes of the field's input: pad, input mode and length limit. */
export function inputAttrs(field: Field): Record<string, string | number> {
  const pad = padFor(field);
  const inputMode = field.type === 'amount' ? 'decimal' : INPUT_MODE[pad];
  const max = maxLength(field);
  return { 'data-pad': pad, inputMode, ...(max ? { maxLength: max } : {}) };
}

export function maxLength(field: Field): number | undefined {
  return field.rules?.maxLength ?? TYPE_MAX[field.type];
}

/**
 * The text as it may stand in the field: upper-cased for codes, characters the type or the
 * rules do not allow left out (and named, so the citizen is told), cut at the length limit.
 */
export function typedText(field: Field, raw: string): { text: string; dropped: string[] } {
  const upper = field.type === 'idNumber' || field.type === 'uscc' ? raw.toUpperCase() : raw;
  const typeChars = TYPE_CHARS[field.type];
  const bad = new Set([
    ...disallowedChars(field.rules, upper),
    ...(typeChars ? [...upper].filter((ch) => !typeChars.test(ch)) : []),
  ]);
  let text = [...upper].filter((ch) => !bad.has(ch)).join('');
  const max = maxLength(field);
  if (max !== undefined && [...text].length > max) text = [...text].slice(0, max).join('');
  return { text, dropped: [...bad] };
}
