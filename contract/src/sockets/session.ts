import { z } from 'zod';
import { defineNotifications } from '../wire/contract.ts';

/**
 * Why the server ended a socket's right to exist. Every socket is bound to the staff session or
 * terminal credential it was opened with; when that ends, the server sends `session:ended`
 * with one of these reasons and then disconnects the socket.
 */
export const SessionEndReason = z.enum([
  /** The staff member signed out (this or another tab of the same session). */
  'loggedOut',
  /** An administrator disabled the account. */
  'disabled',
  /** The session reached its expiry (SESSION_TTL_MINUTES) or the kiosk token its end. */
  'expired',
  /** An administrator changed the account's roles or department: sign in again. */
  'roleChanged',
  /** An administrator set a new password: sign in with it (and change it). */
  'passwordReset',
  /** An administrator revoked the terminal's credential. */
  'revoked',
]);
export type SessionEndReason = z.infer<typeof SessionEndReason>;

export const SessionEnded = z.object({ reason: SessionEndReason }).strict();
export type SessionEnded = z.infer<typeof SessionEnded>;

/** Sent to every namespace (staff, kiosk, bridge) just before the server disconnects it. */
export const SessionNotifications = defineNotifications({ 'session:ended': SessionEnded });
