/**
 * China's administrative divisions down to the township (乡镇/街道): 2-digit province, 4-digit
 * prefecture, 6-digit county and 9-digit township codes of the National Bureau of Statistics'
 * 统计用区划代码 (whose first six digits are the GB/T 2260 codes). A child's code starts with
 * its parent's, so the tree needs nothing but the codes. The booth server holds every level;
 * the kiosk adds a province's townships when the citizen first opens that province.
 */
export interface Division {
  code: string;
  name: string;
}

/** Code lengths of the four levels: province, prefecture, county, township. */
export const DIVISION_LEVELS = [2, 4, 6, 9] as const;

/** 0 for a province … 3 for a township; -1 for anything that is not a division code's shape. */
export function divisionLevel(code: string): number {
  return /^\d+$/.test(code) ? DIVISION_LEVELS.indexOf(code.length as 2 | 4 | 6 | 9) : -1;
}

/** The codes from the province down to `code` itself: 440113007 → 44, 4401, 440113, 440113007. */
export function divisionPath(code: string): string[] {
  const level = divisionLevel(code);
  return level < 0 ? [] : DIVISION_LEVELS.slice(0, level + 1).map((n) => code.slice(0, n));
}

export class DivisionTable {
  #names = new Map<string, string>();
  #children = new Map<string, string[]>();

  /** Adds divisions as [code, name] pairs, parents before or after their children. */
  add(pairs: Iterable<readonly [string, string]>): void {
    for (const [code, name] of pairs) {
      const level = divisionLevel(code);
      if (level < 0 || this.#names.has(code)) continue;
      this.#names.set(code, name);
      const parent = level === 0 ? '' : code.slice(0, DIVISION_LEVELS[level - 1]);
      const list = this.#children.get(parent);
      if (list) list.push(code);
      else this.#children.set(parent, [code]);
    }
    for (const list of this.#children.values()) list.sort();
  }

  find(code: string): Division | undefined {
    const name = this.#names.get(code);
    return name === undefined ? undefined : { code, name };
  }

  /** The divisions under `code` ('' for the provinces) in code order; none when not held. */
  children(code: string): Division[] {
    return (this.#children.get(code) ?? []).map((c) => ({ code: c, name: this.#names.get(c)! }));
  }

  /** The divisions from the province down to `code`, or null when one of them is unknown. */
  path(code: string): Division[] | null {
    const path = divisionPath(code).map((c) => this.find(c));
    return path.length > 0 && path.every((d) => d !== undefined) ? (path as Division[]) : null;
  }

  get size(): number {
    return this.#names.size;
  }
}
