import type { IdentityCardData } from '@onething/contract/identity/identity-card';
import type { CaseStatus, Text } from '@onething/contract/rest/kiosk';
import type { FieldCipher } from '../crypto/field-cipher.ts';

/** A submission already validated against the merged form (the REST layer does that). */
export interface ValidatedSubmission {
  idempotencyKey: string;
  bundleCode: string;
  itemCodes: string[];
  identity: IdentityCardData;
  answers: Record<string, string | number | boolean>;
  /** material id → upload id, or 'licence' for 免提交 materials. */
  materials: Record<string, string>;
  /** The grounds of prefilled answers and 免提交 materials, shown to reviewers. */
  evidence?: CaseEvidence;
  channel: 'terminal' | 'booth';
  terminalId: string | null;
}

/** Which shared-data source supplied each prefilled field; the licence behind each 免提交 material. */
export interface CaseEvidence {
  fields: Record<string, string>;
  /** Material key → the licence found (its number masked). */
  licences: Record<string, { licence: string; number: string }>;
}

export interface Actor {
  type: 'staff' | 'terminal' | 'citizen' | 'system';
  id: string | null;
  ip?: string | null;
}

/** What a retry must repeat exactly; its keyed index tells a true retry from a reused key. */
export function payloadOf(sub: ValidatedSubmission): string {
  // Evidence is what the sources answered this time; a retry may differ there and is the same submission.
  const { idempotencyKey: _k, evidence: _e, ...rest } = sub;
  return stableStringify(rest);
}

/**
 * The status lookup's second factor as a keyed index bound to the case number, so equal last
 * four characters of different cases do not show as equal values in the table.
 */
export function last4Index(cipher: FieldCipher, caseNumber: string, last4: string): string {
  return cipher.index('last4', `${caseNumber}:${last4.toUpperCase()}`);
}

/** What a case is about, by the bundle's subject key (see CaseService's one-open-case rule). */
export interface CaseSubject {
  field: string;
  /** Keyed blind index of the bundle and the value: the value itself is never stored. */
  index: string;
  openStatuses: readonly CaseStatus[];
  ask: { department: Text; hotline: string | null };
}

/**
 * The subject's keyed index, per bundle (the same number in two bundles is two subjects), the
 * value normalised so a differently typed 'x' or full-width digit is the same subject.
 */
export function subjectIndex(
  cipher: FieldCipher,
  bundleCode: string,
  value: string | number | boolean,
): string {
  const normal = String(value).normalize('NFKC').replace(/\s+/g, '').toUpperCase();
  return cipher.index('subject', `${bundleCode}:${normal}`);
}

function stableStringify(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stableStringify).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableStringify((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}
