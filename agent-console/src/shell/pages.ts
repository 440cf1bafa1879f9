import type { Role } from '@onething/contract/rest/staff';
import type { StringKey } from '../i18n/strings.ts';

export type PageId =
  | 'seat'
  | 'workbench'
  | 'supervisor'
  | 'followUps'
  | 'kpis'
  | 'fleet'
  | 'accounts'
  | 'terminals'
  | 'catalogue'
  | 'audit';

/**
 * Which pages each role sees; the server enforces the same split on every API. 三员分立:
 * accounts for the system and security administrators (each sees only their own controls),
 * terminals and the catalogue for the system administrator, the audit log for the auditor alone.
 */
export const PAGES: { id: PageId; label: StringKey; roles: Role[] }[] = [
  { id: 'seat', label: 'nav_seat', roles: ['agent'] },
  { id: 'workbench', label: 'nav_workbench', roles: ['agent'] },
  { id: 'supervisor', label: 'nav_supervisor', roles: ['supervisor'] },
  { id: 'followUps', label: 'nav_followUps', roles: ['supervisor'] },
  { id: 'kpis', label: 'nav_kpis', roles: ['supervisor'] },
  { id: 'fleet', label: 'nav_fleet', roles: ['maintenance'] },
  { id: 'accounts', label: 'nav_accounts', roles: ['sysadmin', 'secadmin'] },
  { id: 'terminals', label: 'admin_nav_terminals', roles: ['sysadmin'] },
  { id: 'catalogue', label: 'nav_catalogue', roles: ['sysadmin'] },
  { id: 'audit', label: 'nav_audit', roles: ['auditor'] },
];

export function pagesFor(roles: readonly Role[]) {
  return PAGES.filter((p) => p.roles.some((r) => roles.includes(r)));
}
