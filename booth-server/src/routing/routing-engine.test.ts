import { describe, expect, it } from 'vitest';
import { FewestCallsStrategy, RoundRobinStrategy } from './agent-selection.ts';
import { ManualClock } from './manual-clock.ts';
import { MemoryRoutingStore } from './memory-store.ts';
import { RoutingEngine, RoutingEvent } from './routing-engine.ts';
import { RoutingError, RoutingErrorCode } from './routing-error.ts';
import { agent, makeHarness, QUEUES, request } from './routing-test-kit.ts';
import type { RoutingStore } from './store.ts';

async function expectCode(
  promise: Promise<unknown>,
  code: RoutingErrorCode,
): Promise<RoutingError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(RoutingError);
  expect((error as RoutingError).routingCode).toBe(code);
  return error as RoutingError;
}

describe('RoutingEngine: dispatch', () => {
  it('keeps a ticket waiting while nobody can take it, then offers it to the agent who logs in', async () => {
    const { engine, clock, events } = makeHarness();
    const ticket = await engine.enqueue(request());
    expect(ticket.state).toBe('waiting');
    expect(events(RoutingEvent.TicketQueued)).toEqual([{ ticket, reason: 'new' }]);
    expect(events(RoutingEvent.TicketOffered)).toEqual([]);

    await clock.advance(5_000);
    await engine.agentLogin(agent('a1'));
    const [offered] = events(RoutingEvent.TicketOffered);
    expect(offered?.ticket).toMatchObject({ id: ticket.id, state: 'offered', agentId: 'a1' });
    expect(offered?.agent).toMatchObject({ id: 'a1', state: 'offered', ticketId: ticket.id });
    expect(offered?.offer.expiresAt).toBe(clock.now() + 20_000);
  });

  it('serves higher priority first, then older first within a priority', async () => {
    const { engine, clock, events } = makeHarness();
    const order: string[] = [];
    const enqueue = async (id: string, priority: 'normal' | 'repeat' | 'elderly' | 'disabled') => {
      await engine.enqueue(request({ id, priority }));
      await clock.advance(1_000);
    };
    await enqueue('normal-old', 'normal');
    await enqueue('elderly-old', 'elderly');
    await enqueue('repeat', 'repeat');
    await enqueue('disabled', 'disabled');
    await enqueue('elderly-new', 'elderly');
    await enqueue('normal-new', 'normal');
    engine.on(RoutingEvent.TicketOffered, ({ ticket }) => order.push(ticket.id));
    await engine.agentLogin(agent('a1'));
    for (let i = 0; i < 6; i++) {
      const offer = events(RoutingEvent.TicketOffered)[i];
      if (!offer) throw new Error(`no offer ${i}`);
      await engine.accept(offer.offer.id, 'a1');
      await engine.endCall(offer.ticket.id, 'a1');
      await clock.advance(30_000); // wrap-up
    }
    expect(order).toEqual([
      'disabled',
      'elderly-old',
      'elderly-new',
      'repeat',
      'normal-old',
      'normal-new',
    ]);
  });

  it('matches on department, language and the booth region', async () => {
    const { engine, events } = makeHarness();
    await engine.agentLogin(agent('tax-agent', { department: 'tax' }));
    await engine.agentLogin(agent('uyghur', { languages: ['ug'] }));
    await engine.agentLogin(agent('south', { regions: ['south'] }));
    await engine.enqueue(request({ id: 't-civil' }));
    expect(events(RoutingEvent.TicketOffered)).toEqual([]);
    await engine.agentLogin(
      agent('right', { languages: ['ug', 'zh-CN'], regions: ['south', 'north'] }),
    );
    expect(events(RoutingEvent.TicketOffered).map((e) => e.agent.id)).toEqual(['right']);
  });

  it('offers to the longest-idle agent by default', async () => {
    const { engine, clock, events } = makeHarness();
    await engine.agentLogin(agent('a-late'));
    await clock.advance(1);
    await engine.agentLogin(agent('a-later'));
    await engine.setAgentState('a-late', 'break');
    await clock.advance(1);
    await engine.setAgentState('a-late', 'available');
    await engine.enqueue(request());
    expect(events(RoutingEvent.TicketOffered)[0]?.agent.id).toBe('a-later');
  });

  it('rotates through agents in id order with the round-robin strategy', async () => {
    const { engine, clock, events } = makeHarness({
      strategy: new RoundRobinStrategy(),
      queues: [{ id: 'q', department: 'civil', wrapUpSeconds: 0 }],
    });
    // Logged in in reverse, so longest-idle would have started with a3.
    for (const id of ['a3', 'a2', 'a1']) {
      await engine.agentLogin(agent(id));
      await clock.advance(1);
    }
    for (let i = 0; i < 4; i++) {
      await engine.enqueue(request());
      const offer = events(RoutingEvent.TicketOffered).at(-1);
      if (!offer) throw new Error('no offer');
      await engine.accept(offer.offer.id, offer.agent.id);
      await engine.endCall(offer.ticket.id);
    }
    expect(events(RoutingEvent.TicketOffered).map((e) => e.agent.id)).toEqual([
      'a1',
      'a2',
      'a3',
      'a1',
    ]);
  });

  it('prefers the agent with the fewest calls with the fewest-calls strategy', async () => {
    const { engine, clock, events } = makeHarness({
      strategy: new FewestCallsStrategy(),
      queues: [{ id: 'q', department: 'civil', wrapUpSeconds: 0 }],
    });
    await engine.agentLogin(agent('busy'));
    await engine.agentLogin(agent('fresh'), { state: 'break' });
    for (let i = 0; i < 2; i++) {
      await engine.enqueue(request());
      const offer = events(RoutingEvent.TicketOffered).at(-1);
      await engine.accept(offer?.offer.id ?? '', 'busy');
      await engine.endCall(offer?.ticket.id ?? '');
    }
    await clock.advance(1_000);
    // 'busy' has been idle longer, but has handled two calls to fresh's none.
    await engine.setAgentState('fresh', 'available');
    await engine.enqueue(request());
    expect(events(RoutingEvent.TicketOffered).at(-1)?.agent.id).toBe('fresh');
  });
});

