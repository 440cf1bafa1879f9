import { afterEach, describe, expect, it, vi } from 'vitest';
import { BoothChat } from './booth-chat.ts';
import { BoothPresence } from './booth-presence.ts';
import { BOOTH, type BoothKit, boothKit, staffProfile } from './booth-test-kit.ts';
import { JobQueue } from '../jobs/job-queue.ts';
import { CallLifecycle } from './call-lifecycle.ts';
import { GraceTimers } from './grace-timers.ts';
import { Notices } from './notices.ts';

const police = staffProfile('police');
const opened: BoothKit[] = [];
const queues: JobQueue[] = [];
const presences: BoothPresence[] = [];

afterEach(async () => {
  for (const p of presences.splice(0)) p.close();
  for (const q of queues.splice(0)) await q.close();
  for (const kit of opened.splice(0).reverse()) await kit.close();
});

async function booth(opts: Parameters<typeof boothKit>[0] = {}, graceMs = 100) {
  const kit = await boothKit(opts);
  opened.push(kit);
  const { engine, records, access, staff, calls, toKiosk, toStaff, catalogue } = kit;
  const notices = new Notices(kit.db.db);
  const jobs = new JobQueue({ db: kit.db.db, dialect: kit.db.dialect, pollMs: 20, leaseMs: 1000 });
  queues.push(jobs);
  const chat = new BoothChat({ engine, records, access, toKiosk, toStaff });
  const lifecycle = new CallLifecycle({
    engine,
    records,
    calls,
    access,
    staff,
    chat,
    notices,
    catalogue,
    toKiosk,
    toStaff,
  });
  const presence = new BoothPresence({
    engine,
    records,
    grace: new GraceTimers(jobs, { graceMs }),
    notices,
    terminals: kit.terminals,
    calls,
    lifecycle,
    staff,
    toKiosk,
    toStaff,
  });
  presences.push(presence);
  jobs.start();
  return { kit, presence, notices };
}

describe('kiosks and agents coming and going', () => {
  it('gives a vanished kiosk its grace: back in time keeps the ticket, too late abandons it', async () => {
    const { kit, presence } = await booth();
    const ticketId = await kit.ticket();
    presence.kioskDisconnected(BOOTH);
    await presence.kioskConnected(BOOTH);
    await new Promise((r) => setTimeout(r, 200));
    expect((await kit.engine.getTicket(ticketId)).state).toBe('waiting');
    presence.kioskDisconnected(BOOTH);
    await vi.waitFor(async () =>
      expect((await kit.engine.getTicket(ticketId)).state).toBe('abandoned'),
    );
  });

  it('puts a vanished agent’s call back in the queue after the grace, and tells the agent when back', async () => {
    const { kit, presence } = await booth();
    await kit.agentOn(police);
    const ticketId = await kit.connected(police);
    presence.agentDisconnected(police);
    await vi.waitFor(() => expect(kit.delivered('help:requeued')).toHaveLength(1));
    await vi.waitFor(async () => {
      kit.sent.length = 0;
      await presence.agentConnected(police);
      expect(kit.delivered('call:ended')).toEqual([
        {
          to: 'staff',
          target: 'police',
          event: 'call:ended',
          payload: { ticketId, callId: ticketId, endedBy: 'agentLost' },
        },
      ]);
    });
    // Handed out once.
    kit.sent.length = 0;
    await presence.agentConnected(police);
    expect(kit.sent).toEqual([]);
  });

  it('after a restart reopens the call’s room, rebuilds a lost record, and asks each peer once to rejoin', async () => {
    const before = await booth();
    await before.kit.agentOn(police);
    const ticketId = await before.kit.connected(police);
    await before.kit.engine.close();
    await before.kit.records.flush();
    // The record was lost (or the ticket filed before records were kept): rebuilt from routing.
    await before.kit.db.db.deleteFrom('booth_calls').execute();

    const after = await booth({ store: before.kit.store, db: before.kit.db }, 60_000);
    await after.presence.restore();
    expect(after.kit.records.get(ticketId)?.terminal).toEqual({
      id: 'B-1',
      site: '云溪市民中心',
      region: '339902',
    });
    expect(after.kit.calls.rooms.get(ticketId)?.peers.map((p) => p.peerId)).toEqual([
      'terminal:B-1',
      'staff:police',
    ]);
    await after.presence.kioskConnected(BOOTH);
    await after.presence.kioskConnected(BOOTH);
    await after.presence.agentConnected(police);
    expect(after.kit.delivered('media:rejoin').map((d) => [d.to, d.target, d.payload])).toEqual([
      ['kiosk', 'B-1', { callId: ticketId, reason: 'serverRestarted' }],
      ['staff', 'police', { callId: ticketId, reason: 'serverRestarted' }],
    ]);
  });
});
