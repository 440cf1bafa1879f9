import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { MEDIA_NODE_NAMESPACE } from '@onething/contract/sockets/media-node';
import { Server as IoServer } from 'socket.io';
import { io, type Socket } from 'socket.io-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CallManager } from '../calls/call-manager.ts';
import { WorkerPool } from '../media/worker-pool.ts';
import { MediaNode } from './media-node.ts';
import { MediaNodeClient } from './node-client.ts';
import { serveNodeControl } from './node-control-server.ts';
import { NodeLinkError } from './node-link-error.ts';

const SECRET = 'media-node-secret-for-tests-0123456789';

interface Rig {
  url: string;
  node: MediaNode;
  io: IoServer;
  close(): Promise<void>;
}

/** A media node's control namespace on a real socket.io server; no worker (media disabled). */
async function rig(): Promise<Rig> {
  const server = http.createServer();
  const ioServer = new IoServer(server, { transports: ['websocket'] });
  const pool = new WorkerPool({
    disabled: true,
    workers: 1,
    listenIp: '127.0.0.1',
    basePort: 44900,
  });
  await pool.start();
  const node = new MediaNode({
    identity: { id: 'node-gz', region: '4401', controlUrl: 'http://127.0.0.1:1' },
    calls: new CallManager(pool, { maxIncomingBitrate: 1_000_000 }),
    pipe: { listenIp: '127.0.0.1', srtp: false },
    connect: () => {
      throw new Error('no other node in this test');
    },
  });
  serveNodeControl(ioServer, node, { secret: SECRET, localCalls: () => false });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    node,
    io: ioServer,
    close: () => new Promise<void>((r) => ioServer.close(() => r())),
  };
}

const clients: { close(): void }[] = [];
let r: Rig;
beforeEach(async () => {
  r = await rig();
});
afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await r.close();
});

function raw(auth: Record<string, unknown>): Socket {
  const s = io(`${r.url}${MEDIA_NODE_NAMESPACE}`, { auth, transports: ['websocket'] });
  clients.push(s);
  return s;
}

function client(role: 'signalling' | 'node' = 'signalling', secret = SECRET): MediaNodeClient {
  const c = new MediaNodeClient({
    nodeId: 'node-gz',
    controlUrl: r.url,
    secret,
    from: 'booth-1',
    role,
    timeoutMs: 2_000,
  });
  clients.push(c);
  return c;
}

async function refusal(p: Promise<unknown>): Promise<NodeLinkError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(NodeLinkError);
  return e as NodeLinkError;
}

