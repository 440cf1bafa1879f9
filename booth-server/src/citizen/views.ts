import type {
  BundleNotice,
  BundleSummary,
  CatalogueIndex,
  FormFieldView,
  MaterialNotice,
  MergedFormView,
  Text,
} from '@onething/contract/rest/kiosk';
import type { ConditionNode } from '@onething/contract/catalogue/condition';
import {
  type BundleDefinition,
  type DeliveryMode,
  LIFE_EVENTS,
} from '@onething/contract/catalogue/schema';
import type { Catalogue } from '../catalogue/catalogue.ts';
import type { ComposedApplication } from '../forms/compose-application.ts';

/**
 * Maps the catalogue and composed applications onto the kiosk's REST views
 * (contract/src/rest/kiosk.ts): presentation shapes that terminals in the field depend on.
 */
const DELIVERY: Record<DeliveryMode, Text> = {
  window: { zh: '窗口领取', en: 'Collect at the window' },
  post: { zh: '邮寄送达', en: 'By post' },
  electronic: { zh: '电子证照', en: 'Electronic licence' },
  selfPrint: { zh: '自助打印', en: 'Print at a terminal' },
};

function departmentName(catalogue: Catalogue, code: string): Text {
  return catalogue.department(code)?.name ?? { zh: code, en: code };
}

export function bundleSummary(catalogue: Catalogue, b: BundleDefinition): BundleSummary {
  const depts = new Set(b.items.map((c) => catalogue.item(c)?.department).filter(Boolean));
  const event = LIFE_EVENTS[b.lifeEvent];
  return {
    code: b.code,
    name: b.name,
    subject: b.subject,
    lifeEvent: b.lifeEvent,
    lifeEventName: { zh: event.zh, en: event.en },
    leadDepartment: departmentName(catalogue, b.leadDepartment),
    itemCount: b.items.length,
    departmentCount: depts.size,
    promisedDays: b.promisedDays,
    minorData: b.minorData,
  };
}

export function catalogueIndex(catalogue: Catalogue): CatalogueIndex {
  return {
    version: catalogue.version.id,
    bundles: catalogue.bundles().map((b) => bundleSummary(catalogue, b)),
    instantItems: catalogue.instantItems().map((i) => ({
      code: i.code,
      name: i.name,
      department: departmentName(catalogue, i.department),
      description: i.description ?? i.result.name,
    })),
  };
}

/** 一次告知: every item, condition, material, time limit and fee of a bundle. */
export function bundleNotice(catalogue: Catalogue, b: BundleDefinition): BundleNotice {
  const mandatory = new Set(b.mustGoTogether.flat());
  const conditional = new Map(b.conditional.map((c) => [c.item, c.reason]));
  const materials = new Map<string, MaterialNotice>();
  const items = b.items.flatMap((code) => {
    const item = catalogue.item(code);
    if (!item) return [];
    for (const m of item.materials) {
      const def = catalogue.material(m.material);
      const existing = materials.get(m.material);
      if (existing) {
        existing.requiredBy.push(code);
        existing.count = Math.max(existing.count, m.count);
        continue;
      }
      const licence = def?.licence ? catalogue.licence(def.licence) : undefined;
      materials.set(m.material, {
        id: m.material,
        name: def?.name ?? { zh: m.material, en: m.material },
        form: m.form,
        count: m.count,
        licence: licence?.name ?? null,
        requiredBy: [code],
      });
    }
    const requires = b.mustGoTogether
      .filter((g) => g.includes(code))
      .flat()
      .filter((c) => c !== code);
    return [
      {
        code,
        name: item.name,
        department: departmentName(catalogue, item.department),
        conditions: item.acceptanceConditions,
        appliesWhen: conditional.get(code) ?? null,
        promisedDays: item.timeLimit.promisedDays,
        statutoryDays: item.timeLimit.statutoryDays,
        fee:
          item.fee.amount === 0
            ? { zh: '不收费', en: 'Free of charge' }
            : {
                zh: `${item.fee.amount} 元（${item.fee.basis.zh}）`,
                en: `CNY ${item.fee.amount} (${item.fee.basis.en})`,
              },
        result: item.result.name,
        delivery: item.result.delivery.map((d) => DELIVERY[d]),
        mandatory: mandatory.has(code),
        requires: [...new Set(requires)],
      },
    ];
  });
  return {
    version: catalogue.version.id,
    bundle: bundleSummary(catalogue, b),
    items,
    materials: [...materials.values()],
    process: b.process,
  };
}

