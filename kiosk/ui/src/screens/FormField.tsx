import { addressText } from '@onething/contract/catalogue/address';
import { maskIdNumber } from '@onething/contract/identity/id-number';
import { maskAccountNumber } from '@onething/contract/privacy/account-number';
import type { FieldError, FormFieldView } from '@onething/contract/rest/kiosk';
import { useState } from 'preact/hooks';
import type { Lang } from '../flow/flow-state.ts';
import { fieldErrorText } from '../i18n/format.ts';
import { pick } from '../i18n/strings.ts';
import { AddressPicker } from '../input/address/AddressPicker.tsx';
import { DatePicker, dateWords } from '../input/pickers/DatePicker.tsx';
import { ethnicOptions } from '../input/pickers/ethnic-options.ts';
import { OptionList } from '../input/pickers/OptionList.tsx';
import { inputAttrs, maxLength, typedText } from '../input/text-rules.ts';
import { useFlow, useT } from '../ui/context.ts';
import { HoldToReveal } from '../ui/HoldToReveal.tsx';
import { Icon } from '../ui/Icon.tsx';

export function fieldId(key: string): string {
  return `field-${key}`;
}

/** The masked form of a personal number, or null for a field shown as it is. */
export function maskFor(
  field: Pick<FormFieldView, 'type' | 'masked'>,
  text: string,
): string | null {
  if (field.type === 'idNumber') return maskIdNumber(text);
  if (field.masked) return maskAccountNumber(text);
  return null;
}

/**
 * A prefilled value as words: yes/no, an option's label, a date in words, an address as it is
 * written (region names and detail, without its code), or the text itself.
 */
export function displayValue(
  field: FormFieldView,
  value: string | number | boolean | null | undefined,
  lang: Lang,
  words: { yes: string; no: string; empty: string },
): string {
  if (value === null || value === undefined || value === '') return words.empty;
  if (typeof value === 'boolean') return value ? words.yes : words.no;
  const option = field.options?.find((o) => o.value === String(value));
  if (option) return pick(lang, option.label);
  if (field.type === 'date') return dateWords(String(value), lang);
  if (field.type === 'address') return addressText(String(value));
  if (field.type === 'ethnicity') {
    return ethnicOptions(lang, true).find((o) => o.value === String(value))?.text ?? String(value);
  }
  return String(value);
}

