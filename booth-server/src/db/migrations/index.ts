import type { Migration } from 'kysely';
import * as m001 from './001_accounts_audit.ts';
import * as m002 from './002_terminals.ts';
import * as m003 from './003_cases.ts';
import * as m004 from './004_fleet.ts';
import * as m005 from './005_routing.ts';
import * as m006 from './006_catalogue_versions.ts';
import * as m007 from './007_kiosk_identity.ts';
import * as m008 from './008_attempt_counters.ts';
import * as m009 from './009_audit_chain.ts';
import * as m010 from './010_custody.ts';
import * as m011 from './011_case_subjects.ts';
import * as m012 from './012_rating_follow_up.ts';
import * as m013 from './013_consents.ts';
import * as m014 from './014_admin_duties.ts';
import * as m015 from './015_workbench.ts';
import * as m016 from './016_jobs.ts';
import * as m018 from './018_media_nodes.ts';
import * as m021 from './021_call_backs.ts';
import * as m023 from './023_audit_anchors.ts';

/**
 * Versioned migrations, applied in key order at start-up. Append only: a released
 * migration is never edited, a change is a new entry.
 */
export const migrations: Record<string, Migration> = {
  '001_accounts_audit': m001,
  '002_terminals': m002,
  '003_cases': m003,
  '004_fleet': m004,
  '005_routing': m005,
  '006_catalogue_versions': m006,
  '007_kiosk_identity': m007,
  '008_attempt_counters': m008,
  '009_audit_chain': m009,
  '010_custody': m010,
  '011_case_subjects': m011,
  '012_rating_follow_up': m012,
  '013_consents': m013,
  '014_admin_duties': m014,
  '015_workbench': m015,
  '016_jobs': m016,
  '018_media_nodes': m018,
  '021_call_backs': m021,
  '023_audit_anchors': m023,
};
