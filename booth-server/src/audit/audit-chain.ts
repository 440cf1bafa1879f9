import { CryptoSuite } from '../crypto/crypto-suite.ts';

/** The chain value before the first entry. */
export const GENESIS = 'genesis';

/** The columns an entry's digest covers. */
export interface AuditContent {
  id: string;
  at: number | string;
  actor_type: string;
  actor_id: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  ip: string | null;
  details: string | null;
}

export interface ChainRow extends AuditContent {
  seq: number;
  digest: string | null;
  chain: string | null;
  redacted_at: number | null;
}

const suites = new Map<string, CryptoSuite>();

function suiteFor(hash: string): CryptoSuite | null {
  const name = hash === 'sm3' ? 'sm' : hash === 'sha256' ? 'intl' : null;
  if (!name) return null;
  let s = suites.get(name);
  if (!s) {
    s = new CryptoSuite(name);
    suites.set(name, s);
  }
  return s;
}

/** `<hash>:<hex>` of the entry's content, in a fixed field order. */
export function contentDigest(suite: CryptoSuite, row: AuditContent): string {
  const canonical = JSON.stringify([
    row.id,
    Number(row.at),
    row.actor_type,
    row.actor_id,
    row.action,
    row.target_type,
    row.target_id,
    row.ip,
    row.details,
  ]);
  return `${suite.hash}:${suite.digest(canonical)}`;
}

/**
 * chain = H(previous chain ‖ digest). The chain covers digests, not payloads, so a payload may
 * later be redacted (its row keeps the digest and says when it was redacted) without breaking
 * the chain of the rows after it.
 */
export function chainOf(suite: CryptoSuite, previous: string, digest: string): string {
  return `${suite.hash}:${suite.digest(`${previous}\n${digest}`)}`;
}

export type AuditProblemKind =
  | 'changed'
  | 'deleted'
  | 'chain-broken'
  | 'unchained'
  // found against the time-stamped anchors (audit-anchors.ts)
  | 'truncated'
  | 'rewritten'
  | 'anchor-invalid'
  | 'anchor-missing';

export interface AuditProblem {
  kind: AuditProblemKind;
  /** The row (id and seq) the problem is at; for deletions, the gap's bounds. */
  id: string | null;
  seq: number | null;
  message: string;
}

export interface AuditVerification {
  ok: boolean;
  checked: number;
  problems: AuditProblem[];
}

/**
 * Walks the chain from its floor (where retention last cut it) to its head and names every row
 * whose content no longer matches its digest, every gap in the sequence (deleted rows), every
 * chain link that does not follow, and rows written around the log.
 */
export async function verifyChain(
  rows: AsyncIterable<ChainRow>,
  head: { seq: number; chain: string; floorSeq: number; floorChain: string },
  unchained: string[],
): Promise<AuditVerification> {
  const problems: AuditProblem[] = [];
  let expected = head.floorSeq + 1;
  let previous = head.floorChain;
  let previousId: string | null = null;
  let checked = 0;
  for await (const r of rows) {
    checked++;
    if (r.seq > expected) {
      problems.push({
        kind: 'deleted',
        id: previousId,
        seq: expected,
        message: `entries ${expected}${r.seq - 1 > expected ? `–${r.seq - 1}` : ''} are missing (deleted between ${previousId ?? 'the start'} and ${r.id})`,
      });
    }
    const [hash] = (r.digest ?? '').split(':');
    const suite = suiteFor(hash ?? '');
    if (!suite || !r.digest || !r.chain) {
      problems.push({
        kind: 'changed',
        id: r.id,
        seq: r.seq,
        message: `entry ${r.id} (#${r.seq}) has no valid digest`,
      });
    } else {
      if (r.redacted_at === null && contentDigest(suite, r) !== r.digest) {
        problems.push({
          kind: 'changed',
          id: r.id,
          seq: r.seq,
          message: `entry ${r.id} (#${r.seq}, ${r.action}) was changed: its content no longer matches its digest`,
        });
      }
      if (chainOf(suite, previous, r.digest) !== r.chain) {
        problems.push({
          kind: 'chain-broken',
          id: r.id,
          seq: r.seq,
          message: `entry ${r.id} (#${r.seq}) does not follow from the entry before it (digest or chain rewritten)`,
        });
      }
    }
    previous = r.chain ?? previous;
    previousId = r.id;
    expected = r.seq + 1;
  }
  if (head.seq >= expected) {
    problems.push({
      kind: 'deleted',
      id: previousId,
      seq: expected,
      message: `entries ${expected}${head.seq > expected ? `–${head.seq}` : ''} are missing at the end (after ${previousId ?? 'the start'})`,
    });
  } else if (checked > 0 && previous !== head.chain) {
    problems.push({
      kind: 'chain-broken',
      id: previousId,
      seq: expected - 1,
      message: 'the last entry does not match the chain head',
    });
  }
  for (const id of unchained) {
    problems.push({
      kind: 'unchained',
      id,
      seq: null,
      message: `entry ${id} was inserted around the audit log (no place in the chain)`,
    });
  }
  return { ok: problems.length === 0, checked, problems };
}
