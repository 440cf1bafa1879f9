import type { FleetNotifications, FleetRequests } from '@onething/contract/sockets/fleet';
import { ErrorCatalogue, type ErrorCode, localizedMessage } from '@onething/contract/errors';
import type { RequestOf, ResponseOf, ServerEvents } from '@onething/contract/wire/contract';
import { type Lang, strings } from '../i18n/strings.ts';
import { RequestError, staffRequest, subscribe } from '../realtime/staff-socket.ts';

type Requests = typeof FleetRequests;
type Notifications = ServerEvents<typeof FleetNotifications>;

/** A fleet request over the staff socket, typed by the shared contract. */
export function fleetRequest<K extends keyof Requests & string>(
  event: K,
  payload: RequestOf<Requests, K>,
): Promise<ResponseOf<Requests, K>> {
  return staffRequest<ResponseOf<Requests, K>>(event, payload);
}

/** Subscribes to a fleet notification; returns the unsubscribe function for effect cleanup. */
export function onFleet<K extends keyof Notifications & string>(
  event: K,
  handler: Notifications[K],
): () => void {
  return subscribe(event, handler);
}

/** A failed request in the reader's language; the server's code picks the message. */
export function fleetErrorText(e: unknown, lang: Lang): string {
  if (e instanceof RequestError && e.code in ErrorCatalogue) {
    return localizedMessage(e.code as ErrorCode, lang === 'en' ? 'en' : 'zh-CN');
  }
  // No code means no answer at all (timeout, connection lost).
  return strings.fleet_noAnswer[lang];
}
