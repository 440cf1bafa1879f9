import { checkIdNumber } from '../identity/id-number.ts';
import { checkAddress, parseAddress } from './address.ts';
import type { DivisionTable } from './division-table.ts';
import { findEthnicGroup } from './ethnic-groups.ts';
import type { FieldDefinition, FieldRules, Localized } from './schema.ts';
import { checkUscc } from './uscc.ts';

/**
 * Checks one answer against its canonical field definition. Shared so the kiosk validates as
 * the citizen types with the same rules and messages the server applies on submission.
 */
export type FieldValue = string | number | boolean;

export const FIELD_RULES = [
  'required',
  'format',
  'checksum',
  'birthDate',
  'notFuture',
  'notBefore',
  'notAfter',
  'min',
  'max',
  'integer',
  'minLength',
  'maxLength',
  'pattern',
  'allowedChars',
  'option',
  /** An address whose region code is unknown, whose names are not the code's, or is unfinished. */
  'region',
  'unknownField',
] as const;
export type FieldRule = (typeof FIELD_RULES)[number];

export interface FieldProblem {
  rule: FieldRule;
  message: Localized;
}

export interface CheckFieldOptions {
  required: boolean;
  /** Today as YYYY-MM-DD (local calendar of the service region); injectable for tests. */
  today?: string;
  /**
   * The administrative divisions address answers are checked against (the server always has
   * them); without them only an address's form and completeness are checked.
   */
  divisions?: DivisionTable;
}

const PHONE_RE = /^1[3-9]\d{9}$/;
const AMOUNT_RE = /^\d{1,13}(\.\d{1,2})?$/;
const NUMBER_RE = /^-?\d{1,15}(\.\d{1,6})?$/;

function problem(def: FieldDefinition, rule: FieldRule, zh: string, en: string): FieldProblem {
  return { rule, message: { zh: `${def.label.zh}：${zh}`, en: `${def.label.en}: ${en}` } };
}

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && !value.trim());
}

