import { AppError } from '@onething/contract/errors';
import { Namespace } from '@onething/contract/sockets/namespaces';
import type { SessionEndReason } from '@onething/contract/sockets/session';
import {
  type BridgeClientEvents,
  BridgeContract,
  type BridgeServerEvents,
  type KioskClientEvents,
  KioskContract,
  type KioskServerEvents,
  type StaffClientEvents,
  StaffContract,
  type StaffServerEvents,
} from '@onething/contract/sockets/sockets';
import type { Namespace as IoNamespace, Server as IoServer, Socket } from 'socket.io';
import type { AccountService } from '../accounts/account-service.ts';
import type { AuditLog } from '../audit/audit-log.ts';
import type { ClientAddress } from '../http/client-address.ts';
import { sessionTokenFromCookieHeader } from '../accounts/staff-auth.ts';
import { agentBoothHandlers, kioskBoothHandlers } from '../video-help/booth-handlers.ts';
import type { BoothService } from '../video-help/booth-service.ts';
import { type CallManager, mediaHandlers } from '../calls/call-manager.ts';
import type { CaseService } from '../cases/case-service.ts';
import { fleetHandlers } from '../fleet/fleet-handlers.ts';
import type { FleetService } from '../fleet/fleet-service.ts';
import type { Metrics } from '../health/metrics.ts';
import type { KioskIdentity } from '../identity/kiosk-identity.ts';
import type { OneThingService } from '../citizen/onething-service.ts';
import type { RatingService } from '../ratings/rating-service.ts';
import type { TerminalRegistry } from '../terminals/terminal-registry.ts';
import type { StaffContext, TerminalContext } from './contexts.ts';
import { auditRefusal } from '../audit/refusal-audit.ts';
import { type RefusalAudit, routeRequests } from './event-router.ts';
import { type EndedPrincipal, endSockets, sessionRoom, sweepExpired } from './session-binding.ts';

export interface RealtimeDeps {
  accounts: AccountService;
  terminals: TerminalRegistry;
  fleet: FleetService;
  metrics: Metrics;
  booth: BoothService;
  calls: CallManager;
  cases: CaseService;
  onething: OneThingService;
  ratings: RatingService;
  identity: KioskIdentity;
  audit: AuditLog;
  /** Every handshake's client address comes from here (TRUSTED_PROXIES), as REST's does. */
  clientAddress: ClientAddress;
  /** The server's clock: session and kiosk-token expiry are judged by it. */
  now: () => number;
  /** How often open sockets are checked for an expired session (SESSION_CHECK_INTERVAL_MS). */
  sessionCheckIntervalMs: number;
  /** Each wiring adds what must be stopped when the server closes (listeners, timers). */
  cleanups: (() => void)[];
}

const staffPrincipal: EndedPrincipal = {
  targetType: 'staff_account',
  targetId: (d) => (d.staff as StaffContext['staff'] | undefined)?.id ?? null,
};
const terminalPrincipal: EndedPrincipal = {
  targetType: 'terminal',
  targetId: (d) => (d.terminal as TerminalContext['terminal'] | undefined)?.id ?? null,
};

/** Staff rooms: every socket joins its role's room and, for agents, its department's. */
export const roleRoom = (role: string) => `role:${role}`;
export const departmentRoom = (dept: string) => `dept:${dept}`;
export const terminalRoom = (id: string) => `terminal:${id}`;
export const staffRoom = (id: string) => `staff:${id}`;

/** Ends the socket (told, disconnected, audited) if what it was opened with no longer holds. */
async function recheck(
  nsp: IoNamespace,
  socketId: string,
  deps: RealtimeDeps,
  principal: EndedPrincipal,
  reasonNow: () => Promise<SessionEndReason | null>,
): Promise<void> {
  const reason = await reasonNow().catch(() => null);
  if (reason) await endSockets(nsp, socketId, reason, deps.audit, principal);
}

