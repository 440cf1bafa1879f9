/**
 * What a scanned code means at this terminal. Two kinds are ours:
 * - the QR on our own receipt: the status-lookup URL `<base>?case=<case number>`;
 * - an electronic ID credential (居民身份证网上功能凭证). ASSUMPTION: its text starts with
 *   `CTID` followed by an opaque token; only the server can verify it.
 * Anything else is "not ours" and gets a calm message.
 */
export type ScanMeaning =
  | { kind: 'caseReceipt'; caseNumber: string }
  | { kind: 'electronicId'; code: string }
  | { kind: 'notOurs' };

const CASE_NUMBER_RE = /^[A-Za-z0-9-]{6,40}$/;
const EID_RE = /^CTID[:-]?[A-Za-z0-9+/=_-]{16,1990}$/i;

/** The URL printed as a QR code on the receipt (no personal data: the case number only). */
export function statusLookupUrl(base: string, caseNumber: string): string {
  return `${base}?case=${encodeURIComponent(caseNumber)}`;
}

export function classifyScan(text: string, statusBase: string): ScanMeaning {
  const s = text.trim();
  if (EID_RE.test(s)) return { kind: 'electronicId', code: s };
  let url: URL;
  try {
    url = new URL(s);
  } catch {
    return { kind: 'notOurs' };
  }
  const base = new URL(statusBase);
  // only receipts of this service: same host and the lookup path, not any URL with ?case=
  if (url.host !== base.host || url.pathname !== base.pathname) return { kind: 'notOurs' };
  const caseNumber = url.searchParams.get('case');
  if (!caseNumber || !CASE_NUMBER_RE.test(caseNumber)) return { kind: 'notOurs' };
  return { kind: 'caseReceipt', caseNumber };
}
