import type { z } from 'zod';
import { type AckResult, ErrorCatalogue, type ErrorBody, type ErrorCode } from '../errors.ts';

/** The part of a zod schema the runtime needs: browsers' clients stay free of zod's own code. */
export interface Parser<T = unknown> {
  safeParse(input: unknown): ParseResult<T>;
}
export type ParseResult<T> =
  { success: true; data: T } | { success: false; error: { issues: readonly ParseIssue[] } };
export interface ParseIssue {
  readonly message: string;
  readonly path: readonly PropertyKey[];
}

/** A schema's parse with its output type kept where a generic index would lose it. */
export function parseAs<S extends z.ZodType>(schema: S, value: unknown): ParseResult<z.output<S>> {
  return schema.safeParse(value);
}

/** True when `key` names an entry of `record` (its own, not inherited). */
export function isKeyOf<R extends object>(record: R, key: string): key is keyof R & string {
  return Object.hasOwn(record, key);
}

/** First issue of a failed parse as text: "path.to.field: message" (never the value). */
export function describeIssue(issues: readonly ParseIssue[]): string {
  const first = issues[0];
  if (!first) return 'invalid';
  const where = first.path.length ? first.path.map(String).join('.') : '(root)';
  return `${where}: ${first.message}`;
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(ErrorCatalogue, value);
}

/**
 * An acknowledgement or REST error as the peer sent it, checked by hand (no zod here): an
 * answer that is not `{ ok, data }` / `{ ok: false, error: { code, message } }` with a code from
 * the catalogue is not an answer.
 */
export function readAck(value: unknown): AckResult<unknown> | null {
  if (typeof value !== 'object' || value === null || !('ok' in value)) return null;
  if (value.ok === true) return { ok: true, data: 'data' in value ? value.data : undefined };
  if (value.ok !== false || !('error' in value)) return null;
  const error = readErrorBody(value.error);
  return error ? { ok: false, error } : null;
}

export function readErrorBody(value: unknown): ErrorBody | null {
  if (typeof value !== 'object' || value === null) return null;
  if (!('code' in value) || !isErrorCode(value.code)) return null;
  const body: ErrorBody = {
    code: value.code,
    message: 'message' in value && typeof value.message === 'string' ? value.message : '',
  };
  if ('path' in value && Array.isArray(value.path)) {
    body.path = value.path.filter(
      (p): p is string | number => typeof p === 'string' || typeof p === 'number',
    );
  }
  if ('details' in value && typeof value.details === 'object' && value.details !== null) {
    body.details = { ...value.details };
  }
  return body;
}

/**
 * How a client turns the ways a request can fail into its own error class (each client has
 * one, with codes from the catalogue and static factories).
 */
export interface WireErrors<E extends Error> {
  /** The payload breaks the contract before it left: a bug in this client. */
  invalidRequest(what: string, detail: string): E;
  /** No connection, or no answer within the time-out. */
  unreachable(what: string): E;
  /** The answer breaks the contract. */
  badResponse(what: string, detail: string): E;
  /** The peer refused with an error from the catalogue (status for REST, null for sockets). */
  refused(what: string, status: number | null, body: ErrorBody): E;
}
