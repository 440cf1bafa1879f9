import { AppError } from '@onething/contract/errors';
import { Namespace } from '@onething/contract/sockets/namespaces';
import type { SessionEndReason } from '@onething/contract/sockets/session';
import { BridgeContract, KioskContract, StaffContract } from '@onething/contract/sockets/sockets';
import type { NotificationContract } from '@onething/contract/wire/contract';
import { Notifier } from '@onething/contract/wire/notifier';
import { type ServeOptions, serveRequests } from '@onething/contract/wire/request-router';
import type {
  DefaultEventsMap,
  Namespace as IoNamespace,
  Server as IoServer,
  Socket,
} from 'socket.io';
import type { AccountService } from '../accounts/account-service.ts';
import type { AuditLog } from '../audit/audit-log.ts';
import type { ClientAddress } from '../http/client-address.ts';
import { sessionTokenFromCookieHeader } from '../accounts/staff-auth.ts';
import { agentBoothHandlers, kioskBoothHandlers } from '../video-help/booth-handlers.ts';
import type { BoothService } from '../video-help/booth-service.ts';
import type { MediaCalls } from '../media-nodes/media-calls.ts';
import { mediaHandlers } from '../media-nodes/media-handlers.ts';
import type { CaseService } from '../cases/case-service.ts';
import { fleetHandlers } from '../fleet/fleet-handlers.ts';
import type { FleetCommand } from '../fleet/fleet-commands.ts';
import type { FleetService } from '../fleet/fleet-service.ts';
import type { Metrics } from '../health/metrics.ts';
import type { KioskIdentity } from '../identity/kiosk-identity.ts';
import type { OneThingService } from '../citizen/onething-service.ts';
import type { FollowUpOverdue } from '@onething/contract/rest/follow-up';
import type { FollowUpWatcher } from '../ratings/follow-up-watcher.ts';
import type { RatingService } from '../ratings/rating-service.ts';
import type { TerminalRegistry } from '../terminals/terminal-registry.ts';
import { auditRefusal, isRefusal, type RefusalPrincipal } from '../audit/refusal-audit.ts';
import { createLogger } from '../logging/logger.ts';
import { bridgeHandlers } from './bridge-handlers.ts';
import type { StaffContext, TerminalContext } from './contexts.ts';
import {
  type EndedPrincipal,
  endSockets,
  type SessionBinding,
  sessionRoom,
  sweepExpired,
} from './session-binding.ts';

const log = createLogger('realtime');

/** Between processes (cluster mode): a fleet command for the bridge one of them holds. */
const FLEET_COMMAND = 'fleet:command';

export interface RealtimeDeps {
  accounts: AccountService;
  terminals: TerminalRegistry;
  fleet: FleetService;
  metrics: Metrics;
  booth: BoothService;
  calls: MediaCalls;
  cases: CaseService;
  onething: OneThingService;
  ratings: RatingService;
  followUpWatcher: FollowUpWatcher;
  identity: KioskIdentity;
  audit: AuditLog;
  /** Every handshake's client address comes from here (TRUSTED_PROXIES), as REST's does. */
  clientAddress: ClientAddress;
  /** The server's clock: session and kiosk-token expiry are judged by it. */
  now: () => number;
  /** How often open sockets are checked for an expired session (SESSION_CHECK_INTERVAL_MS). */
  sessionCheckIntervalMs: number;
  /** Cluster mode: whether the other processes are reachable (Redis up); absent on one machine. */
  clusterReachable?: (() => boolean) | undefined;
  /** Each wiring adds what must be stopped when the server closes (listeners, timers). */
  cleanups: (() => void)[];
}

/**
 * A namespace as the server wires it. What crosses it is checked by the wire runtime
 * (serveRequests one way, a Notifier the other), so socket.io's event maps stay the default;
 * the handshake leaves the caller's context in `socket.data`.
 */
type ContextNamespace<Ctx> = IoNamespace<DefaultEventsMap, DefaultEventsMap, DefaultEventsMap, Ctx>;

