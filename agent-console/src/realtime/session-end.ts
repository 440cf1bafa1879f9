import { SessionEnded, type SessionEndReason } from '@onething/contract/sockets/session';
import { staffSocket } from './staff-socket.ts';

/** Why the console went back to sign-in; `unknown` when the server gave no (valid) reason. */
export type EndedReason = SessionEndReason | 'unknown';

/**
 * Watches the staff socket for the end of the session it was opened with: the server's
 * `session:ended` (validated against the contract), a disconnect the server made without one,
 * or a handshake it refuses (the session is gone). Calls `onEnded` once; returns unsubscribe.
 */
export function watchSessionEnd(onEnded: (reason: EndedReason) => void): () => void {
  const socket = staffSocket();
  let done = false;
  let told: EndedReason | null = null;
  const end = (reason: EndedReason) => {
    if (done) return;
    done = true;
    onEnded(reason);
  };
  const onEndedEvent = (payload: unknown) => {
    const parsed = SessionEnded.safeParse(payload);
    told = parsed.success ? parsed.data.reason : 'unknown';
    end(told);
  };
  const onDisconnect = (why: string) => {
    // 'io server disconnect': the server ended this socket; it will not reconnect by itself.
    if (why === 'io server disconnect') end(told ?? 'unknown');
  };
  const onConnectError = (e: Error) => {
    if (e.message === 'UNAUTHENTICATED') end(told ?? 'unknown');
  };
  socket.on('session:ended', onEndedEvent);
  socket.on('disconnect', onDisconnect);
  socket.on('connect_error', onConnectError);
  return () => {
    socket.off('session:ended', onEndedEvent);
    socket.off('disconnect', onDisconnect);
    socket.off('connect_error', onConnectError);
  };
}
