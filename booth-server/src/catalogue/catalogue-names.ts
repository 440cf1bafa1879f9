import type { Text } from '@onething/contract/rest/kiosk';
import type { Catalogue } from './catalogue.ts';

/** The names screens show next to bundle and department codes (the current catalogue's). */
export interface CatalogueNames {
  bundle(code: string): Text | undefined;
  department(code: string): Text | undefined;
}

/** Names from whichever catalogue is current when asked. */
export function catalogueNames(current: () => Catalogue): CatalogueNames {
  return {
    bundle: (code) => current().bundle(code)?.name,
    department: (code) => current().department(code)?.name,
  };
}
