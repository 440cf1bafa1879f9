import { describeIssue, parseAs, readErrorBody, type WireErrors } from './ack.ts';
import { buildPath, type RouteInput, type RouteResponse, type RouteSpec } from './rest-route.ts';

export interface RestClientOptions<E extends Error> {
  /** Origin and prefix, e.g. '' (same origin) or 'https://server'; routes' paths follow it. */
  baseUrl?: string;
  /** Headers for every call (a bearer token); asked again before each call. */
  headers?: () => Record<string, string> | Promise<Record<string, string>>;
  credentials?: 'omit' | 'same-origin' | 'include';
  fetch?: typeof fetch;
  errors: WireErrors<E>;
}

/**
 * The typed fetch client for routes defined with `defineRoute`: the input is checked against
 * the route before it leaves and the answer (or the error body) when it comes back.
 */
export class RestClient<E extends Error = Error> {
  readonly #options: RestClientOptions<E>;

  constructor(options: RestClientOptions<E>) {
    this.#options = options;
  }

  async call<R extends RouteSpec>(route: R, input: RouteInput<R>): Promise<RouteResponse<R>> {
    const { errors } = this.#options;
    const what = `${route.method} ${route.path}`;
    const params = check(route.params, input.params ?? {}, what, 'params', errors);
    const query = check(route.query, input.query ?? {}, what, 'query', errors);
    const body = check(route.body, input.body, what, 'body', errors);
    let url = `${this.#options.baseUrl ?? ''}${buildPath(route.path, asRecord(params))}`;
    const search = toSearch(query);
    if (search) url += `?${search}`;
    const headers: Record<string, string> = { ...(await this.#options.headers?.()) };
    // A Blob (an upload) goes as it is, typed by its own media type; anything else as JSON.
    let payload: Blob | string | null = null;
    if (body instanceof Blob) {
      headers['content-type'] = body.type || 'application/octet-stream';
      payload = body;
    } else if (body !== undefined) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(body);
    }
    let res: Response;
    try {
      res = await (this.#options.fetch ?? fetch)(url, {
        method: route.method,
        headers,
        body: payload,
        credentials: this.#options.credentials ?? 'same-origin',
      });
    } catch {
      throw errors.unreachable(what);
    }
    const text = await res.text().catch(() => '');
    let json: unknown = undefined;
    if (text) {
      try {
        json = JSON.parse(text);
      } catch {
        if (res.ok) throw errors.badResponse(what, 'not JSON');
      }
    }
    if (!res.ok) {
      const error =
        typeof json === 'object' && json !== null && 'error' in json
          ? readErrorBody(json.error)
          : null;
      // a proxy's own error page (502, 504) is no answer from the server
      if (!error) throw errors.unreachable(what);
      throw errors.refused(what, res.status, error);
    }
    const parsed = parseAs<R['response']>(route.response, json);
    if (!parsed.success) throw errors.badResponse(what, describeIssue(parsed.error.issues));
    return parsed.data;
  }
}

function check<E extends Error>(
  schema: RouteSpec['body'],
  value: unknown,
  what: string,
  part: string,
  errors: WireErrors<E>,
): unknown {
  const r = schema.safeParse(value);
  if (!r.success) throw errors.invalidRequest(what, `${part} ${describeIssue(r.error.issues)}`);
  return r.data;
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null ? { ...value } : undefined;
}

function toSearch(query: unknown): string {
  const record = asRecord(query);
  if (!record) return '';
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(record)) {
    if (v === undefined || v === null) continue;
    for (const item of Array.isArray(v) ? v : [v]) search.append(k, String(item));
  }
  return search.toString();
}
