import { enrolTerminal } from './terminals.ts';
import { readJson } from './test-server.ts';

/** A terminal's kiosk session against a test server: enrols, mints a token, calls /api/kiosk. */
export async function kioskSession(url: string, adminCookie: string, terminalId: string) {
  const credential = await enrolTerminal(url, adminCookie, terminalId);
  const minted = await readJson(
    await fetch(`${url}/api/terminal/kiosk-session`, {
      method: 'POST',
      headers: { authorization: `Bearer ${credential}` },
    }),
  );
  const token: string = minted.token;
  const call = (
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) =>
    fetch(`${url}/api/kiosk${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined || body instanceof Uint8Array
          ? {}
          : { 'content-type': 'application/json' }),
        ...headers,
      },
      body:
        body === undefined
          ? null
          : body instanceof Uint8Array
            ? new Uint8Array(body)
            : JSON.stringify(body),
    });
  return { credential, token, call };
}