/** The notifier of one namespace: everything the server tells its clients passes through it. */
export function namespaceNotifier<N extends NotificationContract>(
  name: Namespace,
  notifications: N,
): Notifier<N> {
  return new Notifier(notifications, { namespace: name, log });
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
/** A department's agents serving a region (a district, city or province code). */
export const workbenchRoom = (dept: string, region: string) => `workbench:${dept}:${region}`;

/** The codes that cover a region: itself, its city and its province (GB/T 2260). */
export function coveringRegions(region: string): string[] {
  return [...new Set([region, `${region.slice(0, 4)}00`, `${region.slice(0, 2)}0000`])];
}

/** Ends the socket (told, disconnected, audited) if what it was opened with no longer holds. */
async function recheck(
  binding: SessionBinding,
  socketId: string,
  reasonNow: () => Promise<SessionEndReason | null>,
): Promise<void> {
  const reason = await reasonNow().catch(() => null);
  if (reason) await endSockets(binding, socketId, reason);
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

/**
 * How a namespace serves its requests: through the module's masked logger, and every refusal
 * of any event audited with the caller and the event before the client hears of it.
 */
function serving<Ctx>(
  deps: RealtimeDeps,
  nsp: Namespace,
  principal: (ctx: Ctx) => RefusalPrincipal,
): ServeOptions<Ctx> {
  return {
    log,
    onRefused: async (error, event, ctx) => {
      if (!isRefusal(error.code)) return;
      await auditRefusal(
        deps.audit,
        principal(ctx),
        { type: 'event', id: `${nsp} ${event}` },
        error.code,
      );
    },
  };
}

const staffCaller = (c: StaffContext): RefusalPrincipal => ({
  actorType: 'staff',
  actorId: c.staff.id,
  ip: c.ip,
});
const terminalCaller = (c: TerminalContext): RefusalPrincipal => ({
  actorType: 'terminal',
  actorId: c.terminal.id,
  ip: c.ip,
});

function countConnections(nsp: IoNamespace, metrics: Metrics): void {
  nsp.on('connection', (socket) => {
    metrics.socketConnections.inc({ namespace: nsp.name });
    socket.on('disconnect', () => metrics.socketConnections.dec({ namespace: nsp.name }));
  });
}

export function wireStaffNamespace(io: IoServer, deps: RealtimeDeps): IoNamespace {
  const nsp: ContextNamespace<StaffContext> = io.of(Namespace.Staff);
  const notifier = namespaceNotifier(Namespace.Staff, StaffContract.notifications);
  const binding: SessionBinding = {
    nsp,
    notifier,
    audit: deps.audit,
    principal: staffPrincipal,
    clusterReachable: deps.clusterReachable,
  };
  const options = serving(deps, Namespace.Staff, staffCaller);
  nsp.use(async (socket, next) => {
    let lost = false;
    const session = await deps.accounts
      .authenticate(sessionTokenFromCookieHeader(socket.handshake.headers.cookie))
      .catch((e: unknown) => {
        lost = e instanceof AppError && e.code === 'DATABASE_UNAVAILABLE';
        return null;
      });
    // The session could not be read, not found wanting: the console waits and tries again
    // instead of sending its agent back to sign-in.
    if (lost) return next(new Error('DATABASE_UNAVAILABLE'));
    if (!session) {
      await auditHandshakeRefusal(deps, socket, 'UNAUTHENTICATED');
      return next(new Error('UNAUTHENTICATED'));
    }
    if (session.mustChangePassword) {
      await auditHandshakeRefusal(deps, socket, 'PASSWORD_CHANGE_REQUIRED');
      return next(new Error('PASSWORD_CHANGE_REQUIRED'));
    }
    socket.data = {
      staff: session.profile,
      ip: deps.clientAddress.of(socket.request),
      socketId: socket.id,
      sessionId: session.sessionId,
      expiresAt: session.expiresAt,
    };
    next();
  });
  countConnections(nsp, deps.metrics);
  // A session that ends takes its sockets with it: logout ends that session's sockets;
  // disable and role change end every socket of the account.
  deps.cleanups.push(
    deps.accounts.onSessionEnd((e) => {
      const room = e.sessionId ? sessionRoom(e.sessionId) : staffRoom(e.accountId);
      void endSockets(binding, room, e.reason);
    }),
    sweepExpired(binding, { intervalMs: deps.sessionCheckIntervalMs, now: deps.now }),
  );
  nsp.on('connection', (socket) => {
    const ctx = socket.data;
    void socket.join(sessionRoom(ctx.sessionId));
    for (const r of ctx.staff.roles) void socket.join(roleRoom(r));
    if (ctx.staff.department) void socket.join(departmentRoom(ctx.staff.department));
    if (ctx.staff.department && ctx.staff.roles.includes('agent'))
      for (const r of ctx.staff.regions) void socket.join(workbenchRoom(ctx.staff.department, r));
    void socket.join(staffRoom(ctx.staff.id));
    // An ending that raced this handshake (or a recovery) is caught now; later ones reach the
    // socket through the rooms it has just joined.
    void recheck(binding, socket.id, () => deps.accounts.sessionEndReason(ctx.sessionId));
    const isAgent = ctx.staff.roles.includes('agent');
    if (isAgent) void deps.booth.agentConnected(ctx.staff);
    socket.on('disconnect', () => {
      if (isAgent) deps.booth.agentDisconnected(ctx.staff);
    });
    serveRequests(
      socket,
      StaffContract.requests,
      {
        'session:whoami': { handle: () => ctx.staff },
        ...fleetHandlers(deps.fleet),
        ...agentBoothHandlers(deps.booth),
        ...mediaHandlers<StaffContext>(deps.calls, (c) => `staff:${c.staff.id}`),
      },
      ctx,
      options,
    );
  });
  // A call's room signals reach the peer's sockets wherever they are (the peer id is the room).
  deps.calls.on('signal', (to, signal) => {
    if (to.startsWith('staff:')) notifier.send(nsp.to(to), signal.event, signal.payload);
  });
  // The booth service names its notifications at run time; the notifier checks each one.
  deps.booth.on('staff', (staffId, event, payload) =>
    notifier.relay(nsp.to(staffRoom(staffId)), event, payload),
  );
  deps.booth.on('supervisors', (event, payload) =>
    notifier.relay(nsp.to(roleRoom('supervisor')), event, payload),
  );
  // A sub-case moved: its department's agents serving the case's region reload their worklist.
  deps.cases.on('updated', (u) => {
    if (!u.region) return;
    for (const sub of u.subCases) {
      const rooms = coveringRegions(u.region).map((r) => workbenchRoom(sub.department, r));
      notifier.send(nsp.to(rooms), 'workbench:subCaseChanged', {
        caseNumber: u.caseNumber,
        department: sub.department,
        status: sub.status,
        version: sub.version,
      });
    }
  });
  // Fleet state goes to maintenance staff only; it carries no personal data by schema.
  const maint = () => nsp.to(roleRoom('maintenance'));
  deps.fleet.on('terminal', (s) => notifier.send(maint(), 'fleet:terminal', s));
  deps.fleet.on('alert', (a) => notifier.send(maint(), 'fleet:alert', a));
  deps.fleet.on('commandResult', (r) => notifier.send(maint(), 'fleet:commandResult', r));
  // Overdue 差评 follow-ups alert supervisors (case number and step only, never the comment).
  const overdue = (o: FollowUpOverdue) =>
    notifier.send(nsp.to(roleRoom('supervisor')), 'followUp:overdue', o);
  deps.followUpWatcher.on('overdue', overdue);
  // A case filed or moved changes the KPIs: wallboards reload (told at most every 2 s).
  let kpiTold: NodeJS.Timeout | null = null;
  const kpiChanged = () => {
    kpiTold ??= setTimeout(() => {
      kpiTold = null;
      notifier.send(nsp.to(roleRoom('supervisor')), 'kpi:changed', { at: deps.now() });
    }, 2_000);
  };
  deps.cases.on('updated', kpiChanged);
  deps.cleanups.push(() => {
    deps.followUpWatcher.off('overdue', overdue);
    deps.cases.off('updated', kpiChanged);
    if (kpiTold) clearTimeout(kpiTold);
  });
  return nsp;
}

/**
 * Handshake authentication for terminal-side namespaces: the kiosk UI's session token or the
 * bridge's credential. The terminal identity comes from that secret, never from the payload.
 */
function authenticateTerminal(key: 'token' | 'credential', deps: RealtimeDeps) {
  const registry = deps.terminals;
  return async (
    socket: Socket<DefaultEventsMap, DefaultEventsMap, DefaultEventsMap, TerminalContext>,
    next: (err?: Error) => void,
  ) => {
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
      };
      next();
    } catch (e) {
      const code = (e as { code?: string }).code ?? 'UNAUTHENTICATED';
      // A lost database refuses no one: there is nothing to audit, and nowhere to write it.
      if (code !== 'DATABASE_UNAVAILABLE') await auditHandshakeRefusal(deps, socket, code);
      next(new Error(code));
    }
  };
}

