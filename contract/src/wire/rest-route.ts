import { z } from 'zod';
import type { Role } from '../rest/staff.ts';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** The parts a route does not declare: nothing in the path, query or body. */
const Nothing = z.object({}).strict();
const NoBody = z.undefined();

/**
 * The body of a POST that needs nothing: none, or an object such as the `{}` some clients send
 * (its fields are not read).
 */
export const EmptyBody = z.object({}).optional();

/** The answer of a 204 No Content. */
export const NoContent = z.undefined();

/**
 * One REST route, defined once: the server binds it (validating params, query and body, and
 * its own response) and clients call it through the typed fetch client (validating the same
 * both ways). `path` uses express's `:name` parameters and is the full path from the origin.
 */
export interface RouteSpec<
  P extends z.ZodType = z.ZodType,
  Q extends z.ZodType = z.ZodType,
  B extends z.ZodType = z.ZodType,
  Res extends z.ZodType = z.ZodType,
> {
  method: HttpMethod;
  path: string;
  params: P;
  query: Q;
  body: B;
  /** The answer's shape; `z.undefined()` for 204 No Content. */
  response: Res;
  /** HTTP status of success (200 unless said; 204 sends no body). */
  status: number;
  /** Staff roles allowed (any of them); absent: the router's own guard decides. */
  roles?: readonly Role[];
}

export function defineRoute<
  Res extends z.ZodType,
  P extends z.ZodType = typeof Nothing,
  Q extends z.ZodType = typeof Nothing,
  B extends z.ZodType = typeof NoBody,
>(route: {
  method: HttpMethod;
  path: string;
  params?: P;
  query?: Q;
  body?: B;
  response: Res;
  status?: number;
  roles?: readonly Role[];
}): RouteSpec<P, Q, B, Res> {
  // An absent part is checked too (a stray query parameter is refused). When a part is absent
  // its type parameter is the default, which is exactly the schema filled in here; TypeScript
  // cannot see that link, so the runtime asserts it here, once.
  return {
    ...route,
    params: route.params ?? (Nothing as z.ZodType as P),
    query: route.query ?? (Nothing as z.ZodType as Q),
    body: route.body ?? (NoBody as z.ZodType as B),
    status: route.status ?? 200,
  };
}

/** What a caller passes: the parts the route declares (absent ones may be left out). */
export type RouteInput<R extends RouteSpec> = PartInput<'params', R['params']> &
  PartInput<'query', R['query']> &
  PartInput<'body', R['body']>;
type PartInput<K extends string, S extends z.ZodType> =
  Record<string, never> extends z.input<S>
    ? { [P in K]?: z.input<S> }
    : undefined extends z.input<S>
      ? { [P in K]?: z.input<S> }
      : { [P in K]: z.input<S> };

/** What a server handler receives: the parsed parts. */
export interface RouteRequest<R extends RouteSpec> {
  params: z.output<R['params']>;
  query: z.output<R['query']>;
  body: z.output<R['body']>;
}

export type RouteResponse<R extends RouteSpec> = z.output<R['response']>;

/** `/cases/:id` with `{ id: 'C 1' }` → `/cases/C%201`; a missing parameter is a bug. */
export function buildPath(path: string, params: Record<string, unknown> | undefined): string {
  return path.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, (_m, key: string) => {
    const value = params?.[key];
    if (typeof value !== 'string' && typeof value !== 'number') {
      throw new TypeError(`route ${path}: parameter ${key} missing`);
    }
    return encodeURIComponent(String(value));
  });
}
