import type { ErrorBody } from '@onething/contract/errors';

export class ApiError extends Error {
  readonly status: number;
  readonly body: ErrorBody;
  constructor(status: number, body: ErrorBody) {
    super(body.message);
    this.status = status;
    this.body = body;
  }
}

/** Same-origin JSON call; the session cookie travels by itself. */
export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(path, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? null : JSON.stringify(body),
    credentials: 'same-origin',
  });
  if (res.status === 204) return undefined as T;
  const data = (await res.json().catch(() => ({}))) as { error?: ErrorBody } & T;
  if (!res.ok) {
    throw new ApiError(res.status, data.error ?? { code: 'INTERNAL', message: res.statusText });
  }
  return data;
}
