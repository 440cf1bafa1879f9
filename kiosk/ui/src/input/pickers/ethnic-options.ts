import { ETHNIC_GROUPS, ethnicValue } from '@onething/contract/catalogue/ethnic-groups';
import type { Lang } from '../../flow/flow-state.ts';
import type { Option } from './OptionList.tsx';

/**
 * The groups offered first, so most citizens find theirs without opening the full list: the
 * ten largest by the 2020 census, in the order of GB/T 3304.
 */
const COMMON = new Set(['01', '02', '03', '04', '05', '06', '07', '08', '11', '15']);

/** The 56 groups as options (value = the name as the ID card prints it). */
export function ethnicOptions(lang: Lang, all: boolean, current?: string): Option[] {
  return ETHNIC_GROUPS.filter((g) => all || COMMON.has(g.code) || ethnicValue(g) === current).map(
    (g) => ({ value: ethnicValue(g), text: lang === 'en' ? g.roman : g.name }),
  );
}
