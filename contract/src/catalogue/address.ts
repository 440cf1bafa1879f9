import {
  type Division,
  DIVISION_LEVELS,
  divisionLevel,
  type DivisionTable,
} from './division-table.ts';

/**
 * An address answer: the region picked from the administrative divisions (province → city →
 * county → township) and the free detail line (road, number, building, room). Stored as one
 * string that reads as an address and carries the township code at the end, the way region
 * names are written elsewhere ("广东省广州市番禺区（440113）"):
 *
 *   广东省 广州市 番禺区 市桥街道 东环路1号（440113007）
 *
 * The names are separated by single spaces and are as many as the code's level says (four for
 * a 9-digit code), so the detail line may hold spaces of its own. The server checks that the
 * code exists and the names are its names (checkAddress); the kiosk's picker writes only such
 * values; prefill turns a register's plain address text into one (addressFromText).
 */
export interface AddressParts {
  /** The deepest division picked: 2, 4, 6 or 9 digits. */
  code: string;
  /** Its name and its parents', province first. */
  names: string[];
  /** What the citizen types after the region; may be empty while the address is unfinished. */
  detail: string;
}

const CODE_AT_END = /^([\s\S]*)（(\d{2}|\d{4}|\d{6}|\d{9})）$/u;

export function formatAddress(parts: AddressParts): string {
  return `${[...parts.names, parts.detail.trim()].join(' ')}（${parts.code}）`;
}

/** The parts of a stored address, or null when the value is not in the stored form. */
export function parseAddress(value: string): AddressParts | null {
  const m = CODE_AT_END.exec(value.trim());
  if (!m) return null;
  const [, body = '', code = ''] = m;
  const count = divisionLevel(code) + 1;
  const tokens = body.split(' ');
  const names = tokens.slice(0, count);
  if (names.length < count || names.some((n) => !n)) return null;
  return { code, names, detail: tokens.slice(count).join(' ').trim() };
}

/** A name that adds nothing when written out: 市辖区, or a county named like its city (东莞市). */
function silent(name: string, parent: string | undefined): boolean {
  return name === '市辖区' || name === parent;
}

/** The address as it is written: 广东省广州市番禺区市桥街道东环路1号; other text as it is. */
export function addressText(value: string): string {
  const parts = parseAddress(value);
  if (!parts) return value;
  return parts.names.filter((n, i) => !silent(n, parts.names[i - 1])).join('') + parts.detail;
}

export type AddressProblem =
  | { kind: 'format' }
  | { kind: 'unknownRegion'; code: string }
  | { kind: 'namesMismatch'; code: string; expected: string }
  | { kind: 'incomplete' }
  | { kind: 'noDetail' };

/**
 * What is wrong with a stored address, or null. Without a table only the form and completeness
 * are checked (the kiosk before its data has loaded); with one, that the code exists, that the
 * names are the division's and its parents', and that nothing lies below it.
 */
export function checkAddress(value: string, table?: DivisionTable): AddressProblem | null {
  const parts = parseAddress(value);
  if (!parts) return { kind: 'format' };
  if (table) {
    const path = table.path(parts.code);
    if (!path) return { kind: 'unknownRegion', code: parts.code };
    const expected = path.map((d) => d.name);
    if (expected.join(' ') !== parts.names.join(' ')) {
      return { kind: 'namesMismatch', code: parts.code, expected: expected.join('') };
    }
    if (table.children(parts.code).length > 0) return { kind: 'incomplete' };
  } else if (divisionLevel(parts.code) < DIVISION_LEVELS.length - 1) {
    return { kind: 'incomplete' };
  }
  return parts.detail ? null : { kind: 'noDetail' };
}

/** Names a place may be written with: 广东省 or 广东, 市桥街道办事处 or 市桥街道. */
function writtenForms(name: string): string[] {
  const forms = [name];
  const short = name.replace(/(办事处|省|市)$/u, '');
  if (short !== name && short.length >= 2) forms.push(short);
  return forms.sort((a, b) => b.length - a.length);
}

interface Walk {
  path: Division[];
  rest: string;
}

/** The divisions `rest` starts with, from below `parent` down to a township, and what follows. */
function descend(table: DivisionTable, parent: Division | null, rest: string): Walk | null {
  const children = table.children(parent?.code ?? '');
  if (children.length === 0) return { path: [], rest };
  for (const child of children) {
    const form = writtenForms(child.name).find((f) => rest.startsWith(f));
    if (form === undefined) continue;
    const below = descend(table, child, rest.slice(form.length));
    if (below) return { path: [child, ...below.path], rest: below.rest };
  }
  // 北京市东城区…: the 市辖区 between them is not written
  for (const child of children) {
    if (!silent(child.name, parent?.name)) continue;
    const below = descend(table, child, rest);
    if (below) return { path: [child, ...below.path], rest: below.rest };
  }
  return null;
}

/**
 * A plain address ("广东省广州市番禺区市桥街道东环路1号", as a register or an ID card has it) as
 * a stored address, when its places can be read down to the township and some detail follows;
 * otherwise null (the citizen picks the region). A stored address is returned as it is.
 */
export function addressFromText(text: string, table: DivisionTable): string | null {
  const trimmed = text.trim();
  if (parseAddress(trimmed)) return trimmed;
  const walk = descend(table, null, trimmed);
  const last = walk?.path.at(-1);
  const detail = walk?.rest.trim();
  if (!walk || !last || !detail || divisionLevel(last.code) !== DIVISION_LEVELS.length - 1) {
    return null;
  }
  return formatAddress({ code: last.code, names: walk.path.map((d) => d.name), detail });
}
