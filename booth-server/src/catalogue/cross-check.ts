import {
  type ConditionNode,
  conditionFields,
  parseCondition,
} from '@onething/contract/catalogue/condition';
import { type FieldDefinition, ITEM_KINDS, LIFE_EVENTS } from '@onething/contract/catalogue/schema';
import { checkUscc } from '@onething/contract/catalogue/uscc';
import { type CatalogueIssue, formatIssuePath, type IssuePath } from './catalogue-issue.ts';
import type { CatalogueData, Located } from './parse-catalogue.ts';

/**
 * Checks that the files agree with each other: every reference resolves, codes are unique, rules
 * fit their field types and conditions read fields that exist with values they can take.
 */
export function crossCheck(data: CatalogueData): CatalogueIssue[] {
  const issues: CatalogueIssue[] = [];
  const at = (loc: Located<unknown>, sub: IssuePath, problem: string): void => {
    issues.push({ file: loc.file, path: [...loc.path, ...sub], problem });
  };

  const unique = <T>(list: Located<T>[], key: (v: T) => string, what: string, sub: string) => {
    const first = new Map<string, Located<T>>();
    for (const loc of list) {
      const k = key(loc.value);
      const prev = first.get(k);
      if (prev) {
        at(
          loc,
          [sub],
          `duplicate ${what} "${k}" (first defined in ${prev.file} at ${formatIssuePath(prev.path)})`,
        );
      } else first.set(k, loc);
    }
    return first;
  };

  const regions = unique(data.regions, (r) => r.code, 'region code', 'code');
  const departments = unique(data.departments, (d) => d.code, 'department code', 'code');
  unique(data.departments, (d) => d.segment, 'department segment', 'segment');
  const sections = unique(data.sections, (s) => s.key, 'section key', 'key');
  const fields = unique(data.fields, (f) => f.key, 'field key', 'key');
  const licences = unique(data.licences, (l) => l.code, 'licence type', 'code');
  const materials = unique(data.materials, (m) => m.key, 'material key', 'key');
  const items = unique(data.items, (i) => i.code, 'item code', 'code');
  unique(data.bundles, (b) => b.code, 'bundle code', 'code');

  const { loaded } = data;
  const fieldDefs = new Map([...fields].map(([k, v]) => [k, v.value]));
  const checkDepartment = (loc: Located<unknown>, sub: IssuePath, code: string): void => {
    if (loaded.departments && !departments.has(code)) {
      at(loc, sub, `unknown department "${code}" (not in departments.yaml)`);
    }
  };
  const checkField = (loc: Located<unknown>, sub: IssuePath, key: string): void => {
    if (loaded.fields && !fields.has(key))
      at(loc, sub, `unknown field key "${key}" (not in fields.yaml)`);
  };
  const checkCondition = (loc: Located<unknown>, sub: IssuePath, text: string): void => {
    for (const p of conditionProblems(text, fieldDefs, loaded.fields)) at(loc, sub, p);
  };

  if (data.manifest && loaded.departments && !regions.has(data.manifest.value.region)) {
    at(
      data.manifest,
      ['region'],
      `unknown region "${data.manifest.value.region}" (not in departments.yaml)`,
    );
  }

  for (const loc of data.departments) {
    const d = loc.value;
    if (!regions.has(d.region)) at(loc, ['region'], `unknown region "${d.region}"`);
    const p = checkUscc(d.uscc);
    if (p === 'format')
      at(loc, ['uscc'], `"${d.uscc}" is not an 18-character GB 32100 credit code`);
    if (p === 'checksum') at(loc, ['uscc'], `"${d.uscc}" fails the GB 32100 check character`);
  }

  for (const loc of data.fields) checkFieldDefinition(loc, sections, loaded.fields, at);

  for (const loc of data.licences) checkDepartment(loc, ['issuer'], loc.value.issuer);

  for (const loc of data.materials) {
    const m = loc.value;
    if (m.licence && loaded.licences && !licences.has(m.licence)) {
      at(loc, ['licence'], `unknown licence type "${m.licence}" (not in licences.yaml)`);
    }
    if (m.licence && !m.holderField) {
      at(
        loc,
        ['holderField'],
        'a material replaceable by a licence needs holderField to find the holder',
      );
    }
    if (!m.licence && m.holderField)
      at(loc, ['holderField'], 'holderField is set but there is no licence');
    if (m.holderField) checkField(loc, ['holderField'], m.holderField);
  }

  for (const loc of data.items) {
    const it = loc.value;
    checkDepartment(loc, ['department'], it.department);
    const typeCode = ITEM_KINDS[it.kind].code;
    if (it.code.slice(0, 2) !== typeCode) {
      at(
        loc,
        ['code'],
        `code starts with "${it.code.slice(0, 2)}" but kind ${it.kind} (${ITEM_KINDS[it.kind].zh}) is "${typeCode}"`,
      );
    }
    const dept = departments.get(it.department)?.value;
    if (dept && it.code.slice(2, 6) !== dept.segment) {
      at(
        loc,
        ['code'],
        `code carries department segment "${it.code.slice(2, 6)}" but ${dept.code} has "${dept.segment}"`,
      );
    }
    if (it.timeLimit.promisedDays > it.timeLimit.statutoryDays) {
      at(
        loc,
        ['timeLimit', 'promisedDays'],
        `promised ${it.timeLimit.promisedDays} days exceeds the statutory ${it.timeLimit.statutoryDays}`,
      );
    }
    if (it.instant) {
      if (it.timeLimit.promisedDays !== 0) {
        at(loc, ['timeLimit', 'promisedDays'], 'an instant item must promise 0 days');
      }
      if (!it.result.delivery.some((d) => d === 'selfPrint' || d === 'electronic')) {
        at(loc, ['result', 'delivery'], 'an instant item must deliver by selfPrint or electronic');
      }
      if (!it.description)
        at(loc, ['description'], 'an instant item needs a description for the terminal');
    }
    if (it.result.licence && loaded.licences && !licences.has(it.result.licence)) {
      at(loc, ['result', 'licence'], `unknown licence type "${it.result.licence}"`);
    }
    const asked = new Set<string>();
    it.form.forEach((f, i) => {
      checkField(loc, ['form', i, 'field'], f.field);
      if (asked.has(f.field)) at(loc, ['form', i, 'field'], `field "${f.field}" is asked twice`);
      asked.add(f.field);
      if (f.when) checkCondition(loc, ['form', i, 'when'], f.when);
    });
    const needed = new Set<string>();
    it.materials.forEach((m, i) => {
      if (loaded.materials && !materials.has(m.material)) {
        at(
          loc,
          ['materials', i, 'material'],
          `unknown material "${m.material}" (not in materials.yaml)`,
        );
      }
      if (needed.has(m.material))
        at(loc, ['materials', i, 'material'], `material "${m.material}" is listed twice`);
      needed.add(m.material);
      if (m.when) checkCondition(loc, ['materials', i, 'when'], m.when);
    });
    it.produces?.fields.forEach((key, i) => {
      checkField(loc, ['produces', 'fields', i], key);
      if (asked.has(key))
        at(loc, ['produces', 'fields', i], `"${key}" is both asked and produced by this item`);
    });
    it.produces?.materials.forEach((key, i) => {
      if (loaded.materials && !materials.has(key)) {
        at(loc, ['produces', 'materials', i], `unknown material "${key}"`);
      }
      if (needed.has(key))
        at(
          loc,
          ['produces', 'materials', i],
          `"${key}" is both required and produced by this item`,
        );
    });
  }

  for (const loc of data.bundles) {
    const b = loc.value;
    checkDepartment(loc, ['leadDepartment'], b.leadDepartment);
    if (LIFE_EVENTS[b.lifeEvent].subject !== b.subject) {
      at(
        loc,
        ['lifeEvent'],
        `life event "${b.lifeEvent}" belongs to ${LIFE_EVENTS[b.lifeEvent].subject} bundles, not ${b.subject}`,
      );
    }
    const members = new Set<string>();
    b.items.forEach((code, i) => {
      if (loaded.items && !items.has(code))
        at(loc, ['items', i], `unknown item "${code}" (not in any items/*.yaml)`);
      if (members.has(code)) at(loc, ['items', i], `item "${code}" is listed twice`);
      members.add(code);
    });
    if (loaded.items && loaded.departments) {
      const implementers = new Set(b.items.map((c) => items.get(c)?.value.department));
      if (!implementers.has(b.leadDepartment)) {
        at(
          loc,
          ['leadDepartment'],
          `lead department ${b.leadDepartment} implements none of the bundle's items`,
        );
      }
    }
    b.mustGoTogether.forEach((group, g) => {
      group.forEach((code, i) => {
        if (!members.has(code)) {
          at(
            loc,
            ['mustGoTogether', g, i],
            `"${code}" must go together but is not one of the bundle's items (mustGoTogether is not a subset of items)`,
          );
        }
      });
    });
    checkField(loc, ['subjectKey', 'field'], b.subjectKey.field);
    if (loaded.items) {
      const asks = b.items.some((c) =>
        items.get(c)?.value.form.some((f) => f.field === b.subjectKey.field),
      );
      if (!asks) {
        at(
          loc,
          ['subjectKey', 'field'],
          `subject key "${b.subjectKey.field}" is not asked by any of the bundle's items`,
        );
      }
    }
    const conditioned = new Set<string>();
    b.conditional.forEach((c, i) => {
      if (!members.has(c.item))
        at(loc, ['conditional', i, 'item'], `"${c.item}" is not one of the bundle's items`);
      if (conditioned.has(c.item))
        at(loc, ['conditional', i, 'item'], `"${c.item}" has two conditions`);
      conditioned.add(c.item);
      checkCondition(loc, ['conditional', i, 'when'], c.when);
    });
  }
  return issues;
}

