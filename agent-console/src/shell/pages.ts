import type { Role } from '@onething/contract/rest/staff';
import type { StringKey } from '../i18n/strings.ts';

export type PageId = 'seat' | 'workbench' | 'supervisor' | 'fleet' | 'accounts' | 'audit';

/** Which pages each role sees; the server enforces the same split on every API. */
export const PAGES: { id: PageId; label: StringKey; roles: Role[] }[] = [
  { id: 'seat', label: 'nav_seat', roles: ['agent'] },
  { id: 'workbench', label: 'nav_workbench', roles: ['agent'] },
  { id: 'supervisor', label: 'nav_supervisor', roles: ['supervisor'] },
  { id: 'fleet', label: 'nav_fleet', roles: ['maintenance'] },
  { id: 'accounts', label: 'nav_accounts', roles: ['admin'] },
  { id: 'audit', label: 'nav_audit', roles: ['admin'] },
];

export function pagesFor(roles: readonly Role[]) {
  return PAGES.filter((p) => p.roles.some((r) => roles.includes(r)));
}
