/**
 * What the wire runtime logs through: pino's shape, so the server and bridge pass their masked
 * module loggers; browsers pass `consoleWireLogger`. Payloads never reach a log line (they may
 * hold personal data): only event names, codes and issue paths.
 */
export interface WireLogger {
  debug(fields: Record<string, unknown>, message: string): void;
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

/** For browsers: warnings and errors to the console, the rest dropped. */
export const consoleWireLogger: WireLogger = {
  debug: () => undefined,
  info: () => undefined,
  warn: (fields, message) => console.warn(message, fields),
  error: (fields, message) => console.error(message, fields),
};

/** Longest part of a peer-chosen event name that reaches a log line or a reply. */
export const EVENT_NAME_LOG_LIMIT = 64;

/**
 * A peer chooses the event name: up to the message limit of it. Logs and replies carry its
 * first characters and its length, never the whole name.
 */
export function eventLabel(event: unknown): { event: string; eventLength?: number } {
  const s = String(event);
  return s.length <= EVENT_NAME_LOG_LIMIT
    ? { event: s }
    : { event: `${s.slice(0, EVENT_NAME_LOG_LIMIT)}…`, eventLength: s.length };
}
