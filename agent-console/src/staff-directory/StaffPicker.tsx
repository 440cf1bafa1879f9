import { type DirectoryEntry, DirectoryRoutes } from '@onething/contract/rest/directory';
import { useEffect, useState } from 'preact/hooks';
import { rest } from '../api.ts';
import { useT } from '../i18n/i18n.tsx';
import { pick } from '../i18n/strings.ts';
import { fill } from '../seat/format.ts';
import { AGENT_STATE, DEPARTMENT_LABEL, TRANSFER_DEPARTMENTS } from '../seat/labels.ts';
import { directoryQuery, type PickerFilters } from './directory-query.ts';
import './staff-picker.css';

/** Waits this long after the last keystroke before asking the server. */
const DEBOUNCE_MS = 250;
const LANGUAGES = ['zh-CN', 'en'] as const;

/**
 * Picks a colleague from the staff directory (by name, department, language, presence) instead
 * of typing a staff id. `name` scopes the radio group, so two pickers can share a page.
 */
export function StaffPicker({
  name,
  legend,
  value,
  onChange,
}: {
  name: string;
  legend: string;
  value: string | null;
  onChange: (id: string | null) => void;
}) {
  const { t, tError, lang } = useT();
  const [filters, setFilters] = useState<PickerFilters>({
    q: '',
    department: '',
    language: '',
    onlineOnly: true,
  });
  const [found, setFound] = useState<DirectoryEntry[] | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    let active = true;
    const timer = setTimeout(() => {
      rest.call(DirectoryRoutes.search, { query: directoryQuery(filters) }).then(
        (d) => {
          if (!active) return;
          setFound(d.staff);
          setError(null);
          // A choice the filters no longer show is dropped rather than sent unseen.
          if (value && !d.staff.some((s) => s.id === value)) onChange(null);
        },
        (e: unknown) => active && setError(e),
      );
    }, DEBOUNCE_MS);
    return () => {
      active = false;
      clearTimeout(timer);
    };
  }, [filters.q, filters.department, filters.language, filters.onlineOnly]);

  const set = (patch: Partial<PickerFilters>) => setFilters((f) => ({ ...f, ...patch }));
  const chosen = found?.find((s) => s.id === value);
  return (
    <fieldset class="picker">
      <legend>{legend}</legend>
      <div class="picker-filters">
        <label class="seat-field">
          {t('super_dir_search')}
          <input
            type="search"
            value={filters.q}
            maxLength={32}
            onInput={(e) => set({ q: e.currentTarget.value })}
          />
        </label>
        <label class="seat-field">
          {t('super_dir_department')}
          <select
            value={filters.department}
            onChange={(e) => set({ department: e.currentTarget.value })}
          >
            <option value="">{t('super_dir_anyDepartment')}</option>
            {TRANSFER_DEPARTMENTS.map((d) => (
              <option key={d} value={d}>
                {t(DEPARTMENT_LABEL[d])}
              </option>
            ))}
          </select>
        </label>
        <label class="seat-field">
          {t('super_dir_language')}
          <select
            value={filters.language}
            onChange={(e) => set({ language: e.currentTarget.value })}
          >
            <option value="">{t('super_dir_anyLanguage')}</option>
            {LANGUAGES.map((l) => (
              <option key={l} value={l}>
                {t(l === 'en' ? 'super_lang_en' : 'super_lang_zhCN')}
              </option>
            ))}
          </select>
        </label>
        <label class="seat-check">
          <input
            type="checkbox"
            checked={filters.onlineOnly}
            onChange={(e) => set({ onlineOnly: e.currentTarget.checked })}
          />
          {t('super_dir_onlineOnly')}
        </label>
      </div>
      {error !== null && <p role="alert">⚠ {tError(error)}</p>}
      <p class="picker-count" role="status">
        {found &&
          (found.length === 0
            ? t('super_dir_none')
            : fill(t(found.length === 1 ? 'super_dir_result_one' : 'super_dir_results'), {
                n: found.length,
              }))}
      </p>
      {found && found.length > 0 && (
        <ul class="picker-list">
          {found.map((s) => {
            const state = AGENT_STATE[s.presence];
            return (
              <li key={s.id}>
                <label class="picker-option">
                  <input
                    type="radio"
                    name={name}
                    checked={value === s.id}
                    onChange={() => onChange(s.id)}
                  />
                  <strong>{s.name}</strong>
                  <span>{s.departmentName ? pick(lang, s.departmentName) : ''}</span>
                  <span>{s.languages.map((l) => (l === 'en' ? 'EN' : '中')).join(' · ')}</span>
                  <span class={`seat-tone-${state.tone} picker-presence`}>
                    <span aria-hidden="true">{state.icon}</span> {t(state.label)}
                  </span>
                </label>
              </li>
            );
          })}
        </ul>
      )}
      {chosen && <p class="picker-chosen">{fill(t('super_dir_chosen'), { name: chosen.name })}</p>}
    </fieldset>
  );
}