const TEXT_TYPES = new Set(['text', 'address']);
const NUMERIC_TYPES = new Set(['number', 'amount']);

function checkFieldDefinition(
  loc: Located<FieldDefinition>,
  sections: Map<string, unknown>,
  fieldsLoaded: boolean,
  at: (loc: Located<unknown>, sub: IssuePath, problem: string) => void,
): void {
  const f = loc.value;
  if (fieldsLoaded && !sections.has(f.section))
    at(loc, ['section'], `unknown section "${f.section}"`);
  if (f.type === 'enum' && !f.options) at(loc, ['options'], 'an enum field needs options');
  if (f.type !== 'enum' && f.options)
    at(loc, ['options'], `options are only for enum fields, not ${f.type}`);
  if (f.options) {
    const values = new Set<string>();
    f.options.forEach((o, i) => {
      if (values.has(o.value))
        at(loc, ['options', i, 'value'], `option "${o.value}" is listed twice`);
      values.add(o.value);
    });
  }
  if (f.personal && f.sources.length > 0) {
    at(loc, ['sources'], 'a personal field (only the citizen knows it) cannot have sources');
  }
  if (!f.personal && f.sources.length === 0) {
    at(loc, ['sources'], 'a field that is not personal needs at least one source');
  }
  if (new Set(f.sources).size !== f.sources.length)
    at(loc, ['sources'], 'a source is listed twice');
  const r = f.rules;
  if (!r) return;
  const only = (rule: keyof typeof r, ok: boolean, types: string): void => {
    if (r[rule] !== undefined && !ok)
      at(loc, ['rules', rule], `rule ${rule} applies to ${types} fields, not ${f.type}`);
  };
  only('minLength', TEXT_TYPES.has(f.type), 'text and address');
  only('maxLength', TEXT_TYPES.has(f.type), 'text and address');
  only('pattern', TEXT_TYPES.has(f.type), 'text and address');
  only('min', NUMERIC_TYPES.has(f.type), 'number and amount');
  only('max', NUMERIC_TYPES.has(f.type), 'number and amount');
  only('integer', f.type === 'number', 'number');
  only('notFuture', f.type === 'date', 'date');
  only('notBefore', f.type === 'date', 'date');
  only('maxDaysPast', f.type === 'date', 'date');
  only('maxDaysAhead', f.type === 'date', 'date');
  only('allowedChars', TEXT_TYPES.has(f.type), 'text and address');
  if (r.min !== undefined && r.max !== undefined && r.min > r.max)
    at(loc, ['rules', 'min'], 'min is greater than max');
  if (r.minLength !== undefined && r.maxLength !== undefined && r.minLength > r.maxLength) {
    at(loc, ['rules', 'minLength'], 'minLength is greater than maxLength');
  }
  if (r.allowedChars) {
    try {
      new RegExp(`[${r.allowedChars}]`, 'u');
    } catch (err) {
      at(loc, ['rules', 'allowedChars'], `invalid character class: ${(err as Error).message}`);
    }
  }
  if (r.pattern) {
    try {
      new RegExp(r.pattern.regex, 'u');
    } catch (err) {
      at(
        loc,
        ['rules', 'pattern', 'regex'],
        `invalid regular expression: ${(err as Error).message}`,
      );
    }
  }
}

