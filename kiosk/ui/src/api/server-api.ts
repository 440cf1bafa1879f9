import {
  BundleNotice,
  CaseLookupRequest,
  CaseView,
  CatalogueIndex,
  FieldError,
  InstantCertificateRequest,
  InstantCertificateResponse,
  MergedFormView,
  MergeFormRequest,
  RatingRequest,
  SubmitCaseRequest,
  SubmitCaseResponse,
  UploadResponse,
} from '@onething/contract/rest/kiosk';
import { KioskApiError } from './api-error.ts';

/** The subset of a zod schema this client needs (keeps zod itself out of the UI's imports). */
interface Schema<T> {
  safeParse(
    input: unknown,
  ):
    | { success: true; data: T }
    | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } };
}

export type Answers = Record<string, string | number | boolean>;

/** The prefilled (locked) fields are derived again from the session's attested person. */
export interface ValidateFormRequest {
  bundleCode: string;
  itemCodes: string[];
  answers: Answers;
}

export type UploadMediaType = 'image/jpeg' | 'image/png' | 'application/pdf';

export interface ServerApiOptions {
  /** Origin of the booth server; '' means the page's own origin (the UI is served at /kiosk/). */
  baseUrl?: string;
  /** The kiosk session token from the bridge; `refresh` asks for a new one after a 401. */
  getToken: (refresh: boolean) => Promise<string>;
  fetch?: typeof fetch;
  timeoutMs?: number;
  maxUploadBytes?: number;
}

/**
 * The booth server's /api/kiosk/* REST API. Every answer is checked against the shared
 * schema, so a screen only ever sees well-formed data; every failure is a KioskApiError whose
 * kind says whether the server refused (code from the ErrorCatalogue) or could not be reached.
 */
export class ServerApi {
  readonly #base: string;
  readonly #getToken: (refresh: boolean) => Promise<string>;
  readonly #fetch: typeof fetch;
  readonly #timeoutMs: number;
  readonly #maxUploadBytes: number;

  constructor(opts: ServerApiOptions) {
    this.#base = (opts.baseUrl ?? '').replace(/\/$/, '');
    this.#getToken = opts.getToken;
    // bound: window.fetch throws "Illegal invocation" when called as a method of another object
    this.#fetch = opts.fetch ?? globalThis.fetch.bind(globalThis);
    this.#timeoutMs = opts.timeoutMs ?? 15_000;
    this.#maxUploadBytes = opts.maxUploadBytes ?? 10 * 1024 * 1024;
  }

  async catalogue(): Promise<CatalogueIndex> {
    return this.#call('GET', '/api/kiosk/catalogue', undefined, CatalogueIndex);
  }

