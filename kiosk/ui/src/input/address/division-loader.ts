import { DivisionTable } from '@onething/contract/catalogue/division-table';

/**
 * The kiosk's copy of the administrative divisions, fetched in pieces: the counties when an
 * address field first shows, a province's townships when one of its counties is opened. Both
 * are chunks of their own (scripts/divisions.ts), so the first screen loads none of it.
 */
let table: Promise<DivisionTable> | null = null;
const provinces = new Map<string, Promise<void>>();

export function loadDivisions(): Promise<DivisionTable> {
  table ??= import('virtual:divisions').then(({ counties }) => {
    const t = new DivisionTable();
    t.add(counties);
    return t;
  });
  return table;
}

/** The table with the townships of `code`'s province added. */
export async function loadTownships(code: string): Promise<DivisionTable> {
  const t = await loadDivisions();
  const province = code.slice(0, 2);
  let loading = provinces.get(province);
  if (!loading) {
    loading = import('virtual:divisions').then(async ({ townships }) => {
      const load = townships[province];
      if (load) t.add((await load()).default);
    });
    provinces.set(province, loading);
  }
  await loading;
  return t;
}
