import { maskPersonal, maskText } from './mask.ts';

/**
 * The pino options every Node logger (booth server, device bridge) is built with, so the
 * personal-data mask exists once: each log object passes `maskPersonal`, each string argument
 * (the message and its format arguments) `maskText`. Typed structurally, so the contract does
 * not depend on pino; `pino(maskedLoggerOptions(level), destination)` accepts it.
 */
export interface MaskedLoggerOptions {
  level: string;
  /** No pid/hostname: they say nothing a journal line needs. */
  base: undefined;
  formatters: { log(object: Record<string, unknown>): Record<string, unknown> };
  hooks: {
    logMethod<A extends unknown[]>(
      this: unknown,
      args: A,
      method: (this: unknown, ...args: A) => void,
    ): void;
  };
}

export function maskedLoggerOptions(level: string): MaskedLoggerOptions {
  return {
    level,
    base: undefined,
    formatters: { log: (object) => maskPersonal(object) as Record<string, unknown> },
    hooks: {
      logMethod(args, method) {
        const masked = args.map((a) => (typeof a === 'string' ? maskText(a) : a));
        method.apply(this, masked as typeof args);
      },
    },
  };
}