  async bundle(code: string): Promise<BundleNotice> {
    return this.#call(
      'GET',
      `/api/kiosk/bundles/${encodeURIComponent(code)}`,
      undefined,
      BundleNotice,
    );
  }

  async mergeForm(req: MergeFormRequest): Promise<MergedFormView> {
    const body = checkRequest('merge form', MergeFormRequest, req);
    return this.#call('POST', '/api/kiosk/forms', body, MergedFormView);
  }

  async validateForm(req: ValidateFormRequest): Promise<FieldError[]> {
    const res = await this.#call('POST', '/api/kiosk/forms/validate', req, ValidationResult);
    return res.errors;
  }

  async upload(data: Blob, mediaType: UploadMediaType): Promise<UploadResponse> {
    if (data.size === 0) throw KioskApiError.badRequest('upload', 'empty file');
    if (data.size > this.#maxUploadBytes) {
      throw new KioskApiError('badRequest', 'PAYLOAD_TOO_LARGE', `upload: ${data.size} bytes`);
    }
    return this.#call('POST', '/api/kiosk/uploads', data, UploadResponse, mediaType);
  }

  async submitCase(req: SubmitCaseRequest): Promise<SubmitCaseResponse> {
    const body = checkRequest('submit case', SubmitCaseRequest, req);
    return this.#call('POST', '/api/kiosk/cases', body, SubmitCaseResponse);
  }

  async lookupCase(req: { caseNumber: string; idLast4: string }): Promise<CaseView> {
    const body = checkRequest('case lookup', CaseLookupRequest, req);
    return this.#call('POST', '/api/kiosk/cases/lookup', body, CaseView);
  }

  async rate(req: RatingRequest): Promise<void> {
    const body = checkRequest('rating', RatingRequest, req);
    await this.#call('POST', '/api/kiosk/ratings', body, OkResult);
  }

  async instant(req: InstantCertificateRequest): Promise<InstantCertificateResponse> {
    const body = checkRequest('instant certificate', InstantCertificateRequest, req);
    return this.#call('POST', '/api/kiosk/instant', body, InstantCertificateResponse);
  }

  async #call<T>(
    method: 'GET' | 'POST',
    path: string,
    body: unknown,
    schema: Schema<T>,
    contentType = 'application/json',
  ): Promise<T> {
    const what = `${method} ${path.replace(/\/bundles\/.*/, '/bundles/:code')}`;
    let res = await this.#send(method, path, body, contentType, false, what);
    if (res.status === 401) {
      // the bridge's token may have expired between refreshes: one retry with a fresh one
      res = await this.#send(method, path, body, contentType, true, what);
    }
    let json: unknown;
    try {
      json = await res.json();
    } catch {
      if (!res.ok) throw KioskApiError.fromBody(what, res.status, null);
      throw KioskApiError.badResponse(what, 'not JSON');
    }
    if (!res.ok) throw KioskApiError.fromBody(what, res.status, json);
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw KioskApiError.badResponse(
        what,
        issue ? `${issue.path.map(String).join('.')}: ${issue.message}` : 'schema',
      );
    }
    return parsed.data;
  }

  async #send(
    method: string,
    path: string,
    body: unknown,
    contentType: string,
    refreshToken: boolean,
    what: string,
  ): Promise<Response> {
    let token: string;
    try {
      token = await this.#getToken(refreshToken);
    } catch {
      // without a token from the bridge the server cannot be asked: same effect as offline
      throw KioskApiError.unreachable(`${what} (no session token)`);
    }
    const headers: Record<string, string> = {
      Authorization: `Bearer ${token}`,
      Accept: 'application/json',
    };
    let payload: BodyInit | undefined;
    if (body instanceof Blob) {
      headers['Content-Type'] = contentType;
      payload = body;
    } else if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
      payload = JSON.stringify(body);
    }
    try {
      return await this.#fetch(`${this.#base}${path}`, {
        method,
        headers,
        ...(payload !== undefined && { body: payload }),
        signal: AbortSignal.timeout(this.#timeoutMs),
        cache: 'no-store',
        credentials: 'omit',
      });
    } catch {
      // network error or timeout: the server may be down or the link cut
      throw KioskApiError.unreachable(what);
    }
  }
}

function checkRequest<T>(what: string, schema: Schema<T>, input: unknown): T {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const path = (issue?.path ?? []).map((p) => (typeof p === 'number' ? p : String(p)));
  throw KioskApiError.badRequest(what, issue?.message ?? 'invalid', path);
}

const ValidationResult: Schema<{ errors: FieldError[] }> = {
  safeParse(input) {
    const errors = (input as { errors?: unknown } | null)?.errors;
    if (!Array.isArray(errors)) return fail(['errors'], 'expected an array');
    const out: FieldError[] = [];
    for (const [i, e] of errors.entries()) {
      const r = FieldError.safeParse(e);
      if (!r.success) return fail(['errors', i], r.error.issues[0]?.message ?? 'invalid');
      out.push(r.data);
    }
    return { success: true, data: { errors: out } };
  },
};

const OkResult: Schema<{ ok: true }> = {
  safeParse(input) {
    return (input as { ok?: unknown } | null)?.ok === true
      ? { success: true, data: { ok: true } }
      : fail(['ok'], 'expected true');
  },
};

function fail(path: PropertyKey[], message: string) {
  return { success: false as const, error: { issues: [{ path, message }] } };
}