export function wireKioskNamespace(io: IoServer, deps: RealtimeDeps): IoNamespace {
  const nsp: ContextNamespace<TerminalContext> = io.of(Namespace.Kiosk);
  const notifier = namespaceNotifier(Namespace.Kiosk, KioskContract.notifications);
  const binding: SessionBinding = {
    nsp,
    notifier,
    audit: deps.audit,
    principal: terminalPrincipal,
    clusterReachable: deps.clusterReachable,
  };
  const options = serving(deps, Namespace.Kiosk, terminalCaller);
  nsp.use(authenticateTerminal('token', deps));
  countConnections(nsp, deps.metrics);
  // Revoking the terminal ends the kiosk tokens its bridge minted, and their sockets.
  deps.cleanups.push(
    deps.terminals.onCredentialEnd((e) => {
      if (e.scope !== 'all') return;
      void endSockets(binding, terminalRoom(e.terminalId), e.reason);
    }),
    sweepExpired(binding, { intervalMs: deps.sessionCheckIntervalMs, now: deps.now }),
  );
  nsp.on('connection', (socket) => {
    const ctx = socket.data;
    void socket.join(terminalRoom(ctx.terminal.id));
    void recheck(binding, socket.id, () =>
      deps.terminals.secretEndReason(ctx.terminal.id, 'token', socket.handshake.auth?.token),
    );
    void deps.booth.kioskConnected(ctx.terminal);
    socket.on('disconnect', () => {
      deps.booth.kioskDisconnected(ctx.terminal);
    });
    serveRequests(
      socket,
      KioskContract.requests,
      {
        'session:start': { handle: () => ({ sessionId: socket.id, terminalId: ctx.terminal.id }) },
        ...kioskBoothHandlers(deps.booth),
        ...mediaHandlers<TerminalContext>(deps.calls, (c) => `terminal:${c.terminal.id}`),
      },
      ctx,
      options,
    );
  });
  deps.calls.on('signal', (to, signal) => {
    if (to.startsWith('terminal:')) notifier.send(nsp.to(to), signal.event, signal.payload);
  });
  // The booth service names its notifications at run time; the notifier checks each one.
  deps.booth.on('kiosk', (terminalId, event, payload) =>
    notifier.relay(nsp.to(terminalRoom(terminalId)), event, payload),
  );
  deps.cases.on('updated', (u) => {
    if (u.terminalId) notifier.send(nsp.to(terminalRoom(u.terminalId)), 'case:updated', u.view);
  });
  return nsp;
}

