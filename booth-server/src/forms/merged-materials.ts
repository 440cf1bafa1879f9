import {
  allOf,
  anyOf,
  type ConditionNode,
  evaluateCondition,
} from '@onething/contract/catalogue/condition';
import type {
  Answers,
  MaterialList,
  MergedForm,
  MergedMaterial,
  OmittedMaterial,
} from '@onething/contract/catalogue/form';
import type { Localized, MaterialForm } from '@onething/contract/catalogue/schema';
import type { Catalogue } from '../catalogue/catalogue.ts';

/** An electronic licence the library holds, and the identifiers it is filed under. */
export interface LicenceHolding {
  type: string;
  number: string;
  holderIds: readonly string[];
}

/** Licence numbers can be ID numbers; only the ends are shown. */
export function maskLicenceNumber(n: string): string {
  if (n.length <= 6) return '*'.repeat(n.length);
  const keep = n.length > 10 ? 4 : 2;
  return `${n.slice(0, 3)}${'*'.repeat(Math.max(0, n.length - 3 - keep))}${n.slice(-keep)}`;
}

interface Need {
  forms: Set<MaterialForm>;
  count: number;
  requiredBy: string[];
  whens: (ConditionNode | undefined)[];
  notes: Localized[];
}

function strongest(forms: Set<MaterialForm>): MaterialForm {
  const original = forms.has('original') || forms.has('originalAndCopy');
  const copy = forms.has('copy') || forms.has('originalAndCopy');
  if (original && copy) return 'originalAndCopy';
  if (original) return 'original';
  if (copy) return 'copy';
  return 'electronic';
}

/** Identifiers whose licences decide 免提交 for the materials of this form. */
export function materialHolderIds(
  catalogue: Catalogue,
  form: MergedForm,
  values: Answers,
): string[] {
  const ids = new Set<string>();
  for (const it of form.items) {
    for (const m of catalogue.item(it.code)?.materials ?? []) {
      const field = catalogue.material(m.material)?.holderField;
      const id = field ? values[field] : undefined;
      if (typeof id === 'string' && id) ids.add(id);
    }
  }
  return [...ids];
}

/**
 * 一套材料: the materials of the chosen items, each asked once with the strictest form and the
 * largest count any item asks. A material another chosen item produces is dropped; one the
 * licence library holds for its holder is marked exempt (免提交).
 */
export function mergeMaterials(
  catalogue: Catalogue,
  form: MergedForm,
  values: Answers,
  licences: readonly LicenceHolding[],
): MaterialList {
  const applying = form.items.filter((i) => i.state === 'applies').map((i) => i.code);
  const producers = new Map<string, string>();
  for (const code of applying) {
    for (const key of catalogue.item(code)?.produces?.materials ?? []) {
      if (!producers.has(key)) producers.set(key, code);
    }
  }
  const needs = new Map<string, Need>();
  const omitted: OmittedMaterial[] = [];
  let separate = 0;

  for (const it of form.items) {
    const item = catalogue.item(it.code);
    if (!item) continue;
    for (const m of item.materials) {
      if (it.state === 'excluded') {
        omitted.push({ item: it.code, material: m.material, reason: 'itemExcluded' });
        continue;
      }
      const when = m.when ? catalogue.condition(m.when) : undefined;
      const shown = when ? evaluateCondition(when, values) : true;
      if (shown === false) {
        omitted.push({ item: it.code, material: m.material, reason: 'conditionFalse' });
        continue;
      }
      if (it.state === 'applies' && shown === true) separate++;
      const producer = producers.get(m.material);
      if (producer !== undefined && producer !== it.code) {
        omitted.push({
          item: it.code,
          material: m.material,
          reason: 'producedByItem',
          by: producer,
        });
        continue;
      }
      const need = needs.get(m.material) ?? {
        forms: new Set<MaterialForm>(),
        count: 0,
        requiredBy: [],
        whens: [],
        notes: [],
      };
      need.forms.add(m.form);
      need.count = Math.max(need.count, m.count);
      need.requiredBy.push(it.code);
      need.whens.push(
        allOf(it.state === 'pending' ? it.when : undefined, shown === undefined ? when : undefined),
      );
      if (m.note && !need.notes.some((n) => n.zh === m.note?.zh)) need.notes.push(m.note);
      needs.set(m.material, need);
    }
  }

  const materials: MergedMaterial[] = [];
  for (const [key, need] of needs) {
    const def = catalogue.material(key);
    if (!def) continue;
    const notes = def.note ? [def.note, ...need.notes] : need.notes;
    const out: MergedMaterial = {
      key,
      name: def.name,
      form: strongest(need.forms),
      count: need.count,
      requiredBy: need.requiredBy,
      status: 'submit',
      notes,
    };
    const when = anyOf(...need.whens);
    if (when) out.when = when;
    const licence = def.licence ? catalogue.licence(def.licence) : undefined;
    if (licence) {
      out.licence = { code: licence.code, name: licence.name };
      const holder = def.holderField ? values[def.holderField] : undefined;
      const held =
        typeof holder === 'string' && holder
          ? licences.find((l) => l.type === licence.code && l.holderIds.includes(holder))
          : undefined;
      if (held) {
        out.status = 'exempt';
        out.exemptBy = { licence: licence.code, number: maskLicenceNumber(held.number) };
      }
    }
    materials.push(out);
  }
  const exempt = materials.filter((m) => m.status === 'exempt').length;
  return {
    materials,
    omitted,
    counts: { separate, merged: materials.length, exempt, toSubmit: materials.length - exempt },
  };
}
