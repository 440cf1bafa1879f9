/** socket.io namespaces: one per kind of peer, each with its own authentication. */
export enum Namespace {
  /** Citizen-facing kiosk UI sessions (anonymous until identified at the terminal). */
  Kiosk = '/kiosk',
  /** Device bridges on terminals (terminal credential). */
  Bridge = '/bridge',
  /** Staff consoles: agents, supervisors, maintenance, admins (session cookie). */
  Staff = '/staff',
}
