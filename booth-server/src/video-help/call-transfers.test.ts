import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BoothChat } from './booth-chat.ts';
import { type BoothKit, boothKit, staffProfile } from './booth-test-kit.ts';
import { CallTransfers } from './call-transfers.ts';

let kit: BoothKit;
let transfers: CallTransfers;
const police = staffProfile('police');
const colleague = staffProfile('colleague', { displayName: '王科员' });
const supervisor = staffProfile('chen', { displayName: '陈主管', roles: ['supervisor'] });

beforeEach(async () => {
  kit = await boothKit();
  const { engine, records, access, staff, calls, toKiosk, toStaff } = kit;
  const chat = new BoothChat({ engine, records, access, toKiosk, toStaff });
  transfers = new CallTransfers({ engine, records, calls, access, staff, chat, toStaff });
  await kit.agentOn(police);
});
afterEach(() => kit.close());

describe('transfers and invitations', () => {
  it('invites a signed-in colleague: into the record and the room, told with the call, announced by code', async () => {
    const ticketId = await kit.connected(police);
    await kit.calls.open(ticketId, []);
    kit.staff.remember(colleague);
    await transfers.invite(police, ticketId, colleague.id);
    expect([...(kit.records.get(ticketId)?.guests ?? [])]).toEqual([
      ['colleague', { name: '王科员', role: 'agent' }],
    ]);
    expect(kit.calls.rooms.get(ticketId)?.peers).toEqual([
      expect.objectContaining({ peerId: 'staff:colleague', role: 'agent', displayName: '王科员' }),
    ]);
    const [invited] = kit.delivered('call:invited');
    expect(invited).toMatchObject({
      target: 'colleague',
      payload: { ticketId, participants: [{ id: 'colleague', name: '王科员', role: 'agent' }] },
    });
    await vi.waitFor(() =>
      expect(kit.delivered('chat:message').map((d) => d.target)).toEqual([
        'B-1',
        'police',
        'colleague',
      ]),
    );
    expect(kit.delivered('chat:message')[0]?.payload).toMatchObject({
      from: 'system',
      code: 'guestJoined',
      params: { name: '王科员', role: 'agent' },
    });
  });

  it('admits a supervisor-only colleague as a supervisor; refuses one who is not signed in', async () => {
    const ticketId = await kit.connected(police);
    kit.staff.remember(supervisor);
    await transfers.invite(police, ticketId, supervisor.id);
    expect(kit.records.get(ticketId)?.guests.get('chen')).toEqual({
      name: '陈主管',
      role: 'supervisor',
    });
    await expect(transfers.invite(police, ticketId, 'nobody')).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('transfers the citizen to the head of another department’s queue', async () => {
    const ticketId = await kit.connected(police);
    await transfers.transfer(police, ticketId, { department: 'CIVIL' });
    expect(await kit.engine.getTicket(ticketId)).toMatchObject({
      state: 'waiting',
      queueId: 'CIVIL',
    });
    // Only whoever is in the call may hand it on.
    await expect(
      transfers.transfer(colleague, ticketId, { department: 'PSB' }),
    ).rejects.toMatchObject({ code: 'NOT_IN_CALL' });
  });
});
