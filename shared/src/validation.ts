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
  throw new AppError('VALIDATION_FAILED', `${where}: ${first.message}`, {
    path: first.path,
    details: { issues },
  });
}
