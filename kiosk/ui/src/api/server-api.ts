import type { SupplyCorrectionRequest } from '@onething/contract/rest/workbench';
import type {
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
  ValidateFormRequest,
} from '@onething/contract/rest/kiosk';
import { KioskRoutes } from '@onething/contract/rest/kiosk-routes';
import { RestClient } from '@onething/contract/wire/rest-client';
import type { RouteInput, RouteResponse, RouteSpec } from '@onething/contract/wire/rest-route';
import { KioskApiError } from './api-error.ts';

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
 * The booth server's /api/kiosk/* REST API, called through the routes the contract defines:
 * every request is checked before it leaves and every answer when it arrives, so a screen only
 * ever sees well-formed data; every failure is a KioskApiError whose kind says whether the
 * server refused (code from the ErrorCatalogue) or could not be reached.
 */
export class ServerApi {
  /** Asks the bridge for its current token. */
  readonly #client: RestClient<KioskApiError>;
  /** Asks the bridge for a fresh token: the retry after a 401. */
  readonly #refreshed: RestClient<KioskApiError>;
  readonly #maxUploadBytes: number;

  constructor(opts: ServerApiOptions) {
    // bound: window.fetch throws "Illegal invocation" when called as a method of another object
    const send = opts.fetch ?? globalThis.fetch.bind(globalThis);
    const timeoutMs = opts.timeoutMs ?? 15_000;
    const fetchWithTimeout: typeof fetch = (url, init) =>
      send(url, { ...init, signal: AbortSignal.timeout(timeoutMs), cache: 'no-store' });
    const client = (refresh: boolean) =>
      new RestClient({
        baseUrl: (opts.baseUrl ?? '').replace(/\/$/, ''),
        credentials: 'omit',
        fetch: fetchWithTimeout,
        errors: KioskApiError,
        headers: async () => ({
          Authorization: `Bearer ${await tokenOf(opts.getToken, refresh)}`,
          Accept: 'application/json',
        }),
      });
    this.#client = client(false);
    this.#refreshed = client(true);
    this.#maxUploadBytes = opts.maxUploadBytes ?? 10 * 1024 * 1024;
  }

  catalogue(): Promise<CatalogueIndex> {
    return this.#call(KioskRoutes.catalogue, {});
  }

  /** This terminal's name and site and the hotline, for the attract screen. */
  terminalInfo(): Promise<{ name: string; site: string; hotline: string }> {
    return this.#call(KioskRoutes.terminalInfo, {});
  }

  /** The nearest terminal in service with paper, for when this one cannot print. */
  alternativeTerminal(): Promise<{ alternative: { name: string; site: string } | null }> {
    return this.#call(KioskRoutes.alternativeTerminal, {});
  }

  bundle(code: string): Promise<BundleNotice> {
    return this.#call(KioskRoutes.bundle, { params: { code } });
  }

  mergeForm(req: MergeFormRequest): Promise<MergedFormView> {
    return this.#call(KioskRoutes.mergeForm, { body: req });
  }

  async validateForm(req: ValidateFormRequest): Promise<FieldError[]> {
    return (await this.#call(KioskRoutes.validateForm, { body: req })).errors;
  }

  async upload(data: Blob, mediaType: UploadMediaType): Promise<UploadResponse> {
    if (data.size === 0) throw KioskApiError.badRequest('upload', 'empty file');
    if (data.size > this.#maxUploadBytes) {
      throw new KioskApiError('badRequest', 'PAYLOAD_TOO_LARGE', `upload: ${data.size} bytes`);
    }
    // the Blob carries its media type: the client sends it as the Content-Type
    return this.#call(KioskRoutes.upload, { body: new Blob([data], { type: mediaType }) });
  }

  submitCase(req: SubmitCaseRequest): Promise<SubmitCaseResponse> {
    return this.#call(KioskRoutes.submitCase, { body: req });
  }

  lookupCase(req: CaseLookupRequest): Promise<CaseView> {
    return this.#call(KioskRoutes.lookupCase, { body: req });
  }

  /** The applicant's materials for a 补正 request (the session's attested identity must be theirs). */
  supplyCorrection(req: SupplyCorrectionRequest): Promise<CaseView> {
    return this.#call(KioskRoutes.supplyCorrection, { body: req });
  }

  async rate(req: RatingRequest): Promise<void> {
    await this.#call(KioskRoutes.rate, { body: req });
  }

  instant(req: InstantCertificateRequest): Promise<InstantCertificateResponse> {
    return this.#call(KioskRoutes.instant, { body: req });
  }

  async #call<R extends RouteSpec>(route: R, input: RouteInput<R>): Promise<RouteResponse<R>> {
    try {
      return await this.#client.call(route, input);
    } catch (e) {
      if (!(e instanceof KioskApiError) || e.status !== 401) throw e;
      // the bridge's token may have expired between refreshes: one retry with a fresh one
      return this.#refreshed.call(route, input);
    }
  }
}

async function tokenOf(
  getToken: (refresh: boolean) => Promise<string>,
  refresh: boolean,
): Promise<string> {
  try {
    return await getToken(refresh);
  } catch {
    // without a token from the bridge the server cannot be asked: same effect as offline
    throw KioskApiError.unreachable('kiosk session token');
  }
}
