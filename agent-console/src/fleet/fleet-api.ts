import type { FleetNotifications, FleetRequests } from '@onething/contract/sockets/fleet';
import type {
  NotificationPayload,
  RequestInput,
  ResponseOutput,
} from '@onething/contract/wire/contract-client';
import { onStaff, staffRequest } from '../realtime/staff-socket.ts';

type Requests = typeof FleetRequests;
type Notifications = typeof FleetNotifications;

/** A fleet request over the staff socket, checked both ways. */
export function fleetRequest<K extends keyof Requests & string>(
  name: K,
  payload: RequestInput<Requests, K>,
): Promise<ResponseOutput<Requests, K>> {
  return staffRequest(name, payload);
}

/** Subscribes to a fleet notification; returns the unsubscribe function for effect cleanup. */
export function onFleet<K extends keyof Notifications & string>(
  name: K,
  listener: (payload: NotificationPayload<Notifications, K>) => void,
): () => void {
  return onStaff(name, listener);
}