/** The merged, prefilled form as the kiosk shows it. */
export function mergedFormView(
  catalogue: Catalogue,
  app: ComposedApplication,
  itemCodes: string[],
): MergedFormView {
  const outcomes = new Map(app.prefill.fields.map((f) => [f.key, f]));
  const sections = app.form.sections.map((s) => ({
    id: s.key,
    title: s.label,
    fields: s.fields.map((f): FormFieldView => {
      const outcome = outcomes.get(f.key);
      const prefilled = outcome?.status === 'prefilled';
      const value = app.values[f.key];
      return {
        key: f.key,
        label: f.label,
        type: f.type,
        required: f.required,
        ...(f.options ? { options: f.options } : {}),
        value: value === undefined ? null : value,
        source: prefilled ? (outcome?.source ?? f.source) : 'citizen',
        // What an authoritative register or the card says is shown, not retyped; the citizen
        // asks staff (video help) when it is wrong. The ID card's own data is never editable.
        editable: !prefilled,
        hint:
          f.hint ??
          (f.when
            ? {
                zh: `仅当${describeCondition(catalogue, f.when, 'zh')}时填写`,
                en: `Only when ${describeCondition(catalogue, f.when, 'en')}`,
              }
            : null),
        fallbackReason:
          outcome?.status === 'typeIt' && outcome.reason !== 'personal'
            ? (outcome.message ?? null)
            : null,
        requiredBy: f.requiredBy,
      };
    }),
  }));
  return {
    bundleCode: app.form.bundle.code,
    itemCodes,
    catalogueVersion: catalogue.version.id,
    sections,
    materials: app.materials.materials.map((m) => ({
      id: m.key,
      name: m.name,
      form: m.form,
      count: m.count,
      licence: m.licence?.name ?? null,
      requiredBy: m.requiredBy,
      attached: m.status === 'exempt',
    })),
    stats: app.stats,
  };
}

/** A condition in the citizen's words: field and option labels, not keys and codes. */
export function describeCondition(
  catalogue: Catalogue,
  node: ConditionNode,
  lang: 'zh' | 'en',
): string {
  const field = (key: string) => {
    const label = catalogue.field(key)?.label[lang] ?? key;
    return lang === 'zh' ? `“${label}”` : `“${label}”`;
  };
  const value = (key: string, v: unknown) => {
    const option = catalogue.field(key)?.options?.find((o) => o.value === String(v));
    if (option) return lang === 'zh' ? `“${option.label.zh}”` : `“${option.label.en}”`;
    if (typeof v === 'boolean') return lang === 'zh' ? (v ? '是' : '否') : v ? 'yes' : 'no';
    return String(v);
  };
  switch (node.op) {
    case 'and':
    case 'or': {
      const joiner =
        node.op === 'and' ? (lang === 'zh' ? '且' : ' and ') : lang === 'zh' ? '或' : ' or ';
      return node.args.map((a) => describeCondition(catalogue, a, lang)).join(joiner);
    }
    case 'in':
      return lang === 'zh'
        ? `${field(node.field)}为${node.values.map((v) => value(node.field, v)).join('或')}`
        : `${field(node.field)} is ${node.values.map((v) => value(node.field, v)).join(' or ')}`;
    case '==':
      return lang === 'zh'
        ? `${field(node.field)}为${value(node.field, node.value)}`
        : `${field(node.field)} is ${value(node.field, node.value)}`;
    case '!=':
      return lang === 'zh'
        ? `${field(node.field)}不为${value(node.field, node.value)}`
        : `${field(node.field)} is not ${value(node.field, node.value)}`;
    default: {
      const words: Record<string, [string, string]> = {
        '>': ['大于', 'is more than'],
        '>=': ['不小于', 'is at least'],
        '<': ['小于', 'is less than'],
        '<=': ['不大于', 'is at most'],
      };
      const [zh, en] = words[node.op] ?? [node.op, node.op];
      return lang === 'zh'
        ? `${field(node.field)}${zh}${value(node.field, node.value)}`
        : `${field(node.field)} ${en} ${value(node.field, node.value)}`;
    }
  }
}
