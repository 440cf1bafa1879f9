import type { FieldRules } from '@onething/contract/catalogue/schema';
import { provinceEnglishName } from '@onething/contract/regions';
import type { DivisionTable } from '@onething/contract/catalogue/division-table';
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { StringKey } from '../../i18n/strings.ts';
import { useFlow, useT } from '../../ui/context.ts';
import { inputAttrs, typedText } from '../text-rules.ts';
import {
  type AddressChoice,
  answerOf,
  choicesAt,
  named,
  pickAt,
  startChoice,
} from './address-choice.ts';
import { loadDivisions, loadTownships } from './division-loader.ts';
import './address.css';

const LEVELS: readonly StringKey[] = [
  'address.level.province',
  'address.level.city',
  'address.level.county',
  'address.level.township',
];

/**
 * An address as a cascade of large touch lists — province, city, county, township, each opened
 * from its button with the booth's own place first — and one detail line typed on the
 * on-screen keyboard. The lists need no typing; the stored answer carries the township's code
 * with the names (contract/src/catalogue/address.ts), which the server checks.
 */
export function AddressPicker({
  id,
  legend,
  value,
  home,
  rules,
  describedBy,
  invalid,
  children,
  onChange,
}: {
  id: string;
  legend: ComponentChildren;
  value: string;
  /** The booth's county code: preselected, and first in each list. */
  home: string | undefined;
  rules: FieldRules | undefined;
  describedBy: string | undefined;
  invalid: boolean;
  children?: ComponentChildren;
  onChange: (value: string) => void;
}) {
  const t = useT();
  const { lang } = useFlow();
  // place names are Chinese (as addresses are written); English adds the province's name
  const english = (level: number, code: string) =>
    lang === 'en' && level === 0 ? provinceEnglishName(code) : undefined;
  const [table, setTable] = useState<DivisionTable | null>(null);
  const [choice, setChoice] = useState<AddressChoice>(() => startChoice(value, home));
  const [touched, setTouched] = useState(value !== '');
  // an empty field opens the list after the preselected levels: the booth's townships, usually
  // the one tap left (the provinces when the booth's region is unknown)
  const [open, setOpen] = useState<number | null>(() =>
    value ? null : Math.min(choice.path.length, LEVELS.length - 1),
  );
  // bumped when a province's townships arrive, so the open list shows them
  const [, setLoaded] = useState(0);
  const county = choice.path[2];

  useEffect(() => {
    let live = true;
    void loadDivisions().then((t) => live && setTable(t));
    return () => {
      live = false;
    };
  }, []);
  useEffect(() => {
    if (!county) return;
    let live = true;
    void loadTownships(county).then(() => live && setLoaded((n) => n + 1));
    return () => {
      live = false;
    };
  }, [county]);
  // a value set from outside (restored answers, a wipe) replaces what is shown
  useEffect(() => {
    if (value !== answerOf(choice, touched)) {
      setChoice(startChoice(value, home));
      setTouched(value !== '');
    }
  }, [value]);

  const shown = named(choice, table);
  const update = (next: AddressChoice) => {
    setChoice(next);
    setTouched(true);
    const answer = answerOf(next, true);
    if (answer !== value) onChange(answer);
  };
  const pick = (level: number, code: string, name: string) => {
    update(pickAt(shown, level, { code, name }));
    setOpen(level < LEVELS.length - 1 ? level + 1 : null);
  };
  const levelName = (level: number) => t(LEVELS[level] as StringKey);
  const detailField = { type: 'text' as const, ...(rules ? { rules } : {}) };

  let panel: preact.JSX.Element | null = null;
  if (open !== null) {
    const list = table ? choicesAt(table, shown.path, open, home) : [];
    panel = (
      <div class="address-panel" role="group" aria-label={levelName(open)}>
        {list.length === 0 ? (
          <p class="address-loading" role="status">
            {t('address.loading')}
          </p>
        ) : (
          <div class={`address-grid${open === 0 ? ' address-grid-provinces' : ''}`}>
            {list.map((d) => (
              <button
                key={d.code}
                type="button"
                class="btn btn-secondary address-choice"
                aria-pressed={shown.path[open] === d.code}
                onClick={() => pick(open, d.code, d.name)}
              >
                {d.name}
                {english(open, d.code) && (
                  <span class="address-english" lang="en">
                    {english(open, d.code)}
                  </span>
                )}
                {home?.startsWith(d.code) && <span class="address-here">{t('address.here')}</span>}
              </button>
            ))}
          </div>
        )}
      </div>
    );
  }

  return (
    <fieldset
      class={`field field-address${invalid ? ' has-error' : ''}`}
      id={id}
      tabIndex={-1}
      data-pad="none"
      aria-describedby={[describedBy, `${id}-steps`].filter(Boolean).join(' ')}
      aria-invalid={invalid || undefined}
    >
      <legend class="field-label">{legend}</legend>
      <p class="field-hint" id={`${id}-steps`}>
        {t('address.steps')}
      </p>
      <div class="address-levels">
        {LEVELS.map((_, level) => {
          const name = shown.names[level];
          return (
            <button
              key={level}
              type="button"
              class={`btn btn-secondary address-level${name ? ' address-level-set' : ''}`}
              aria-expanded={open === level}
              aria-label={t('address.chosen', {
                level: t('address.choose', { level: levelName(level) }),
                name: name ?? t('address.notChosen'),
              })}
              disabled={level > 0 && !shown.path[level - 1]}
              onClick={() => setOpen(open === level ? null : level)}
            >
              <span class="address-level-name">{levelName(level)}</span>
              <span class="address-level-value">{name ?? t('address.notChosen')}</span>
            </button>
          );
        })}
      </div>
      {panel}
      <label class="address-detail-label" for={`${id}-detail`}>
        {t('address.detail')}
      </label>
      <input
        id={`${id}-detail`}
        type="text"
        {...inputAttrs(detailField)}
        // the booth's own places rank first among the pinyin candidates (keyboard-host.ts)
        data-vocabulary="places"
        aria-invalid={invalid || undefined}
        autoComplete="off"
        spellcheck={false}
        value={shown.detail}
        onFocus={() => setOpen(null)}
        onInput={(e) =>
          update({ ...shown, detail: typedText(detailField, e.currentTarget.value).text })
        }
      />
      {children}
    </fieldset>
  );
}
