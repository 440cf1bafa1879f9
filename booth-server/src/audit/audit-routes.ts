import { AuditRoutes } from '@onething/contract/rest/audit-routes';
import type { AuditChainStatus, AuditEntry } from '@onething/contract/rest/staff';
import type { Router } from 'express';
import type { AccountService } from '../accounts/account-service.ts';
import { requireRole } from '../accounts/staff-auth.ts';
import { RestRouter } from '../http/rest-router.ts';
import type { TerminalRegistry } from '../terminals/terminal-registry.ts';
import type { AuditAnchors } from './audit-anchors.ts';
import type { AuditLog } from './audit-log.ts';
import { verifyAuditTrail } from './audit-verification.ts';

/**
 * Reading the audit log: the auditor only (三员分立: the administrators whose acts it records
 * cannot read or verify it). There is no route that changes it.
 */
export function auditRoutes(
  audit: AuditLog,
  anchors: AuditAnchors,
  accounts: AccountService,
  terminals: TerminalRegistry,
): Router {
  const api = new RestRouter('/api/admin/audit');
  api.router.use(requireRole('auditor'));
  return api
    .bind(AuditRoutes.list, async ({ query }) => ({
      entries: await named(await audit.list(query), accounts, terminals),
    }))
    .bind(AuditRoutes.verify, async (): Promise<AuditChainStatus> => {
      const result = await verifyAuditTrail(audit, anchors);
      return {
        ok: result.ok,
        checked: result.checked,
        anchors: result.anchors,
        firstSeq: result.head.floorSeq + 1,
        lastSeq: result.head.seq,
        // The console words each kind; the server's English message stays in its log.
        problems: result.problems.map((p) => ({ kind: p.kind, id: p.id, seq: p.seq })),
      };
    }).router;
}

/** Puts names to the ids an auditor would otherwise have to look up. */
async function named(
  entries: AuditEntry[],
  accounts: AccountService,
  terminals: TerminalRegistry,
): Promise<AuditEntry[]> {
  const staffIds = entries.flatMap((e) => [
    ...(e.actorType === 'staff' && e.actorId ? [e.actorId] : []),
    ...(e.targetType === 'staff_account' && e.targetId ? [e.targetId] : []),
  ]);
  const terminalIds = entries.flatMap((e) => [
    ...(e.actorType === 'terminal' && e.actorId ? [e.actorId] : []),
    ...(e.targetType === 'terminal' && e.targetId ? [e.targetId] : []),
  ]);
  const people = await accounts.names(staffIds);
  const devices = await terminals.names(terminalIds);
  const nameOf = (type: string | null, id: string | null): string | null => {
    if (!id) return null;
    if (type === 'staff' || type === 'staff_account') return people.get(id) ?? null;
    if (type === 'terminal') return devices.get(id) ?? null;
    return null;
  };
  return entries.map((e) => ({
    ...e,
    actorName: nameOf(e.actorType, e.actorId),
    targetName: nameOf(e.targetType, e.targetId),
  }));
}
