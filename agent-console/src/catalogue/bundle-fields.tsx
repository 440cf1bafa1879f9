import type { CatalogueAdminOverview } from '@onething/contract/rest/catalogue-admin';
import { pick } from '../i18n/strings.ts';
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

/**
 * What an administrator changes in a bundle: its name, the notice (text and steps), the
 * promised time limit, the lead department and the conditions' words. Its items, groups,
 * subject key and minor-data flag stay with reviewed YAML (cat_notEditableBundle says why).
 */
export function bundleFields(ctx: FieldContext, overview: CatalogueAdminOverview) {
  const { t, lang } = ctx;
  const itemName = (code: string) => {
    const it = overview.items.find((i) => i.code === code);
    return it ? `${pick(lang, it.name)}（${code}）` : code;
  };
  const items = (get(ctx.value, ['items']) ?? []) as string[];
  const conditional = (get(ctx.value, ['conditional']) ?? []) as { item: string }[];
  return [
    localizedField(ctx, { label: t('cat_name'), path: ['name'] }),
    localizedField(ctx, { label: t('cat_description'), path: ['description'], multiline: true }),
    localizedList(ctx, {
      label: t('cat_process'),
      path: ['process'],
      entry: 'cat_step',
      add: 'cat_addStep',
    }),
    <div class="row" key="limits">
      {numberField(ctx, { label: t('cat_promisedDays'), path: ['promisedDays'] })}
      {selectField(ctx, {
        label: t('cat_leadDepartment'),
        path: ['leadDepartment'],
        options: overview.departments.map((d) => ({ value: d.code, text: pick(lang, d.name) })),
      })}
    </div>,
    conditional.length > 0 && (
      <fieldset class="list" key="conditional">
        <legend>{t('cat_conditional')}</legend>
        {conditional.map((c, i) => (
          <div class="list-row stacked" key={i}>
            <p class="entry-title">{itemName(c.item)}</p>
            {issueList(
              ctx,
              ctx.claims.at(['conditional', i], true),
              `${idOf(['conditional', i])}-err`,
            )}
            {textField(ctx, { label: t('cat_condition'), path: ['conditional', i, 'when'] })}
            {localizedField(ctx, { label: t('cat_reason'), path: ['conditional', i, 'reason'] })}
          </div>
        ))}
      </fieldset>
    ),
    <fieldset class="list" key="items">
      <legend>{t('cat_items')}</legend>
      <ul class="plain">
        {items.map((code, i) => (
          <li key={code}>
            {itemName(code)}
            {issueList(ctx, ctx.claims.at(['items', i]), `${idOf(['items', i])}-err`)}
          </li>
        ))}
      </ul>
    </fieldset>,
  ];
}
