import type { z } from 'zod';
import { AppError } from './errors.ts';

/**
 * Parses untrusted input against a schema. The first issue becomes an AppError that names the
 * failing path, so a client can point at the exact field; all issues travel in details.
 */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issues = result.error.issues.map((i) => ({
    path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
    message: i.message,
  }));
  const first = issues[0] ?? { path: [], message: 'invalid' };
  const where = first.path.length ? first.path.join('.') : '(root)';
  // A refinement may name a more specific code (e.g. TEXT_UNSAFE from plainText).
  const named = (result.error.issues[0] as { params?: { code?: unknown } } | undefined)?.params
    ?.code;
  const code = named === 'TEXT_UNSAFE' ? named : 'VALIDATION_FAILED';
  throw new AppError(code, `${where}: ${first.message}`, {
    path: first.path,
    details: { issues },
  });
}