/** A refused handshake, audited with the namespace and the source address. */
async function auditHandshakeRefusal(deps: RealtimeDeps, socket: Socket, code: string) {
  await auditRefusal(
    deps.audit,
    { actorType: 'anonymous', actorId: null, ip: deps.clientAddress.of(socket.request) },
    { type: 'namespace', id: `${socket.nsp.name} handshake` },
    code,
  );
}

const staffRefusals = (deps: RealtimeDeps): RefusalAudit<StaffContext> => ({
  audit: deps.audit,
  principal: (c) => ({ actorType: 'staff', actorId: c.staff.id, ip: c.ip }),
});
const terminalRefusals = (deps: RealtimeDeps): RefusalAudit<TerminalContext> => ({
  audit: deps.audit,
  principal: (c) => ({ actorType: 'terminal', actorId: c.terminal.id, ip: c.ip }),
});

function countConnections(nsp: IoNamespace, metrics: Metrics): void {
  nsp.on('connection', (socket) => {
    metrics.socketConnections.inc({ namespace: nsp.name });
    socket.on('disconnect', () => metrics.socketConnections.dec({ namespace: nsp.name }));
  });
}

export function wireStaffNamespace(io: IoServer, deps: RealtimeDeps): IoNamespace {
  const nsp: IoNamespace<StaffClientEvents, StaffServerEvents> = io.of(Namespace.Staff);
  nsp.use(async (socket, next) => {
    const session = await deps.accounts
      .authenticate(sessionTokenFromCookieHeader(socket.handshake.headers.cookie))
      .catch(() => null);
    if (!session) {
      await auditHandshakeRefusal(deps, socket, 'UNAUTHENTICATED');
      return next(new Error('UNAUTHENTICATED'));
    }
    socket.data = {
      staff: session.profile,
      ip: deps.clientAddress.of(socket.request),
      socketId: socket.id,
      sessionId: session.sessionId,
      expiresAt: session.expiresAt,
    } satisfies StaffContext;
    next();
  });
  countConnections(nsp, deps.metrics);
  // A session that ends takes its sockets with it: logout ends that session's sockets;
  // disable and role change end every socket of the account.
  deps.cleanups.push(
    deps.accounts.onSessionEnd((e) => {
      const room = e.sessionId ? sessionRoom(e.sessionId) : staffRoom(e.accountId);
      void endSockets(nsp as IoNamespace, room, e.reason, deps.audit, staffPrincipal);
    }),
    sweepExpired(nsp as IoNamespace, {
      intervalMs: deps.sessionCheckIntervalMs,
      now: deps.now,
      audit: deps.audit,
      principal: staffPrincipal,
    }),
  );
  nsp.on('connection', (socket) => {
    const ctx = socket.data as StaffContext;
    void socket.join(sessionRoom(ctx.sessionId));
    for (const r of ctx.staff.roles) void socket.join(roleRoom(r));
    if (ctx.staff.department) void socket.join(departmentRoom(ctx.staff.department));
    void socket.join(staffRoom(ctx.staff.id));
    // An ending that raced this handshake (or a recovery) is caught now; later ones reach the
    // socket through the rooms it has just joined.
    void recheck(nsp as IoNamespace, socket.id, deps, staffPrincipal, () =>
      deps.accounts.sessionEndReason(ctx.sessionId),
    );
    const isAgent = ctx.staff.roles.includes('agent');
    if (isAgent) void deps.booth.agentConnected(ctx.staff);
    const detach = deps.calls.attach(`staff:${ctx.staff.id}`, (signal) =>
      socket.emit(signal.event, signal.payload as never),
    );
    socket.on('disconnect', () => {
      detach();
      if (isAgent) deps.booth.agentDisconnected(ctx.staff);
    });
    routeRequests(
      socket,
      StaffContract.requests,
      {
        'session:whoami': { handle: () => ctx.staff },
        ...fleetHandlers(deps.fleet),
        ...agentBoothHandlers(deps.booth),
        ...mediaHandlers<StaffContext>(deps.calls, (c) => `staff:${c.staff.id}`),
      },
      ctx,
      staffRefusals(deps),
    );
  });
  // The booth service builds its payloads from the same shared types; its event map is loose.
  deps.booth.on('staff', (staffId, event, payload) =>
    nsp.to(staffRoom(staffId)).emit(event as keyof StaffServerEvents, payload as never),
  );
  deps.booth.on('supervisors', (event, payload) =>
    nsp.to(roleRoom('supervisor')).emit(event as keyof StaffServerEvents, payload as never),
  );
  // Fleet state goes to maintenance staff only; it carries no personal data by schema.
  const maint = () => nsp.to(roleRoom('maintenance'));
  deps.fleet.on('terminal', (s) => maint().emit('fleet:terminal', s));
  deps.fleet.on('alert', (a) => maint().emit('fleet:alert', a));
  deps.fleet.on('commandResult', (r) => maint().emit('fleet:commandResult', r));
  return nsp;
}

