import type { StaffProfile } from '@onething/contract/rest/staff';
import type { TerminalPrincipal } from '../terminals/terminal-registry.ts';

/** What a staff socket's handlers know about their caller. */
export interface StaffContext {
  staff: StaffProfile;
  ip: string | null;
  socketId: string;
  /** The session the socket was opened with (its hashed token) and when it expires. */
  sessionId: string;
  expiresAt: number;
}

/** What a kiosk UI or device bridge socket's handlers know: the terminal, from its credential. */
export interface TerminalContext {
  terminal: TerminalPrincipal;
  ip: string | null;
  socketId: string;
  /** When the kiosk token the socket was opened with expires; null for the bridge credential. */
  expiresAt: number | null;
}