function realDate(s: string): boolean {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** Today as YYYY-MM-DD on the local calendar. */
export function todayIso(): string {
  const now = new Date();
  const local = new Date(now.getTime() - now.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 10);
}

function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export interface DateBounds {
  /** Earliest allowed date (YYYY-MM-DD), inclusive. */
  min?: string;
  /** Latest allowed date, inclusive. */
  max?: string;
}

/**
 * The range a date field's rules allow on `today`: the kiosk's date picker offers only these
 * days and the check below refuses others, so both read the rules the same way.
 */
export function dateBounds(rules: FieldRules | undefined, today: string): DateBounds {
  const mins = [
    rules?.notBefore,
    rules?.maxDaysPast !== undefined ? addDays(today, -rules.maxDaysPast) : undefined,
  ];
  const maxes = [
    rules?.notFuture ? today : undefined,
    rules?.maxDaysAhead !== undefined ? addDays(today, rules.maxDaysAhead) : undefined,
  ];
  const min = mins
    .filter((d): d is string => !!d)
    .sort()
    .at(-1);
  const max = maxes.filter((d): d is string => !!d).sort()[0];
  return { ...(min ? { min } : {}), ...(max ? { max } : {}) };
}

/** Characters of `s` outside the field's allowed set, in order, once each. */
export function disallowedChars(rules: FieldRules | undefined, s: string): string[] {
  if (!rules?.allowedChars) return [];
  const ok = new RegExp(`^[${rules.allowedChars}]$`, 'u');
  return [...new Set([...s].filter((ch) => !ok.test(ch)))];
}

function checkNumberRange(def: FieldDefinition, n: number): FieldProblem | null {
  const r = def.rules;
  if (r?.integer && !Number.isInteger(n)) {
    return problem(def, 'integer', '请填写整数', 'must be a whole number');
  }
  if (r?.min !== undefined && n < r.min) {
    return problem(def, 'min', `不能小于 ${r.min}`, `must be at least ${r.min}`);
  }
  if (r?.max !== undefined && n > r.max) {
    return problem(def, 'max', `不能大于 ${r.max}`, `must be at most ${r.max}`);
  }
  return null;
}

function checkText(def: FieldDefinition, s: string): FieldProblem | null {
  const r = def.rules;
  const length = [...s].length;
  const bad = disallowedChars(r, s);
  if (bad.length > 0) {
    return problem(
      def,
      'allowedChars',
      `不能含有“${bad.join('')}”`,
      `cannot contain “${bad.join('')}”`,
    );
  }
  if (r?.minLength !== undefined && length < r.minLength) {
    return problem(
      def,
      'minLength',
      `至少 ${r.minLength} 个字`,
      `needs at least ${r.minLength} characters`,
    );
  }
  if (r?.maxLength !== undefined && length > r.maxLength) {
    return problem(
      def,
      'maxLength',
      `最多 ${r.maxLength} 个字`,
      `allows at most ${r.maxLength} characters`,
    );
  }
  if (r?.pattern && !new RegExp(`^(?:${r.pattern.regex})$`, 'u').test(s)) {
    return {
      rule: 'pattern',
      message: {
        zh: `${def.label.zh}：${r.pattern.message.zh}`,
        en: `${def.label.en}: ${r.pattern.message.en}`,
      },
    };
  }
  return null;
}

/** Null when the value satisfies the definition, otherwise the first broken rule. */
export function checkFieldValue(
  def: FieldDefinition,
  value: unknown,
  opts: CheckFieldOptions,
): FieldProblem | null {
  if (isEmpty(value)) {
    return opts.required ? problem(def, 'required', '必填', 'is required') : null;
  }
  switch (def.type) {
    case 'boolean':
      return typeof value === 'boolean'
        ? null
        : problem(def, 'format', '请选择“是”或“否”', 'choose yes or no');
    case 'enum': {
      const options = def.options ?? [];
      if (typeof value === 'string' && options.some((o) => o.value === value)) return null;
      const list = options.map((o) => o.label.zh).join('、');
      const listEn = options.map((o) => o.label.en).join(', ');
      return problem(def, 'option', `请从以下选项中选择：${list}`, `choose one of: ${listEn}`);
    }
    case 'amount': {
      const s = typeof value === 'number' ? String(value) : value;
      if (typeof s !== 'string' || !AMOUNT_RE.test(s.trim())) {
        return problem(
          def,
          'format',
          '请填写金额（元），最多两位小数',
          'must be an amount in yuan with at most 2 decimals',
        );
      }
      return checkNumberRange(def, Number(s));
    }
    case 'number': {
      const s = typeof value === 'number' ? String(value) : value;
      if (typeof s !== 'string' || !NUMBER_RE.test(s.trim())) {
        return problem(def, 'format', '请填写数字', 'must be a number');
      }
      return checkNumberRange(def, Number(s));
    }
  }
  if (typeof value !== 'string') {
    return problem(def, 'format', '请填写文字', 'must be text');
  }
  const s = value.trim();
  switch (def.type) {
    case 'idNumber': {
      const p = checkIdNumber(s);
      if (p === 'format') {
        return problem(
          def,
          'format',
          '应为18位，前17位为数字，末位为数字或大写X',
          'must be 18 characters: 17 digits then a digit or capital X',
        );
      }
      if (p === 'birthDate') {
        return problem(
          def,
          'birthDate',
          '其中的出生日期不存在',
          'contains a birth date that does not exist',
        );
      }
      if (p === 'checksum') {
        return problem(
          def,
          'checksum',
          '校验码不正确，请核对号码',
          'check character is wrong; please check the number',
        );
      }
      return null;
    }
    case 'uscc': {
      const p = checkUscc(s);
      if (p === 'format') {
        return problem(
          def,
          'format',
          '应为18位统一社会信用代码（不含字母I、O、S、V、Z）',
          'must be an 18-character unified social credit code (no I, O, S, V or Z)',
        );
      }
      if (p === 'checksum') {
        return problem(
          def,
          'checksum',
          '校验码不正确，请核对代码',
          'check character is wrong; please check the code',
        );
      }
      return null;
    }
    case 'phone':
      return PHONE_RE.test(s)
        ? null
        : problem(
            def,
            'format',
            '请填写11位手机号码',
            'must be an 11-digit mobile number starting with 1',
          );
    case 'date': {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) {
        return problem(
          def,
          'format',
          '请按“年-月-日”填写，如 2024-05-01',
          'must be a date as YYYY-MM-DD',
        );
      }
      if (!realDate(s)) return problem(def, 'format', '日期不存在', 'is not a real date');
      const today = opts.today ?? todayIso();
      if (def.rules?.notFuture && s > today) {
        return problem(def, 'notFuture', '不能晚于今天', 'cannot be after today');
      }
      const { min, max } = dateBounds(def.rules, today);
      if (min && s < min) {
        return problem(def, 'notBefore', `不能早于 ${min}`, `cannot be before ${min}`);
      }
      if (max && s > max) {
        return problem(def, 'notAfter', `不能晚于 ${max}`, `cannot be after ${max}`);
      }
      return null;
    }
    case 'address':
      return checkAddressField(def, s, opts.divisions);
    case 'ethnicity':
      return findEthnicGroup(s)
        ? null
        : problem(
            def,
            'option',
            `请从56个民族中选择，“${s}”不是其中之一`,
            `choose one of the 56 ethnic groups; “${s}” is not one of them`,
          );
    default:
      return checkText(def, s);
  }
}

function checkAddressField(
  def: FieldDefinition,
  s: string,
  divisions: DivisionTable | undefined,
): FieldProblem | null {
  const p = checkAddress(s, divisions);
  switch (p?.kind) {
    case undefined:
      // the length rules are the detail line's: the region's names are picked, not typed
      return checkText(def, parseAddress(s)?.detail ?? s);
    case 'format':
      return problem(
        def,
        'format',
        '请依次选择省、市、区县、街道（乡镇），再填写详细地址',
        'choose the province, city, district and street (township), then type the rest',
      );
    case 'unknownRegion':
      return problem(
        def,
        'region',
        `行政区划代码“${p.code}”不存在，请重新选择地区`,
        `there is no region with the code “${p.code}”; choose the region again`,
      );
    case 'namesMismatch':
      return problem(
        def,
        'region',
        `地区名称与行政区划代码${p.code}不符（应为“${p.expected}”），请重新选择地区`,
        `the place names do not match region code ${p.code} (“${p.expected}”); choose the region again`,
      );
    case 'incomplete':
      return problem(
        def,
        'region',
        '请选到街道（乡镇）一级',
        'choose down to the street (township)',
      );
    case 'noDetail':
      return problem(
        def,
        'required',
        '请填写详细地址（路名、门牌号等）',
        'type the rest of the address (road, number, building, room)',
      );
  }
}
