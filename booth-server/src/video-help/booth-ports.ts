import type { PeerInfo } from '@onething/contract/sockets/media';

/**
 * Hands a notification to one kiosk (by terminal id) or one staff member (by id). The booth's
 * parts know nothing of sockets: the realtime layer delivers what they hand it.
 */
export type Deliver = (target: string, event: string, payload: unknown) => void;

/** What the booth asks of the media rooms (`CallManager`); mediasoup stays behind it. */
export interface CallRooms {
  readonly available: boolean;
  open(callId: string, peers: PeerInfo[]): Promise<unknown>;
  get(callId: string): { admit(peer: PeerInfo): void } | undefined;
  close(callId: string): void;
  closeAll(): void;
}
