import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RatingService } from '../ratings/rating-service.ts';
import { BoothChat } from './booth-chat.ts';
import { BOOTH, type BoothKit, boothKit, OTHER_BOOTH, staffProfile } from './booth-test-kit.ts';
import { CallTransfers } from './call-transfers.ts';
import { Supervision } from './supervision.ts';
import { SupervisorView } from './supervisor-view.ts';

let kit: BoothKit;
let supervision: Supervision;
let updates: unknown[];
let watched: boolean;
const police = staffProfile('police');
const chen = staffProfile('chen', { displayName: '陈主管', roles: ['supervisor'] });
const faraway = staffProfile('far', { roles: ['supervisor'], regions: ['110000'] });

beforeEach(async () => {
  kit = await boothKit();
  updates = [];
  watched = true;
  const { engine, records, access, staff, calls, audit, toKiosk, toStaff, catalogue } = kit;
  const chat = new BoothChat({ engine, records, access, toKiosk, toStaff });
  const transfers = new CallTransfers({ engine, records, calls, access, staff, chat, toStaff });
  const ratings = new RatingService(kit.db.db, audit, { followUpWorkingDays: 5 });
  supervision = new Supervision({
    engine,
    view: new SupervisorView({ engine, ratings, catalogue }),
    records,
    access,
    transfers,
    staff,
    audit,
    toSupervisors: (event, payload) => updates.push([event, payload]),
    watched: () => watched,
  });
  await kit.agentOn(police);
});
afterEach(async () => {
  supervision.close();
  await kit.close();
});

const audited = async (action: string) =>
  (await kit.audit.list({ limit: 50 })).filter((e) => e.action === action);

describe('supervision', () => {
  it('listens in on a call of its regions: admitted as a supervisor, announced by code, audited', async () => {
    const ticketId = await kit.connected(police);
    const context = await supervision.monitor(chen, ticketId, '10.0.0.9');
    expect(context.participants).toEqual([{ id: 'chen', name: '陈主管', role: 'supervisor' }]);
    await vi.waitFor(() =>
      expect(kit.delivered('chat:message', 'staff').map((d) => d.target)).toEqual([
        'police',
        'chen',
      ]),
    );
    expect(kit.delivered('chat:message')[0]?.payload).toMatchObject({
      code: 'guestJoined',
      params: { name: '陈主管', role: 'supervisor' },
    });
    expect(await audited('booth.monitor')).toHaveLength(1);
  });

  it('refuses a call of another region, and audits the refusal', async () => {
    const ticketId = await kit.connected(police);
    await expect(supervision.monitor(faraway, ticketId, null)).rejects.toMatchObject({
      code: 'CALL_OTHER_REGION',
    });
    expect(kit.records.get(ticketId)?.guests.size).toBe(0);
    expect((await audited('booth.monitor.refused'))[0]?.details).toMatchObject({
      code: 'CALL_OTHER_REGION',
      region: '339902',
    });
    await expect(supervision.monitor(chen, 'no-such-ticket', null)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('pushes one snapshot for a burst of routing events, and none when nobody watches', async () => {
    await kit.ticket(BOOTH);
    await kit.ticket(OTHER_BOOTH);
    await vi.waitFor(() => expect(updates).toHaveLength(1), { timeout: 3000 });
    const [event, snapshot] = updates[0] as [string, { agents: { id: string }[] }];
    expect(event).toBe('supervisor:update');
    expect(snapshot.agents.map((a) => a.id)).toEqual(['police']);
    watched = false;
    await kit.engine.setAgentState(police.id, 'break');
    await new Promise((r) => setTimeout(r, 1200));
    expect(updates).toHaveLength(1);
  });

  it('moves an agent to other queues (潮汐窗口)', async () => {
    expect(await supervision.moveAgent('police', ['PSB', 'CIVIL'])).toMatchObject({
      id: 'police',
      queues: ['PSB', 'CIVIL'],
    });
  });
});
