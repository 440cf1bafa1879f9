import type {
  DtlsParametersSchema,
  RtpCapabilitiesSchema,
  RtpParametersSchema,
  TransportOptions,
} from '@onething/contract/sockets/media';
import type { z } from 'zod';

/**
 * The part of mediasoup's server API this project uses, declared here because mediasoup is an
 * optional dependency: on a machine where its worker cannot be installed the package is absent,
 * and the server must still type-check, build and run without media. The shapes mirror
 * mediasoup 3.32's own types (checked against its CHANGELOG from 3.19.3: none of the breaking
 * changes in between — SCTP options, `libwebrtcFieldTrials`, `InvalidStateError` renamed
 * `WorkerClosedError` — touch this slice). RTP/DTLS/ICE parameters are the media contract's
 * (contract/src/sockets/media.ts): the server passes them between mediasoup and the browsers,
 * the contract checks their structure and mediasoup the rest.
 */
export type RtpCapabilities = z.output<typeof RtpCapabilitiesSchema>;
export type RtpParameters = z.output<typeof RtpParametersSchema>;
export type DtlsParameters = z.output<typeof DtlsParametersSchema>;
export type IceParameters = z.output<typeof TransportOptions>['iceParameters'];
export type IceCandidate = {
  foundation: string;
  priority: number;
  address: string;
  protocol: 'udp' | 'tcp';
  port: number;
  type: 'host' | 'srflx' | 'prflx' | 'relay';
  tcpType?: 'active' | 'passive' | 'so';
};
export type MediaKind = 'audio' | 'video';

export interface RtpCodecCapability {
  kind: MediaKind;
  mimeType: string;
  clockRate: number;
  channels?: number;
  parameters?: Record<string, unknown>;
  rtcpFeedback?: { type: string; parameter?: string }[];
}

interface Observed<E extends Record<string, unknown[]>> {
  on<K extends keyof E & string>(event: K, listener: (...args: E[K]) => void): unknown;
  once<K extends keyof E & string>(event: K, listener: (...args: E[K]) => void): unknown;
  readonly observer: {
    on(event: 'close', listener: () => void): unknown;
  };
}

export interface MsWorker extends Observed<{ died: [Error] }> {
  readonly pid: number;
  readonly closed: boolean;
  close(): void;
  getResourceUsage(): Promise<{ ru_maxrss: number; ru_utime: number; ru_stime: number }>;
  createWebRtcServer(options: {
    listenInfos: {
      protocol: 'udp' | 'tcp';
      ip: string;
      announcedAddress?: string;
      port?: number;
    }[];
  }): Promise<MsWebRtcServer>;
  createRouter(options: { mediaCodecs: RtpCodecCapability[] }): Promise<MsRouter>;
}

export interface MsWebRtcServer {
  readonly id: string;
  close(): void;
}

export interface MsRouter {
  readonly id: string;
  readonly closed: boolean;
  readonly rtpCapabilities: RtpCapabilities;
  canConsume(options: { producerId: string; rtpCapabilities: RtpCapabilities }): boolean;
  createWebRtcTransport(options: {
    webRtcServer: MsWebRtcServer;
    enableUdp?: boolean;
    enableTcp?: boolean;
    preferUdp?: boolean;
    /** Bandwidth estimation (transport-cc/REMB); default true (an option since 3.32). */
    enableBwe?: boolean;
    initialAvailableOutgoingBitrate?: number;
    /** Cap on what the remote side may send (since 3.32 also at creation, not only by call). */
    maxIncomingBitrate?: number;
    appData?: Record<string, unknown>;
  }): Promise<MsWebRtcTransport>;
  /** A transport to another router, here on another host (mediasoup ≥ 3.13: `listenInfo`). */
  createPipeTransport(options: {
    listenInfo: {
      protocol: 'udp';
      ip: string;
      announcedAddress?: string;
      portRange?: { min: number; max: number };
    };
    /** NACK/RTX on the pipe: both ends must enable it; worth it across a WAN. */
    enableRtx?: boolean;
    enableSrtp?: boolean;
    appData?: Record<string, unknown>;
  }): Promise<MsPipeTransport>;
  close(): void;
}

export interface SrtpParameters {
  cryptoSuite:
    'AEAD_AES_256_GCM' | 'AEAD_AES_128_GCM' | 'AES_CM_128_HMAC_SHA1_80' | 'AES_CM_128_HMAC_SHA1_32';
  keyBase64: string;
}

export interface MsPipeTransport extends Observed<{ routerclose: [] }> {
  readonly id: string;
  readonly closed: boolean;
  /** `localAddress` is the announced address when one was given, else the listen IP. */
  readonly tuple: { localAddress: string; localPort: number; protocol: 'udp' | 'tcp' };
  readonly srtpParameters?: SrtpParameters;
  connect(options: { ip: string; port: number; srtpParameters?: SrtpParameters }): Promise<void>;
  /** On a pipe transport no capabilities: every stream of the producer goes through verbatim. */
  consume(options: { producerId: string; appData?: Record<string, unknown> }): Promise<MsConsumer>;
  /** `id`: the source producer's, so consumers on this router name the same producer. */
  produce(options: {
    id: string;
    kind: MediaKind;
    rtpParameters: RtpParameters;
    paused?: boolean;
    appData?: Record<string, unknown>;
  }): Promise<MsProducer>;
  close(): void;
}

export interface MsWebRtcTransport extends Observed<{
  icestatechange: [string];
  dtlsstatechange: [string];
  routerclose: [];
}> {
  readonly id: string;
  readonly closed: boolean;
  readonly iceParameters: IceParameters;
  readonly iceCandidates: IceCandidate[];
  readonly dtlsParameters: DtlsParameters;
  readonly appData: Record<string, unknown>;
  connect(options: { dtlsParameters: DtlsParameters }): Promise<void>;
  restartIce(): Promise<IceParameters>;
  produce(options: {
    kind: MediaKind;
    rtpParameters: RtpParameters;
    appData?: Record<string, unknown>;
  }): Promise<MsProducer>;
  consume(options: {
    producerId: string;
    rtpCapabilities: RtpCapabilities;
    paused?: boolean;
    appData?: Record<string, unknown>;
  }): Promise<MsConsumer>;
  close(): void;
}

export interface MsProducer extends Observed<{ score: [{ score: number }[]]; transportclose: [] }> {
  readonly id: string;
  readonly kind: MediaKind;
  readonly closed: boolean;
  readonly paused: boolean;
  readonly appData: Record<string, unknown>;
  pause(): Promise<void>;
  resume(): Promise<void>;
  close(): void;
}

export interface MsConsumer extends Observed<{
  score: [{ score: number; producerScore: number }];
  transportclose: [];
  producerclose: [];
  producerpause: [];
  producerresume: [];
}> {
  readonly id: string;
  readonly producerId: string;
  readonly producerPaused: boolean;
  readonly kind: MediaKind;
  readonly rtpParameters: RtpParameters;
  readonly closed: boolean;
  readonly appData: Record<string, unknown>;
  resume(): Promise<void>;
  close(): void;
}

export interface MediasoupModule {
  version: string;
  createWorker(options?: {
    logLevel?: 'debug' | 'warn' | 'error' | 'none';
    /** The worker executable (since 3.19.11); otherwise MEDIASOUP_WORKER_BIN or the package's. */
    workerBin?: string;
    rtcMinPort?: number;
    rtcMaxPort?: number;
  }): Promise<MsWorker>;
}
