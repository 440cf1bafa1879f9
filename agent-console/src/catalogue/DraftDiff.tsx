import type { CatalogueAdminOverview } from '@onething/contract/rest/catalogue-admin';
import { useT } from '../i18n/i18n.tsx';
import { pick, type StringKey } from '../i18n/strings.ts';
import { diffDefinitions } from './draft-diff.ts';

/** Words for the keys an editor shows; other keys (not edited in the form) keep their name. */
const KEY_WORDS: Record<string, StringKey> = {
  name: 'cat_name',
  description: 'cat_description',
  process: 'cat_process',
  promisedDays: 'cat_promisedDays',
  statutoryDays: 'cat_statutoryDays',
  leadDepartment: 'cat_leadDepartment',
  department: 'cat_department',
  conditional: 'cat_conditional',
  when: 'cat_condition',
  reason: 'cat_reason',
  amount: 'cat_fee',
  basis: 'cat_feeBasis',
  acceptanceConditions: 'cat_acceptance',
  materials: 'cat_materials',
  material: 'cat_material',
  count: 'cat_count',
  required: 'cat_required',
  zh: 'cat_zh',
  en: 'cat_en',
};

/** The draft against the live definition, one row per changed value. */
export function DraftDiff({
  live,
  draft,
  overview,
}: {
  live: unknown;
  draft: unknown;
  overview: CatalogueAdminOverview;
}) {
  const { t, lang } = useT();
  const rows = diffDefinitions(live, draft);
  const where = (path: (string | number)[]) =>
    path
      .map((p, i) => {
        if (typeof p === 'number') return String(p + 1);
        // `form` is the material's form inside materials, the application form at the top.
        if (p === 'form') return t(i === 0 ? 'cat_formFields' : 'cat_form');
        if (p === 'description' && (draft as { department?: unknown }).department)
          return t('cat_itemDescription');
        const key = KEY_WORDS[p];
        return key ? t(key) : p;
      })
      .join(' · ');
  const show = (path: (string | number)[], v: unknown) => {
    if (v === undefined || v === '') return t('cat_diffEmpty');
    const key = path[path.length - 1];
    if (key === 'department' || key === 'leadDepartment') {
      const d = overview.departments.find((x) => x.code === v);
      if (d) return pick(lang, d.name);
    }
    if (key === 'material') {
      const m = overview.materials.find((x) => x.key === v);
      if (m) return pick(lang, m.name);
    }
    if (key === 'form' && typeof v === 'string') return t(`cat_form_${v}` as StringKey);
    if (typeof v === 'boolean') return t(v ? 'cat_yes' : 'cat_no');
    return typeof v === 'object' ? JSON.stringify(v) : String(v);
  };
  return (
    <section aria-labelledby="diff-title" class="panel diff">
      <h3 id="diff-title">{t('cat_diff')}</h3>
      {rows.length === 0 ? (
        <p>{t('cat_diffNone')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('cat_diffField')}</th>
              <th scope="col">{t('cat_diffLive')}</th>
              <th scope="col">{t('cat_diffDraft')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.path.join('.')} data-path={r.path.join('.')}>
                <th scope="row">{where(r.path)}</th>
                <td>
                  <del>{show(r.path, r.live)}</del>
                </td>
                <td>
                  <ins>{show(r.path, r.draft)}</ins>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
