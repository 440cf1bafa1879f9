import { formatAddress, parseAddress } from '@onething/contract/catalogue/address';
import {
  type Division,
  DIVISION_LEVELS,
  divisionPath,
  type DivisionTable,
} from '@onething/contract/catalogue/division-table';

/** What the picker shows: the codes chosen so far (province first), their names, the detail. */
export interface AddressChoice {
  path: string[];
  names: string[];
  detail: string;
}

/**
 * The choice a stored value stands for; an empty field starts at the booth's own county
 * (province, city and county chosen, the township to pick), so most citizens tap once.
 */
export function startChoice(value: string, home: string | undefined): AddressChoice {
  const parts = value ? parseAddress(value) : null;
  if (parts) return { path: divisionPath(parts.code), names: parts.names, detail: parts.detail };
  return { path: home ? divisionPath(home) : [], names: [], detail: value };
}

/** The choice with its names read from the table where they were not known yet. */
export function named(choice: AddressChoice, table: DivisionTable | null): AddressChoice {
  if (!table || choice.names.length === choice.path.length) return choice;
  const names = choice.path.map((c) => table.find(c)?.name);
  if (names.some((n) => n === undefined)) return { ...choice, path: [], names: [] };
  return { ...choice, names: names as string[] };
}

/** The places to choose from at `level`, the booth's own first, then in code order. */
export function choicesAt(
  table: DivisionTable,
  path: readonly string[],
  level: number,
  home: string | undefined,
): Division[] {
  const parent = level === 0 ? '' : path[level - 1];
  if (parent === undefined) return [];
  const list = table.children(parent);
  const own = home?.slice(0, DIVISION_LEVELS[level]);
  const first = list.filter((d) => d.code === own);
  return [...first, ...list.filter((d) => d.code !== own)];
}

/** The choice after picking `division` at `level`: the levels below it are cleared. */
export function pickAt(choice: AddressChoice, level: number, division: Division): AddressChoice {
  return {
    path: [...choice.path.slice(0, level), division.code],
    names: [...choice.names.slice(0, level), division.name],
    detail: choice.detail,
  };
}

/**
 * The answer stored for a choice: region and detail in the stored form; nothing while neither
 * a township nor any detail was given (the preselected county alone is not an answer).
 */
export function answerOf(choice: AddressChoice, touched: boolean): string {
  const code = choice.path.at(-1);
  if (!code || choice.names.length !== choice.path.length) return choice.detail;
  if (!touched && !choice.detail) return '';
  return formatAddress({ code, names: choice.names, detail: choice.detail });
}