describe('RoutingEngine: offers', () => {
  it('moves a rejected ticket to the next agent and keeps it from the rejecting one for the cooldown', async () => {
    const { engine, clock, events } = makeHarness({ declineCooldownSeconds: 30 });
    await engine.agentLogin(agent('a1'));
    const ticket = await engine.enqueue(request());
    const first = events(RoutingEvent.TicketOffered)[0];
    if (!first) throw new Error('no offer');
    await engine.reject(first.offer.id, 'a1');
    expect(events(RoutingEvent.OfferRejected)[0]?.ticket).toMatchObject({ state: 'waiting' });
    expect((await engine.getAgent('a1')).state).toBe('available');
    expect(events(RoutingEvent.TicketOffered)).toHaveLength(1);

    await engine.agentLogin(agent('a2'));
    expect(events(RoutingEvent.TicketOffered)[1]).toMatchObject({ agent: { id: 'a2' } });
    await engine.reject(events(RoutingEvent.TicketOffered)[1]?.offer.id ?? '', 'a2');
    // Both declined: nobody gets it until a1's cooldown ends, 30 s after a1 rejected.
    await clock.advance(29_999);
    expect(events(RoutingEvent.TicketOffered)).toHaveLength(2);
    await clock.advance(1);
    expect(events(RoutingEvent.TicketOffered)[2]).toMatchObject({
      agent: { id: 'a1' },
      ticket: { id: ticket.id },
    });
  });

  it('times an offer out after the offer timeout and offers the ticket to the next agent', async () => {
    const { engine, clock, events } = makeHarness({ offerTimeoutSeconds: 15 });
    await engine.agentLogin(agent('a1'));
    await clock.advance(1);
    await engine.agentLogin(agent('a2'));
    await engine.enqueue(request());
    expect(events(RoutingEvent.TicketOffered).map((e) => e.agent.id)).toEqual(['a1']);
    await clock.advance(14_999);
    expect(events(RoutingEvent.OfferTimedOut)).toEqual([]);
    await clock.advance(1);
    expect(events(RoutingEvent.OfferTimedOut)[0]?.agent).toMatchObject({
      id: 'a1',
      state: 'available',
      missedOffersInRow: 1,
    });
    expect(events(RoutingEvent.TicketOffered).map((e) => e.agent.id)).toEqual(['a1', 'a2']);
  });

  it('sends an agent who misses two offers in a row to break; answering resets the count', async () => {
    const { engine, clock, events } = makeHarness({ declineCooldownSeconds: 0 });
    await engine.agentLogin(agent('a1'));
    await engine.enqueue(request());
    await clock.advance(20_000); // miss 1, re-offered at once (no cooldown)
    const second = events(RoutingEvent.TicketOffered)[1];
    if (!second) throw new Error('no second offer');
    await engine.reject(second.offer.id, 'a1'); // answering resets the count
    expect((await engine.getAgent('a1')).missedOffersInRow).toBe(0);
    await clock.advance(20_000); // miss 1 again (third offer), offered a fourth time at once
    expect(await engine.getAgent('a1')).toMatchObject({ state: 'offered', missedOffersInRow: 1 });
    await clock.advance(20_000); // miss 2 in a row
    const a1 = await engine.getAgent('a1');
    expect(a1).toMatchObject({ state: 'break', missedOffersInRow: 2 });
    expect(events(RoutingEvent.AgentStateChanged).at(-1)).toMatchObject({
      reason: 'missedOffers',
      previous: 'offered',
    });
    const [ticket] = (await engine.snapshot()).tickets;
    expect(ticket?.state).toBe('waiting');
    await engine.setAgentState('a1', 'available');
    expect((await engine.getAgent('a1')).missedOffersInRow).toBe(0);
  });

  it('connects on accept and refuses accepting twice, late, or someone else’s offer', async () => {
    const { engine, clock, events } = makeHarness();
    await engine.agentLogin(agent('a1'));
    await engine.agentLogin(agent('a2'));
    await engine.enqueue(request());
    await engine.enqueue(request());
    const [o1, o2] = events(RoutingEvent.TicketOffered);
    if (!o1 || !o2) throw new Error('two offers expected');

    await expectCode(engine.accept(o1.offer.id, o2.agent.id), RoutingErrorCode.NotYourOffer);
    await expectCode(engine.accept('no-such-offer', 'a1'), RoutingErrorCode.OfferNotFound);
    await clock.advance(3_000);
    const { ticket, agent: onCall } = await engine.accept(o1.offer.id, o1.agent.id);
    expect(ticket).toMatchObject({
      state: 'connected',
      agentId: o1.agent.id,
      connectedAt: clock.now(),
    });
    expect(onCall).toMatchObject({ state: 'on_call', ticketId: ticket.id });
    expect(events(RoutingEvent.TicketConnected)[0]?.offer.status).toBe('accepted');
    await expectCode(engine.accept(o1.offer.id, o1.agent.id), RoutingErrorCode.InvalidTransition);
    await expectCode(engine.reject(o1.offer.id, o1.agent.id), RoutingErrorCode.InvalidTransition);

    await clock.advance(20_000);
    const late = await expectCode(
      engine.accept(o2.offer.id, o2.agent.id),
      RoutingErrorCode.OfferExpired,
    );
    expect(late.code).toBe('OFFER_EXPIRED');
    expect(late.toBody()).toMatchObject({
      code: 'OFFER_EXPIRED',
      details: { routingCode: 'OFFER_EXPIRED' },
    });
  });

  it('treats an accept at the deadline as a timeout even before the timer fired', async () => {
    // Time is read from `now`; the timers are never run, so the accept races the deadline.
    const timers = new ManualClock();
    let now = timers.now();
    const engine = new RoutingEngine({
      store: new MemoryRoutingStore(),
      queues: QUEUES,
      clock: { now: () => now },
      timers,
    });
    const timedOut: unknown[] = [];
    engine.on(RoutingEvent.OfferTimedOut, (e) => timedOut.push(e));
    await engine.agentLogin(agent('a1'));
    await engine.enqueue(request());
    const [offer] = (await engine.snapshot()).offers;
    if (!offer) throw new Error('no offer');
    now = offer.expiresAt;
    await expectCode(engine.accept(offer.id, 'a1'), RoutingErrorCode.OfferExpired);
    expect(timedOut).toHaveLength(1);
    expect(await engine.getAgent('a1')).toMatchObject({ state: 'available', missedOffersInRow: 1 });
    expect((await engine.snapshot()).tickets[0]?.state).toBe('waiting');
  });
});