export function wireBridgeNamespace(io: IoServer, deps: RealtimeDeps): IoNamespace {
  const nsp: ContextNamespace<TerminalContext> = io.of(Namespace.Bridge);
  const notifier = namespaceNotifier(Namespace.Bridge, BridgeContract.notifications);
  const binding: SessionBinding = {
    nsp,
    notifier,
    audit: deps.audit,
    principal: terminalPrincipal,
    clusterReachable: deps.clusterReachable,
  };
  const options = serving(deps, Namespace.Bridge, terminalCaller);
  const handlers = bridgeHandlers(deps);
  const connected = new Map<string, number>();
  nsp.use(authenticateTerminal('credential', deps));
  countConnections(nsp, deps.metrics);
  // Revocation, or a re-enrolment that replaced the credential, ends the bridge's link.
  deps.cleanups.push(
    deps.terminals.onCredentialEnd((e) => {
      void endSockets(binding, terminalRoom(e.terminalId), e.reason);
    }),
  );
  nsp.on('connection', (socket) => {
    const ctx = socket.data;
    const id = ctx.terminal.id;
    void socket.join(terminalRoom(id));
    void recheck(binding, socket.id, () =>
      deps.terminals.secretEndReason(id, 'credential', socket.handshake.auth?.credential),
    );
    connected.set(id, (connected.get(id) ?? 0) + 1);
    socket.on('disconnect', () => {
      const n = (connected.get(id) ?? 1) - 1;
      if (n <= 0) connected.delete(id);
      else connected.set(id, n);
    });
    serveRequests(socket, BridgeContract.requests, handlers, ctx, options);
  });
  // In cluster mode the bridge may be connected to another process: that process is handed
  // the command, delivers it and remembers it, since the bridge reports its result there.
  deps.fleet.setCommandSender(async (terminalId, command) => {
    if (connected.has(terminalId))
      return notifier.send(nsp.to(terminalRoom(terminalId)), 'command', command);
    if (!deps.clusterReachable?.()) return false;
    const there = await nsp
      .in(terminalRoom(terminalId))
      .fetchSockets()
      .catch(() => []);
    if (there.length === 0) return false;
    nsp.serverSideEmit(FLEET_COMMAND, terminalId, command);
    return true;
  });
  nsp.on(FLEET_COMMAND, (terminalId: string, command: FleetCommand) => {
    if (!connected.has(terminalId)) return;
    deps.fleet.expectCommand(terminalId, command);
    notifier.send(nsp.local.to(terminalRoom(terminalId)), 'command', command);
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
