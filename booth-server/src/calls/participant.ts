import type { PeerInfo } from '@onething/contract/sockets/media';
import type {
  MsConsumer,
  MsProducer,
  MsWebRtcTransport,
  RtpCapabilities,
} from '../media/mediasoup-api.ts';

/** One peer's media in a call. Closing it closes its transports, which close the rest. */
export class Participant {
  readonly info: PeerInfo;
  /**
   * Whether this peer's media comes to this router. A peer homed on another node is admitted
   * here too (its producers arrive through a pipe) but hears its signals from its own node.
   */
  readonly homed: boolean;
  readonly transports = new Map<string, MsWebRtcTransport>();
  readonly producers = new Map<string, MsProducer>();
  readonly consumers = new Map<string, MsConsumer>();
  rtpCapabilities: RtpCapabilities | null = null;
  /** Latest reception score (0–10) of what this peer receives. */
  quality: number | null = null;

  constructor(info: PeerInfo, homed: boolean) {
    this.info = info;
    this.homed = homed;
  }

  /** Drops media state but keeps the peer admitted, for a rejoin on a new router. */
  resetMedia(): void {
    for (const t of this.transports.values()) if (!t.closed) t.close();
    this.transports.clear();
    this.producers.clear();
    this.consumers.clear();
    this.rtpCapabilities = null;
  }

  close(): void {
    this.resetMedia();
  }
}
