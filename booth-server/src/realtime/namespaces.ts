import { BridgeRequests, FleetRequests } from '@onething/shared/api/fleet';
import { AppError } from '@onething/shared/errors';
import { KioskRequests } from '@onething/shared/events/kiosk';
import { Namespace } from '@onething/shared/events/namespaces';
import { StaffRequests } from '@onething/shared/events/staff';
import type { Namespace as IoNamespace, Server as IoServer } from 'socket.io';
import type { AccountService } from '../accounts/account-service.ts';
import { sessionTokenFromCookieHeader } from '../accounts/staff-auth.ts';
import { fleetHandlers } from '../fleet/fleet-handlers.ts';
import type { FleetService } from '../fleet/fleet-service.ts';
import type { Metrics } from '../health/metrics.ts';
import { RateLimiter } from '../http/rate-limiter.ts';
import type { TerminalRegistry } from '../terminals/terminal-registry.ts';
import type { StaffContext, TerminalContext } from './contexts.ts';
import { routeRequests } from './event-router.ts';

export interface RealtimeDeps {
  accounts: AccountService;
  terminals: TerminalRegistry;
  fleet: FleetService;
  metrics: Metrics;
}

/** Staff rooms: every socket joins its role's room and, for agents, its department's. */
export const roleRoom = (role: string) => `role:${role}`;
export const departmentRoom = (dept: string) => `dept:${dept}`;
export const terminalRoom = (id: string) => `terminal:${id}`;

function countConnections(nsp: IoNamespace, metrics: Metrics): void {
  nsp.on('connection', (socket) => {
    metrics.socketConnections.inc({ namespace: nsp.name });
    socket.on('disconnect', () => metrics.socketConnections.dec({ namespace: nsp.name }));
  });
}

export function wireStaffNamespace(io: IoServer, deps: RealtimeDeps): IoNamespace {
  const nsp = io.of(Namespace.Staff);
  nsp.use(async (socket, next) => {
    const session = await deps.accounts
      .authenticate(sessionTokenFromCookieHeader(socket.handshake.headers.cookie))
      .catch(() => null);
    if (!session) return next(new Error('UNAUTHENTICATED'));
    socket.data = {
      staff: session.profile,
      ip: socket.handshake.address ?? null,
      socketId: socket.id,
    } satisfies StaffContext;
    next();
  });
  countConnections(nsp, deps.metrics);
  nsp.on('connection', (socket) => {
    const ctx = socket.data as StaffContext;
    for (const r of ctx.staff.roles) void socket.join(roleRoom(r));
    if (ctx.staff.department) void socket.join(departmentRoom(ctx.staff.department));
    routeRequests(
      socket,
      { ...StaffRequests, ...FleetRequests },
      {
        'session:whoami': { handle: () => ctx.staff },
        ...fleetHandlers(deps.fleet),
      },
      ctx,
    );
  });
  // Fleet state goes to maintenance staff only; it carries no personal data by schema.
  const maint = () => nsp.to(roleRoom('maintenance'));
  deps.fleet.on('terminal', (s) => maint().emit('fleet:terminal', s));
  deps.fleet.on('alert', (a) => maint().emit('fleet:alert', a));
  deps.fleet.on('commandResult', (r) => maint().emit('fleet:commandResult', r));
  return nsp;
}

async function terminalFromHandshake(
  auth: unknown,
  key: 'token' | 'credential',
  registry: TerminalRegistry,
): Promise<TerminalContext['terminal']> {
  const value = (auth as Record<string, unknown> | undefined)?.[key];
  if (typeof value !== 'string') throw AppError.unauthenticated();
  return key === 'token' ? registry.authenticateKiosk(value) : registry.authenticate(value);
}

export function wireKioskNamespace(io: IoServer, deps: RealtimeDeps): IoNamespace {
  const nsp = io.of(Namespace.Kiosk);
  nsp.use(async (socket, next) => {
    try {
      const terminal = await terminalFromHandshake(socket.handshake.auth, 'token', deps.terminals);
      socket.data = {
        terminal,
        ip: socket.handshake.address ?? null,
        socketId: socket.id,
      } satisfies TerminalContext;
      next();
    } catch (e) {
      next(new Error((e as { code?: string }).code ?? 'UNAUTHENTICATED'));
    }
  });
  countConnections(nsp, deps.metrics);
  nsp.on('connection', (socket) => {
    const ctx = socket.data as TerminalContext;
    void socket.join(terminalRoom(ctx.terminal.id));
    routeRequests(
      socket,
      KioskRequests,
      {
        'session:start': { handle: () => ({ sessionId: socket.id, terminalId: ctx.terminal.id }) },
      },
      ctx,
    );
  });
  return nsp;
}

export function wireBridgeNamespace(io: IoServer, deps: RealtimeDeps): IoNamespace {
  const nsp = io.of(Namespace.Bridge);
  // A healthy bridge beats every 15 s; 12 a minute leaves room for reconnect bursts.
  const heartbeatLimit = new RateLimiter(12, 60_000);
  const connected = new Map<string, number>();
  nsp.use(async (socket, next) => {
    try {
      const terminal = await terminalFromHandshake(
        socket.handshake.auth,
        'credential',
        deps.terminals,
      );
      socket.data = {
        terminal,
        ip: socket.handshake.address ?? null,
        socketId: socket.id,
      } satisfies TerminalContext;
      next();
    } catch (e) {
      next(new Error((e as { code?: string }).code ?? 'UNAUTHENTICATED'));
    }
  });
  countConnections(nsp, deps.metrics);
  nsp.on('connection', (socket) => {
    const ctx = socket.data as TerminalContext;
    const id = ctx.terminal.id;
    void socket.join(terminalRoom(id));
    connected.set(id, (connected.get(id) ?? 0) + 1);
    socket.on('disconnect', () => {
      const n = (connected.get(id) ?? 1) - 1;
      if (n <= 0) connected.delete(id);
      else connected.set(id, n);
    });
    routeRequests(
      socket,
      BridgeRequests,
      {
        'telemetry:heartbeat': {
          handle: async (hb) => {
            if (!heartbeatLimit.take(id))
              throw new AppError('RATE_LIMITED', 'heartbeats too frequent');
            // The terminal id comes from the credential, never from the payload.
            return deps.fleet.heartbeat(id, hb);
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
    );
  });
  deps.fleet.setCommandSender((terminalId, command) => {
    if (!connected.has(terminalId)) return false;
    nsp.to(terminalRoom(terminalId)).emit('command', command);
    return true;
  });
  return nsp;
}
