import { useState } from 'preact/hooks';
import { ConsoleError } from '../errors.ts';
import { useT } from '../i18n/i18n.tsx';

/** "a, b ,c" → ["a", "b", "c"]. */
export function listOf(text: string): string[] {
  return text
    .split(/[,，、\s]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** What the form needs of a contract schema (a zod schema, without importing zod here). */
export interface Checkable {
  safeParse(value: unknown):
    | { success: true }
    | {
        success: false;
        error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] };
      };
}

export interface FieldErrors {
  /** The error of each field, by the first part of its path. */
  byField: Record<string, string>;
  /** An error not tied to a field. */
  general: string | null;
  /**
   * Checks `value` against the contract's `schema` first (the same check the server makes),
   * marking the fields that fail, then runs `action` with what the server answers.
   */
  run(action: () => Promise<void>, check?: { schema: Checkable; value: unknown }): Promise<void>;
  described(field: string): { 'aria-invalid'?: true; 'aria-describedby'?: string };
}

/**
 * A refusal with a path (VALIDATION_FAILED, DUTIES_CONFLICT on roles…) is shown next to its
 * field; anything else above the button.
 */
export function useFieldErrors(): FieldErrors {
  const { t, tError, lang } = useT();
  const [byField, setByField] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string | null>(null);
  return {
    byField,
    general,
    async run(action, check) {
      setByField({});
      setGeneral(null);
      const parsed = check?.schema.safeParse(check.value);
      if (parsed && !parsed.success) {
        const found: Record<string, string> = {};
        for (const issue of parsed.error.issues) {
          const field = String(issue.path[0] ?? '');
          // The schema's own words are English; Chinese readers get the catalogue's sentence.
          found[field] ??= lang === 'en' ? issue.message : t('admin_invalid');
        }
        setByField(found);
        return;
      }
      try {
        await action();
      } catch (e) {
        const field = e instanceof ConsoleError ? e.body.path?.[0] : undefined;
        if (typeof field === 'string') setByField({ [field]: tError(e) });
        else setGeneral(tError(e));
      }
    },
    described(field) {
      return byField[field] ? { 'aria-invalid': true, 'aria-describedby': `err-${field}` } : {};
    },
  };
}

export function FieldError({ errors, field }: { errors: FieldErrors; field: string }) {
  const message = errors.byField[field];
  return message ? (
    <span id={`err-${field}`} class="field-error" role="alert">
      ⚠ {message}
    </span>
  ) : null;
}

/** A labelled text input whose contract error shows next to it (and is tied to it for readers). */
export function TextField({
  label,
  field,
  errors,
  value,
  onValue,
  type = 'text',
  required = false,
}: {
  label: string;
  field: string;
  errors: FieldErrors;
  value: string;
  onValue: (value: string) => void;
  /** `password` fields are new passwords an administrator sets. */
  type?: 'text' | 'password';
  required?: boolean;
}) {
  return (
    <label>
      {label}
      <input
        type={type}
        {...(type === 'password' ? { autocomplete: 'new-password' } : {})}
        value={value}
        onInput={(e) => onValue(e.currentTarget.value)}
        required={required}
        {...errors.described(field)}
      />
      <FieldError errors={errors} field={field} />
    </label>
  );
}
