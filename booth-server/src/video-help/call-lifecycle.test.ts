import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BoothChat } from './booth-chat.ts';
import { BOOTH, type BoothKit, boothKit, staffProfile } from './booth-test-kit.ts';
import { CallLifecycle } from './call-lifecycle.ts';
import { Notices } from './notices.ts';

let kit: BoothKit;
let notices: Notices;
const police = staffProfile('police');

beforeEach(async () => {
  kit = await boothKit();
  notices = new Notices(kit.db.db);
  const { engine, records, access, staff, calls, toKiosk, toStaff, catalogue } = kit;
  const chat = new BoothChat({ engine, records, access, toKiosk, toStaff });
  new CallLifecycle({
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
  await kit.agentOn(police);
});
afterEach(() => kit.close());

describe('the routing glue', () => {
  it('offers a ticket without personal data, and on accept opens the room and tells everyone', async () => {
    const ticketId = await kit.ticket();
    const [offer] = kit.delivered('offer:new');
    expect(offer).toMatchObject({
      target: 'police',
      payload: { ticketId, priority: 'normal', terminal: { id: 'B-1', site: '云溪市民中心' } },
    });
    await kit.engine.accept(offer!.payload.offerId, police.id);
    await vi.waitFor(() => expect(kit.delivered('help:connected')).toHaveLength(1));
    expect(kit.delivered('help:connected')[0]).toMatchObject({
      target: 'B-1',
      payload: {
        ticketId,
        callId: ticketId,
        agent: { name: '李警官', departmentName: { zh: '广州市公安局番禺区分局' } },
      },
    });
    // The citizen's peer carries no name: each client names the citizen in its own language.
    expect(kit.calls.rooms.get(ticketId)?.peers.map((p) => [p.role, p.displayName])).toEqual([
      ['citizen', ''],
      ['agent', '李警官'],
    ]);
    // The booth's line is a code with parameters, for the kiosk and the agent alike.
    const line = {
      ticketId,
      from: 'system',
      code: 'agentConnected',
      params: {
        name: '李警官',
        departmentName: { zh: '广州市公安局番禺区分局', en: 'Panyu Public Security Bureau' },
      },
    };
    await vi.waitFor(() =>
      expect(kit.delivered('chat:message').map((d) => [d.to, d.payload])).toEqual([
        ['kiosk', expect.objectContaining(line)],
        ['staff', expect.objectContaining(line)],
      ]),
    );
    expect(kit.records.get(ticketId)?.chat).toEqual([expect.objectContaining(line)]);
  });

  it('sends a lost agent’s citizen back to the queue with the reason only, and leaves the agent a notice', async () => {
    const ticketId = await kit.connected(police);
    await kit.engine.agentLost(police.id);
    expect(kit.delivered('help:requeued')).toEqual([
      {
        to: 'kiosk',
        target: 'B-1',
        event: 'help:requeued',
        payload: { ticketId, reason: 'agentLost' },
      },
    ]);
    expect(kit.calls.closed).toEqual([ticketId]);
    await vi.waitFor(async () =>
      expect(await notices.take('staff:police')).toEqual([
        { event: 'call:ended', payload: { ticketId, callId: ticketId, endedBy: 'agentLost' } },
      ]),
    );
  });

  it('ends a call: the agent and kiosk are told, and the record keeps only who served', async () => {
    const ticketId = await kit.connected(police);
    await kit.engine.endCall(ticketId, police.id);
    expect(kit.delivered('call:ended', 'staff')).toEqual([
      expect.objectContaining({
        target: 'police',
        payload: { ticketId, callId: ticketId, endedBy: 'agent' },
      }),
    ]);
    expect(kit.delivered('help:ended', 'kiosk')[0]?.payload).toEqual({
      ticketId,
      callId: ticketId,
      endedBy: 'agent',
      caseNumber: null,
    });
    expect(kit.records.get(ticketId)).toBeUndefined();
    expect(await kit.records.ended(ticketId)).toEqual({
      caseNumber: null,
      agentId: 'police',
      department: 'PSB',
      terminalId: BOOTH.id,
    });
  });

  it('drops the record of a ticket abandoned before it was answered', async () => {
    await kit.engine.setAgentState(police.id, 'break');
    const ticketId = await kit.ticket();
    await kit.engine.cancel(ticketId);
    expect(kit.delivered('help:ended')[0]?.payload).toEqual({
      ticketId,
      callId: null,
      endedBy: 'cancelled',
      caseNumber: null,
    });
    await kit.records.flush();
    expect(kit.records.get(ticketId)).toBeUndefined();
    expect(await kit.records.ended(ticketId)).toBeNull();
  });
});
