import type { MediaNodeContract } from '@onething/contract/sockets/media-node';
import type { ContractClient } from '@onething/contract/wire/contract-client';

type Requests = (typeof MediaNodeContract)['requests'];
type Notifications = (typeof MediaNodeContract)['notifications'];

/** What a caller needs of a media node's control contract: its requests, checked both ways. */
export type NodeControl = Pick<ContractClient<Requests, Notifications>, 'request'>;

/** Reaches another node's control namespace (one client per node, reused). */
export type ConnectNode = (nodeId: string, controlUrl: string) => NodeControl;