describe('media node control (/media-node)', () => {
  it('refuses a caller with the wrong secret, or none, at the handshake', async () => {
    await expect(client('signalling', 'x'.repeat(SECRET.length)).ready()).rejects.toThrow(
      'UNAUTHENTICATED',
    );
    const anonymous = raw({});
    const error = await new Promise<Error>((res) => anonymous.once('connect_error', res));
    expect(error.message).toBe('UNAUTHENTICATED');
    expect(anonymous.connected).toBe(false);
  });

  it('answers a caller with the secret: who the node is and what it carries', async () => {
    const c = client();
    await c.ready();
    expect(await c.request('node:status', {})).toEqual({
      nodeId: 'node-gz',
      region: '4401',
      available: false,
      rooms: 0,
    });
  });

  it('refuses a malformed payload with VALIDATION_FAILED and keeps the connection', async () => {
    const s = raw({ secret: SECRET, from: 'booth-1' });
    await new Promise<void>((res) => s.once('connect', () => res()));
    const bad = (await s.emitWithAck('room:open', { callId: '', peers: 'everyone' })) as any;
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    // A forwarded media request is checked against the media contract here too.
    const notMedia = (await s.emitWithAck('room:media', {
      callId: 'c1',
      peerId: 'terminal:T1',
      request: { event: 'media:teleport', payload: { callId: 'c1' } },
    })) as any;
    expect(notMedia).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    const badMedia = (await s.emitWithAck('room:media', {
      callId: 'c1',
      peerId: 'terminal:T1',
      request: { event: 'media:createTransport', payload: { callId: 'c1', direction: 'up' } },
    })) as any;
    expect(badMedia).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED', path: ['request', 'payload', 'direction'] },
    });
    const unknown = (await s.emitWithAck('node:selfDestruct', {})) as any;
    expect(unknown).toMatchObject({ ok: false, error: { code: 'UNKNOWN_EVENT' } });
    expect(s.connected).toBe(true);
  });

  it('refuses what it cannot do with catalogue codes: no media, unknown call, unknown pipe', async () => {
    const c = client();
    const peer = {
      peerId: 'terminal:T1',
      role: 'citizen' as const,
      displayName: '',
      department: null,
      region: '440113',
    };
    expect(
      (await refusal(c.request('room:open', { callId: 'c1', peers: [peer], homed: [peer.peerId] })))
        .code,
    ).toBe('MEDIA_UNAVAILABLE');
    const media = await refusal(
      c.request('room:media', {
        callId: 'c1',
        peerId: peer.peerId,
        request: { event: 'media:join', payload: { callId: 'c1' } },
      }),
    );
    expect(media.code).toBe('NOT_IN_CALL');
    const pipe = await refusal(
      c.request('pipe:produce', {
        callId: 'c1',
        fromNodeId: 'node-bj',
        peerId: peer.peerId,
        producerId: 'p1',
        kind: 'audio',
        rtpParameters: { codecs: [{ mimeType: 'audio/opus', payloadType: 100, clockRate: 48000 }] },
        paused: false,
      }),
    );
    expect(pipe.code).toBe('NOT_FOUND');
    const link = await refusal(
      c.request('room:link', {
        callId: 'c1',
        peerNodeId: 'node-bj',
        peerControlUrl: 'http://127.0.0.1:9',
      }),
    );
    expect(link.code).toBe('NOT_FOUND');
  });

  it('does not send a request that breaks the contract', async () => {
    const c = client();
    const e = await refusal(
      c.request('room:link', {
        callId: 'c1',
        peerNodeId: 'no spaces allowed',
        peerControlUrl: 'not a url',
      }),
    );
    expect(e.kind).toBe('invalidRequest');
  });

  it('relays a room signal to one signalling connection, never to a node, and never a broken one', async () => {
    const node = client('node');
    const signalling = client('signalling');
    await Promise.all([node.ready(), signalling.ready()]);
    const toNode: unknown[] = [];
    const toSignalling: unknown[] = [];
    node.on('room:signal', (n) => toNode.push(n));
    signalling.on('room:signal', (n) => toSignalling.push(n));
    r.node.emit('signal', 'c1', 'terminal:T1', {
      event: 'media:rejoin',
      payload: { callId: 'c1', reason: 'moved' },
    });
    r.node.emit('signal', 'c1', 'terminal:T1', {
      event: 'media:quality',
      payload: { callId: 'c1', peerId: 'staff:a', score: 'great' },
    } as never);
    await expect.poll(() => toSignalling.length).toBe(1);
    expect(toSignalling[0]).toEqual({
      callId: 'c1',
      to: 'terminal:T1',
      signal: { event: 'media:rejoin', payload: { callId: 'c1', reason: 'moved' } },
    });
    expect(toNode).toEqual([]);
  });
});

describe('a media node client', () => {
  it('refuses an answer that breaks the contract', async () => {
    // A node that answers node:status with the wrong shape.
    r.io.of(MEDIA_NODE_NAMESPACE).removeAllListeners('connection');
    r.io.of(MEDIA_NODE_NAMESPACE).on('connection', (s) => {
      s.on('node:status', (_p: unknown, ack: (a: unknown) => void) =>
        ack({ ok: true, data: { nodeId: 7 } }),
      );
    });
    const e = await refusal(client().request('node:status', {}));
    expect(e.kind).toBe('badResponse');
  });
});
