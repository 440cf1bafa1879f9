import {
  allOf,
  anyOf,
  type ConditionNode,
  conditionFields,
  evaluateCondition,
} from '@onething/contract/catalogue/condition';
import type {
  Answers,
  ItemState,
  MergedField,
  MergedForm,
  MergedFormItem,
  OmittedField,
  SelectionProblem,
} from '@onething/contract/catalogue/form';
import type { BundleDefinition } from '@onething/contract/catalogue/schema';
import type { Catalogue } from '../catalogue/catalogue.ts';
import { SelectionError } from './selection-error.ts';

export interface MergedFormRequest {
  bundleCode: string;
  /** The items the citizen chose (all or some of the bundle's). */
  itemCodes: readonly string[];
  /** Answers so far (typed or prefilled); they decide conditional items and fields. */
  answers?: Answers;
}

/** Applicability of each item of a bundle given the answers so far. */
export function itemStates(
  catalogue: Catalogue,
  bundle: BundleDefinition,
  answers: Answers,
): Map<string, ItemState> {
  const states = new Map<string, ItemState>();
  const conditions = new Map(bundle.conditional.map((c) => [c.item, c.when]));
  for (const code of bundle.items) {
    const when = conditions.get(code);
    const r = when === undefined ? true : evaluateCondition(catalogue.condition(when), answers);
    states.set(code, r === true ? 'applies' : r === false ? 'excluded' : 'pending');
  }
  return states;
}

/**
 * Checks the choice and returns the chosen codes in bundle order. Throws SelectionError naming
 * every unknown code or every broken must-go-together group.
 */
export function checkSelection(
  catalogue: Catalogue,
  bundleCode: string,
  itemCodes: readonly string[],
  answers: Answers = {},
): { bundle: BundleDefinition; chosen: string[]; states: Map<string, ItemState> } {
  const bundle = catalogue.bundle(bundleCode);
  if (!bundle) throw SelectionError.unknownBundle(bundleCode);
  const picked = new Set(itemCodes);
  if (picked.size === 0) throw SelectionError.emptySelection();
  const unknown: SelectionProblem[] = [];
  for (const code of picked) {
    if (!catalogue.item(code)) unknown.push({ kind: 'unknownItem', item: code });
    else if (!bundle.items.includes(code)) unknown.push({ kind: 'notInBundle', item: code });
  }
  if (unknown.length > 0) throw SelectionError.unknownItems(unknown);

  const states = itemStates(catalogue, bundle, answers);
  const incomplete: SelectionProblem[] = [];
  for (const group of bundle.mustGoTogether) {
    // An item whose condition is false cannot apply, so it neither triggers nor completes a group.
    const live = group.filter((c) => states.get(c) !== 'excluded');
    if (!live.some((c) => picked.has(c))) continue;
    const missing = live.filter((c) => !picked.has(c));
    if (missing.length > 0) incomplete.push({ kind: 'mustGoTogether', group: [...group], missing });
  }
  if (incomplete.length > 0) throw SelectionError.incomplete(incomplete);
  return { bundle, chosen: bundle.items.filter((c) => picked.has(c)), states };
}

interface Contribution {
  requiredBy: string[];
  required: boolean;
  whens: (ConditionNode | undefined)[];
}

/**
 * 一表申请: one form for the chosen items of a bundle. Each canonical field is asked once, with
 * the items that ask it (`requiredBy`) and the items whose applicability it decides (`decides`).
 * A field leaves the form only for a stated reason, recorded in `omitted`: its item does not
 * apply, its own condition is false, or another chosen item's result supplies it.
 */