/** Problems of one condition text against the field dictionary (empty when it is sound). */
export function conditionProblems(
  text: string,
  fields: ReadonlyMap<string, FieldDefinition>,
  checkKeys = true,
): string[] {
  const parsed = parseCondition(text);
  if (!parsed.ok) {
    return [
      `cannot parse condition "${text}": ${parsed.message} (at character ${parsed.offset + 1})`,
    ];
  }
  if (!checkKeys) return [];
  const out: string[] = [];
  for (const key of conditionFields(parsed.node)) {
    if (!fields.has(key)) out.push(`condition "${text}" refers to unknown field "${key}"`);
  }
  const walk = (n: ConditionNode): void => {
    if ('args' in n) {
      n.args.forEach(walk);
      return;
    }
    const def = fields.get(n.field);
    if (!def) return;
    const literals = n.op === 'in' ? n.values : [n.value];
    if (n.op === '>' || n.op === '>=' || n.op === '<' || n.op === '<=') {
      if (!NUMERIC_TYPES.has(def.type)) {
        out.push(
          `condition "${text}" compares ${n.field} (${def.type}) with ${n.op}, which needs a number or amount field`,
        );
      }
      if (literals.some((l) => typeof l !== 'number'))
        out.push(`condition "${text}" compares with ${n.op} against a non-number`);
      return;
    }
    if (def.type === 'enum') {
      const options = def.options?.map((o) => o.value) ?? [];
      for (const l of literals) {
        if (!options.includes(String(l))) {
          out.push(
            `condition "${text}": "${String(l)}" is not an option of ${n.field} (${options.join(', ')})`,
          );
        }
      }
    }
    if (def.type === 'boolean' && literals.some((l) => typeof l !== 'boolean')) {
      out.push(`condition "${text}": ${n.field} is yes/no, compare it with true or false`);
    }
  };
  walk(parsed.node);
  return out;
}
