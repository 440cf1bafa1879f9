import pg from 'pg';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeWorkerBinary } from '../media/worker-binary.ts';
import { recordEvents, type EventRecorder } from '../testing/event-recorder.ts';
import { kioskSession } from '../testing/kiosk-client.ts';
import { startTestCluster, type TestCluster } from '../testing/cluster.ts';
import { login, requestOutcome } from '../testing/test-server.ts';

/**
 * Issue 16, item 5: three booth-server processes behind nginx (the shipped config) on one
 * PostgreSQL and one Redis. One is killed with SIGKILL while tickets wait and offers ring:
 * every kiosk and agent is back on a live process within 10 s, no ticket is lost, none is
 * offered to two agents at once, and none is served twice.
 */

/** nginx here, the three booth servers on the next three ports (this test's own range). */
const BASE_PORT = 43200;
/** What the issue asks: every client back on a live process this soon after the kill. */
const RECONNECT_WITHIN_MS = 10_000;
const OFFER_TIMEOUT_SECONDS = 5;
/** Longer than the reconnect bound: a kiosk that is back in time keeps its ticket. */
const GRACE_SECONDS = 30;
/**
 * A backstop against a hang, from the bounds inside: reconnecting (10 s), six tickets served
 * at most one offer time-out apart each, and the killed process started again (60 s).
 */
const KILL_TEST_TIMEOUT_MS = 10_000 + (OFFER_TIMEOUT_SECONDS + 2) * 1000 * 6 + 60_000 + 30_000;
const AGENTS = ['agent.f1', 'agent.f2', 'agent.f3'];
const KIOSKS = ['F-K1', 'F-K2', 'F-K3', 'F-K4', 'F-K5', 'F-K6'];
const PASSWORD = 'failover-agent-2026';

const started = await startTestCluster({
  nodes: 3,
  basePort: BASE_PORT,
  env: {
    OFFER_TIMEOUT_SECONDS: String(OFFER_TIMEOUT_SECONDS),
    RECONNECT_GRACE_SECONDS: String(GRACE_SECONDS),
    ESCALATE_AFTER_SECONDS: '600',
    WRAP_UP_SECONDS: '0',
  },
  // Three agents of one department and region: every ticket has three candidates.
  seed: async (server) => {
    for (const username of AGENTS)
      await server.accounts.create(
        {
          username,
          displayName: `坐席 ${username.slice(-2)}`,
          password: PASSWORD,
          roles: ['agent'],
          department: 'PSB',
          regions: ['440113'],
          languages: ['zh-CN'],
        },
        { id: null, ip: null },
        { demo: true },
      );
  },
});
const skip = 'skip' in started ? started.skip : null;
if (skip) console.warn(`[skip] three-process failover: ${skip}`);

/** A client as the apps make it: WebSocket only, reconnecting by itself. */
function liveSocket(
  url: string,
  nsp: string,
  opts: { cookie?: string; auth?: Record<string, unknown> },
): Promise<Socket> {
  const s = io(`${url}${nsp}`, {
    transports: ['websocket'],
    forceNew: true,
    reconnectionDelay: 250,
    reconnectionDelayMax: 1_000,
    extraHeaders: opts.cookie ? { cookie: opts.cookie } : {},
    auth: opts.auth ?? {},
  });
  return new Promise((resolve, reject) => {
    s.once('connect', () => resolve(s));
    s.once('connect_error', (e) => {
      s.close();
      reject(e);
    });
  });
}

/** Open sockets of one namespace on one node, from its /metrics (loopback may read them). */
async function namespaceSocketsOn(url: string, nsp: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const m = new RegExp(`^onething_socket_connections\\{namespace="${nsp}"\\} (\\d+)`, 'm').exec(
    text,
  );
  return m ? Number(m[1]) : 0;
}

/** Open sockets per namespace on one node, from its /metrics (loopback may read them). */
async function socketsOn(url: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  let n = 0;
  for (const m of text.matchAll(/^onething_socket_connections\{[^}]*\} (\d+)/gm)) n += Number(m[1]);
  return n;
}

