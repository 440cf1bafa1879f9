import { AppError } from '@onething/contract/errors';
import { parseOrThrow } from '@onething/contract/validation';
import { describeIssue, parseAs } from '@onething/contract/wire/ack';
import type {
  HttpMethod,
  RouteRequest,
  RouteResponse,
  RouteSpec,
} from '@onething/contract/wire/rest-route';
import { type Request, type RequestHandler, type Response, Router } from 'express';
import { requireRole } from '../accounts/staff-auth.ts';
import { createLogger } from '../logging/logger.ts';

const log = createLogger('rest-router');

export type RouteHandler<R extends RouteSpec> = (
  input: RouteRequest<R>,
  req: Request,
  res: Response,
) => Promise<Answer<R>> | Answer<R>;
/** A route that answers nothing (204) may end its handler with a bare `return`. */
type Answer<R extends RouteSpec> =
  undefined extends RouteResponse<R> ? RouteResponse<R> | void : RouteResponse<R>;

const METHODS = {
  GET: 'get',
  POST: 'post',
  PUT: 'put',
  PATCH: 'patch',
  DELETE: 'delete',
} as const satisfies Record<HttpMethod, string>;

/**
 * An express router for routes defined in the contract under one prefix: each bound route's
 * params, query and body are parsed against the contract (400 VALIDATION_FAILED with the path),
 * its roles are required, and its answer is checked before it leaves — an answer that breaks
 * the contract is the server's bug, sent as 500 INTERNAL, never half-sent. Routes with a raw or
 * HTML body (uploads, pages) are plain express routes.
 */
export class RestRouter {
  readonly router = Router();
  readonly #prefix: string;

  /** `prefix`: where the router is mounted, e.g. '/api/kiosk' (routes' paths start with it). */
  constructor(prefix: string) {
    this.#prefix = prefix;
  }

  bind<R extends RouteSpec>(route: R, handler: RouteHandler<R>, ...before: RequestHandler[]): this {
    // the prefix itself (a collection, e.g. GET /api/admin/accounts) is the router's '/'
    if (route.path !== this.#prefix && !route.path.startsWith(`${this.#prefix}/`)) {
      throw new TypeError(`route ${route.path} is not under ${this.#prefix}`);
    }
    const path = route.path.slice(this.#prefix.length) || '/';
    const guards = route.roles ? [requireRole(...route.roles)] : [];
    this.router[METHODS[route.method]](path, ...guards, ...before, async (req, res) => {
      const input: RouteRequest<R> = {
        params: parseOrThrow<R['params']>(route.params, { ...req.params }),
        query: parseOrThrow<R['query']>(route.query, { ...req.query }),
        // express leaves the body undefined when nothing was sent
        body: parseOrThrow<R['body']>(route.body, req.body),
      };
      // The route's status is the default; a handler may choose another success status (e.g.
      // 200 for an idempotent repeat of a creation) with `res.status()`.
      res.status(route.status);
      const result = await handler(input, req, res);
      const checked = parseAs<R['response']>(route.response, result);
      if (!checked.success) {
        log.error(
          { route: `${route.method} ${route.path}`, issue: describeIssue(checked.error.issues) },
          'response does not match the contract',
        );
        throw new AppError('INTERNAL', 'internal error');
      }
      if (res.statusCode === 204) res.end();
      else res.json(checked.data);
    });
    return this;
  }
}
