import { ErrorCatalogue, type ErrorCode, localizedMessage } from '@onething/contract/errors';
import type { AgentBoothNotifications, AgentBoothRequests } from '@onething/contract/sockets/booth';
import type { RequestOf, ResponseOf, ServerEvents } from '@onething/contract/wire/contract';
import { type Lang, strings } from '../i18n/strings.ts';
import { RequestError, staffRequest, staffSocket, subscribe } from '../realtime/staff-socket.ts';

type Requests = typeof AgentBoothRequests;
type Notifications = ServerEvents<typeof AgentBoothNotifications>;

/** A booth request (seat or supervisor) over the staff socket, typed by the shared contract. */
export function boothRequest<K extends keyof Requests & string>(
  event: K,
  payload: RequestOf<Requests, K>,
): Promise<ResponseOf<Requests, K>> {
  return staffRequest<ResponseOf<Requests, K>>(event, payload);
}

/** Subscribes to a booth notification; returns the unsubscribe function for effect cleanup. */
export function onBooth<K extends keyof Notifications & string>(
  event: K,
  handler: Notifications[K],
): () => void {
  return subscribe(event, handler);
}

/** Runs `fn` each time the staff socket reconnects (pushes were missed meanwhile). */
export function onReconnect(fn: () => void): () => void {
  const manager = staffSocket().io;
  manager.on('reconnect', fn);
  return () => manager.off('reconnect', fn);
}

/** The error code of a failed request; 'TIMEOUT' when the server never answered. */
export function errorCode(e: unknown): string {
  return e instanceof RequestError ? e.code : 'TIMEOUT';
}

/** A failed request's code in the reader's language. */
export function codeText(code: string, lang: Lang): string {
  if (code in ErrorCatalogue) {
    return localizedMessage(code as ErrorCode, lang === 'en' ? 'en' : 'zh-CN');
  }
  return strings.seat_noAnswer[lang];
}

export function boothErrorText(e: unknown, lang: Lang): string {
  return codeText(errorCode(e), lang);
}
