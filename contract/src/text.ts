import { z } from 'zod';

/**
 * Characters that make stored text lie about itself: NUL and other C0/C1 controls (they cut or
 * garble logs, receipts and exports), and the bidirectional embedding, override and isolate
 * marks (U+202A–U+202E, U+2066–U+2069, U+200E/F, U+061C), with which "张三\u202E..." prints
 * in a different order than it is stored. U+FEFF (a stray BOM) is refused too.
 */
/* eslint-disable no-control-regex -- the control characters are what these match */
const UNSAFE_SINGLE_LINE =
  /[\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/u;
// Free text may keep tabs and line breaks; every other control stays out.
const UNSAFE_MULTI_LINE =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/u;
/* eslint-enable no-control-regex */

/** The first refused character as U+XXXX, or null when the text is clean. */
export function unsafeCharacter(text: string, opts: { multiline?: boolean } = {}): string | null {
  const m = (opts.multiline ? UNSAFE_MULTI_LINE : UNSAFE_SINGLE_LINE).exec(text);
  if (!m) return null;
  return `U+${(m[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * Refinement for a name or free text entering the system: refused with TEXT_UNSAFE (parseOrThrow
 * maps the issue's `params.code`), naming the character so the person can find it.
 */
export function plainText<S extends z.ZodString>(schema: S, opts: { multiline?: boolean } = {}) {
  return schema.superRefine((value, ctx) => {
    const bad = unsafeCharacter(value, opts);
    if (bad) {
      ctx.addIssue({
        code: 'custom',
        message: `contains ${bad}, a control or text-direction character`,
        params: { code: 'TEXT_UNSAFE', character: bad },
      });
    }
  });
}

/** Answer values of a form: strings are free text a person typed. */
export const AnswerValue = z.union([
  plainText(z.string(), { multiline: true }),
  z.number(),
  z.boolean(),
]);
