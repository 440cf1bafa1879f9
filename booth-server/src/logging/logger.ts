import { maskPersonal, maskText } from '@onething/contract/privacy/mask';
import pino, { type Logger } from 'pino';

/**
 * One root pino logger; modules take a child named after themselves (mediasoup's
 * "a logger per module"). Everything logged passes through the personal-data mask.
 */
const root: Logger = pino({
  level: process.env.LOG_LEVEL ?? 'info',
  base: undefined,
  formatters: { log: (obj) => maskPersonal(obj) as Record<string, unknown> },
  hooks: {
    logMethod(args, method) {
      const masked = args.map((a) => (typeof a === 'string' ? maskText(a) : a));
      return method.apply(this, masked as Parameters<typeof method>);
    },
  },
});

const children: Logger[] = [];

/** Applies a level to the root and to every module logger made so far. */
export function setLogLevel(level: string): void {
  root.level = level;
  for (const c of children) c.level = level;
}

export function createLogger(module: string): Logger {
  const child = root.child({ module });
  children.push(child);
  return child;
}

export type { Logger };
