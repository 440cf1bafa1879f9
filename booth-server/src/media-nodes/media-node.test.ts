import type { PeerInfo } from '@onething/contract/sockets/media';
import { describe, expect, it } from 'vitest';
import { CallManager } from '../calls/call-manager.ts';
import type { Signal } from '../calls/call-room.ts';
import { FAKE_RTP, type FakeRouter, fakeWorkerPool } from '../testing/fake-mediasoup.ts';
import { MediaNode } from './media-node.ts';
import { localControl } from './node-handlers.ts';

const citizen: PeerInfo = {
  peerId: 'terminal:T-GZ',
  role: 'citizen',
  displayName: '',
  department: null,
  region: '440113',
};
const agent: PeerInfo = {
  peerId: 'staff:agent-sc',
  role: 'agent',
  displayName: '赵坐席',
  department: 'PSB',
  region: '510104',
};

/** Two media nodes on in-memory mediasoup, reaching each other through their handlers. */
function twoNodes(srtp = false) {
  const nodes = new Map<string, MediaNode>();
  const routers = new Map<string, FakeRouter[]>();
  const heard = new Map<string, [string, Signal][]>();
  for (const [id, region, address] of [
    ['gd', '44', '10.0.0.1'],
    ['sc', '51', '10.0.0.2'],
  ] as const) {
    const fake = fakeWorkerPool();
    const node = new MediaNode({
      identity: { id, region, controlUrl: `http://${id}.test:4400` },
      calls: new CallManager(fake.pool, { maxIncomingBitrate: 1_000_000 }),
      pipe: { listenIp: '0.0.0.0', announcedAddress: address, srtp },
      connect: (nodeId) => localControl(nodes.get(nodeId) as MediaNode),
    });
    const signals: [string, Signal][] = [];
    node.on('signal', (_call, to, s) => signals.push([to, s]));
    nodes.set(id, node);
    routers.set(id, fake.routers);
    heard.set(id, signals);
  }
  return {
    gd: nodes.get('gd') as MediaNode,
    sc: nodes.get('sc') as MediaNode,
    router: (id: string) => routers.get(id)?.[0] as FakeRouter,
    heard: (id: string) => heard.get(id) as [string, Signal][],
  };
}

async function sendVideo(node: MediaNode, callId: string, peerId: string): Promise<string> {
  const media = (event: any, payload: any) =>
    node.media(callId, peerId, { event, payload: { callId, ...payload } });
  const t = (await media('media:createTransport', { direction: 'send' })).data as { id: string };
  const p = (
    await media('media:produce', { transportId: t.id, kind: 'video', rtpParameters: FAKE_RTP })
  ).data as { producerId: string };
  return p.producerId;
}

const settle = () => new Promise((r) => setTimeout(r, 10));

