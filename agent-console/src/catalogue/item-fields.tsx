import type { CatalogueAdminOverview } from '@onething/contract/rest/catalogue-admin';
import { type StringKey, pick } from '../i18n/strings.ts';
import {
  type FieldContext,
  get,
  idOf,
  issueList,
  localizedField,
  localizedList,
  numberField,
  selectField,
  textField,
} from './form-fields.tsx';

const FORMS = ['original', 'copy', 'originalAndCopy', 'electronic'] as const;

interface MaterialEntry {
  material: string;
  form: string;
  count: number;
  when?: string;
}
interface FormEntry {
  field: string;
  required: boolean;
  when?: string;
}

/**
 * What an administrator changes in an item: names, description, department, time limits, fee,
 * acceptance conditions, materials with their form, count and condition, and which form fields
 * are required and when they are asked. The rest stays with reviewed YAML (cat_notEditable).
 */
export function itemFields(ctx: FieldContext, overview: CatalogueAdminOverview) {
  const { t, lang } = ctx;
  const materials = (get(ctx.value, ['materials']) ?? []) as MaterialEntry[];
  const form = (get(ctx.value, ['form']) ?? []) as FormEntry[];
  const materialName = (key: string) => {
    const m = overview.materials.find((x) => x.key === key);
    return m ? pick(lang, m.name) : key;
  };
  const fieldLabel = (key: string) => {
    const f = overview.fields.find((x) => x.key === key);
    return f ? pick(lang, f.label) : key;
  };
  const unused = overview.materials.filter((m) => !materials.some((x) => x.material === m.key));
  return [
    localizedField(ctx, { label: t('cat_name'), path: ['name'] }),
    localizedField(ctx, {
      label: t('cat_itemDescription'),
      path: ['description'],
      multiline: true,
      optional: true,
    }),
    <div class="row" key="limits">
      {selectField(ctx, {
        label: t('cat_department'),
        path: ['department'],
        options: overview.departments.map((d) => ({ value: d.code, text: pick(lang, d.name) })),
      })}
      {numberField(ctx, { label: t('cat_statutoryDays'), path: ['timeLimit', 'statutoryDays'] })}
      {numberField(ctx, { label: t('cat_promisedDays'), path: ['timeLimit', 'promisedDays'] })}
      {numberField(ctx, { label: t('cat_fee'), path: ['fee', 'amount'], step: 0.01 })}
    </div>,
    localizedField(ctx, { label: t('cat_feeBasis'), path: ['fee', 'basis'] }),
    localizedList(ctx, {
      label: t('cat_acceptance'),
      path: ['acceptanceConditions'],
      entry: 'cat_condN',
      add: 'cat_addCondition',
    }),
    <fieldset class="list" key="materials">
      <legend>{t('cat_materials')}</legend>
      {issueList(ctx, ctx.claims.at(['materials'], true), `${idOf(['materials'])}-err`)}
      {materials.map((m, i) => {
        // Row issues first: a notice = materials issue is about this paper's form.
        const row = ctx.claims.at(['materials', i], true);
        const rowId = `${idOf(['materials', i])}-err`;
        const aboutForm = row.filter((r) => r.rule === 'noticeForm');
        return (
          <div class="list-row grid4" key={`${m.material}-${i}`} data-material={m.material}>
            {selectField(ctx, {
              label: t('cat_material'),
              path: ['materials', i, 'material'],
              options: overview.materials
                .filter((x) => x.key === m.material || unused.includes(x))
                .map((x) => ({ value: x.key, text: pick(lang, x.name) })),
            })}
            {selectField(ctx, {
              label: t('cat_form'),
              path: ['materials', i, 'form'],
              options: FORMS.map((f) => ({ value: f, text: t(`cat_form_${f}` as StringKey) })),
              about: { issues: aboutForm, id: rowId },
            })}
            {numberField(ctx, { label: t('cat_count'), path: ['materials', i, 'count'], min: 1 })}
            {textField(ctx, {
              label: t('cat_when'),
              path: ['materials', i, 'when'],
              optional: true,
            })}
            <button
              type="button"
              class="secondary"
              aria-label={t('cat_removeNamed').replace('{name}', materialName(m.material))}
              onClick={() =>
                ctx.set(
                  ['materials'],
                  materials.filter((_, n) => n !== i),
                )
              }
            >
              {t('cat_remove')}
            </button>
            {issueList(ctx, [...row, ...ctx.claims.at(['materials', i])], rowId)}
          </div>
        );
      })}
      {unused[0] && (
        <button
          type="button"
          class="secondary"
          onClick={() =>
            ctx.set(
              ['materials'],
              [...materials, { material: unused[0]?.key, form: 'original', count: 1 }],
            )
          }
        >
          {t('cat_addMaterial')}
        </button>
      )}
    </fieldset>,
    <fieldset class="list" key="form">
      <legend>{t('cat_formFields')}</legend>
      {form.map((f, i) => (
        <div class="list-row grid3" key={f.field}>
          <p class="entry-title">
            {fieldLabel(f.field)} <span class="code">{f.field}</span>
          </p>
          <label class="check">
            <input
              type="checkbox"
              checked={f.required !== false}
              onChange={(e) => ctx.set(['form', i, 'required'], e.currentTarget.checked)}
            />
            {t('cat_required')}
            <span class="visually-hidden"> {fieldLabel(f.field)}</span>
          </label>
          {textField(ctx, { label: t('cat_when'), path: ['form', i, 'when'], optional: true })}
          {issueList(ctx, ctx.claims.at(['form', i]), `${idOf(['form', i])}-err`)}
        </div>
      ))}
    </fieldset>,
  ];
}