export function buildMergedForm(catalogue: Catalogue, req: MergedFormRequest): MergedForm {
  const answers = req.answers ?? {};
  const { bundle, chosen, states } = checkSelection(
    catalogue,
    req.bundleCode,
    req.itemCodes,
    answers,
  );
  const conditionText = new Map(bundle.conditional.map((c) => [c.item, c]));

  const producers = new Map<string, string>();
  for (const code of chosen) {
    if (states.get(code) !== 'applies') continue;
    for (const key of catalogue.item(code)?.produces?.fields ?? []) {
      if (!producers.has(key)) producers.set(key, code);
    }
  }

  const contributions = new Map<string, Contribution>();
  const decides = new Map<string, Set<string>>();
  const decide = (node: ConditionNode, item: string): void => {
    for (const key of conditionFields(node)) {
      const set = decides.get(key) ?? new Set<string>();
      set.add(item);
      decides.set(key, set);
    }
  };
  // Keys an item's applicability turns on: asked whatever else is pending, or an item whose own
  // form holds its deciding field (a lorry's class for the freight permit) could never be decided.
  const decidesItems = new Set<string>();
  const omitted: OmittedField[] = [];
  let separateFieldCount = 0;

  for (const code of chosen) {
    const item = catalogue.item(code);
    if (!item) continue;
    const state = states.get(code) ?? 'applies';
    const cond = conditionText.get(code);
    const itemWhen = cond ? catalogue.condition(cond.when) : undefined;
    // Condition fields stay on the form whatever the outcome, so the citizen sees why.
    if (itemWhen) {
      decide(itemWhen, code);
      for (const key of conditionFields(itemWhen)) decidesItems.add(key);
    }
    for (const entry of item.form) {
      if (state === 'excluded') {
        omitted.push({ item: code, field: entry.field, reason: 'itemExcluded' });
        continue;
      }
      const fieldWhen = entry.when ? catalogue.condition(entry.when) : undefined;
      if (fieldWhen) decide(fieldWhen, code);
      const shown = fieldWhen ? evaluateCondition(fieldWhen, answers) : true;
      if (shown === false) {
        omitted.push({ item: code, field: entry.field, reason: 'conditionFalse' });
        continue;
      }
      if (state === 'applies' && shown === true) separateFieldCount++;
      const producer = producers.get(entry.field);
      if (producer !== undefined && producer !== code) {
        omitted.push({ item: code, field: entry.field, reason: 'producedByItem', by: producer });
        continue;
      }
      const c = contributions.get(entry.field) ?? { requiredBy: [], required: false, whens: [] };
      c.requiredBy.push(code);
      c.required ||= entry.required;
      c.whens.push(
        allOf(
          state === 'pending' ? itemWhen : undefined,
          shown === undefined ? fieldWhen : undefined,
        ),
      );
      contributions.set(entry.field, c);
    }
  }
  for (const key of decides.keys()) {
    if (!contributions.has(key))
      contributions.set(key, { requiredBy: [], required: true, whens: [undefined] });
  }

  const fields: MergedField[] = [];
  for (const [key, c] of contributions) {
    const def = catalogue.field(key);
    if (!def) continue;
    const field: MergedField = {
      key,
      label: def.label,
      type: def.type,
      section: def.section,
      source: def.personal ? 'citizen' : (def.sources[0] ?? 'citizen'),
      sources: [...def.sources],
      personal: def.personal,
      required: c.required,
      requiredBy: c.requiredBy,
      decides: [...(decides.get(key) ?? [])],
    };
    if (def.options) field.options = def.options;
    if (def.rules) field.rules = def.rules;
    if (def.hint) field.hint = def.hint;
    if (def.masked) field.masked = true;
    const when = decidesItems.has(key) ? undefined : anyOf(...c.whens);
    if (when) field.when = when;
    fields.push(field);
  }
  fields.sort((a, b) => catalogue.fieldOrder(a.key) - catalogue.fieldOrder(b.key));

  const sections = catalogue
    .sections()
    .map((s) => ({ key: s.key, label: s.label, fields: fields.filter((f) => f.section === s.key) }))
    .filter((s) => s.fields.length > 0);

  const items: MergedFormItem[] = chosen.map((code) => {
    const it = catalogue.item(code);
    const dept = it && catalogue.department(it.department);
    if (!it || !dept) throw new Error(`catalogue lost item ${code}`);
    const cond = conditionText.get(code);
    const out: MergedFormItem = {
      code,
      name: it.name,
      department: { code: dept.code, name: dept.name },
      state: states.get(code) ?? 'applies',
      instant: it.instant,
      promisedDays: it.timeLimit.promisedDays,
    };
    if (cond) {
      out.when = catalogue.condition(cond.when);
      out.reason = cond.reason;
    }
    return out;
  });

  const lead = catalogue.department(bundle.leadDepartment);
  if (!lead) throw new Error(`catalogue lost department ${bundle.leadDepartment}`);
  return {
    catalogueVersion: catalogue.version.id,
    bundle: {
      code: bundle.code,
      name: bundle.name,
      leadDepartment: { code: lead.code, name: lead.name },
      promisedDays: bundle.promisedDays,
    },
    items,
    sections,
    omitted,
    separateFieldCount,
    fieldCount: fields.length,
  };
}

/** Every field of a merged form, in display order. */
export function formFields(form: MergedForm): MergedField[] {
  return form.sections.flatMap((s) => s.fields);
}
