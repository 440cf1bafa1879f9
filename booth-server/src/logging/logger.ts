import { maskedLoggerOptions } from '@onething/contract/privacy/log-masking';
import pino, { type Logger } from 'pino';

/**
 * One root pino logger; modules take a child named after themselves (mediasoup's
 * "a logger per module"). Everything logged passes through the personal-data mask shared with
 * the device bridge.
 */
const root: Logger = pino(maskedLoggerOptions(process.env.LOG_LEVEL ?? 'info'));

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
