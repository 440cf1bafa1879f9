import { KioskSessionToken } from '@onething/contract/rest/kiosk';
import { EnrolResponse } from '@onething/contract/rest/terminals';
import { AppError, ErrorCatalogue, type ErrorCode } from '@onething/contract/errors';
import type { z } from 'zod';

/**
 * The code a local request gets when the booth server cannot be reached. The shared catalogue
 * has no dedicated "server unreachable" code; DEVICE_UNAVAILABLE (503) is the closest, and
 * details.upstream tells the two cases apart.
 */
export const SERVER_UNREACHABLE: ErrorCode = 'DEVICE_UNAVAILABLE';

export function serverUnreachable(reason: string): AppError {
  return new AppError(SERVER_UNREACHABLE, `booth server unreachable: ${reason}`, {
    details: { upstream: 'booth-server' },
  });
}

export interface BoothHttpOptions {
  /** Give up on one request after this long. Default 10 s. */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/** The two REST calls the bridge makes with its terminal identity. */
export class BoothHttp {
  readonly #serverUrl: string;
  readonly #timeoutMs: number;
  readonly #fetch: typeof fetch;

  constructor(serverUrl: string, options: BoothHttpOptions = {}) {
    this.#serverUrl = serverUrl.replace(/\/+$/, '');
    this.#timeoutMs = options.timeoutMs ?? 10_000;
    this.#fetch = options.fetch ?? fetch;
  }

  /** Exchanges a one-time enrolment code for this terminal's credential. */
  enrol(terminalId: string, code: string): Promise<EnrolResponse> {
    return this.#post('/api/terminal/enrol', { terminalId, code }, {}, EnrolResponse);
  }

  /** A short-lived token for the kiosk UI's calls to /api/kiosk/*. */
  kioskSession(credential: string): Promise<KioskSessionToken> {
    return this.#post(
      '/api/terminal/kiosk-session',
      {},
      { authorization: `Bearer ${credential}` },
      KioskSessionToken,
    );
  }

  async #post<S extends z.ZodType>(
    path: string,
    body: unknown,
    headers: Record<string, string>,
    schema: S,
  ): Promise<z.output<S>> {
    let res: Response;
    try {
      res = await this.#fetch(`${this.#serverUrl}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(this.#timeoutMs),
      });
    } catch (e) {
      throw serverUnreachable(networkReason(e));
    }
    let json: unknown;
    try {
      json = await res.json();
    } catch {
      if (res.status >= 500) throw serverUnreachable(`HTTP ${res.status}`);
      throw new AppError('INTERNAL', `booth server sent no JSON for ${path} (HTTP ${res.status})`);
    }
    if (!res.ok) throw fromErrorBody(json, res.status, path);
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      throw new AppError('INTERNAL', `unexpected answer from the booth server for ${path}`);
    }
    return parsed.data;
  }
}

function networkReason(e: unknown): string {
  if (e instanceof DOMException && (e.name === 'TimeoutError' || e.name === 'AbortError')) {
    return 'timed out';
  }
  const cause = (e as { cause?: { code?: unknown } }).cause;
  if (cause && typeof cause.code === 'string') return cause.code;
  return e instanceof Error ? e.message : String(e);
}

function fromErrorBody(json: unknown, status: number, path: string): AppError {
  const error =
    typeof json === 'object' && json !== null && 'error' in json
      ? (json as { error: unknown }).error
      : null;
  const rec = typeof error === 'object' && error !== null ? (error as Record<string, unknown>) : {};
  const code = rec.code;
  const message = typeof rec.message === 'string' ? rec.message : `HTTP ${status} for ${path}`;
  if (typeof code === 'string' && Object.hasOwn(ErrorCatalogue, code)) {
    return new AppError(code as ErrorCode, message);
  }
  if (status >= 500) return serverUnreachable(`HTTP ${status}`);
  return new AppError('INTERNAL', message);
}
