import { dateBounds, todayIso } from '@onething/contract/catalogue/field-check';
import type { FieldRules } from '@onething/contract/catalogue/schema';
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { Lang } from '../../flow/flow-state.ts';
import { t as translate } from '../../i18n/strings.ts';
import { useT } from '../../ui/context.ts';
import {
  choose,
  type DateParts,
  dayAllowed,
  days,
  decades,
  monthAllowed,
  partsOf,
  valueOf,
  years,
} from './date-parts.ts';

const MONTHS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] as const;
type Month = (typeof MONTHS)[number];

function monthName(lang: Lang, month: number): string {
  return translate(lang, `form.date.m${month as Month}`);
}

type Part = keyof DateParts;

/** A date in the citizen's words: 2025年11月1日, or 1 November 2025 in year/month/day order. */
export function dateWords(iso: string, lang: Lang): string {
  const { year, month, day } = partsOf(iso);
  if (!year || !month || !day) return iso;
  return translate(lang, 'form.date.full', { year, month: monthName(lang, month), day });
}

/**
 * 年/月/日 in Chinese order (year, month, day in English too, with month names): three buttons
 * that each open a grid of large choices. Only days inside the field's range (its rules, read
 * by `dateBounds` as the server reads them) can be chosen; the range is said in words.
 */
export function DatePicker({
  id,
  legend,
  value,
  rules,
  lang,
  describedBy,
  invalid,
  children,
  onChange,
}: {
  id: string;
  legend: ComponentChildren;
  value: string;
  rules: FieldRules | undefined;
  lang: Lang;
  describedBy: string | undefined;
  invalid: boolean;
  children?: ComponentChildren;
  onChange: (value: string) => void;
}) {
  const t = useT();
  const today = todayIso();
  const bounds = dateBounds(rules, today);
  const [parts, setParts] = useState<DateParts>(() => partsOf(value));
  const [open, setOpen] = useState<Part | null>(null);
  const [decade, setDecade] = useState<number | null>(null);

  // a value set from outside (restored answers, a wipe) replaces what is on the buttons
  useEffect(() => {
    if (value !== (valueOf(parts) ?? '')) setParts(partsOf(value));
  }, [value]);

  const pick = (part: Part, n: number) => {
    const next = choose(parts, bounds, part, n);
    setParts(next);
    const full = valueOf(next);
    if (full !== value && (full || value)) onChange(full ?? '');
    setOpen(part === 'year' ? 'month' : part === 'month' ? 'day' : null);
  };

  const partName = (part: Part) => t(`form.date.${part}`);
  const shown = (part: Part): string => {
    const n = parts[part];
    if (!n) return partName(part);
    if (part === 'year') return t('form.date.yearValue', { n });
    if (part === 'month') return monthName(lang, n);
    return t('form.date.dayValue', { n });
  };
  const range =
    bounds.min && bounds.max
      ? t('form.date.range', { from: dateWords(bounds.min, lang), to: dateWords(bounds.max, lang) })
      : bounds.min
        ? t('form.date.from', { from: dateWords(bounds.min, lang) })
        : bounds.max
          ? t('form.date.to', { to: dateWords(bounds.max, lang) })
          : null;

  const allYears = years(bounds, today);
  // the grid opens on the chosen year's decade, else on this year's (kept inside the range)
  const first = allYears[0] ?? 0;
  const last = allYears.at(-1) ?? first;
  const anchor = parts.year ?? Math.max(first, Math.min(Number(today.slice(0, 4)), last));
  const shownDecade = decade ?? anchor - (anchor % 10);

  const choice = (part: Part, n: number, text: string, enabled: boolean) => (
    <button
      key={`${part}-${n}`}
      type="button"
      class="btn btn-secondary date-choice"
      aria-pressed={parts[part] === n}
      disabled={!enabled}
      onClick={() => pick(part, n)}
    >
      {text}
    </button>
  );

  let grid: preact.JSX.Element | null = null;
  if (open === 'year') {
    const allDecades = decades(bounds, today);
    grid = (
      <>
        {allDecades.length > 1 && (
          <div
            class="date-decades"
            role="group"
            aria-label={t('form.date.choose', { part: partName('year') })}
          >
            {allDecades.map((d) => (
              <button
                key={d}
                type="button"
                class="btn btn-chip"
                aria-pressed={d === shownDecade}
                onClick={() => setDecade(d)}
              >
                {t('form.date.decade', { n: d })}
              </button>
            ))}
          </div>
        )}
        <div class="date-grid">
          {allYears
            .filter((y) => y - (y % 10) === shownDecade)
            .map((y) => choice('year', y, String(y), true))}
        </div>
      </>
    );
  } else if (open === 'month' && parts.year) {
    const year = parts.year;
    grid = (
      <div class="date-grid date-grid-months">
        {MONTHS.map((m) => choice('month', m, monthName(lang, m), monthAllowed(bounds, year, m)))}
      </div>
    );
  } else if (open === 'day' && parts.year && parts.month) {
    const { year, month } = parts;
    grid = (
      <div class="date-grid date-grid-days">
        {days(year, month).map((d) =>
          choice('day', d, String(d), dayAllowed(bounds, year, month, d)),
        )}
      </div>
    );
  }

  return (
    <fieldset
      class={`field field-date${invalid ? ' has-error' : ''}`}
      id={id}
      tabIndex={-1}
      data-pad="none"
      aria-describedby={
        [describedBy, range ? `${id}-range` : null].filter(Boolean).join(' ') || undefined
      }
      aria-invalid={invalid || undefined}
    >
      <legend class="field-label">{legend}</legend>
      <div class="date-parts">
        {(['year', 'month', 'day'] as const).map((part) => (
          <button
            key={part}
            type="button"
            class={`btn btn-secondary date-part${parts[part] ? ' date-part-set' : ''}`}
            aria-expanded={open === part}
            aria-label={`${t('form.date.choose', { part: partName(part) })}: ${shown(part)}`}
            disabled={(part === 'month' && !parts.year) || (part === 'day' && !parts.month)}
            onClick={() => {
              setDecade(null);
              setOpen(open === part ? null : part);
            }}
          >
            {shown(part)}
          </button>
        ))}
      </div>
      {range && (
        <p class="field-hint" id={`${id}-range`}>
          {range}
        </p>
      )}
      {grid && <div class="date-panel">{grid}</div>}
      {children}
    </fieldset>
  );
}
