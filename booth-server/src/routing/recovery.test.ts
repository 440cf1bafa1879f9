import { describe, expect, it } from 'vitest';
import { ManualClock } from './manual-clock.ts';
import { MemoryRoutingStore } from './memory-store.ts';
import { RoutingEvent } from './routing-engine.ts';
import { agent, makeHarness, request } from './routing-test-kit.ts';

/** A first engine, then (after it stops) a second one over the same store and clock. */
function twoLives() {
  const clock = new ManualClock();
  const store = new MemoryRoutingStore();
  const first = makeHarness({ clock, store });
  const restart = async (downMs = 0) => {
    await first.engine.close();
    await clock.advance(downMs);
    const second = makeHarness({ clock, store });
    await second.engine.start();
    return second;
  };
  return { first, restart, clock };
}

describe('restart recovery', () => {
  it('resumes with waiting tickets still waiting, in the same service order', async () => {
    const { first, restart, clock } = twoLives();
    for (const [id, priority] of [
      ['old', 'normal'],
      ['repeat', 'repeat'],
      ['young', 'normal'],
      ['disabled', 'disabled'],
    ] as const) {
      await first.engine.enqueue(request({ id, priority }));
      await clock.advance(1_000);
    }
    const before = (await first.engine.snapshot()).tickets;
    const second = await restart(5_000);
    expect((await second.engine.snapshot()).tickets).toEqual(before);
    expect(await second.engine.positionOf('young')).toMatchObject({ position: 4 });
    // The restarted engine re-announces positions so booths that reconnect see them.
    expect(
      second.events(RoutingEvent.PositionChanged).map((e) => [e.ticketId, e.position]),
    ).toEqual([
      ['disabled', 1],
      ['repeat', 2],
      ['old', 3],
      ['young', 4],
    ]);
    const order: string[] = [];
    await second.engine.agentLogin(agent('a1'));
    for (let i = 0; i < 4; i++) {
      const offer = second.events(RoutingEvent.TicketOffered)[i];
      if (!offer) throw new Error('missing offer');
      order.push(offer.ticket.id);
      await second.engine.accept(offer.offer.id, 'a1');
      await second.engine.endCall(offer.ticket.id);
      await clock.advance(30_000);
    }
    expect(order).toEqual(['disabled', 'repeat', 'old', 'young']);
  });

  it('times out offers that expired while no engine ran, and offers the ticket on', async () => {
    const { first, restart, clock } = twoLives();
    await first.engine.agentLogin(agent('a1'));
    await clock.advance(1);
    await first.engine.agentLogin(agent('a2'));
    await first.engine.setAgentState('a2', 'break');
    await first.engine.enqueue(request({ id: 't1' }));
    await first.engine.setAgentState('a2', 'available');
    expect(first.events(RoutingEvent.TicketOffered).map((e) => e.agent.id)).toEqual(['a1']);
    const second = await restart(25_000); // offer timeout is 20 s
    expect(second.events(RoutingEvent.OfferTimedOut)).toHaveLength(1);
    expect(await second.engine.getAgent('a1')).toMatchObject({
      state: 'available',
      missedOffersInRow: 1,
    });
    expect(second.events(RoutingEvent.TicketOffered)).toEqual([
      expect.objectContaining({ agent: expect.objectContaining({ id: 'a2' }) }),
    ]);
  });

  it('keeps an offer still running across a restart and times it out at its original deadline', async () => {
    const { first, restart, clock } = twoLives();
    await first.engine.agentLogin(agent('a1'));
    await first.engine.enqueue(request({ id: 't1' }));
    const deadline = first.events(RoutingEvent.TicketOffered)[0]?.offer.expiresAt ?? 0;
    const second = await restart(5_000);
    expect((await second.engine.snapshot()).offers).toHaveLength(1);
    await clock.advanceTo(deadline - 1);
    expect(second.events(RoutingEvent.OfferTimedOut)).toEqual([]);
    await clock.advanceTo(deadline);
    expect(second.events(RoutingEvent.OfferTimedOut)).toHaveLength(1);
  });

  it('keeps agents on their calls, and ends wrap-ups on time whether due during or after the outage', async () => {
    const { first, restart, clock } = twoLives();
    for (const id of ['talking', 'wrapping', 'late-wrap']) await first.engine.agentLogin(agent(id));
    for (const id of ['c1', 'c2', 'c3']) await first.engine.enqueue(request({ id }));
    for (const offer of first.events(RoutingEvent.TicketOffered)) {
      await first.engine.accept(offer.offer.id, offer.agent.id);
    }
    const callOf = (agentId: string) =>
      first.events(RoutingEvent.TicketOffered).find((e) => e.agent.id === agentId)?.ticket.id ?? '';
    await first.engine.endCall(callOf('wrapping')); // wrap-up ends 30 s from now
    await clock.advance(20_000);
    await first.engine.endCall(callOf('late-wrap')); // wrap-up ends 50 s from the first end
    const second = await restart(15_000); // 35 s: 'wrapping' due during the outage
    expect(await second.engine.getAgent('talking')).toMatchObject({ state: 'on_call' });
    expect(await second.engine.getAgent('wrapping')).toMatchObject({ state: 'available' });
    expect(await second.engine.getAgent('late-wrap')).toMatchObject({ state: 'wrap_up' });
    await clock.advance(14_999);
    expect((await second.engine.getAgent('late-wrap')).state).toBe('wrap_up');
    await clock.advance(1);
    expect((await second.engine.getAgent('late-wrap')).state).toBe('available');
    const ended = await second.engine.endCall(callOf('talking'), 'talking');
    expect(ended.state).toBe('completed');
  });

  it('applies escalations that fell due while down', async () => {
    const { first, restart } = twoLives();
    await first.engine.agentLogin(agent('far', { regions: ['south'] }));
    await first.engine.enqueue(request({ id: 't1', region: 'north' }));
    const second = await restart(61_000);
    expect(second.events(RoutingEvent.TicketEscalated)).toEqual([
      expect.objectContaining({ level: 1, scope: 'anyRegion', reason: 'waitTime' }),
    ]);
    expect(second.events(RoutingEvent.TicketOffered)[0]).toMatchObject({ agent: { id: 'far' } });
  });

  it('lets two engines share one store: each sees what the other committed', async () => {
    const clock = new ManualClock();
    const store = new MemoryRoutingStore();
    const a = makeHarness({ clock, store });
    const b = makeHarness({ clock, store });
    await a.engine.start();
    await b.engine.start();
    await a.engine.enqueue(request({ id: 't1' }));
    await b.engine.agentLogin(agent('a1'));
    const offer = b.events(RoutingEvent.TicketOffered)[0];
    expect(offer?.ticket.id).toBe('t1');
    await a.engine.accept(offer?.offer.id ?? '', 'a1');
    expect((await b.engine.getTicket('t1')).state).toBe('connected');
    await a.engine.close();
    await b.engine.close();
  });
});
