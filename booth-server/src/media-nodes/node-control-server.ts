import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import {
  MEDIA_NODE_NAMESPACE,
  MediaNodeContract,
  type RoomSignal,
} from '@onething/contract/sockets/media-node';
import { Notifier } from '@onething/contract/wire/notifier';
import { serveRequests } from '@onething/contract/wire/request-router';
import type { Namespace, Server as IoServer, Socket } from 'socket.io';
import { createLogger } from '../logging/logger.ts';
import type { MediaNode } from './media-node.ts';
import { nodeHandlers } from './node-handlers.ts';

const log = createLogger('media-node-control');

interface ControlCaller {
  from: string;
  role: 'signalling' | 'node';
}

/**
 * Serves a media node's control contract on /media-node: a caller presents the shared secret
 * (compared in constant time) and says who it is; requests are validated by the contract both
 * ways. Each call's room signals go to the signalling connection that opened it (another when
 * that one is gone), which relays them to the peer's socket.io room; calls opened in-process
 * are signalled in-process (`localCalls`).
 */
export function serveNodeControl(
  io: IoServer,
  node: MediaNode,
  opts: {
    secret: string;
    localCalls: (callId: string) => boolean;
    /** A refused handshake (wrong or no secret): the booth server audits it. */
    onRefused?: (from: string | null, request: IncomingMessage) => void;
  },
): Namespace {
  const nsp = io.of(MEDIA_NODE_NAMESPACE);
  const notifier = new Notifier(MediaNodeContract.notifications, {
    namespace: MEDIA_NODE_NAMESPACE,
    log,
  });
  const secret = Buffer.from(opts.secret);
  /** callId → the socket id of the signalling process that relays its signals. */
  const owners = new Map<string, string>();
  nsp.use((socket, next) => {
    const auth = (socket.handshake.auth ?? {}) as Record<string, unknown>;
    const given = typeof auth.secret === 'string' ? Buffer.from(auth.secret) : Buffer.alloc(0);
    const from = typeof auth.from === 'string' ? auth.from.slice(0, 64) : '';
    if (given.length !== secret.length || !timingSafeEqual(given, secret) || !from) {
      log.warn({ from: from || null }, 'media node control refused: wrong secret');
      opts.onRefused?.(from || null, socket.request);
      next(new Error('UNAUTHENTICATED'));
      return;
    }
    socket.data = {
      from,
      role: auth.role === 'node' ? 'node' : 'signalling',
    } satisfies ControlCaller;
    next();
  });
  nsp.on('connection', (socket: Socket) => {
    const caller = socket.data as ControlCaller;
    log.info({ from: caller.from, role: caller.role }, 'media node control connected');
    socket.on('disconnect', () => {
      for (const [callId, owner] of owners) if (owner === socket.id) owners.delete(callId);
    });
    const handlers = nodeHandlers(node);
    serveRequests(
      socket,
      MediaNodeContract.requests,
      {
        ...handlers,
        'room:open': {
          handle: async (r) => {
            const opened = await handlers['room:open'].handle(r, caller);
            if (caller.role === 'signalling') owners.set(r.callId, socket.id);
            return opened;
          },
        },
        'room:close': {
          handle: (r) => {
            owners.delete(r.callId);
            return handlers['room:close'].handle(r, caller);
          },
        },
      },
      caller,
      { log },
    );
  });
  node.on('signal', (callId, to, signal) => {
    if (opts.localCalls(callId)) return;
    const target = signalSocket(nsp, owners, callId);
    if (!target) {
      log.warn({ call: callId }, 'room signal dropped: no signalling process connected');
      return;
    }
    notifier.send(target, 'room:signal', { callId, to, signal: signal satisfies RoomSignal });
  });
  return nsp;
}

/** The call's relaying connection, or any signalling one (it adopts the call). */
function signalSocket(nsp: Namespace, owners: Map<string, string>, callId: string) {
  const owner = owners.get(callId);
  const socket = owner ? nsp.sockets.get(owner) : undefined;
  if (socket) return socket;
  for (const s of nsp.sockets.values()) {
    if ((s.data as ControlCaller).role === 'signalling') {
      owners.set(callId, s.id);
      return s;
    }
  }
  return undefined;
}