describe('RoutingEngine: calls', () => {
  it('puts the agent in wrap-up for the queue’s wrap-up time, then offers the next ticket', async () => {
    const { engine, clock, events } = makeHarness();
    await engine.agentLogin(agent('a1', { department: 'tax' }));
    await engine.enqueue(request({ department: 'tax', id: 't1' }));
    await engine.enqueue(request({ department: 'tax', id: 't2' }));
    await engine.accept(events(RoutingEvent.TicketOffered)[0]?.offer.id ?? '', 'a1');
    await clock.advance(60_000);
    const ended = await engine.endCall('t1', 'a1');
    expect(ended).toMatchObject({ state: 'completed', endedAt: clock.now() });
    expect(events(RoutingEvent.TicketCompleted)[0]).toMatchObject({
      endedBy: 'agent',
      agentId: 'a1',
    });
    expect(await engine.getAgent('a1')).toMatchObject({ state: 'wrap_up', callsHandled: 1 });
    await clock.advance(9_999); // q-tax wraps up in 10 s
    expect((await engine.getAgent('a1')).state).toBe('wrap_up');
    await clock.advance(1);
    expect(events(RoutingEvent.TicketOffered).map((e) => e.ticket.id)).toEqual(['t1', 't2']);
  });

  it('refuses ending a call that is not connected or not the agent’s', async () => {
    const { engine, events } = makeHarness();
    await engine.agentLogin(agent('a1'));
    await engine.agentLogin(agent('a2', { department: 'tax' }));
    const t = await engine.enqueue(request());
    await expectCode(engine.endCall('nope'), RoutingErrorCode.TicketNotFound);
    await engine.accept(events(RoutingEvent.TicketOffered)[0]?.offer.id ?? '', 'a1');
    await expectCode(engine.endCall(t.id, 'a2'), RoutingErrorCode.NotYourCall);
    await engine.endCall(t.id);
    expect(events(RoutingEvent.TicketCompleted)[0]?.endedBy).toBe('citizen');
    await expectCode(engine.endCall(t.id), RoutingErrorCode.InvalidTransition);
  });

  it('sends a call whose agent vanished back to the head of the queue, keeping age and priority', async () => {
    const { engine, clock, events } = makeHarness();
    await engine.agentLogin(agent('a1'));
    const served = await engine.enqueue(request({ id: 'served', priority: 'normal' }));
    await engine.accept(events(RoutingEvent.TicketOffered)[0]?.offer.id ?? '', 'a1');
    await clock.advance(1_000);
    await engine.enqueue(request({ id: 'urgent', priority: 'disabled' }));
    await clock.advance(1_000);
    const lost = await engine.agentLost('a1');
    expect(lost.state).toBe('offline');
    const requeued = events(RoutingEvent.TicketQueued).at(-1);
    expect(requeued).toMatchObject({ reason: 'agentLost', fromAgentId: 'a1' });
    expect(requeued?.ticket).toMatchObject({
      id: 'served',
      state: 'waiting',
      requeuedReason: 'agentLost',
      createdAt: served.createdAt,
      priority: served.priority,
    });
    expect(requeued?.ticket.agentId).toBeUndefined();
    expect(await engine.positionOf('served')).toMatchObject({ position: 1 });
    expect(await engine.positionOf('urgent')).toMatchObject({ position: 2 });
    await engine.agentLogin(agent('a2'));
    expect(events(RoutingEvent.TicketOffered).at(-1)?.ticket.id).toBe('served');
  });

  it('withdraws the offer of an agent who vanishes or takes a break, and offers the ticket on', async () => {
    const { engine, clock, events } = makeHarness();
    await engine.agentLogin(agent('a1'));
    await clock.advance(1);
    await engine.agentLogin(agent('a2'));
    await engine.enqueue(request({ id: 't1' }));
    expect(events(RoutingEvent.TicketOffered).at(-1)?.agent.id).toBe('a1');
    await engine.agentLost('a1');
    expect(events(RoutingEvent.OfferWithdrawn)[0]).toMatchObject({ reason: 'agentLeft' });
    expect(events(RoutingEvent.TicketOffered).at(-1)?.agent.id).toBe('a2');
    await engine.agentLogin(agent('a1'));
    await engine.setAgentState('a2', 'break');
    expect(events(RoutingEvent.TicketOffered).at(-1)?.agent.id).toBe('a1');
    // Withdrawals are not misses.
    expect((await engine.getAgent('a2')).missedOffersInRow).toBe(0);
    await expectCode(engine.setAgentState('a1', 'available'), RoutingErrorCode.InvalidTransition);
  });

  it('refuses state changes during a call and unknown agents', async () => {
    const { engine, events } = makeHarness();
    await engine.agentLogin(agent('a1'));
    await engine.enqueue(request());
    await engine.accept(events(RoutingEvent.TicketOffered)[0]?.offer.id ?? '', 'a1');
    await expectCode(engine.setAgentState('a1', 'break'), RoutingErrorCode.InvalidTransition);
    await expectCode(engine.setAgentState('a1', 'offline'), RoutingErrorCode.InvalidTransition);
    await expectCode(engine.setAgentState('ghost', 'break'), RoutingErrorCode.AgentNotFound);
  });

  it('abandons the tickets of a vanished kiosk and ends its call', async () => {
    const { engine, events } = makeHarness();
    await engine.agentLogin(agent('a1'));
    await engine.enqueue(request({ id: 'in-call', kioskSessionId: 'ks-A' }));
    await engine.accept(events(RoutingEvent.TicketOffered)[0]?.offer.id ?? '', 'a1');
    await engine.enqueue(request({ id: 'waiting', kioskSessionId: 'ks-B' }));
    expect((await engine.kioskLost('ks-B')).map((t) => t.state)).toEqual(['abandoned']);
    expect(events(RoutingEvent.TicketAbandoned)[0]).toMatchObject({ reason: 'kioskLost' });
    expect((await engine.kioskLost('ks-A')).map((t) => t.state)).toEqual(['completed']);
    expect(events(RoutingEvent.TicketCompleted)[0]).toMatchObject({ endedBy: 'kioskLost' });
    expect((await engine.getAgent('a1')).state).toBe('wrap_up');
    expect(await engine.kioskLost('ks-unknown')).toEqual([]);
  });

  it('abandons on cancel, withdrawing a pending offer so the agent gets the next ticket', async () => {
    const { engine, events } = makeHarness();
    await engine.agentLogin(agent('a1'));
    await engine.enqueue(request({ id: 't1' }));
    await engine.enqueue(request({ id: 't2' }));
    const cancelled = await engine.cancel('t1');
    expect(cancelled).toMatchObject({ state: 'abandoned' });
    expect(events(RoutingEvent.OfferWithdrawn)[0]).toMatchObject({ reason: 'ticketEnded' });
    expect(events(RoutingEvent.TicketOffered).map((e) => e.ticket.id)).toEqual(['t1', 't2']);
    await expectCode(engine.cancel('t1'), RoutingErrorCode.InvalidTransition);
    await expectCode(engine.cancel('ghost'), RoutingErrorCode.TicketNotFound);
    await engine.accept(events(RoutingEvent.TicketOffered)[1]?.offer.id ?? '', 'a1');
    await expectCode(engine.cancel('t2'), RoutingErrorCode.InvalidTransition);
  });
});

