type Path = (string | number)[];

export interface DiffRow {
  path: Path;
  live: unknown;
  draft: unknown;
}

function leaves(value: unknown, path: Path, out: Map<string, { path: Path; value: unknown }>) {
  if (value !== null && typeof value === 'object') {
    const entries = Array.isArray(value)
      ? value.map((v, i) => [i, v] as const)
      : Object.entries(value as Record<string, unknown>);
    // An empty list or object is a value of its own (a removed last step shows as a change).
    if (entries.length === 0) out.set(JSON.stringify(path), { path, value });
    for (const [k, v] of entries) leaves(v, [...path, k], out);
    return;
  }
  out.set(JSON.stringify(path), { path, value });
}

/**
 * What a draft changes against the live definition, one row per changed value (a list's entries
 * by position), in the order the draft holds them, then what the draft no longer has.
 */
export function diffDefinitions(live: unknown, draft: unknown): DiffRow[] {
  const a = new Map<string, { path: Path; value: unknown }>();
  const b = new Map<string, { path: Path; value: unknown }>();
  leaves(live, [], a);
  leaves(draft, [], b);
  const rows: DiffRow[] = [];
  for (const [key, { path, value }] of b) {
    const before = a.get(key)?.value;
    if (JSON.stringify(before) !== JSON.stringify(value))
      rows.push({ path, live: before, draft: value });
  }
  for (const [key, { path, value }] of a) {
    if (!b.has(key)) rows.push({ path, live: value, draft: undefined });
  }
  return rows;
}
