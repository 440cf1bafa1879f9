import type {
  BundleNotice,
  BundleSummary,
  CatalogueIndex,
  FormFieldView,
  MaterialNotice,
  MergedFormView,
  Text,
} from '@onething/contract/rest/kiosk';
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
    synonyms: [...b.synonyms.zh, ...b.synonyms.en],
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
    regions: catalogue.regions().map((r) => ({ code: r.code, name: r.name })),
  };
}

/** 一次告知: every item, condition, material, time limit and fee of a bundle. */
export function bundleNotice(catalogue: Catalogue, b: BundleDefinition): BundleNotice {
  const mandatory = new Set(b.mustGoTogether.flat());
  const conditional = new Map(b.conditional.map((c) => [c.item, c.reason]));
  const materials = new Map<string, MaterialNotice>();
  // What an item of the bundle produces (营业执照, 新生儿户口簿本人页) is never the citizen's to bring.
  const produced = new Set(
    b.items.flatMap((code) => catalogue.item(code)?.produces?.materials ?? []),
  );
  const items = b.items.flatMap((code) => {
    const item = catalogue.item(code);
    if (!item) return [];
    for (const m of item.materials) {
      if (produced.has(m.material)) continue;
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
        // a conditional field is hidden until its condition holds, so it needs no "only when"
        hint: f.hint ?? null,
        fallbackReason:
          outcome?.status === 'typeIt' && outcome.reason !== 'personal'
            ? (outcome.message ?? null)
            : null,
        requiredBy: f.requiredBy,
        ...(f.rules ? { rules: f.rules } : {}),
        ...(f.masked ? { masked: true } : {}),
        ...(f.when ? { when: f.when } : {}),
      };
    }),
  }));
  return {
    bundleCode: app.form.bundle.code,
    itemCodes,
    catalogueVersion: catalogue.version.id,
    sections,
    // Filed are only items whose condition holds (excluded: it does not; pending: the answers do
    // not say). Only a bundle condition keeps an item out, so each carries its reason.
    notApplicable: app.form.items.flatMap((i) =>
      i.state !== 'applies' && i.reason && itemCodes.includes(i.code)
        ? [{ code: i.code, name: i.name, reason: i.reason }]
        : [],
    ),
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
