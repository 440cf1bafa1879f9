/**
 * Table types for the typed query layer. Timestamps are epoch milliseconds (numbers), JSON is
 * stored as text, booleans as 0/1: the lowest common denominator of SQLite and PostgreSQL, so
 * one query serves both.
 */
export interface StaffAccountTable {
  id: string;
  username: string;
  display_name: string;
  password_hash: string;
  roles: string; // JSON Role[]
  department: string | null;
  regions: string; // JSON string[]
  languages: string; // JSON string[]
  disabled: number;
  is_demo: number;
  created_at: number;
  updated_at: number;
}

export interface StaffSessionTable {
  token_hash: string;
  account_id: string;
  created_at: number;
  expires_at: number;
  last_seen_at: number;
  ip: string | null;
  user_agent: string | null;
}

export interface LoginThrottleTable {
  username: string;
  failures: number;
  first_failure_at: number;
  locked_until: number;
}

export interface AuditLogTable {
  id: string;
  at: number;
  actor_type: string;
  actor_id: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  ip: string | null;
  details: string | null; // JSON, personal data masked
}

export interface TerminalTable {
  id: string;
  name: string;
  site: string;
  region: string;
  kind: string; // 'terminal' | 'booth'
  enrolment_code_hash: string | null;
  enrolment_expires_at: number | null;
  credential_hash: string | null;
  enrolled_at: number | null;
  revoked_at: number | null;
  maintenance: number;
  created_at: number;
}

export interface KioskSessionTable {
  token_hash: string;
  terminal_id: string;
  created_at: number;
  expires_at: number;
}

export interface DB {
  staff_accounts: StaffAccountTable;
  staff_sessions: StaffSessionTable;
  login_throttle: LoginThrottleTable;
  audit_log: AuditLogTable;
  terminals: TerminalTable;
  kiosk_sessions: KioskSessionTable;
}
