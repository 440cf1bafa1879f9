import { z } from 'zod';
import { defineNotifications, defineRequests } from '../wire/contract.ts';
import {
  MediaKindSchema,
  MediaNotifications,
  MediaRequests,
  PeerInfo,
  RtpParametersSchema,
} from './media.ts';

/**
 * The media nodes' control contract: socket.io namespace `/media-node` on each node, served to
 * signalling processes and to other nodes, authenticated by the shared MEDIA_NODE_SECRET
 * (`handshake.auth = { secret, from }`, `from` the caller's node or process id). Signalling
 * processes open and close call rooms and forward the media contract's requests of the peers
 * whose sockets they hold; nodes join the two halves of a call across hosts with mediasoup
 * PipeTransports. Room signals come back as `room:signal` notifications, which the signalling
 * process relays to the peer's socket.io room.
 */
export const MEDIA_NODE_NAMESPACE = '/media-node';

const Id = z.string().min(1).max(64);
const NodeId = z.string().regex(/^[\w.-]{1,64}$/, 'letters, digits, . _ -');

type Requests = typeof MediaRequests;
type Notifications = typeof MediaNotifications;
const forwarded = <K extends keyof Requests>(
  event: K,
): z.ZodObject<{ event: z.ZodLiteral<K>; payload: Requests[K]['request'] }> =>
  z.object({ event: z.literal(event), payload: MediaRequests[event].request });
const signal = <K extends keyof Notifications>(
  event: K,
): z.ZodObject<{ event: z.ZodLiteral<K>; payload: Notifications[K] }> =>
  z.object({ event: z.literal(event), payload: MediaNotifications[event] });

/** One of the media contract's requests, as a peer's socket sent it: checked again here. */
export const ForwardedMediaRequest = z.discriminatedUnion('event', [
  forwarded('media:join'),
  forwarded('media:createTransport'),
  forwarded('media:connectTransport'),
  forwarded('media:produce'),
  forwarded('media:consume'),
  forwarded('media:resumeConsumer'),
  forwarded('media:restartIce'),
  forwarded('media:setPaused'),
  forwarded('media:leave'),
]);
export type ForwardedMediaRequest = z.output<typeof ForwardedMediaRequest>;

/** A room signal for one peer: one of the media contract's notifications. */
export const RoomSignal = z.discriminatedUnion('event', [
  signal('media:newProducer'),
  signal('media:producerClosed'),
  signal('media:producerPaused'),
  signal('media:peerJoined'),
  signal('media:peerLeft'),
  signal('media:quality'),
  signal('media:rejoin'),
]);
export type RoomSignal = z.output<typeof RoomSignal>;

// Both unions name every request and notification of the media contract (a new one added
// there fails to compile here until it is forwarded too).
const everyRequest: Record<keyof typeof MediaRequests, ForwardedMediaRequest['event']> = {
  'media:join': 'media:join',
  'media:createTransport': 'media:createTransport',
  'media:connectTransport': 'media:connectTransport',
  'media:produce': 'media:produce',
  'media:consume': 'media:consume',
  'media:resumeConsumer': 'media:resumeConsumer',
  'media:restartIce': 'media:restartIce',
  'media:setPaused': 'media:setPaused',
  'media:leave': 'media:leave',
};
const everySignal: Record<keyof typeof MediaNotifications, RoomSignal['event']> = {
  'media:newProducer': 'media:newProducer',
  'media:producerClosed': 'media:producerClosed',
  'media:producerPaused': 'media:producerPaused',
  'media:peerJoined': 'media:peerJoined',
  'media:peerLeft': 'media:peerLeft',
  'media:quality': 'media:quality',
  'media:rejoin': 'media:rejoin',
};
/** Every media request and notification the node contract carries. */
export const FORWARDED = { requests: everyRequest, signals: everySignal };