/**
 * Handshake authentication for terminal-side namespaces: the kiosk UI's session token or the
 * bridge's credential. The terminal identity comes from that secret, never from the payload.
 */
function authenticateTerminal(key: 'token' | 'credential', deps: RealtimeDeps) {
  const registry = deps.terminals;
  return async (socket: Socket, next: (err?: Error) => void) => {
    try {
      const value = (socket.handshake.auth as Record<string, unknown> | undefined)?.[key];
      if (typeof value !== 'string') throw AppError.unauthenticated();
      const { terminal, expiresAt } =
        key === 'token'
          ? await registry.authenticateKioskSession(value)
          : { terminal: await registry.authenticate(value), expiresAt: null };
      socket.data = {
        terminal,
        ip: deps.clientAddress.of(socket.request),
        socketId: socket.id,
        expiresAt,
      } satisfies TerminalContext;
      next();
    } catch (e) {
      const code = (e as { code?: string }).code ?? 'UNAUTHENTICATED';
      await auditHandshakeRefusal(deps, socket, code);
      next(new Error(code));
    }
  };
}

export function wireKioskNamespace(io: IoServer, deps: RealtimeDeps): IoNamespace {
  const nsp: IoNamespace<KioskClientEvents, KioskServerEvents> = io.of(Namespace.Kiosk);
  nsp.use(authenticateTerminal('token', deps));
  countConnections(nsp, deps.metrics);
  // Revoking the terminal ends the kiosk tokens its bridge minted, and their sockets.
  deps.cleanups.push(
    deps.terminals.onCredentialEnd((e) => {
      if (e.scope !== 'all') return;
      void endSockets(
        nsp as IoNamespace,
        terminalRoom(e.terminalId),
        e.reason,
        deps.audit,
        terminalPrincipal,
      );
    }),
    sweepExpired(nsp as IoNamespace, {
      intervalMs: deps.sessionCheckIntervalMs,
      now: deps.now,
      audit: deps.audit,
      principal: terminalPrincipal,
    }),
  );
  nsp.on('connection', (socket) => {
    const ctx = socket.data as TerminalContext;
    void socket.join(terminalRoom(ctx.terminal.id));
    void recheck(nsp as IoNamespace, socket.id, deps, terminalPrincipal, () =>
      deps.terminals.secretEndReason(ctx.terminal.id, 'token', socket.handshake.auth?.token),
    );
    void deps.booth.kioskConnected(ctx.terminal);
    const detach = deps.calls.attach(`terminal:${ctx.terminal.id}`, (signal) =>
      socket.emit(signal.event, signal.payload as never),
    );
    socket.on('disconnect', () => {
      detach();
      deps.booth.kioskDisconnected(ctx.terminal);
    });
    routeRequests(
      socket,
      KioskContract.requests,
      {
        'session:start': { handle: () => ({ sessionId: socket.id, terminalId: ctx.terminal.id }) },
        ...kioskBoothHandlers(deps.booth),
        ...mediaHandlers<TerminalContext>(deps.calls, (c) => `terminal:${c.terminal.id}`),
      },
      ctx,
      terminalRefusals(deps),
    );
  });
  deps.booth.on('kiosk', (terminalId, event, payload) =>
    nsp.to(terminalRoom(terminalId)).emit(event as keyof KioskServerEvents, payload as never),
  );
  deps.cases.on('updated', (u) => {
    if (u.terminalId) nsp.to(terminalRoom(u.terminalId)).emit('case:updated', u.view);
  });
  return nsp;
}