describe('RoutingEngine: escalation', () => {
  it('widens from the booth region to any region serving the department after the configured wait', async () => {
    const { engine, clock, events } = makeHarness({
      queues: [
        { id: 'q', department: 'civil', escalation: [{ afterSeconds: 45, scope: 'anyRegion' }] },
      ],
    });
    await engine.agentLogin(agent('far', { regions: ['south'] }));
    const t = await engine.enqueue(request({ region: 'north' }));
    await clock.advance(44_999);
    expect(events(RoutingEvent.TicketEscalated)).toEqual([]);
    expect(events(RoutingEvent.TicketOffered)).toEqual([]);
    await clock.advance(1);
    const [escalated] = events(RoutingEvent.TicketEscalated);
    expect(escalated).toMatchObject({ level: 1, scope: 'anyRegion', ticket: { id: t.id } });
    expect(escalated?.ticket.escalationLevel).toBe(1);
    expect(events(RoutingEvent.TicketOffered)[0]).toMatchObject({ agent: { id: 'far' } });
  });

  it('can widen further to any agent of the queue regardless of language', async () => {
    const { engine, clock, events } = makeHarness({
      queues: [
        {
          id: 'q',
          department: 'civil',
          escalation: [
            { afterSeconds: 30, scope: 'anyRegion' },
            { afterSeconds: 90, scope: 'anyLanguage' },
          ],
        },
      ],
    });
    await engine.agentLogin(agent('mandarin-south', { regions: ['south'] }));
    await engine.enqueue(request({ language: 'ug' }));
    await clock.advance(89_999);
    expect(events(RoutingEvent.TicketEscalated).map((e) => e.level)).toEqual([1]);
    expect(events(RoutingEvent.TicketOffered)).toEqual([]);
    await clock.advance(1);
    expect(events(RoutingEvent.TicketEscalated).map((e) => e.scope)).toEqual([
      'anyRegion',
      'anyLanguage',
    ]);
    expect(events(RoutingEvent.TicketOffered)).toHaveLength(1);
  });

  it('rejects escalation steps that do not widen or do not come later', () => {
    expect(() =>
      makeHarness({
        queues: [
          {
            id: 'q',
            department: 'civil',
            escalation: [
              { afterSeconds: 60, scope: 'anyLanguage' },
              { afterSeconds: 30, scope: 'anyRegion' },
            ],
          },
        ],
      }),
    ).toThrow(/escalation/);
  });
});

