import type { Socket } from 'socket.io-client';
import { describe, expect, it } from 'vitest';
import { kioskSession } from '../testing/kiosk-client.ts';
import { connectSocket, login, request, startTestServer } from '../testing/test-server.ts';
import { MediaNodeClient } from './node-client.ts';
import { MediaNodeRegistry } from './node-registry.ts';

const SECRET = 'media-node-secret-for-tests-0123456789';

describe('a booth server in registry mode', () => {
  it('announces its own media node, heartbeats, serves /media-node with the secret, and leaves', async () => {
    const t = await startTestServer({
      MEDIA_NODES: 'registry',
      MEDIA_NODE_SECRET: SECRET,
      MEDIA_NODE_ID: 'booth-gd',
      MEDIA_NODE_REGION: '44',
      MEDIA_NODE_HEARTBEAT_MS: 200,
      MEDIA_NODE_DEAD_AFTER_MS: 1_000,
    });
    const clients: MediaNodeClient[] = [];
    try {
      const registry = new MediaNodeRegistry(t.server.database.db);
      const [announced] = await registry.list();
      expect(announced).toMatchObject({ id: 'booth-gd', region: '44', controlUrl: t.url });
      // Without a worker the node is announced but not available: no call is placed on it.
      expect(announced?.available).toBe(false);
      expect(t.server.calls.available).toBe(false);
      await expect
        .poll(async () => (await registry.list())[0]?.heartbeatAt, { interval: 100 })
        .toBeGreaterThan(announced?.heartbeatAt ?? 0);

      const make = (secret: string) => {
        const c = new MediaNodeClient({
          nodeId: 'booth-gd',
          controlUrl: t.url,
          secret,
          from: 'test',
          role: 'signalling',
          timeoutMs: 2_000,
        });
        clients.push(c);
        return c;
      };
      await expect(make('y'.repeat(SECRET.length)).ready()).rejects.toThrow('UNAUTHENTICATED');
      await expect
        .poll(() =>
          t.server.database.db
            .selectFrom('audit_log')
            .select(['action', 'target_id'])
            .where('action', '=', 'socket.refused')
            .where('target_id', '=', '/media-node')
            .execute(),
        )
        .toHaveLength(1);
      expect(await make(SECRET).request('node:status', {})).toEqual({
        nodeId: 'booth-gd',
        region: '44',
        available: false,
        rooms: 0,
      });
    } finally {
      for (const c of clients) c.close();
      const db = t.server.database;
      await t.server.media.close();
      // Stopping on purpose withdraws the heartbeat: its calls would move at once.
      expect((await new MediaNodeRegistry(db.db).list())[0]?.heartbeatAt).toBe(0);
      await t.close();
    }
  });
});

describe('room signals on a one-process server', () => {
  it('reach the peer’s sockets through its socket.io room, and no one else’s', async () => {
    const t = await startTestServer();
    const sockets: Socket[] = [];
    try {
      const admin = await login(t.url, 'admin', 'demo-admin-2026');
      const kiosk = await kioskSession(t.url, admin, 'SIGNAL-BOOTH');
      const agentCookie = await login(t.url, 'agent.police', 'demo-agent-2026');
      const booth = await connectSocket(t.url, '/kiosk', { auth: { token: kiosk.token } });
      const agent = await connectSocket(t.url, '/staff', { cookie: agentCookie });
      sockets.push(booth, agent);
      const me = await request<{ id: string }>(agent, 'session:whoami', {});
      const atBooth: unknown[] = [];
      const atAgent: unknown[] = [];
      booth.on('media:rejoin', (p) => atBooth.push(p));
      agent.on('media:rejoin', (p) => atAgent.push(p));
      t.server.calls.emit('signal', 'terminal:SIGNAL-BOOTH', {
        event: 'media:rejoin',
        payload: { callId: 'c1', reason: 'moved' },
      });
      t.server.calls.emit('signal', `staff:${me.data.id}`, {
        event: 'media:rejoin',
        payload: { callId: 'c1', reason: 'moved too' },
      });
      await expect.poll(() => atBooth.length + atAgent.length).toBe(2);
      expect(atBooth).toEqual([{ callId: 'c1', reason: 'moved' }]);
      expect(atAgent).toEqual([{ callId: 'c1', reason: 'moved too' }]);
    } finally {
      for (const s of sockets) s.close();
      await t.close();
    }
  });
});
