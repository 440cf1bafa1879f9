import { AppError } from '@onething/contract/errors';
import type { BridgeContract } from '@onething/contract/sockets/sockets';
import type { RequestHandlers } from '@onething/contract/wire/request-router';
import type { TerminalContext } from './contexts.ts';
import type { RealtimeDeps } from './namespaces.ts';

type BridgeDeps = Pick<RealtimeDeps, 'fleet' | 'identity' | 'onething' | 'ratings' | 'audit'>;

/**
 * What a terminal's device bridge may do. The terminal is the one its credential names
 * (`ctx.terminal`), never one a payload names.
 */
export function bridgeHandlers(
  deps: BridgeDeps,
): RequestHandlers<typeof BridgeContract.requests, TerminalContext> {
  return {
    'telemetry:heartbeat': { handle: (hb, ctx) => deps.fleet.heartbeat(ctx.terminal.id, hb) },
    // Who is at the kiosk: only the bridge says, for a kiosk session it minted.
    'identity:attest': { handle: (r, ctx) => deps.identity.attest(ctx.terminal, r, ctx.ip) },
    'identity:clear': {
      handle: async (r, ctx) => {
        await deps.identity.clear(ctx.terminal, r.sessionId, ctx.ip);
        return { cleared: true as const };
      },
    },
    'outbox:deliver': {
      // Submissions made while the server was unreachable: the idempotency key the kiosk
      // chose makes a redelivery return the first result instead of filing twice. The
      // applicant is the visit's attestation, which the bridge set on the item.
      handle: async (item, ctx) => {
        const id = ctx.terminal.id;
        const { actor, visitId } = await deps.identity.outboxActor(
          ctx.terminal,
          item.attestation,
          ctx.ip,
        );
        const visit = { visitId, terminalId: id };
        if (item.kind === 'case.submit') {
          const result = await deps.onething.submit(
            { ...item.payload, idempotencyKey: item.idempotencyKey },
            actor,
            { type: 'terminal', id, ip: ctx.ip, terminalId: id },
          );
          await deps.identity.linkCase(visit, result.case.caseNumber, 'filed');
          return { result: { case: result.case, duplicate: result.duplicate } };
        }
        const { caseNumber } = item.payload;
        if (!(await deps.identity.visitIdHandled(visitId, id, caseNumber))) {
          await deps.audit.record({
            actorType: 'terminal',
            actorId: id,
            action: 'rating.refused',
            targetType: 'case',
            targetId: caseNumber.slice(0, 40) || null,
            ip: ctx.ip,
            details: { reason: 'case not filed or served in this visit', via: 'outbox' },
          });
          throw new AppError('RATING_NOT_ALLOWED');
        }
        try {
          await deps.ratings.rate(
            item.payload,
            { staffId: null, department: null },
            { type: 'terminal', id },
          );
          return { result: { rated: true } };
        } catch (e) {
          if (e instanceof AppError && e.code === 'ALREADY_RATED')
            return { result: { rated: true, duplicate: true } };
          throw e;
        }
      },
    },
    'command:result': {
      handle: async (r, ctx) => {
        await deps.fleet.commandResult(ctx.terminal.id, r);
        return { recorded: true as const };
      },
    },
  };
}