/** How a node reaches another node's pipe transport: its announced address and UDP port. */
export const PipeEndpoint = z.object({
  ip: z.string().min(1).max(64),
  port: z.number().int().min(1).max(65535),
  /** Present when MEDIA_PIPE_SRTP is on: the pipe's RTP is encrypted with these keys. */
  srtpParameters: z
    .object({
      cryptoSuite: z.enum([
        'AEAD_AES_256_GCM',
        'AEAD_AES_128_GCM',
        'AES_CM_128_HMAC_SHA1_80',
        'AES_CM_128_HMAC_SHA1_32',
      ]),
      keyBase64: z.string().min(1).max(200),
    })
    .optional(),
});
export type PipeEndpoint = z.infer<typeof PipeEndpoint>;

export const MediaNodeRequests = defineRequests({
  /** Opens this node's router for a call; `homed` are the peers whose media comes here. */
  'room:open': {
    request: z.object({ callId: Id, peers: z.array(PeerInfo).max(16), homed: z.array(Id).max(16) }),
    response: z.object({ callId: z.string(), nodeId: z.string() }),
  },
  'room:admit': {
    request: z.object({ callId: Id, peer: PeerInfo, homed: z.boolean() }),
    response: z.object({ admitted: z.literal(true) }),
  },
  'room:close': {
    request: z.object({ callId: Id }),
    response: z.object({ closed: z.boolean() }),
  },
  /** Asks the peers homed here to set up their media again (the call moved here). */
  'room:rejoin': {
    request: z.object({ callId: Id, reason: z.string().max(200) }),
    response: z.object({ asked: z.number().int() }),
  },
  /** Drops the pipe to a node that died: what came through it closes, peers are told. */
  'room:unlink': {
    request: z.object({ callId: Id, nodeId: NodeId }),
    response: z.object({ unlinked: z.literal(true) }),
  },
  /** A peer's media request, forwarded by the signalling process that holds its socket. */
  'room:media': {
    request: z.object({ callId: Id, peerId: Id, request: ForwardedMediaRequest }),
    response: z.object({ data: z.unknown() }),
  },
  /**
   * Joins this node's router for the call with the router on `peerNodeId`: this node creates
   * its pipe transport and asks the other for its own (`pipe:accept`), both connect, and each
   * side pipes its homed peers' producers to the other from then on.
   */
  'room:link': {
    request: z.object({ callId: Id, peerNodeId: NodeId, peerControlUrl: z.string().url() }),
    response: z.object({ linked: z.literal(true) }),
  },
  /** Node to node: creates the pipe transport for a call, connects it to the caller's. */
  'pipe:accept': {
    request: z.object({
      callId: Id,
      fromNodeId: NodeId,
      fromControlUrl: z.string().url(),
      endpoint: PipeEndpoint,
    }),
    response: z.object({ endpoint: PipeEndpoint }),
  },
  /** Node to node: a producer of a peer homed on the caller, to be produced here with its id. */
  'pipe:produce': {
    request: z.object({
      callId: Id,
      /** The sending node: its pipe is the one the producer arrives through. */
      fromNodeId: NodeId,
      peerId: Id,
      producerId: Id,
      kind: MediaKindSchema,
      rtpParameters: RtpParametersSchema.passthrough(),
      paused: z.boolean(),
    }),
    response: z.object({ producerId: z.string() }),
  },
  /** Node to node: the source producer paused, resumed or closed. */
  'pipe:producerState': {
    request: z.object({
      callId: Id,
      producerId: Id,
      state: z.enum(['paused', 'resumed', 'closed']),
    }),
    response: z.object({ applied: z.boolean() }),
  },
  /** Who this node is and what it carries (tests and operators). */
  'node:status': {
    request: z.object({}),
    response: z.object({
      nodeId: z.string(),
      region: z.string(),
      available: z.boolean(),
      rooms: z.number().int(),
    }),
  },
});

export const MediaNodeNotifications = defineNotifications({
  'room:signal': z.object({ callId: z.string(), to: z.string(), signal: RoomSignal }),
});

export const MediaNodeContract = {
  requests: MediaNodeRequests,
  notifications: MediaNodeNotifications,
};
