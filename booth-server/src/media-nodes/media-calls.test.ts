import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AppError } from '@onething/contract/errors';
import type { PeerInfo } from '@onething/contract/sockets/media';
import type { RoomSignal } from '@onething/contract/sockets/media-node';
import { afterAll, describe, expect, it } from 'vitest';
import { Database } from '../db/database.ts';
import { createPgTestDatabase, type PgTestDatabase } from '../testing/postgres.ts';
import { SqlCallLegs } from './call-legs.ts';
import { MediaCalls, type RemoteNode } from './media-calls.ts';
import { MediaNodeRegistry } from './node-registry.ts';
import { liveNodes, type MediaNodeView, nearestLeastLoaded } from './placement.ts';

const DEAD_AFTER = 15_000;

function view(id: string, region: string, over: Partial<MediaNodeView> = {}): MediaNodeView {
  return {
    id,
    region,
    announcedAddress: null,
    controlUrl: `http://${id}.test:4400`,
    load: 0,
    available: true,
    startedAt: 1,
    heartbeatAt: 1_000,
    ...over,
  };
}

describe('placement', () => {
  const nodes = [
    view('gd', '44', { load: 0 }),
    view('gz', '4401', { load: 3 }),
    view('gz2', '4401', { load: 1 }),
    view('bj', '11'),
    view('any', ''),
  ];

  it('puts a party on the most specific node of its region, least loaded first', () => {
    expect(nearestLeastLoaded(nodes, '440113')?.id).toBe('gz2');
    expect(nearestLeastLoaded(nodes, '440300')?.id).toBe('gd');
    expect(nearestLeastLoaded(nodes, '110105')?.id).toBe('bj');
  });

  it('falls back to a node for any region, then to the least loaded anywhere', () => {
    expect(nearestLeastLoaded(nodes, '510104')?.id).toBe('any');
    // No region, or none served: the least loaded anywhere (the lowest id breaks a tie).
    expect(nearestLeastLoaded(nodes, null)?.id).toBe('any');
    expect(nearestLeastLoaded(nodes.slice(0, 4), '510104')?.id).toBe('bj');
    expect(nearestLeastLoaded([], '440113')).toBeNull();
  });

  it('counts a node live while its heartbeat is recent and its workers run', () => {
    const now = 20_000;
    const live = liveNodes(
      [
        view('fresh', '44', { heartbeatAt: now - 1_000 }),
        view('stale', '44', { heartbeatAt: now - DEAD_AFTER }),
        view('noWorkers', '44', { heartbeatAt: now, available: false }),
      ],
      now,
      DEAD_AFTER,
    );
    expect(live.map((n) => n.id)).toEqual(['fresh']);
  });
});

/** What one media node holds, shared by the clients every signalling process has of it. */
class FakeNodeState {
  readonly rooms = new Map<string, { homed: string[] }>();
  readonly requests: { from: string; name: string; payload: any }[] = [];
  readonly listeners = new Set<(n: { callId: string; to: string; signal: RoomSignal }) => void>();
}

function fakeClient(id: string, state: FakeNodeState, from: string): RemoteNode {
  return {
    request: (async (name: string, payload: any) => {
      state.requests.push({ from, name, payload });
      switch (name) {
        case 'room:open':
          if (state.rooms.has(payload.callId)) throw AppError.conflict('room exists');
          state.rooms.set(payload.callId, { homed: payload.homed });
          return { callId: payload.callId, nodeId: id };
        case 'room:close':
          return { closed: state.rooms.delete(payload.callId) };
        case 'room:link':
          return { linked: true };
        case 'room:admit':
          return { admitted: true };
        case 'room:rejoin':
          return { asked: state.rooms.get(payload.callId)?.homed.length ?? 0 };
        case 'room:media':
          if (!state.rooms.get(payload.callId)?.homed.includes(payload.peerId))
            throw new AppError('NOT_IN_CALL');
          // A join answer in the media contract's shape, marked with the node that gave it.
          return {
            data: {
              peerId: payload.peerId,
              rtpCapabilities: { node: id },
              peers: [],
              producers: [],
            },
          };
        default:
          throw new AppError('UNKNOWN_EVENT');
      }
    }) as RemoteNode['request'],
    on: (_event, listener) => {
      state.listeners.add(listener);
      return () => state.listeners.delete(listener);
    },
    close: () => undefined,
  };
}

const citizen: PeerInfo = {
  peerId: 'terminal:T-GZ',
  role: 'citizen',
  displayName: '',
  department: null,
  region: '440113',
};
const agent: PeerInfo = {
  peerId: 'staff:agent-bj',
  role: 'agent',
  displayName: '王坐席',
  department: 'PSB',
  region: '110105',
};
const joinOf = (callId: string) => ({ event: 'media:join' as const, payload: { callId } });