export function wireBridgeNamespace(io: IoServer, deps: RealtimeDeps): IoNamespace {
  const nsp: IoNamespace<BridgeClientEvents, BridgeServerEvents> = io.of(Namespace.Bridge);
  const connected = new Map<string, number>();
  nsp.use(authenticateTerminal('credential', deps));
  countConnections(nsp, deps.metrics);
  // Revocation, or a re-enrolment that replaced the credential, ends the bridge's link.
  deps.cleanups.push(
    deps.terminals.onCredentialEnd((e) => {
      void endSockets(
        nsp as IoNamespace,
        terminalRoom(e.terminalId),
        e.reason,
        deps.audit,
        terminalPrincipal,
      );
    }),
  );
  nsp.on('connection', (socket) => {
    const ctx = socket.data as TerminalContext;
    const id = ctx.terminal.id;
    void socket.join(terminalRoom(id));
    void recheck(nsp as IoNamespace, socket.id, deps, terminalPrincipal, () =>
      deps.terminals.secretEndReason(id, 'credential', socket.handshake.auth?.credential),
    );
    connected.set(id, (connected.get(id) ?? 0) + 1);
    socket.on('disconnect', () => {
      const n = (connected.get(id) ?? 1) - 1;
      if (n <= 0) connected.delete(id);
      else connected.set(id, n);
    });
    routeRequests(
      socket,
      BridgeContract.requests,
      {
        'telemetry:heartbeat': {
          // The terminal id comes from the credential, never from the payload.
          handle: (hb) => deps.fleet.heartbeat(id, hb),
        },
        // Who is at the kiosk: only the bridge says, for a kiosk session it minted.
        'identity:attest': { handle: (r) => deps.identity.attest(ctx.terminal, r, ctx.ip) },
        'identity:clear': {
          handle: async (r) => {
            await deps.identity.clear(ctx.terminal, r.sessionId, ctx.ip);
            return { cleared: true as const };
          },
        },
        'outbox:deliver': {
          // Submissions made while the server was unreachable: the idempotency key the kiosk
          // chose makes a redelivery return the first result instead of filing twice. The
          // applicant is the visit's attestation, which the bridge set on the item.
          handle: async (item) => {
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
            const caseNumber = String(item.payload.caseNumber ?? '');
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
          handle: async (r) => {
            await deps.fleet.commandResult(id, r);
            return { recorded: true as const };
          },
        },
      },
      ctx,
      terminalRefusals(deps),
    );
  });
  deps.fleet.setCommandSender((terminalId, command) => {
    if (!connected.has(terminalId)) return false;
    nsp.to(terminalRoom(terminalId)).emit('command', command);
    return true;
  });
  return nsp;
}

/**
 * Nothing is served on the root namespace; a socket there would be an anonymous connection
 * the server keeps open for nobody. Every attempt is refused and audited.
 */
export function refuseRootNamespace(
  io: IoServer,
  audit: AuditLog,
  clientAddress: ClientAddress,
): void {
  io.of('/').use((socket, next) => {
    void audit
      .record({
        actorType: 'system',
        actorId: null,
        action: 'socket.refused',
        targetType: 'namespace',
        targetId: '/',
        ip: clientAddress.of(socket.request),
      })
      .catch(() => undefined)
      .then(() => next(new Error('UNAUTHENTICATED')));
  });
}
