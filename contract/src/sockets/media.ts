import { z } from 'zod';
import { defineNotifications, defineRequests } from '../wire/contract.ts';

/**
 * WebRTC signalling for a call, the same on the kiosk and staff namespaces. The sequence follows
 * mediasoup's: join (router capabilities) → createTransport ×2 → connectTransport (DTLS) →
 * produce → consume (paused) → resumeConsumer once the client's consumer exists.
 *
 * RTP/DTLS shapes are checked structurally here; mediasoup checks the rest and its refusals come
 * back as VALIDATION_FAILED with its message.
 */
const Id = z.string().min(1).max(64);

export const DtlsParametersSchema = z.object({
  role: z.enum(['auto', 'client', 'server']).optional(),
  fingerprints: z
    .array(z.object({ algorithm: z.string().min(1).max(16), value: z.string().min(1).max(200) }))
    .min(1)
    .max(8),
});

const RtcpFeedback = z.object({
  type: z.string().max(32),
  parameter: z.string().max(32).optional(),
});

const CodecParameters = z.object({
  mimeType: z.string().regex(/^(audio|video)\/[\w.-]+$/i, 'like audio/opus or video/VP8'),
  payloadType: z.number().int().min(0).max(127),
  clockRate: z.number().int().positive(),
  channels: z.number().int().positive().optional(),
  parameters: z.record(z.string(), z.unknown()).optional(),
  rtcpFeedback: z.array(RtcpFeedback).max(32).optional(),
});

export const RtpParametersSchema = z.object({
  mid: z.string().max(32).optional(),
  codecs: z.array(CodecParameters).min(1).max(32),
  headerExtensions: z
    .array(
      z.object({
        uri: z.string().max(200),
        id: z.number().int(),
        encrypt: z.boolean().optional(),
        parameters: z.record(z.string(), z.unknown()).optional(),
      }),
    )
    .max(32)
    .optional(),
  encodings: z.array(z.record(z.string(), z.unknown())).max(8).optional(),
  rtcp: z
    .object({ cname: z.string().max(64).optional(), reducedSize: z.boolean().optional() })
    .optional(),
});

export const RtpCapabilitiesSchema = z.object({
  codecs: z.array(z.record(z.string(), z.unknown())).max(64).optional(),
  headerExtensions: z.array(z.record(z.string(), z.unknown())).max(64).optional(),
});

export const MediaKindSchema = z.enum(['audio', 'video']);

export const TransportOptions = z.object({
  id: z.string(),
  iceParameters: z.object({
    usernameFragment: z.string(),
    password: z.string(),
    iceLite: z.boolean().optional(),
  }),
  iceCandidates: z.array(z.record(z.string(), z.unknown())),
  dtlsParameters: DtlsParametersSchema,
});

export const PeerInfo = z.object({
  peerId: z.string(),
  role: z.enum(['citizen', 'agent', 'supervisor']),
  displayName: z.string(),
  department: z.string().nullable(),
  region: z.string().nullable(),
});
export type PeerInfo = z.infer<typeof PeerInfo>;

export const ProducerInfo = z.object({
  producerId: z.string(),
  peerId: z.string(),
  kind: MediaKindSchema,
});

export const MediaRequests = defineRequests({
  'media:join': {
    request: z.object({ callId: Id }),
    response: z.object({
      peerId: z.string(),
      rtpCapabilities: z.record(z.string(), z.unknown()),
      peers: z.array(PeerInfo),
      producers: z.array(ProducerInfo),
    }),
  },
  'media:createTransport': {
    request: z.object({ callId: Id, direction: z.enum(['send', 'recv']) }),
    response: TransportOptions,
  },
  'media:connectTransport': {
    request: z.object({ callId: Id, transportId: Id, dtlsParameters: DtlsParametersSchema }),
    response: z.object({ connected: z.literal(true) }),
  },
  'media:produce': {
    request: z.object({
      callId: Id,
      transportId: Id,
      kind: MediaKindSchema,
      rtpParameters: RtpParametersSchema,
    }),
    response: z.object({ producerId: z.string() }),
  },
  'media:consume': {
    request: z.object({ callId: Id, producerId: Id, rtpCapabilities: RtpCapabilitiesSchema }),
    response: z.object({
      consumerId: z.string(),
      producerId: z.string(),
      kind: MediaKindSchema,
      rtpParameters: z.record(z.string(), z.unknown()),
    }),
  },
  'media:resumeConsumer': {
    request: z.object({ callId: Id, consumerId: Id }),
    response: z.object({ resumed: z.literal(true) }),
  },
  'media:restartIce': {
    request: z.object({ callId: Id, transportId: Id }),
    response: z.object({ iceParameters: TransportOptions.shape.iceParameters }),
  },
  /** Mute / camera off: pauses the producer so the other side sees it stopped on purpose. */
  'media:setPaused': {
    request: z.object({ callId: Id, producerId: Id, paused: z.boolean() }),
    response: z.object({ paused: z.boolean() }),
  },
  'media:leave': {
    request: z.object({ callId: Id }),
    response: z.object({ left: z.literal(true) }),
  },
});

export const MediaNotifications = defineNotifications({
  'media:newProducer': ProducerInfo.extend({ callId: z.string() }),
  'media:producerClosed': z.object({ callId: z.string(), producerId: z.string() }),
  'media:producerPaused': z.object({
    callId: z.string(),
    producerId: z.string(),
    paused: z.boolean(),
  }),
  'media:peerJoined': PeerInfo.extend({ callId: z.string() }),
  'media:peerLeft': z.object({ callId: z.string(), peerId: z.string() }),
  /** 0–10, from mediasoup's producer/consumer scores: shown to both sides. */
  'media:quality': z.object({ callId: z.string(), peerId: z.string(), score: z.number() }),
  /** The call's media moved (worker died, ICE restart failed): set up transports again. */
  'media:rejoin': z.object({ callId: z.string(), reason: z.string() }),
});
