import type { AuditAnchors } from './audit-anchors.ts';
import type { AuditVerification } from './audit-chain.ts';
import type { AuditLog } from './audit-log.ts';

export interface AuditTrailVerification extends AuditVerification {
  /** How many time-stamped anchors the chain was checked against. */
  anchors: number;
  head: Awaited<ReturnType<AuditLog['head']>>;
}

/** The whole check an auditor runs: the chain from floor to head, then the anchors. */
export async function verifyAuditTrail(
  audit: AuditLog,
  anchors: AuditAnchors,
): Promise<AuditTrailVerification> {
  const chain = await audit.verify();
  const anchored = await anchors.verify();
  const problems = [...chain.problems, ...anchored.problems];
  return {
    ok: problems.length === 0,
    checked: chain.checked,
    problems,
    anchors: anchored.anchors,
    head: await audit.head(),
  };
}
