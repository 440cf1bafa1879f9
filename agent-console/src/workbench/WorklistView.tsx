import { SubCaseStatus } from '@onething/contract/rest/kiosk';
import type { Worklist, WorklistQuery } from '@onething/contract/rest/workbench';
import { useT } from '../i18n/i18n.tsx';
import { pick } from '../i18n/strings.ts';
import { dueDay, overdueCount, STATUS_KEY } from './workbench-words.ts';

const DUE_CHOICES = [
  { days: 0, label: 'bench_due_today' },
  { days: 3, label: 'bench_due_3' },
  { days: 7, label: 'bench_due_7' },
] as const;

/** Filters, counts per state and the sub-cases, soonest due first; overdue ones say so in words. */
export function WorklistView({
  list,
  query,
  regions,
  onQuery,
  onOpen,
}: {
  list: Worklist | null;
  query: WorklistQuery;
  regions: readonly string[];
  onQuery: (q: WorklistQuery) => void;
  onOpen: (caseNumber: string) => void;
}) {
  const { t, lang } = useT();
  const set = (patch: Partial<WorklistQuery>) => {
    const next: WorklistQuery = { ...query, ...patch };
    for (const k of Object.keys(next) as (keyof WorklistQuery)[])
      if (next[k] === undefined) delete next[k];
    onQuery(next);
  };
  // Bundles offered are those in the list (a department works a handful).
  const bundles = new Map((list?.entries ?? []).map((e) => [e.bundleCode, e.bundleName]));
  if (query.bundle && !bundles.has(query.bundle))
    bundles.set(query.bundle, { zh: query.bundle, en: query.bundle });
  return (
    <>
      <fieldset class="bench-filters">
        <legend>{t('bench_filters')}</legend>
        <label>
          {t('bench_filter_status')}
          <select
            value={query.status ?? ''}
            onChange={(e) => set({ status: SubCaseStatus.safeParse(e.currentTarget.value).data })}
          >
            <option value="">{t('bench_filter_any')}</option>
            {SubCaseStatus.options.map((s) => (
              <option key={s} value={s}>
                {t(STATUS_KEY[s])}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('bench_filter_bundle')}
          <select
            value={query.bundle ?? ''}
            onChange={(e) => set({ bundle: e.currentTarget.value || undefined })}
          >
            <option value="">{t('bench_filter_any')}</option>
            {[...bundles].map(([code, name]) => (
              <option key={code} value={code}>
                {pick(lang, name)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('bench_filter_due')}
          <select
            value={query.dueWithinDays ?? ''}
            onChange={(e) => {
              const v = e.currentTarget.value;
              set({ dueWithinDays: v === '' ? undefined : Number(v) });
            }}
          >
            <option value="">{t('bench_filter_any')}</option>
            {DUE_CHOICES.map((c) => (
              <option key={c.days} value={c.days}>
                {t(c.label)}
              </option>
            ))}
          </select>
        </label>
        {regions.length > 1 && (
          <label>
            {t('bench_filter_region')}
            <select
              value={query.region ?? ''}
              onChange={(e) => set({ region: e.currentTarget.value || undefined })}
            >
              <option value="">{t('bench_filter_any')}</option>
              {regions.map((r) => (
                <option key={r} value={r}>
                  {r}
                </option>
              ))}
            </select>
          </label>
        )}
        <label class="bench-check">
          <input
            type="checkbox"
            checked={query.overdue === 'true'}
            onChange={(e) => set({ overdue: e.currentTarget.checked ? 'true' : undefined })}
          />
          {t('bench_filter_overdue')}
        </label>
      </fieldset>
      {list && (
        <ul class="bench-counts" aria-label={t('bench_counts')}>
          {SubCaseStatus.options.map((s) => (
            <li key={s}>
              <button
                type="button"
                aria-pressed={query.status === s}
                onClick={() => set({ status: query.status === s ? undefined : s })}
              >
                {t(STATUS_KEY[s])} <strong>{list.counts[s]}</strong>
              </button>
            </li>
          ))}
          <li class={list.overdue > 0 ? 'bench-overdue-count' : undefined}>
            {list.overdue > 0 && <span aria-hidden="true">⚠ </span>}
            {overdueCount(list.overdue, lang)}
          </li>
        </ul>
      )}
      {list && list.entries.length === 0 && <p>{t('bench_empty')}</p>}
      {list && list.entries.length > 0 && (
        <table class="bench-table">
          <caption>{t('bench_list_caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('bench_col_case')}</th>
              <th scope="col">{t('bench_col_bundle')}</th>
              <th scope="col">{t('bench_col_applicant')}</th>
              <th scope="col">{t('bench_col_region')}</th>
              <th scope="col">{t('bench_col_status')}</th>
              <th scope="col">{t('bench_col_due')}</th>
              <th scope="col">
                <span class="visually-hidden">{t('bench_open')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.entries.map((e) => (
              <tr key={e.subCaseId} class={e.overdue ? 'bench-row-overdue' : undefined}>
                <td>
                  <code>{e.caseNumber}</code>
                </td>
                <td>
                  {pick(lang, e.bundleName)}
                  <br />
                  <small>{e.items.map((i) => pick(lang, i.name)).join('、')}</small>
                </td>
                <td>{e.applicant.name}</td>
                <td>{e.region ?? '—'}</td>
                <td>
                  <span class={`badge bench-status-${e.status}`}>{t(STATUS_KEY[e.status])}</span>
                </td>
                <td>
                  {e.dueAt === null ? '—' : dueDay(e.dueAt, lang)}
                  {e.overdue && (
                    <span class="badge bench-overdue">
                      <span aria-hidden="true">⚠ </span>
                      {t('bench_overdue')}
                    </span>
                  )}
                  {e.dueProvisional && (
                    <span class="badge bench-provisional" title={t('bench_provisional_hint')}>
                      {t('bench_provisional')}
                    </span>
                  )}
                </td>
                <td>
                  <button
                    type="button"
                    onClick={() => onOpen(e.caseNumber)}
                    aria-label={`${t('bench_open')} ${e.caseNumber}`}
                  >
                    {t('bench_open')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