describe.skipIf(skip !== null)('three booth servers behind nginx', () => {
  const cluster = started as TestCluster;
  const sockets: Socket[] = [];
  let db: pg.Client;

  beforeAll(async () => {
    db = new pg.Client({ connectionString: cluster.config.DATABASE_URL });
    await db.connect();
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await db?.end();
    await cluster?.close();
  });

  it('nginx spreads requests over every process and upgrades WebSockets', async () => {
    const nodes = new Set<string>();
    for (let i = 0; i < 9; i++) {
      const health = (await (await fetch(`${cluster.url}/healthz`)).json()) as {
        cluster: { node: string; redis: string };
      };
      expect(health.cluster.redis).toBe('up');
      nodes.add(health.cluster.node);
    }
    expect([...nodes].sort()).toEqual(['node1', 'node2', 'node3']);
    const admin = await login(cluster.url, 'admin', 'demo-admin-2026');
    const s = await liveSocket(cluster.url, '/staff', { cookie: admin });
    expect(s.io.engine.transport.name).toBe('websocket');
    s.close();
  });

  it(
    'kill -9 of one process: clients are back within 10 s, no ticket lost, offered once at a time, served once',
    { timeout: KILL_TEST_TIMEOUT_MS },
    async () => {
      const admin = await login(cluster.url, 'admin', 'demo-admin-2026');
      const agents: { name: string; socket: Socket; rec: EventRecorder }[] = [];
      for (const name of AGENTS) {
        const socket = await liveSocket(cluster.url, '/staff', {
          cookie: await login(cluster.url, name, PASSWORD),
        });
        sockets.push(socket);
        agents.push({ name, socket, rec: recordEvents(socket) });
      }
      const kiosks: { id: string; socket: Socket; rec: EventRecorder; ticketId: string }[] = [];
      for (const id of KIOSKS) {
        const session = await kioskSession(cluster.url, admin, id);
        const socket = await liveSocket(cluster.url, '/kiosk', { auth: { token: session.token } });
        sockets.push(socket);
        kiosks.push({ id, socket, rec: recordEvents(socket), ticketId: '' });
      }
      for (const a of agents) {
        const set = await requestOutcome(a.socket, 'agent:setState', { state: 'available' });
        expect(set.ok, JSON.stringify(set)).toBe(true);
      }
      for (const k of kiosks) {
        const help = await requestOutcome<any>(k.socket, 'help:request', {
          department: 'PSB',
          language: 'zh-CN',
        });
        expect(help.ok, JSON.stringify(help)).toBe(true);
        if (help.ok) k.ticketId = help.data.ticketId;
      }
      // Offers ring at all three agents; three tickets wait behind them.
      for (const a of agents) await a.rec.next('offer:new');

      // Watch the store: a ticket never has two pending offers at once.
      const doubled: string[] = [];
      let watching = true;
      const watch = (async () => {
        while (watching) {
          const { rows } = await db.query<{ data: string }>(
            `select data from routing_offers where state = 'pending'`,
          );
          const seen = new Map<string, number>();
          for (const r of rows) {
            const t = (JSON.parse(r.data) as { ticketId: string }).ticketId;
            seen.set(t, (seen.get(t) ?? 0) + 1);
          }
          for (const [t, n] of seen) if (n > 1) doubled.push(`${t} ×${n}`);
          await new Promise((r) => setTimeout(r, 100));
        }
      })();

      // The process holding the most clients dies.
      const counts = await Promise.all(cluster.nodes.map((n) => socketsOn(n.url)));
      const victim = cluster.nodes[counts.indexOf(Math.max(...counts))]!;
      const everyone = [...agents.map((a) => a.socket), ...kiosks.map((k) => k.socket)];
      const lost = new Map<Socket, number>();
      const back = new Map<Socket, number>();
      for (const s of everyone) {
        s.once('disconnect', () => {
          lost.set(s, Date.now());
          s.once('connect', () => back.set(s, Date.now()));
        });
      }
      const killedAt = Date.now();
      await victim.kill9();
      const deadline = killedAt + RECONNECT_WITHIN_MS;
      while (Date.now() < deadline && (lost.size === 0 || back.size < lost.size))
        await new Promise((r) => setTimeout(r, 50));
      expect(lost.size, `${victim.name} held ${Math.max(...counts)} sockets`).toBeGreaterThan(0);
      expect(back.size, `${back.size} of ${lost.size} clients were back`).toBe(lost.size);
      for (const at of back.values())
        expect(at - killedAt).toBeLessThanOrEqual(RECONNECT_WITHIN_MS);
      const slowest = Math.max(...[...back.values()].map((at) => at - killedAt));
      console.info(
        `failover: ${victim.name} killed holding ${lost.size} of ${everyone.length} clients; all back on live processes within ${slowest} ms`,
      );

      // Agents take every ticket: each offer they hear of, accepted, ended, next.
      const accepted = new Map<string, string[]>();
      const serve = async (a: (typeof agents)[number], until: number) => {
        while (Date.now() < until && accepted.size < kiosks.length) {
          const offer = await a.rec.next('offer:new', () => true, 1_000).catch(() => null);
          if (!offer) continue;
          const r = await requestOutcome<any>(a.socket, 'offer:accept', { offerId: offer.offerId });
          if (!r.ok) continue;
          accepted.set(offer.ticketId, [...(accepted.get(offer.ticketId) ?? []), a.name]);
          await requestOutcome(a.socket, 'call:end', { ticketId: offer.ticketId });
          await requestOutcome(a.socket, 'call:wrapUp', {
            ticketId: offer.ticketId,
            disposition: 'resolved',
            note: '',
          });
        }
      };
      // Offers that rang at the dead process's agents time out (OFFER_TIMEOUT_SECONDS) and ring
      // again; each of six tickets then takes one short call.
      const until = Date.now() + (OFFER_TIMEOUT_SECONDS + 2) * 1000 * kiosks.length;
      await Promise.all(agents.map((a) => serve(a, until)));
      watching = false;
      await watch;

      // No ticket lost: every one was served, once, and its kiosk heard so once.
      expect([...accepted.keys()].sort()).toEqual(kiosks.map((k) => k.ticketId).sort());
      for (const [ticket, by] of accepted) expect(by, ticket).toHaveLength(1);
      for (const k of kiosks) {
        const connected = k.rec.events.filter(
          (e) => e.event === 'help:connected' && e.payload.ticketId === k.ticketId,
        );
        expect(connected, k.id).toHaveLength(1);
      }
      expect(doubled).toEqual([]);

      // The dead process comes back and serves again.
      await victim.restart();
      expect((await fetch(`${victim.url}/healthz`)).ok).toBe(true);
    },
  );

  it(
    'a call connected before the kill is still connected after it; neither side is told it ended',
    { timeout: KILL_TEST_TIMEOUT_MS },
    async () => {
      const admin = await login(cluster.url, 'admin', 'demo-admin-2026');
      const agent = await liveSocket(cluster.url, '/staff', {
        cookie: await login(cluster.url, AGENTS[0]!, PASSWORD),
      });
      sockets.push(agent);
      const agentEvents = recordEvents(agent);
      expect((await requestOutcome(agent, 'agent:setState', { state: 'available' })).ok).toBe(true);
      const session = await kioskSession(cluster.url, admin, 'F-CALL');
      const before = await Promise.all(
        cluster.nodes.map((n) => namespaceSocketsOn(n.url, '/kiosk')),
      );
      const kiosk = await liveSocket(cluster.url, '/kiosk', { auth: { token: session.token } });
      sockets.push(kiosk);
      const kioskEvents = recordEvents(kiosk);
      const after = await Promise.all(
        cluster.nodes.map((n) => namespaceSocketsOn(n.url, '/kiosk')),
      );
      const help = await requestOutcome<any>(kiosk, 'help:request', {
        department: 'PSB',
        language: 'zh-CN',
      });
      expect(help.ok).toBe(true);
      const ticketId = help.ok ? (help.data.ticketId as string) : '';
      const offer = await agentEvents.next('offer:new', (o) => o.ticketId === ticketId);
      expect((await requestOutcome(agent, 'offer:accept', { offerId: offer.offerId })).ok).toBe(
        true,
      );
      await kioskEvents.next('help:connected', (c) => c.ticketId === ticketId);

      // The process holding the kiosk's socket dies in the middle of the call.
      const victim = cluster.nodes[after.findIndex((n, i) => n > (before[i] ?? 0))]!;
      const back = new Promise<number>((resolve) =>
        kiosk.once('disconnect', () => kiosk.once('connect', () => resolve(Date.now()))),
      );
      const killedAt = Date.now();
      await victim.kill9();
      expect((await back) - killedAt).toBeLessThanOrEqual(RECONNECT_WITHIN_MS);
      const { rows } = await db.query<{ state: string }>(
        'select state from routing_tickets where id = $1',
        [ticketId],
      );
      expect(rows[0]?.state).toBe('connected');
      expect(kioskEvents.events.filter((e) => e.event === 'help:ended')).toEqual([]);
      expect(agentEvents.events.filter((e) => e.event === 'call:ended')).toEqual([]);
      // The call goes on to its normal end, told once on each side.
      expect((await requestOutcome(agent, 'call:end', { ticketId })).ok).toBe(true);
      await kioskEvents.next('help:ended', (e) => e.ticketId === ticketId);
      await victim.restart();
    },
  );

  // Media across the kill (the call's room on a live process, both pages decoding) needs a
  // mediasoup worker; these processes run with media disabled without one.
  const worker = probeWorkerBinary();
  if (!worker.found) console.warn(`[skip] the call's media across the kill: ${worker.reason}`);
});