describe('RoutingEngine: maintenance, transfer, queues', () => {
  it('refuses new tickets from a terminal in maintenance, and accepts them again afterwards', async () => {
    const { engine } = makeHarness();
    await engine.setTerminalMaintenance('term-7', true);
    const refused = await expectCode(
      engine.enqueue(request({ terminalId: 'term-7' })),
      RoutingErrorCode.TerminalInMaintenance,
    );
    expect(refused.details).toMatchObject({ terminalId: 'term-7' });
    await engine.enqueue(request({ terminalId: 'term-8' }));
    await engine.setTerminalMaintenance('term-7', false);
    expect((await engine.enqueue(request({ terminalId: 'term-7' }))).state).toBe('waiting');
  });

  it('cold-transfers a call to another queue at its head, sending the first agent to wrap-up', async () => {
    const { engine, clock, events } = makeHarness();
    await engine.agentLogin(agent('civil-1'));
    const t = await engine.enqueue(request({ id: 't-move' }));
    await engine.accept(events(RoutingEvent.TicketOffered)[0]?.offer.id ?? '', 'civil-1');
    await clock.advance(1_000);
    await engine.enqueue(request({ id: 'tax-waiting', department: 'tax', priority: 'disabled' }));
    await clock.advance(60_000);
    await expectCode(
      engine.transfer({ ticketId: t.id, agentId: 'someone', to: { queueId: 'q-tax' } }),
      RoutingErrorCode.NotYourCall,
    );
    await expectCode(
      engine.transfer({ ticketId: t.id, agentId: 'civil-1', to: { queueId: 'q-nope' } }),
      RoutingErrorCode.UnknownQueue,
    );
    const moved = await engine.transfer({
      ticketId: t.id,
      agentId: 'civil-1',
      to: { queueId: 'q-tax' },
      skills: { language: 'yue' },
    });
    expect(moved).toMatchObject({
      state: 'waiting',
      queueId: 'q-tax',
      skills: { department: 'tax', language: 'yue', region: 'north' },
      requeuedReason: 'transfer',
      createdAt: t.createdAt,
    });
    expect(events(RoutingEvent.TicketQueued).at(-1)).toMatchObject({
      reason: 'transfer',
      fromQueueId: 'q-civil',
      fromAgentId: 'civil-1',
    });
    expect((await engine.getAgent('civil-1')).state).toBe('wrap_up');
    expect(await engine.positionOf('t-move')).toMatchObject({ position: 1 });
    await engine.agentLogin(agent('tax-1', { department: 'tax', languages: ['yue', 'zh-CN'] }));
    expect(events(RoutingEvent.TicketOffered).at(-1)?.ticket.id).toBe('t-move');
  });

  it('transfers to a named agent alone, falling back to the queue after the named wait', async () => {
    const { engine, clock, events } = makeHarness({ namedTransferWaitSeconds: 40 });
    await engine.agentLogin(agent('a1'));
    await engine.agentLogin(agent('expert', { department: 'tax' }));
    await engine.setAgentState('expert', 'break');
    await engine.agentLogin(agent('tax-other', { department: 'tax' }));
    const t = await engine.enqueue(request());
    await engine.accept(events(RoutingEvent.TicketOffered)[0]?.offer.id ?? '', 'a1');
    await expectCode(
      engine.transfer({ ticketId: t.id, agentId: 'a1', to: { agentId: 'a1' } }),
      RoutingErrorCode.InvalidTransition,
    );
    const moved = await engine.transfer({
      ticketId: t.id,
      agentId: 'a1',
      to: { agentId: 'expert' },
    });
    expect(moved).toMatchObject({ targetAgentId: 'expert', queueId: 'q-tax', state: 'waiting' });
    expect(events(RoutingEvent.TicketOffered)).toHaveLength(1); // tax-other is free but not named
    await clock.advance(39_999);
    expect(events(RoutingEvent.TicketOffered)).toHaveLength(1);
    await clock.advance(1);
    expect(events(RoutingEvent.TicketOffered).at(-1)?.agent.id).toBe('tax-other');
    expect(events(RoutingEvent.TicketEscalated).at(-1)?.ticket.targetAgentId).toBeUndefined();
  });

  it('offers a named transfer to that agent as soon as they are available', async () => {
    const { engine, events } = makeHarness();
    await engine.agentLogin(agent('a1'));
    await engine.agentLogin(agent('expert', { department: 'tax' }));
    await engine.setAgentState('expert', 'break');
    const t = await engine.enqueue(request());
    await engine.accept(events(RoutingEvent.TicketOffered)[0]?.offer.id ?? '', 'a1');
    await engine.transfer({ ticketId: t.id, agentId: 'a1', to: { agentId: 'expert' } });
    await engine.setAgentState('expert', 'available');
    expect(events(RoutingEvent.TicketOffered).at(-1)).toMatchObject({
      agent: { id: 'expert' },
      ticket: { id: t.id },
    });
    const { ticket } = await engine.accept(
      events(RoutingEvent.TicketOffered).at(-1)?.offer.id ?? '',
      'expert',
    );
    expect(ticket.targetAgentId).toBeUndefined(); // if this call drops, any tax agent may help
  });

  it('moves an agent between queues (tidal staffing) and dispatches at once', async () => {
    const { engine, events } = makeHarness();
    await engine.agentLogin(agent('a1'));
    await engine.enqueue(request({ department: 'tax', id: 'tax-1' }));
    expect(events(RoutingEvent.TicketOffered)).toEqual([]);
    await expectCode(engine.moveAgent('a1', ['q-unknown']), RoutingErrorCode.UnknownQueue);
    const moved = await engine.moveAgent('a1', ['q-civil', 'q-tax', 'q-tax']);
    expect(moved.queues).toEqual(['q-civil', 'q-tax']);
    expect(events(RoutingEvent.AgentUpdated)[0]?.agent.queues).toEqual(['q-civil', 'q-tax']);
    expect(events(RoutingEvent.TicketOffered)[0]).toMatchObject({ ticket: { id: 'tax-1' } });
  });

  it('keeps the state of an agent who signs in again while online (reconnect)', async () => {
    const { engine, events } = makeHarness();
    await engine.agentLogin(agent('a1'));
    await engine.enqueue(request());
    await engine.accept(events(RoutingEvent.TicketOffered)[0]?.offer.id ?? '', 'a1');
    const again = await engine.agentLogin(agent('a1', { languages: ['zh-CN', 'en'] }));
    expect(again).toMatchObject({ state: 'on_call', languages: ['zh-CN', 'en'] });
  });
});