const pgDb = await createPgTestDatabase();
const tmp = mkdtempSync(path.join(os.tmpdir(), 'media-calls-'));
const engines: [string, () => Promise<Database>, string | null][] = [
  ['sqlite', () => Database.open({ dataDir: mkdtempSync(path.join(tmp, 'db-')) }), null],
  [
    'postgres',
    () => Database.open({ dataDir: tmp, databaseUrl: (pgDb as PgTestDatabase).url }),
    'skip' in pgDb ? pgDb.skip : null,
  ],
];
for (const [, , reason] of engines)
  if (reason) console.warn(`[skip] media calls on PostgreSQL: ${reason}`);
afterAll(async () => {
  if (!('skip' in pgDb)) await pgDb.drop();
});

describe.each(engines)('calls across media nodes on %s', (_name, open, skipReason) => {
  /** Three nodes announced in the registry, and `processes` signalling processes. */
  async function cluster(processes = 1) {
    const db = await open();
    await db.db.deleteFrom('media_nodes').execute();
    await db.db.deleteFrom('media_call_legs').execute();
    const registry = new MediaNodeRegistry(db.db);
    let now = 100_000;
    const states = new Map([
      ['gz', new FakeNodeState()],
      ['bj', new FakeNodeState()],
      ['any', new FakeNodeState()],
    ]);
    const regions: Record<string, string> = { gz: '4401', bj: '11', any: '' };
    for (const id of states.keys()) {
      await registry.announce(view(id, regions[id] as string, { startedAt: 1, heartbeatAt: now }));
    }
    const procs = Array.from({ length: processes }, (_, i) => {
      const calls = new MediaCalls({
        local: null,
        registry,
        legs: new SqlCallLegs(db.db),
        place: nearestLeastLoaded,
        connect: (n) => fakeClient(n.id, states.get(n.id) as FakeNodeState, `p${i}`),
        deadAfterMs: DEAD_AFTER,
        now: () => now,
      });
      const heard: [string, RoomSignal][] = [];
      calls.on('signal', (to, s) => heard.push([to, s]));
      return { calls, heard };
    });
    return {
      db,
      registry,
      states,
      procs,
      node: (id: string) => states.get(id) as FakeNodeState,
      /** Time passes; the named nodes heartbeat, the others fall silent. */
      async advance(ms: number, beating: string[]) {
        now += ms;
        for (const id of beating) await registry.heartbeat(id, now, 0, true);
      },
      close: () => db.close(),
    };
  }

  it.skipIf(!!skipReason)(
    'puts each party on its region’s node, pipes the two and forwards each peer to its own',
    async () => {
      const c = await cluster();
      try {
        const [{ calls, heard }] = c.procs as [(typeof c.procs)[0]];
        await calls.checkNodes();
        expect(calls.available).toBe(true);
        await calls.open('call-1', [citizen, agent]);
        expect(c.node('gz').rooms.get('call-1')).toEqual({ homed: [citizen.peerId] });
        expect(c.node('bj').rooms.get('call-1')).toEqual({ homed: [agent.peerId] });
        expect(c.node('any').rooms.size).toBe(0);
        const link = c.node('gz').requests.find((r) => r.name === 'room:link');
        expect(link?.payload).toEqual({
          callId: 'call-1',
          peerNodeId: 'bj',
          peerControlUrl: 'http://bj.test:4400',
        });
        expect(await calls.media('call-1', citizen.peerId, joinOf('call-1'))).toMatchObject({
          rtpCapabilities: { node: 'gz' },
        });
        expect(await calls.media('call-1', agent.peerId, joinOf('call-1'))).toMatchObject({
          rtpCapabilities: { node: 'bj' },
        });
        await expect(
          calls.media('call-1', 'staff:stranger', joinOf('call-1')),
        ).rejects.toMatchObject({ code: 'NOT_IN_CALL' });
        // A node's signal reaches the peer's room through the process that relays the call.
        for (const l of c.node('bj').listeners)
          l({
            callId: 'call-1',
            to: agent.peerId,
            signal: { event: 'media:peerLeft', payload: { callId: 'call-1', peerId: 'x' } },
          });
        expect(heard).toEqual([
          [agent.peerId, { event: 'media:peerLeft', payload: { callId: 'call-1', peerId: 'x' } }],
        ]);
        // Leaving is told to every node of the call, so each tells its own peers.
        await calls.media('call-1', agent.peerId, {
          event: 'media:leave',
          payload: { callId: 'call-1' },
        });
        expect(c.node('gz').requests.at(-1)?.name).toBe('room:media');
        calls.close('call-1');
        await expect.poll(() => c.node('gz').rooms.size + c.node('bj').rooms.size).toBe(0);
        expect(calls.roomCount()).toBe(0);
      } finally {
        await c.close();
      }
    },
  );

  it.skipIf(!!skipReason)('keeps a call of one region on one node, without a pipe', async () => {
    const c = await cluster();
    try {
      const [{ calls }] = c.procs as [(typeof c.procs)[0]];
      await calls.checkNodes();
      await calls.open('call-2', [citizen, { ...agent, region: '440106' }]);
      expect(c.node('gz').rooms.get('call-2')?.homed).toEqual([citizen.peerId, agent.peerId]);
      expect(c.node('bj').rooms.size).toBe(0);
      expect(c.node('gz').requests.some((r) => r.name === 'room:link')).toBe(false);
    } finally {
      await c.close();
    }
  });

  it.skipIf(!!skipReason)(
    'moves a silent node’s calls to a live node once, with two signalling processes watching',
    async () => {
      const c = await cluster(2);
      try {
        const [a, b] = c.procs as [(typeof c.procs)[0], (typeof c.procs)[0]];
        await a.calls.checkNodes();
        await a.calls.open('call-3', [citizen, agent]);
        // bj stops heartbeating; until DEAD_AFTER passes nothing moves.
        await c.advance(DEAD_AFTER - 1_000, ['gz', 'any']);
        await Promise.all([a.calls.checkNodes(), b.calls.checkNodes()]);
        expect(c.node('any').rooms.size).toBe(0);
        await c.advance(2_000, ['gz', 'any']);
        await Promise.all([a.calls.checkNodes(), b.calls.checkNodes()]);
        // The agent's half is re-opened on the node for any region, exactly once.
        const opens = c.node('any').requests.filter((r) => r.name === 'room:open');
        expect(opens).toHaveLength(1);
        expect(c.node('any').rooms.get('call-3')).toEqual({ homed: [agent.peerId] });
        // The citizen's half is opened afresh (its pipe led to the lost node) and linked.
        expect(c.node('gz').rooms.get('call-3')).toEqual({ homed: [citizen.peerId] });
        // One new pipe joins the two halves, whichever side starts it.
        const newLinks = [
          ...c.node('gz').requests.filter((r) => r.payload.peerNodeId === 'any'),
          ...c.node('any').requests.filter((r) => r.payload.peerNodeId === 'gz'),
        ].filter((r) => r.name === 'room:link');
        expect(newLinks).toHaveLength(1);
        // Both halves ask their peers to rejoin; the agent's requests now go to the new node.
        expect(c.node('any').requests.some((r) => r.name === 'room:rejoin')).toBe(true);
        expect(c.node('gz').requests.some((r) => r.name === 'room:rejoin')).toBe(true);
        expect(await b.calls.media('call-3', agent.peerId, joinOf('call-3'))).toMatchObject({
          rtpCapabilities: { node: 'any' },
        });
        const legs = await new SqlCallLegs(c.db.db).ofCall('call-3');
        expect(legs.map((l) => [l.peer.peerId, l.nodeId]).sort()).toEqual([
          [agent.peerId, 'any'],
          [citizen.peerId, 'gz'],
        ]);
      } finally {
        await c.close();
      }
    },
  );

  it.skipIf(!!skipReason)(
    'moves the lost half onto the node that holds the other half, as one room',
    async () => {
      const c = await cluster();
      try {
        const [{ calls }] = c.procs as [(typeof c.procs)[0]];
        await calls.checkNodes();
        await calls.open('call-6', [citizen, agent]);
        await c.advance(DEAD_AFTER + 1_000, ['gz']);
        await calls.checkNodes();
        expect(c.node('gz').rooms.get('call-6')?.homed.sort()).toEqual(
          [agent.peerId, citizen.peerId].sort(),
        );
        expect(c.node('any').rooms.size).toBe(0);
        expect(await calls.media('call-6', agent.peerId, joinOf('call-6'))).toMatchObject({
          rtpCapabilities: { node: 'gz' },
        });
      } finally {
        await c.close();
      }
    },
  );

  it.skipIf(!!skipReason)('counts a node restarted under the same id as lost', async () => {
    const c = await cluster();
    try {
      const [{ calls }] = c.procs as [(typeof c.procs)[0]];
      await calls.checkNodes();
      await calls.open('call-4', [citizen, agent]);
      c.node('bj').rooms.clear(); // its process restarted: the room is gone
      await c.registry.announce(view('bj', '11', { startedAt: 2, heartbeatAt: 100_000 }));
      await calls.checkNodes();
      expect(c.node('bj').rooms.get('call-4')).toEqual({ homed: [agent.peerId] });
      expect(c.node('bj').requests.some((r) => r.name === 'room:rejoin')).toBe(true);
    } finally {
      await c.close();
    }
  });

  it.skipIf(!!skipReason)(
    'refuses media on an unknown node until the call is moved to a known one',
    async () => {
      const c = await cluster();
      try {
        const [{ calls }] = c.procs as [(typeof c.procs)[0]];
        await calls.checkNodes();
        await new SqlCallLegs(c.db.db).put([
          { callId: 'call-5', peer: citizen, nodeId: 'nowhere', nodeStartedAt: 1 },
        ]);
        await expect(calls.media('call-5', citizen.peerId, joinOf('call-5'))).rejects.toMatchObject(
          {
            code: 'MEDIA_UNAVAILABLE',
          },
        );
        await calls.checkNodes();
        expect(await calls.media('call-5', citizen.peerId, joinOf('call-5'))).toMatchObject({
          rtpCapabilities: { node: 'gz' },
        });
      } finally {
        await c.close();
      }
    },
  );
});