describe('a call across two media nodes', () => {
  it('joins the two routers with pipe transports connected to each other’s announced address', async () => {
    const n = twoNodes(true);
    await n.gd.open({ callId: 'c1', peers: [citizen, agent], homed: [citizen.peerId] });
    await n.sc.open({ callId: 'c1', peers: [citizen, agent], homed: [agent.peerId] });
    await n.gd.link('c1', 'sc', 'http://sc.test:4400');
    const [gdPipe] = n.router('gd').pipes;
    const [scPipe] = n.router('sc').pipes;
    expect(gdPipe?.options).toMatchObject({
      listenInfo: { protocol: 'udp', ip: '0.0.0.0', announcedAddress: '10.0.0.1' },
      enableRtx: true,
      enableSrtp: true,
    });
    expect(gdPipe?.connectedTo).toEqual({
      ip: '10.0.0.2',
      port: scPipe?.tuple.localPort,
      srtpParameters: scPipe?.srtpParameters,
    });
    expect(scPipe?.connectedTo).toEqual({
      ip: '10.0.0.1',
      port: gdPipe?.tuple.localPort,
      srtpParameters: gdPipe?.srtpParameters,
    });
  });

  it('pipes each producer under its own id, and the far peer hears of it from its own node only', async () => {
    const n = twoNodes();
    await n.gd.open({ callId: 'c1', peers: [citizen, agent], homed: [citizen.peerId] });
    await n.sc.open({ callId: 'c1', peers: [citizen, agent], homed: [agent.peerId] });
    await n.gd.link('c1', 'sc', 'http://sc.test:4400');
    const producerId = await sendVideo(n.gd, 'c1', citizen.peerId);
    await settle();
    // Produced on the far router with the same id and the pipe consumer's parameters.
    expect(n.router('sc').producers.get(producerId)?.rtpParameters).toEqual(FAKE_RTP);
    expect(n.heard('sc')).toContainEqual([
      agent.peerId,
      {
        event: 'media:newProducer',
        payload: { callId: 'c1', producerId, peerId: citizen.peerId, kind: 'video' },
      },
    ]);
    expect(n.heard('gd').filter(([to]) => to === agent.peerId)).toEqual([]);
    // The agent, on its own node, sees and consumes the citizen's producer by that id.
    const joined = (await n.sc.media('c1', agent.peerId, {
      event: 'media:join',
      payload: { callId: 'c1' },
    })) as { data: { producers: { producerId: string }[] } };
    expect(joined.data.producers.map((p) => p.producerId)).toEqual([producerId]);
    await n.sc.media('c1', agent.peerId, {
      event: 'media:createTransport',
      payload: { callId: 'c1', direction: 'recv' },
    });
    const consumed = (await n.sc.media('c1', agent.peerId, {
      event: 'media:consume',
      payload: { callId: 'c1', producerId, rtpCapabilities: {} },
    })) as { data: { producerId: string } };
    expect(consumed.data.producerId).toBe(producerId);
  });

  it('sends producers that existed before the link, and the agent’s back the other way', async () => {
    const n = twoNodes();
    await n.gd.open({ callId: 'c1', peers: [citizen, agent], homed: [citizen.peerId] });
    await n.sc.open({ callId: 'c1', peers: [citizen, agent], homed: [agent.peerId] });
    const early = await sendVideo(n.gd, 'c1', citizen.peerId);
    const back = await sendVideo(n.sc, 'c1', agent.peerId);
    await n.gd.link('c1', 'sc', 'http://sc.test:4400');
    await settle();
    expect(n.router('sc').producers.has(early)).toBe(true);
    expect(n.router('gd').producers.has(back)).toBe(true);
  });

  it('pipes a producer made while the link is being set up once', async () => {
    const n = twoNodes();
    await n.gd.open({ callId: 'c1', peers: [citizen, agent], homed: [citizen.peerId] });
    await n.sc.open({ callId: 'c1', peers: [citizen, agent], homed: [agent.peerId] });
    const [producerId] = await Promise.all([
      sendVideo(n.gd, 'c1', citizen.peerId),
      n.gd.link('c1', 'sc', 'http://sc.test:4400'),
    ]);
    await settle();
    expect(n.router('sc').pipes[0]?.produced.map((p) => p.id)).toEqual([producerId]);
  });

  it('follows the source: pause, resume and close reach the far peer', async () => {
    const n = twoNodes();
    await n.gd.open({ callId: 'c1', peers: [citizen, agent], homed: [citizen.peerId] });
    await n.sc.open({ callId: 'c1', peers: [citizen, agent], homed: [agent.peerId] });
    await n.gd.link('c1', 'sc', 'http://sc.test:4400');
    const producerId = await sendVideo(n.gd, 'c1', citizen.peerId);
    await settle();
    await n.gd.media('c1', citizen.peerId, {
      event: 'media:setPaused',
      payload: { callId: 'c1', producerId, paused: true },
    });
    await settle();
    expect(n.router('sc').producers.get(producerId)?.paused).toBe(true);
    expect(n.heard('sc')).toContainEqual([
      agent.peerId,
      { event: 'media:producerPaused', payload: { callId: 'c1', producerId, paused: true } },
    ]);
    await n.gd.media('c1', citizen.peerId, { event: 'media:leave', payload: { callId: 'c1' } });
    await settle();
    expect(n.router('sc').producers.get(producerId)?.closed).toBe(true);
    expect(n.heard('sc')).toContainEqual([
      agent.peerId,
      { event: 'media:producerClosed', payload: { callId: 'c1', producerId } },
    ]);
  });

  it('asks only the peers homed on a node to rejoin there', async () => {
    const n = twoNodes();
    await n.gd.open({ callId: 'c1', peers: [citizen, agent], homed: [citizen.peerId] });
    expect(n.gd.rejoin('c1', 'moved')).toEqual({ asked: 1 });
    expect(n.heard('gd').filter(([, s]) => s.event === 'media:rejoin')).toEqual([
      [citizen.peerId, { event: 'media:rejoin', payload: { callId: 'c1', reason: 'moved' } }],
    ]);
  });
});
