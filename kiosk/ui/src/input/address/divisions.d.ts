/** Administrative divisions made at build time by scripts/divisions.ts (vite.config.ts). */
declare module 'virtual:divisions' {
  /** [code, name] of every province, prefecture and county. */
  export const counties: [string, string][];
  /** Each province's townships, by 2-digit province code, fetched on demand. */
  export const townships: Record<string, () => Promise<{ default: [string, string][] }>>;
}
