import { randomBytes } from 'node:crypto';
import type { IdentityCardData } from '@onething/contract/identity/identity-card';
import type { Socket } from 'socket.io-client';
import { enrolTerminal } from './terminals.ts';
import { connectSocket, readJson, requestOutcome } from './test-server.ts';

/**
 * A terminal's kiosk session against a test server: enrols, mints a token, calls /api/kiosk,
 * and (like the device bridge) attests who is at the kiosk over the /bridge link.
 */
export async function kioskSession(url: string, adminCookie: string, terminalId: string) {
  const credential = await enrolTerminal(url, adminCookie, terminalId);
  return kioskSessionOf(url, credential);
}

/** Another kiosk session (token) of an enrolled terminal. */
export async function kioskSessionOf(url: string, credential: string) {
  const minted = await readJson(
    await fetch(`${url}/api/terminal/kiosk-session`, {
      method: 'POST',
      headers: { authorization: `Bearer ${credential}` },
    }),
  );
  const token: string = minted.token;
  const sessionId: string = minted.sessionId;
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
  let bridge: Socket | null = null;
  const link = async () => {
    bridge ??= await connectSocket(url, '/bridge', { auth: { credential } });
    return bridge;
  };
  /** The bridge attests a card it read for this session (a new visit each time). */
  const attest = async (card: IdentityCardData, visitId = newVisitId()) =>
    requestOutcome(await link(), 'identity:attest', {
      sessionId,
      visitId,
      method: 'idCard',
      card,
    });
  /** The bridge attests an electronic-ID code its scanner read. */
  const attestElectronic = async (code: string) =>
    requestOutcome(await link(), 'identity:attest', {
      sessionId,
      visitId: newVisitId(),
      method: 'electronicId',
      code,
    });
  /** The citizen's session was wiped. */
  const wipe = async () => requestOutcome(await link(), 'identity:clear', { sessionId });
  const close = () => {
    bridge?.close();
    bridge = null;
  };
  return {
    credential,
    token,
    sessionId,
    call,
    attest,
    attestElectronic,
    wipe,
    bridge: link,
    close,
  };
}

export function newVisitId(): string {
  return randomBytes(16).toString('base64url');
}
