import { maskedLoggerOptions } from '@onething/contract/privacy/log-masking';
import pino, { type DestinationStream, type Logger } from 'pino';

/**
 * The bridge's root logger. Everything passes through the personal-data mask shared with the
 * booth server: card fields, tokens and ID numbers inside messages never reach the journal
 * unmasked. Modules take a child named after themselves.
 */
export function createBridgeLogger(level: string, destination?: DestinationStream): Logger {
  return pino(maskedLoggerOptions(level), destination);
}

export type { Logger };
