import type { Migration } from 'kysely';
import * as m001 from './001_accounts_audit.ts';

/**
 * Versioned migrations, applied in key order at start-up. Append only: a released
 * migration is never edited, a change is a new entry.
 */
export const migrations: Record<string, Migration> = {
  '001_accounts_audit': m001,
};
