import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { identityCardOf, loadDemoDataset } from '../data-sharing/demo-dataset.ts';
import { RatingService } from '../ratings/rating-service.ts';
import { AgentSeats } from './agent-seats.ts';
import { type BoothKit, boothKit, staffProfile } from './booth-test-kit.ts';
import { SupervisorView } from './supervisor-view.ts';

const dataset = await loadDemoDataset();
const card = identityCardOf(dataset.people.find((p) => p.idNumber === '33990219940612022X')!);

let kit: BoothKit;
let seats: AgentSeats;
const police = staffProfile('police');
const colleague = staffProfile('colleague');

beforeEach(async () => {
  kit = await boothKit();
  const { engine, records, access, staff, audit, catalogue } = kit;
  const ratings = new RatingService(kit.db.db, audit, { followUpWorkingDays: 5 });
  const view = new SupervisorView({ engine, ratings, catalogue });
  seats = new AgentSeats({ engine, records, access, staff, view, audit });
});
afterEach(() => kit.close());

const audited = async (action: string) =>
  (await kit.audit.list({ limit: 50 })).filter((e) => e.action === action);

describe('an agent’s seat', () => {
  it('signs in to its department’s queue and out again; an account without one is refused', async () => {
    expect(await seats.self(police)).toEqual({ state: 'offline', queues: [], callsHandled: 0 });
    expect(await seats.setState(police, 'available')).toEqual({
      state: 'available',
      queues: ['PSB'],
      callsHandled: 0,
    });
    expect((await seats.setState(police, 'offline')).state).toBe('offline');
    await expect(
      seats.setState(staffProfile('nodept', { department: null }), 'available'),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('shows what waits in its queues, without personal data', async () => {
    await seats.setState(police, 'break');
    const ticketId = await kit.ticket();
    const queue = await seats.queue(police);
    expect(queue.queues.map((q) => q.queueId)).toEqual(['PSB']);
    expect(queue.waiting).toEqual([
      expect.objectContaining({
        ticketId,
        terminal: { id: 'B-1', site: '云溪市民中心', region: '339902' },
      }),
    ]);
  });

  it('accepts an offer into the call’s context; staff not in the call see nothing of it', async () => {
    await seats.setState(police, 'available');
    const ticketId = await kit.ticket();
    const offer = (await kit.engine.snapshot()).offers[0]!;
    expect(await seats.accept(police, offer.id)).toMatchObject({ ticketId, callId: ticketId });
    expect((await seats.context(police, ticketId)).terminal.id).toBe('B-1');
    await expect(seats.context(colleague, ticketId)).rejects.toMatchObject({
      code: 'NOT_IN_CALL',
    });
  });

  it('masks the identity until the agent reveals it, which is audited with the reason', async () => {
    await seats.setState(police, 'available');
    const ticketId = await kit.connected(police);
    await expect(seats.revealIdentity(police, ticketId, '核对身份', null)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    const live = kit.records.get(ticketId)!;
    live.draft = { bundleCode: null, itemCodes: [], answers: {}, identity: card, step: 'call' };
    const masked = (await seats.context(police, ticketId)).draft.identity;
    expect(masked).toMatchObject({ revealed: false });
    expect(masked?.idNumber).not.toBe(card.idNumber);
    expect(await seats.revealIdentity(police, ticketId, '核对身份', '10.0.0.1')).toEqual(card);
    expect((await seats.context(police, ticketId)).draft.identity).toEqual({
      name: card.name,
      idNumber: card.idNumber,
      revealed: true,
    });
    expect((await audited('booth.identity.reveal'))[0]).toMatchObject({
      actorId: 'police',
      targetId: ticketId,
      details: { reason: '核对身份', terminalId: 'B-1' },
    });
  });

  it('lets only the serving agent end the call, and wrap up with the case number', async () => {
    await seats.setState(police, 'available');
    const ticketId = await kit.connected(police);
    kit.records
      .get(ticketId)!
      .guests.set(colleague.id, { name: colleague.displayName, role: 'agent' });
    kit.records.get(ticketId)!.caseNumber = 'C-1';
    await expect(seats.endCall(colleague, ticketId)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await seats.endCall(police, ticketId);
    await seats.wrapUp(police, ticketId, 'resolved', '已办结', null);
    expect((await audited('booth.wrap_up'))[0]?.details).toEqual({
      disposition: 'resolved',
      note: '已办结',
      caseNumber: 'C-1',
    });
    await expect(seats.wrapUp(colleague, ticketId, 'resolved', '', null)).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });
});
