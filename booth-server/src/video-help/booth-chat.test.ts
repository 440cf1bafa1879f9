import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BoothChat } from './booth-chat.ts';
import { BOOTH, type BoothKit, boothKit, OTHER_BOOTH, staffProfile } from './booth-test-kit.ts';

let kit: BoothKit;
let chat: BoothChat;
const police = staffProfile('police');
const colleague = staffProfile('civil', { displayName: '王科员' });

beforeEach(async () => {
  kit = await boothKit();
  const { engine, records, access, toKiosk, toStaff } = kit;
  chat = new BoothChat({ engine, records, access, toKiosk, toStaff, now: () => 42 });
  await kit.agentOn(police);
});
afterEach(() => kit.close());

const said = () => kit.delivered('chat:message').map((d) => [d.to, d.target, d.payload]);

describe('a call’s text chat', () => {
  it('carries the citizen’s line to the kiosk, the agent and every guest, and keeps it', async () => {
    const ticketId = await kit.connected(police);
    kit.records.get(ticketId)?.guests.set(colleague.id, { name: '王科员', role: 'agent' });
    await chat.fromKiosk(BOOTH, ticketId, '您好');
    const line = { ticketId, from: 'citizen', text: '您好', at: 42 };
    await vi.waitFor(() =>
      expect(said()).toEqual([
        ['kiosk', 'B-1', line],
        ['staff', 'police', line],
        ['staff', 'civil', line],
      ]),
    );
    expect(kit.records.get(ticketId)?.chat).toEqual([line]);
  });

  it('names staff by their own name; the booth’s lines are a code with parameters', async () => {
    const ticketId = await kit.connected(police);
    await chat.fromStaff(police, ticketId, '请出示身份证');
    chat.system(ticketId, { code: 'guestJoined', params: { name: '陈主管', role: 'supervisor' } });
    await vi.waitFor(() => expect(said()).toHaveLength(4));
    expect(kit.records.get(ticketId)?.chat).toEqual([
      { ticketId, from: 'agent', name: '李警官', text: '请出示身份证', at: 42 },
      {
        ticketId,
        from: 'system',
        code: 'guestJoined',
        params: { name: '陈主管', role: 'supervisor' },
        at: 42,
      },
    ]);
  });

  it('refuses a line before the call is connected, from another kiosk, or from staff not in it', async () => {
    await kit.engine.setAgentState(police.id, 'break');
    const waiting = await kit.ticket();
    await expect(chat.fromKiosk(BOOTH, waiting, '有人吗')).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    await kit.engine.setAgentState(police.id, 'available');
    const offer = (await kit.engine.snapshot()).offers[0]!;
    await kit.engine.accept(offer.id, police.id);
    await expect(chat.fromKiosk(OTHER_BOOTH, waiting, '有人吗')).rejects.toMatchObject({
      code: 'TICKET_NOT_FOUND',
    });
    await expect(chat.fromStaff(colleague, waiting, '你好')).rejects.toMatchObject({
      code: 'NOT_IN_CALL',
    });
    expect(said()).toEqual([]);
  });
});
