import { MediaNotifications, MediaRequests, type PeerInfo } from '@onething/contract/sockets/media';
import { describe, expect, it } from 'vitest';
import type {
  MediaKind,
  MsProducer,
  MsRouter,
  MsWebRtcServer,
  MsWebRtcTransport,
  MsWorker,
} from '../media/mediasoup-api.ts';
import type { PooledWorker } from '../media/worker-pool.ts';
import { CallRoom, type Signal } from './call-room.ts';

/** mediasoup objects as far as a room uses them, without a worker process. */
const observed = {
  on: () => undefined,
  once: () => undefined,
  observer: { on: () => undefined },
};

let ids = 0;
const nextId = (prefix: string) => `${prefix}-${++ids}`;

function fakeProducer(kind: MediaKind): MsProducer {
  return {
    ...observed,
    id: nextId('producer'),
    kind,
    closed: false,
    paused: false,
    appData: {},
    pause: async () => undefined,
    resume: async () => undefined,
    close: () => undefined,
  };
}

function fakeTransport(appData: Record<string, unknown>): MsWebRtcTransport {
  return {
    ...observed,
    id: nextId('transport'),
    closed: false,
    appData,
    iceParameters: { usernameFragment: 'frag', password: 'secret', iceLite: true },
    iceCandidates: [
      {
        foundation: 'udpcandidate',
        priority: 1076302079,
        address: '10.0.0.1',
        protocol: 'udp',
        port: 40000,
        type: 'host',
      },
    ],
    dtlsParameters: {
      role: 'auto',
      fingerprints: [{ algorithm: 'sha-256', value: 'AB:CD' }],
    },
    connect: async () => undefined,
    restartIce: async () => ({ usernameFragment: 'frag2', password: 'secret2', iceLite: true }),
    produce: async ({ kind }) => fakeProducer(kind),
    consume: () => Promise.reject(new Error('not used here')),
    close: () => undefined,
  };
}

function fakeRouter(): MsRouter {
  return {
    id: nextId('router'),
    closed: false,
    rtpCapabilities: {
      codecs: [{ kind: 'audio', mimeType: 'audio/opus', clockRate: 48000, channels: 2 }],
      headerExtensions: [{ kind: 'audio', uri: 'urn:ietf:params:rtp-hdrext:sdes:mid' }],
    },
    canConsume: () => true,
    createWebRtcTransport: async ({ appData }) => fakeTransport(appData ?? {}),
    createPipeTransport: () => Promise.reject(new Error('not used here')),
    close: () => undefined,
  };
}

function fakeWorker(index: number): PooledWorker {
  const webRtcServer: MsWebRtcServer = { id: nextId('server'), close: () => undefined };
  const worker: MsWorker = {
    ...observed,
    pid: 1000 + index,
    closed: false,
    close: () => undefined,
    getResourceUsage: async () => ({ ru_maxrss: 0, ru_utime: 0, ru_stime: 0 }),
    createWebRtcServer: async () => webRtcServer,
    createRouter: async () => fakeRouter(),
  };
  return { index, worker, webRtcServer, load: 0 };
}

const peer = (peerId: string, role: PeerInfo['role']): PeerInfo => ({
  peerId,
  role,
  displayName: role,
  department: null,
  region: null,
});

describe('CallRoom', () => {
  it('answers and signals within the media contract', async () => {
    const room = await CallRoom.create('call-1', fakeWorker(0), { maxIncomingBitrate: 1_500_000 });
    const signals: Signal[] = [];
    room.on('signal', (_to, signal) => signals.push(signal));

    room.admit(peer('citizen', 'citizen'));
    room.admit(peer('agent', 'agent'));
    const joined = room.join('agent');
    expect(MediaRequests['media:join'].response.safeParse(joined).success).toBe(true);
    const transport = await room.createTransport('agent', 'send');
    expect(MediaRequests['media:createTransport'].response.safeParse(transport).success).toBe(true);
    const { producerId } = await room.produce('agent', transport.id, 'video', {
      codecs: [{ mimeType: 'video/VP8', payloadType: 96, clockRate: 90000 }],
    });
    await room.setPaused('agent', producerId, true);
    room.leave('agent');
    await room.relocate(fakeWorker(1), 'media server restarted');

    expect(signals.map((s) => s.event)).toEqual([
      'media:peerJoined',
      'media:newProducer',
      'media:producerPaused',
      'media:producerClosed',
      'media:peerLeft',
      'media:rejoin',
    ]);
    for (const { event, payload } of signals) {
      expect(MediaNotifications[event].safeParse(payload).success, event).toBe(true);
    }
    room.close();
  });
});
