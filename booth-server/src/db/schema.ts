import type { ColumnType, Generated } from 'kysely';

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
  /**
   * 1 after an administrator set the password: the person must change it at sign-in. The
   * column defaults to 0, so rows written without it are ordinary accounts.
   */
  must_change_password: ColumnType<number, number | undefined, number>;
  created_at: number;
  updated_at: number;
}

/** A role change waiting for, or decided by, a security administrator. */
export interface RoleGrantTable {
  id: string;
  account_id: string;
  roles: string; // JSON Role[]
  department: string | null;
  requested_by: string;
  requested_at: number;
  status: string; // 'pending' | 'approved' | 'rejected'
  decided_by: string | null;
  decided_at: number | null;
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

/** One counted key (`pair:…`, `account:…`, `address:…`, `case:…`); see AttemptCounter. */
export interface AttemptCounterTable {
  key: string;
  attempts: number;
  window_start: number;
  blocked_until: number;
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
  /** Position in the hash chain (no gaps); null only until the chain head has sealed it. */
  seq: number | null;
  /** Digest of the content (suite-prefixed, e.g. `sm3:…`). */
  digest: string | null;
  /** H(previous chain ‖ digest). */
  chain: string | null;
  /** Set when `details` was redacted later; the digest still stands for the original. */
  redacted_at: number | null;
}

export interface AuditChainTable {
  id: number;
  seq: number;
  chain: string;
  floor_seq: number;
  floor_chain: string;
}

export interface AuditAnchorTable {
  seq: number;
  chain: string;
  /** SHA-256 (hex) of `seq\nchain`: what the time-stamp covers. */
  digest: string;
  /** The RFC 3161 TimeStampResp, DER in base64. */
  token: string;
  gen_time: number;
  serial: string;
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
  /** Public id the bridge names in attestations (the token itself stays with the page). */
  session_id: string | null;
}

/** The identity the device bridge attested for a kiosk session, for one visit (until wiped). */
export interface KioskAttestationTable {
  session_id: string;
  visit_id: string;
  terminal_id: string;
  method: string;
  /** IdentityCardData as JSON: the attested actor. */
  actor: string;
  attested_at: number;
  expires_at: number;
}

/** Cases filed or served in a visit: only that visit may rate them from a kiosk. */
export interface KioskVisitCaseTable {
  visit_id: string;
  case_number: string;
  terminal_id: string;
  relation: string;
  created_at: number;
}

/** Certificates printed at a terminal: what /verify/<serial> shows and checks. */
export interface CertificateTable {
  serial: string;
  item_code: string;
  title: string;
  issuer: string;
  terminal_id: string;
  visit_id: string;
  holder_masked: string;
  issued_at: number;
  valid_until: number;
  /** Keyed digest (HMAC) of the certificate's content; printed in its QR code. */
  digest: string;
}

export interface CaseTable {
  case_number: string;
  idempotency_key: string;
  payload_hash: string;
  bundle_code: string;
  catalogue_version: string;
  item_codes: string; // JSON string[]
  terminal_id: string | null;
  channel: string;
  applicant_id_hash: string;
  applicant_last4: string;
  applicant: string; // JSON identity (personal data: server-side only, role-gated)
  answers: string; // JSON
  materials: string; // JSON { materialId: uploadId | 'licence' }
  /** GB/T 2260 code of the terminal it was filed at; null for cases filed before 010. */
  region?: string | null;
  /** The catalogue field naming the case's subject (bundle subjectKey); null before 011. */
  subject_field?: string | null;
  /** Keyed blind index of the bundle and the subject's value: one open case per subject. */
  subject_index?: string | null;
  status: string;
  submitted_at: number;
  due_at: number | null;
  updated_at: number;
  /** JSON CaseEvidence: which source supplied each prefilled field, the 免提交 licences. */
  evidence?: string | null;
}

/** A licence a finished sub-case issued to the electronic licence library. */
export interface IssuedLicenceTable {
  id: string;
  case_number: string;
  sub_case_id: string;
  licence_code: string;
  item_code: string;
  holder_id_hash: string;
  issuer: string;
  issued_at: number;
}

export interface SubCaseTable {
  id: string;
  case_number: string;
  department: string;
  item_codes: string; // JSON string[]
  status: string;
  due_at: number | null;
  note: string | null;
  handled_by: string | null;
  updated_at: number;
  /** Optimistic version: every move increments it; a move names the version it saw. */
  version?: number;
  /** 1: the due date was counted without the holiday calendar of a year it reaches. */
  due_provisional?: number;
  /** JSON SubCaseCorrectionRecord: the open (or last) 补正 request. */
  correction?: string | null;
}

export interface CaseEventTable {
  id: string;
  case_number: string;
  sub_case_id: string | null;
  at: number;
  actor_type: string;
  actor_id: string | null;
  from_status: string | null;
  to_status: string;
  note: string | null;
  /** The reason code from the item's list (workbench actions). */
  reason_code?: string | null;
}

export interface CaseCounterTable {
  day: string;
  n: number;
}

export interface UploadTable {
  id: string;
  sha256: string;
  media_type: string;
  bytes: number;
  terminal_id: string | null;
  created_at: number;
}

export interface RatingTable {
  id: string;
  case_number: string;
  channel: string;
  level: string;
  dimensions: string; // JSON
  comment: string | null;
  staff_id: string | null;
  department: string | null;
  call_id: string | null;
  at: number;
}

export interface FollowUpTable {
  id: string;
  rating_id: string;
  case_number: string;
  due_at: number;
  status: string; // open | done
  resolution: string | null;
  resolved_by: string | null;
  resolved_at: number | null;
  created_at: number;
  /** Null on follow-ups opened before the call-back step existed. */
  call_back_due_at: number | null;
  called_back_at: number | null;
  called_back_by: string | null;
  call_back_note: string | null; // sealed (FieldCipher)
  re_rating_level: string | null;
  re_rating_comment: string | null; // sealed (FieldCipher)
  re_rated_at: number | null;
  alerted: string | null; // JSON ('callBack' | 'fix')[]
}

/** A rating on its way to the national 好差评 platform: kept until the platform took it. */
export interface RatingReportTable {
  id: string; // also the idempotency key the platform sees
  rating_id: string;
  kind: string; // rating | reRating
  payload: string; // JSON RatingReport
  attempts: number;
  next_at: number;
  first_at: number;
  last_error: string | null;
  sent_at: number | null;
}

export interface TerminalStatusTable {
  terminal_id: string;
  last_seen_at: number;
  heartbeat: string; // JSON Heartbeat (no personal data by schema)
  clock_skew_ms: number;
}

export interface TerminalHeartbeatTable {
  id: string;
  terminal_id: string;
  at: number;
  heartbeat: string;
}

export interface TerminalPresenceTable {
  id: string;
  terminal_id: string;
  from_at: number;
  to_at: number;
}

export interface TerminalEventTable {
  id: string;
  terminal_id: string;
  at: number;
  kind: string;
  detail: string;
}

export interface AlertTable {
  id: string;
  terminal_id: string;
  rule: string;
  severity: string;
  detail: string;
  opened_at: number;
  acknowledged_by: string | null;
  acknowledged_at: number | null;
  resolved_at: number | null;
}

export interface RoutingRowTable {
  id: string;
  state: string;
  data: string; // JSON, validated by the routing schemas on read
}

export interface RoutingJsonTable {
  id: string;
  data: string;
}

/** A media node's announcement, refreshed by its heartbeat (docs/architecture.md, "Media nodes"). */
export interface MediaNodeTable {
  id: string;
  /** 行政区划 code served; '' for any region. */
  region: string;
  announced_address: string | null;
  control_url: string;
  /** Call rooms open on the node. */
  load: number;
  available: number; // 0/1: its workers run
  started_at: number;
  heartbeat_at: number;
}

/** Which node holds each peer's half of a call, for whichever process holds the peer's socket. */
export interface MediaCallLegTable {
  call_id: string;
  peer_id: string;
  node_id: string;
  node_started_at: number;
  peer: string; // JSON PeerInfo (role, staff name, region: no citizen's personal data)
}

export interface DB {
  media_nodes: MediaNodeTable;
  media_call_legs: MediaCallLegTable;
  staff_accounts: StaffAccountTable;
  role_grants: RoleGrantTable;
  staff_sessions: StaffSessionTable;
  attempt_counters: AttemptCounterTable;
  audit_log: AuditLogTable;
  audit_chain: AuditChainTable;
  audit_anchors: AuditAnchorTable;
  terminals: TerminalTable;
  kiosk_sessions: KioskSessionTable;
  kiosk_attestations: KioskAttestationTable;
  kiosk_visit_cases: KioskVisitCaseTable;
  certificates: CertificateTable;
  cases: CaseTable;
  sub_cases: SubCaseTable;
  case_events: CaseEventTable;
  case_counters: CaseCounterTable;
  issued_licences: IssuedLicenceTable;
  uploads: UploadTable;
  ratings: RatingTable;
  follow_ups: FollowUpTable;
  rating_reports: RatingReportTable;
  call_backs: {
    id: string;
    queue_id: string;
    terminal_id: string;
    site: string;
    bundle_code: string | null;
    language: string;
    phone_enc: string;
    phone_masked: string;
    state: string;
    created_at: number;
    claimed_by: string | null;
    claimed_at: number | null;
    ended_at: number | null;
    note: string | null;
  };
  sms_outbox: {
    id: string;
    template: string;
    phone_enc: string;
    phone_masked: string;
    text: string;
    attempts: number;
    next_at: number;
    first_at: number;
    last_error: string | null;
    sent_at: number | null;
  };
  terminal_status: TerminalStatusTable;
  terminal_heartbeats: TerminalHeartbeatTable;
  terminal_presence: TerminalPresenceTable;
  terminal_events: TerminalEventTable;
  alerts: AlertTable;
  routing_tickets: RoutingRowTable;
  routing_agents: RoutingJsonTable;
  routing_offers: RoutingRowTable;
  routing_queue_stats: { queue_id: string; data: string };
  routing_maintenance: { terminal_id: string };
  routing_records: { id: string; at: number; data: string };
  routing_revision: { id: number; revision: number };
  booth_calls: {
    ticket_id: string;
    terminal_id: string;
    data: string; // JSON CallRecord (no identity), validated on read
    ended_at: number | null;
  };
  jobs: {
    kind: string;
    key: string;
    due_at: number;
    payload: string; // JSON
    every_ms: number | null;
    locked_until: number | null;
    token: Generated<number>;
    attempts: Generated<number>;
  };
  booth_notices: { id: string; target: string; event: string; payload: string; at: number };
  case_grants: { case_number: string; staff_id: string; ticket_id: string; granted_at: number };
  catalogue_versions: {
    id: string;
    declared: string;
    sources: string; // JSON CatalogueSource[]
    published_at: number;
    published_by: string | null;
    note: string | null;
  };
  consents: {
    id: string;
    case_number: string;
    purpose: string; // ConsentPurpose
    wording: string;
    terminal_id: string | null;
    given_at: number;
  };
  catalogue_drafts: {
    kind: string; // item | bundle
    code: string;
    definition: string; // JSON
    updated_by: string | null;
    updated_at: number;
  };
}
