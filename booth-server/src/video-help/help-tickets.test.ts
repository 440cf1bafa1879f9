import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { identityCardOf, loadDemoDataset } from '../data-sharing/demo-dataset.ts';
import type { KioskVisit } from '../identity/kiosk-identity.ts';
import type { TerminalPrincipal } from '../terminals/terminal-registry.ts';
import { BOOTH, type BoothKit, boothKit, OTHER_BOOTH, staffProfile } from './booth-test-kit.ts';
import { HelpTickets } from './help-tickets.ts';

const dataset = await loadDemoDataset();
/** 孙德华, born 1942. */
const elder = identityCardOf(dataset.people.find((p) => p.idNumber === '33990319420810015X')!);

let kit: BoothKit;
let tickets: HelpTickets;
/** The attested visit at each terminal (the device bridge's word, here set by the test). */
const visits = new Map<string, KioskVisit>();

beforeEach(async () => {
  kit = await boothKit();
  visits.clear();
  tickets = new HelpTickets({
    engine: kit.engine,
    records: kit.records,
    access: kit.access,
    terminals: kit.terminals,
    identity: { visitOf: async (t: TerminalPrincipal) => visits.get(t.id) ?? null },
    catalogue: kit.catalogue,
    defaultDepartment: 'PSB',
  });
});
afterEach(() => kit.close());

describe('help tickets from a kiosk', () => {
  it('files the call record with the booth’s site, then queues the ticket for the department', async () => {
    const asked = await tickets.request(BOOTH, { department: 'PSB', language: 'zh-CN' });
    expect(asked).toMatchObject({ position: 1 });
    expect(kit.records.get(asked.ticketId)?.terminal).toEqual({
      id: 'B-1',
      site: '云溪市民中心',
      region: '339902',
    });
    const ticket = await kit.engine.getTicket(asked.ticketId);
    expect(ticket).toMatchObject({ queueId: 'PSB', priorityClass: 'normal', state: 'waiting' });
  });

  it('takes the priority from the attested person: 60 or older is served as elderly', async () => {
    visits.set(BOOTH.id, {
      visitId: 'v1',
      sessionId: 's1',
      terminalId: BOOTH.id,
      actor: elder,
      method: 'idCard',
      attestedAt: Date.now(),
    });
    const asked = await tickets.request(BOOTH, { language: 'zh-CN' });
    expect((await kit.engine.getTicket(asked.ticketId)).priorityClass).toBe('elderly');
  });

  it('refuses an unknown bundle or department, and a terminal in maintenance', async () => {
    await expect(
      tickets.request(BOOTH, { bundleCode: 'NOPE', language: 'zh-CN' }),
    ).rejects.toMatchObject({ code: 'CATALOGUE_UNKNOWN_BUNDLE' });
    await expect(
      tickets.request(BOOTH, { department: 'NOPE', language: 'zh-CN' }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await kit.terminals.setMaintenance(BOOTH.id, true, { id: null, ip: null });
    await expect(tickets.request(BOOTH, { language: 'zh-CN' })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
  });

  it('lets only the kiosk that filed a ticket cancel it or update its draft', async () => {
    const { ticketId } = await tickets.request(BOOTH, { language: 'zh-CN' });
    await expect(tickets.cancel(OTHER_BOOTH, ticketId)).rejects.toMatchObject({
      code: 'TICKET_NOT_FOUND',
    });
    const draft = {
      bundleCode: null,
      itemCodes: [],
      answers: { name: '林晓梅' },
      identity: elder,
      step: 'form',
    };
    await tickets.updateDraft(BOOTH, ticketId, draft);
    // A draft never carries the identity to the agent: only a consented card read does.
    expect(kit.records.get(ticketId)?.draft).toEqual({ ...draft, identity: null });
    // Not connected yet: hanging up abandons the ticket.
    await tickets.hangup(BOOTH, ticketId);
    await expect(kit.engine.getTicket(ticketId)).resolves.toMatchObject({ state: 'abandoned' });
  });

  it('names who served an ended call only to the terminal where it took place', async () => {
    const police = staffProfile('police');
    await kit.agentOn(police);
    const ticketId = await kit.connected(police);
    await tickets.hangup(BOOTH, ticketId);
    await kit.records.end(ticketId, {
      caseNumber: null,
      agentId: police.id,
      department: 'PSB',
      terminalId: BOOTH.id,
    });
    expect(await tickets.servedBy(BOOTH.id, ticketId)).toEqual({
      staffId: 'police',
      department: 'PSB',
    });
    expect(await tickets.servedBy(OTHER_BOOTH.id, ticketId)).toEqual({
      staffId: null,
      department: null,
    });
  });
});
