import type { AgentBoothNotifications, AgentBoothRequests } from '@onething/contract/sockets/booth';
import type {
  NotificationPayload,
  RequestInput,
  ResponseOutput,
} from '@onething/contract/wire/contract-client';
import { onStaff, staffRequest } from '../realtime/staff-socket.ts';

type Requests = typeof AgentBoothRequests;
type Notifications = typeof AgentBoothNotifications;

/** A booth request (seat or supervisor) over the staff socket, checked both ways. */
export function boothRequest<K extends keyof Requests & string>(
  name: K,
  payload: RequestInput<Requests, K>,
): Promise<ResponseOutput<Requests, K>> {
  return staffRequest(name, payload);
}

/** Subscribes to a booth notification; returns the unsubscribe function for effect cleanup. */
export function onBooth<K extends keyof Notifications & string>(
  name: K,
  listener: (payload: NotificationPayload<Notifications, K>) => void,
): () => void {
  return onStaff(name, listener);
}
