import type { FleetNotifications, FleetRequests } from '@onething/contract/api/fleet';
import { staffContract } from '../staff-contract.ts';

/** Fleet requests and notifications over the staff socket, typed by the shared contract. */
const fleet = staffContract<typeof FleetRequests, typeof FleetNotifications>();

export const fleetRequest = fleet.request;
export const onFleet = fleet.on;
