import { AttestationRequests } from './attestation.ts';
import { BridgeNotifications, BridgeRequests, FleetNotifications, FleetRequests } from './fleet.ts';
import {
  AgentBoothNotifications,
  AgentBoothRequests,
  KioskBoothNotifications,
  KioskBoothRequests,
} from './booth.ts';
import type { ClientEvents, ServerEvents } from '../wire/contract.ts';
import { KioskNotifications, KioskRequests } from './kiosk.ts';
import { MediaNotifications, MediaRequests } from './media.ts';
import { SessionNotifications } from './session.ts';
import { StaffNotifications, StaffRequests } from './staff.ts';

/**
 * Each namespace's full contract, and the socket.io generics derived from it: the server types
 * its namespaces with them (`Namespace<KioskClientEvents, KioskServerEvents>`) and clients type
 * their sockets the other way round (`Socket<KioskServerEvents, KioskClientEvents>`).
 */
export const KioskContract = {
  requests: { ...KioskRequests, ...KioskBoothRequests, ...MediaRequests },
  notifications: { ...KioskNotifications, ...KioskBoothNotifications, ...MediaNotifications },
};
export const StaffContract = {
  requests: { ...StaffRequests, ...FleetRequests, ...AgentBoothRequests, ...MediaRequests },
  notifications: {
    ...StaffNotifications,
    ...FleetNotifications,
    ...AgentBoothNotifications,
    ...MediaNotifications,
  },
};
export const BridgeContract = {
  requests: { ...BridgeRequests, ...AttestationRequests },
  notifications: { ...BridgeNotifications, ...SessionNotifications },
};

export type KioskClientEvents = ClientEvents<typeof KioskContract.requests>;
export type KioskServerEvents = ServerEvents<typeof KioskContract.notifications>;
export type StaffClientEvents = ClientEvents<typeof StaffContract.requests>;
export type StaffServerEvents = ServerEvents<typeof StaffContract.notifications>;
export type BridgeClientEvents = ClientEvents<typeof BridgeContract.requests>;
export type BridgeServerEvents = ServerEvents<typeof BridgeContract.notifications>;
