import type { NextFunction, Request, Response } from 'express';
import type { TerminalPrincipal, TerminalRegistry } from './terminal-registry.ts';

declare global {
  // Express's own way to type request properties is a global namespace.
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      terminal?: TerminalPrincipal;
    }
  }
}

export function bearer(req: Request): string | undefined {
  const h = req.get('authorization');
  return h?.startsWith('Bearer ') ? h.slice(7).trim() : undefined;
}

/** Device bridge requests: `Authorization: Bearer <terminal credential>`. */
export function requireTerminal(registry: TerminalRegistry) {
  return async (req: Request, _res: Response, next: NextFunction) => {
    req.terminal = await registry.authenticate(bearer(req));
    next();
  };
}

/** Kiosk UI requests: `Authorization: Bearer <kiosk session token>` minted by its bridge. */
export function requireKiosk(registry: TerminalRegistry) {
  return async (req: Request, _res: Response, next: NextFunction) => {
    req.terminal = await registry.authenticateKiosk(bearer(req));
    next();
  };
}