/**
 * One field of the merged form. Prefilled values carry a badge naming their source; locked
 * ones are shown as text (nothing to operate), editable ones as the picker or input that fits
 * the type: options to tap for choices and 民族, 年/月/日 for dates, the region cascade and a
 * detail line for addresses, a text input with the catalogue's rules (pad, allowed characters, length) for the rest. ID and account numbers are
 * masked; holding a button shows one briefly. Errors name the field and the fix, and are tied
 * to the input with aria-describedby.
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
  const { catalogue } = useFlow();
  const [dropped, setDropped] = useState<string[]>([]);
  const [typing, setTyping] = useState(false);
  const id = fieldId(field.key);
  const label = pick(lang, field.label);
  const describedBy =
    [
      field.source !== 'citizen' ? `${id}-source` : null,
      field.hint ? `${id}-hint` : null,
      field.fallbackReason ? `${id}-fallback` : null,
      dropped.length > 0 ? `${id}-dropped` : null,
      error ? `${id}-error` : null,
    ]
      .filter(Boolean)
      .join(' ') || undefined;
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
      {dropped.length > 0 && (
        <p class="field-hint" id={`${id}-dropped`} role="status">
          <Icon name="info" /> {t('form.typing.dropped', { chars: dropped.join('') })}
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
    const shown = displayValue(field, field.value, lang, words);
    const masked = field.value === null ? null : maskFor(field, String(field.value));
    return (
      <div class="field field-locked" id={id} tabIndex={-1} aria-describedby={describedBy}>
        <span class="field-label">{label}</span>
        <span class="field-value">
          {masked ? <HoldToReveal value={shown} masked={masked} label={label} /> : shown}
        </span>
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

  const invalid = !!error;
  const text = typeof value === 'string' ? value : '';
  const legend = (
    <>
      {label} {requiredWord}
    </>
  );
  const optionProps = {
    id,
    legend,
    required: field.required,
    describedBy,
    invalid,
  };

  if (field.type === 'boolean') {
    return (
      <OptionList
        {...optionProps}
        options={[
          { value: 'true', text: words.yes },
          { value: 'false', text: words.no },
        ]}
        current={typeof value === 'boolean' ? String(value) : undefined}
        onPick={(v) => onChange(v === 'true')}
      >
        {badge}
        {notes}
      </OptionList>
    );
  }
  if (field.type === 'enum') {
    const options = (field.options ?? []).map((o) => ({
      value: o.value,
      text: pick(lang, o.label),
    }));
    return (
      <OptionList
        {...optionProps}
        options={options}
        current={text}
        wide={options.some((o) => o.text.length > 12)}
        onPick={onChange}
      >
        {badge}
        {notes}
      </OptionList>
    );
  }
  if (field.type === 'ethnicity')
    return (
      <EthnicityField {...optionProps} lang={lang} current={text} onPick={onChange}>
        {badge}
        {notes}
      </EthnicityField>
    );
  if (field.type === 'date') {
    return (
      <DatePicker
        id={id}
        legend={legend}
        value={text}
        rules={field.rules}
        lang={lang}
        describedBy={describedBy}
        invalid={invalid}
        onChange={onChange}
      >
        {badge}
        {notes}
      </DatePicker>
    );
  }

  if (field.type === 'address') {
    return (
      <AddressPicker
        id={id}
        legend={legend}
        value={text}
        home={catalogue?.regions[0]?.code}
        rules={field.rules}
        describedBy={describedBy}
        invalid={invalid}
        onChange={onChange}
      >
        {badge}
        {notes}
      </AddressPicker>
    );
  }

  const type = (raw: string) => {
    const typed = typedText(field, raw);
    setDropped(typed.dropped);
    onChange(typed.text);
  };
  const common = {
    id,
    ...inputAttrs(field),
    'aria-describedby': describedBy,
    'aria-invalid': invalid || undefined,
    'aria-required': field.required,
    autoComplete: 'off',
    spellcheck: false,
  };
  const masked = text && !typing ? maskFor(field, text) : null;
  const max = maxLength(field);
  return (
    <div class={`field${error ? ' has-error' : ''}`}>
      <label class="field-label" for={id}>
        {label} {requiredWord}
      </label>
      {badge}
      <input
        {...common}
        type="text"
        // a personal number is shown masked except while it is being typed
        value={masked ?? text}
        onFocus={() => setTyping(true)}
        onBlur={() => setTyping(false)}
        onInput={(e) => type(e.currentTarget.value)}
      />
      {max !== undefined &&
        field.type !== 'phone' &&
        field.type !== 'idNumber' &&
        field.type !== 'uscc' && (
          <p class="field-count" aria-hidden="true">
            {t('form.typing.count', { n: [...text].length, max })}
          </p>
        )}
      {notes}
    </div>
  );
}

/** 民族: the common groups as options, the rest of the 56 one tap away. */
function EthnicityField({
  lang,
  current,
  onPick,
  children,
  ...rest
}: {
  id: string;
  legend: preact.ComponentChildren;
  required: boolean;
  describedBy: string | undefined;
  invalid: boolean;
  lang: Lang;
  current: string;
  onPick: (value: string) => void;
  children?: preact.ComponentChildren;
}) {
  const t = useT();
  const [all, setAll] = useState(false);
  return (
    <OptionList
      {...rest}
      options={ethnicOptions(lang, all, current)}
      current={current}
      onPick={onPick}
    >
      <button
        type="button"
        class="btn btn-secondary"
        aria-expanded={all}
        onClick={() => setAll(!all)}
      >
        {all ? t('form.ethnicity.fewer') : t('form.ethnicity.more')}
      </button>
      {children}
    </OptionList>
  );
}
