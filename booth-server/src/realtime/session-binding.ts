import type { SessionEndReason, SessionNotifications } from '@onething/contract/sockets/session';
import type { Notifier } from '@onething/contract/wire/notifier';
import type { Namespace as IoNamespace, Socket } from 'socket.io';
import type { AuditLog } from '../audit/audit-log.ts';
import { createLogger } from '../logging/logger.ts';

const log = createLogger('session-binding');

/**
 * Every socket is bound to the staff session or terminal credential it was opened with: it
 * joins a room per principal and per session, and when the session ends (logout, disable, role
 * change, expiry, revocation) that room is told why and disconnected. `in(room)` and
 * `disconnectSockets` go through the adapter, so this also reaches sockets held by other
 * processes once a cluster adapter is configured.
 */
export const sessionRoom = (sessionId: string) => `session:${sessionId}`;

/** What the audit entry names: the principal whose socket was ended. */
export interface EndedPrincipal {
  targetType: 'staff_account' | 'terminal';
  targetId: (data: Record<string, unknown>) => string | null;
}

/** One namespace's sockets as session binding sees them. */
export interface SessionBinding {
  nsp: IoNamespace;
  /** The namespace's notifier: every namespace's contract carries `session:ended`. */
  notifier: Pick<Notifier<typeof SessionNotifications>, 'send'>;
  audit: AuditLog;
  principal: EndedPrincipal;
  /**
   * Cluster mode: whether the other processes can be reached now. While they cannot (Redis
   * down), this process still ends its own sockets rather than wait for Redis.
   */
  clusterReachable?: () => boolean;
}

/**
 * Tells every socket in `room` why it is ending, disconnects it (closing its transport, so
 * connection-state recovery cannot resume it), and writes one audit entry per socket.
 */
export async function endSockets(
  binding: SessionBinding,
  room: string,
  reason: SessionEndReason,
  /** `local`: the room is known to be on this process (a sweep of its own sockets). */
  scope: 'cluster' | 'local' = 'cluster',
): Promise<number> {
  const { nsp, audit, principal } = binding;
  const local = scope === 'local' || binding.clusterReachable?.() === false;
  const sockets = local
    ? endHere(binding, room, reason)
    : await nsp
        .in(room)
        .fetchSockets()
        .then((found) => {
          if (found.length === 0) return found;
          binding.notifier.send(nsp.in(room), 'session:ended', { reason });
          nsp.in(room).disconnectSockets(true);
          return found;
        })
        .catch((err: unknown) => {
          log.warn({ err, room }, 'other processes did not answer: ending this process’s sockets');
          return endHere(binding, room, reason);
        });
  if (sockets.length === 0) return 0;
  log.info({ nsp: nsp.name, room, reason, sockets: sockets.length }, 'sockets ended');
  for (const s of sockets) {
    const data = (s.data ?? {}) as Record<string, unknown>;
    await audit
      .record({
        actorType: 'system',
        actorId: null,
        action: 'socket.ended',
        targetType: principal.targetType,
        targetId: principal.targetId(data),
        ip: typeof data.ip === 'string' ? data.ip : null,
        details: { reason, namespace: nsp.name, socketId: s.id },
      })
      .catch((err: unknown) => log.error({ err }, 'audit of an ended socket failed'));
  }
  return sockets.length;
}

/**
 * Tells and disconnects the sockets of `room` this process holds, without the adapter: the
 * cluster adapter asks Redis even for a local fetch, and Redis may be what is missing.
 */
function endHere(binding: SessionBinding, room: string, reason: SessionEndReason): Socket[] {
  const { nsp } = binding;
  const ids = nsp.adapter.rooms.get(room) ?? new Set<string>();
  const sockets = [...ids].map((id) => nsp.sockets.get(id)).filter((s): s is Socket => !!s);
  if (sockets.length === 0) return sockets;
  // A local broadcast is written at once; a socket's own emit would first wait for Redis to
  // refuse it (connection-state recovery sends it through the adapter) and arrive too late.
  binding.notifier.send(nsp.local.in(room), 'session:ended', { reason });
  for (const socket of sockets) socket.disconnect(true);
  return sockets;
}

/**
 * Ends each local socket whose session has passed its `expiresAt` (in socket.data), checking
 * every `intervalMs` against the server's clock. Returns the function that stops the checks.
 */
export function sweepExpired(
  binding: SessionBinding,
  opts: { intervalMs: number; now: () => number },
): () => void {
  const timer = setInterval(() => {
    const now = opts.now();
    for (const socket of binding.nsp.sockets.values()) {
      const expiresAt = (socket.data as { expiresAt?: number | null } | undefined)?.expiresAt;
      if (typeof expiresAt !== 'number' || expiresAt > now) continue;
      // A room of one: this socket. Through endSockets it is told, disconnected and audited
      // like every other ending.
      void endSockets(binding, socket.id, 'expired', 'local');
    }
  }, opts.intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
