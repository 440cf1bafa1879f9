import type { AgentBoothNotifications, AgentBoothRequests } from '@onething/contract/events/booth';
import { staffSocket } from '../realtime/staff-socket.ts';
import { staffContract } from '../staff-contract.ts';

/** Booth requests and notifications (seat and supervisor), typed by the shared contract. */
const booth = staffContract<typeof AgentBoothRequests, typeof AgentBoothNotifications>();

export const boothRequest = booth.request;
export const onBooth = booth.on;

/** Runs `fn` each time the staff socket reconnects (pushes were missed meanwhile). */
export function onReconnect(fn: () => void): () => void {
  const manager = staffSocket().io;
  manager.on('reconnect', fn);
  return () => manager.off('reconnect', fn);
}