describe('RoutingEngine: input and failures', () => {
  it('rejects malformed input with INVALID_INPUT naming the field', async () => {
    const { engine } = makeHarness();
    const missing = await expectCode(
      engine.enqueue({ skills: { department: 'civil', region: 'n', language: 'zh-CN' } } as never),
      RoutingErrorCode.InvalidInput,
    );
    expect(missing.path).toEqual(['context']);
    expect(missing.code).toBe('VALIDATION_FAILED');
    const extra = await expectCode(
      engine.enqueue({ ...request(), idNumber: '110101199003074514' } as never),
      RoutingErrorCode.InvalidInput,
    );
    expect(extra.message).not.toContain('110101199003074514');
    await expectCode(
      engine.enqueue({ ...request(), priority: 'vip' } as never),
      RoutingErrorCode.InvalidInput,
    );
    await expectCode(engine.setAgentState('a1', 'on_call' as never), RoutingErrorCode.InvalidInput);
    await expectCode(engine.accept('', 'a1'), RoutingErrorCode.InvalidInput);
    await expectCode(
      engine.agentLogin({ ...agent('a1'), regions: [] }),
      RoutingErrorCode.InvalidInput,
    );
  });

  it('refuses a second live ticket for one kiosk session and unknown departments', async () => {
    const { engine } = makeHarness();
    await engine.enqueue(request({ kioskSessionId: 'ks-1', id: 'first' }));
    await expectCode(
      engine.enqueue(request({ kioskSessionId: 'ks-1' })),
      RoutingErrorCode.DuplicateTicket,
    );
    await expectCode(engine.enqueue(request({ id: 'first' })), RoutingErrorCode.DuplicateTicket);
    await expectCode(
      engine.enqueue(request({ department: 'customs' })),
      RoutingErrorCode.NoQueueForDepartment,
    );
  });

  it('reports a store failure as STORE_FAILED, keeps nothing of the failed command, and recovers', async () => {
    const inner = new MemoryRoutingStore();
    let failWrites = false;
    const flaky: RoutingStore = {
      withLock: (fn) =>
        inner.withLock((tx) =>
          fn(
            new Proxy(tx, {
              get(target, prop, receiver) {
                const value = Reflect.get(target, prop, receiver);
                if (failWrites && prop === 'appendRecords') {
                  return async () => {
                    throw new Error('disk full');
                  };
                }
                return typeof value === 'function' ? value.bind(target) : value;
              },
            }),
          ),
        ),
    };
    const { engine, events } = makeHarness({ store: flaky });
    await engine.agentLogin(agent('a1'));
    failWrites = true;
    const error = await expectCode(
      engine.enqueue(request({ id: 'lost' })),
      RoutingErrorCode.StoreFailed,
    );
    expect(error.code).toBe('DATABASE_UNAVAILABLE');
    failWrites = false;
    const offeredBefore = events(RoutingEvent.TicketOffered).length;
    expect(offeredBefore).toBe(0); // nothing announced for the rolled-back command
    const snapshot = await engine.snapshot();
    expect(snapshot.tickets).toEqual([]);
    expect(snapshot.agents[0]?.state).toBe('available');
    await engine.enqueue(request({ id: 'kept' }));
    expect(events(RoutingEvent.TicketOffered).map((e) => e.ticket.id)).toEqual(['kept']);
  });

  it('reports a deadline that failed on a store outage and finishes it once the store is back', async () => {
    const inner = new MemoryRoutingStore();
    let down = false;
    const flaky: RoutingStore = {
      withLock: (fn) =>
        down ? Promise.reject(new Error('connection refused')) : inner.withLock(fn),
    };
    const { engine, clock, events } = makeHarness({ store: flaky });
    await engine.agentLogin(agent('a1'));
    await engine.enqueue(request());
    down = true;
    await clock.advance(20_000); // the offer's deadline, store unreachable
    expect(events(RoutingEvent.InternalError).map((e) => e.message)).toEqual([
      'routing store failed: connection refused',
    ]);
    expect(events(RoutingEvent.OfferTimedOut)).toEqual([]);
    await clock.advance(1_000); // retried, still down
    expect(events(RoutingEvent.InternalError)).toHaveLength(2);
    down = false;
    await clock.advance(1_000);
    expect(events(RoutingEvent.OfferTimedOut)).toHaveLength(1);
    expect(await engine.getAgent('a1')).toMatchObject({ missedOffersInRow: 1 });
    await clock.advance(60_000); // no retry is left running once the store answered
    expect(events(RoutingEvent.InternalError)).toHaveLength(2);
  });

  it('survives a throwing listener: the others still hear, the engine goes on', async () => {
    const { engine, events } = makeHarness();
    const errors: Error[] = [];
    engine.on(RoutingEvent.InternalError, (e) => errors.push(e));
    engine.prependListener(RoutingEvent.TicketQueued, () => {
      throw new Error('bad listener');
    });
    await engine.agentLogin(agent('a1'));
    await engine.enqueue(request());
    expect(errors.map((e) => e.message)).toEqual(['bad listener']);
    expect(events(RoutingEvent.TicketOffered)).toHaveLength(1);
  });

  it('refuses commands once closed', async () => {
    const { engine } = makeHarness();
    await engine.close();
    await expectCode(engine.enqueue(request()), RoutingErrorCode.EngineClosed);
  });
});
