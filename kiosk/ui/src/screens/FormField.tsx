import type { FieldError, FormFieldView } from '@onething/contract/rest/kiosk';
import type { Lang } from '../flow/flow-state.ts';
import { fieldErrorText } from '../i18n/format.ts';
import { pick } from '../i18n/strings.ts';
import { useT } from '../ui/context.ts';
import { Icon } from '../ui/Icon.tsx';

export function fieldId(key: string): string {
  return `field-${key}`;
}

/** A prefilled value as words: yes/no, an option's label, or the text itself. */
export function displayValue(
  field: FormFieldView,
  value: string | number | boolean | null | undefined,
  lang: Lang,
  words: { yes: string; no: string; empty: string },
): string {
  if (value === null || value === undefined || value === '') return words.empty;
  if (typeof value === 'boolean') return value ? words.yes : words.no;
  const option = field.options?.find((o) => o.value === String(value));
  return option ? pick(lang, option.label) : String(value);
}

/**
 * One field of the merged form. Prefilled values carry a badge naming their source; locked
 * ones are shown as text (nothing to operate), editable ones as the input that fits the type.
 * Errors name the field and the fix, and are tied to the input with aria-describedby.
 */
export function FormField({
  field,
  value,
  error,
  lang,
  onChange,
}: {
  field: FormFieldView;
  value: string | boolean | undefined;
  error: FieldError | undefined;
  lang: Lang;
  onChange: (value: string | boolean) => void;
}) {
  const t = useT();
  const id = fieldId(field.key);
  const label = pick(lang, field.label);
  const describedBy = [
    field.source !== 'citizen' ? `${id}-source` : null,
    field.hint ? `${id}-hint` : null,
    field.fallbackReason ? `${id}-fallback` : null,
    error ? `${id}-error` : null,
  ]
    .filter(Boolean)
    .join(' ');
  const words = { yes: t('form.yes'), no: t('form.no'), empty: t('form.notAnswered') };

  const badge =
    field.source !== 'citizen' ? (
      <span class="source-badge" id={`${id}-source`}>
        <Icon name="check" /> {t(`source.${field.source}`)}
      </span>
    ) : null;
  const notes = (
    <>
      {field.hint && (
        <p class="field-hint" id={`${id}-hint`}>
          {pick(lang, field.hint)}
        </p>
      )}
      {field.fallbackReason && (
        <p class="field-hint" id={`${id}-fallback`}>
          <Icon name="info" /> {t('form.fallback', { reason: pick(lang, field.fallbackReason) })}
        </p>
      )}
      {error && (
        <p class="field-error" id={`${id}-error`}>
          <Icon name="warning" /> {fieldErrorText(label, pick(lang, error.message), t)}
        </p>
      )}
    </>
  );
  const requiredWord = (
    <span class="field-required">{field.required ? t('form.required') : t('form.optional')}</span>
  );

  if (!field.editable) {
    return (
      <div
        class="field field-locked"
        id={id}
        tabIndex={-1}
        aria-describedby={describedBy || undefined}
      >
        <span class="field-label">{label}</span>
        <span class="field-value">{displayValue(field, field.value, lang, words)}</span>
        <span class="field-meta">
          {badge}
          <span class="tag">
            <Icon name="lock" /> {t('form.locked')}
          </span>
        </span>
        {notes}
      </div>
    );
  }

  const invalid = error ? true : undefined;
  if (field.type === 'boolean' || (field.type === 'enum' && (field.options?.length ?? 0) <= 6)) {
    const options =
      field.type === 'boolean'
        ? [
            { value: 'true', text: words.yes },
            { value: 'false', text: words.no },
          ]
        : (field.options ?? []).map((o) => ({ value: o.value, text: pick(lang, o.label) }));
    const current = typeof value === 'boolean' ? String(value) : value;
    return (
      <fieldset
        class={`field field-choice${error ? ' has-error' : ''}`}
        id={id}
        tabIndex={-1}
        aria-describedby={describedBy || undefined}
        aria-invalid={invalid}
      >
        <legend class="field-label">
          {label} {requiredWord}
        </legend>
        {badge}
        <div class="choice-row">
          {options.map((o) => (
            <label key={o.value} class="choice">
              <input
                type="radio"
                name={id}
                value={o.value}
                checked={current === o.value}
                required={field.required}
                onChange={() => onChange(field.type === 'boolean' ? o.value === 'true' : o.value)}
              />
              <span>{o.text}</span>
            </label>
          ))}
        </div>
        {notes}
      </fieldset>
    );
  }

  const common = {
    id,
    'aria-describedby': describedBy || undefined,
    'aria-invalid': invalid,
    'aria-required': field.required,
  };
  const text = typeof value === 'string' ? value : '';
  let input: preact.JSX.Element;
  if (field.type === 'enum') {
    input = (
      <select {...common} value={text} onChange={(e) => onChange(e.currentTarget.value)}>
        <option value="">{words.empty}</option>
        {(field.options ?? []).map((o) => (
          <option key={o.value} value={o.value}>
            {pick(lang, o.label)}
          </option>
        ))}
      </select>
    );
  } else if (field.type === 'address') {
    input = (
      <textarea
        {...common}
        rows={2}
        value={text}
        onInput={(e) => onChange(e.currentTarget.value)}
      />
    );
  } else {
    const attrs: Record<string, string> =
      field.type === 'date'
        ? { type: 'date' }
        : field.type === 'phone'
          ? { type: 'tel', inputMode: 'numeric', autoComplete: 'off' }
          : field.type === 'amount' || field.type === 'number'
            ? { type: 'text', inputMode: 'decimal' }
            : field.type === 'idNumber' || field.type === 'uscc'
              ? { type: 'text', autoCapitalize: 'characters', spellcheck: 'false' }
              : { type: 'text' };
    input = (
      <input
        {...common}
        {...attrs}
        autoComplete="off"
        value={text}
        onInput={(e) => onChange(e.currentTarget.value)}
      />
    );
  }
  return (
    <div class={`field${error ? ' has-error' : ''}`}>
      <label class="field-label" for={id}>
        {label} {requiredWord}
      </label>
      {badge}
      {input}
      {notes}
    </div>
  );
}
