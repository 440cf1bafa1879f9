import { maskPersonal, maskText } from '@onething/contract/privacy/mask';
import pino, { type DestinationStream, type Logger } from 'pino';

/**
 * The bridge's root logger. Everything passes through the personal-data mask, as on the booth
 * server: card fields, tokens and ID numbers inside messages never reach the journal unmasked.
 * Modules take a child named after themselves.
 */
export function createBridgeLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: undefined,
      formatters: { log: (obj) => maskPersonal(obj) as Record<string, unknown> },
      hooks: {
        logMethod(args, method) {
          const masked = args.map((a) => (typeof a === 'string' ? maskText(a) : a));
          return method.apply(this, masked as Parameters<typeof method>);
        },
      },
    },
    destination,
  );
}

export type { Logger };
