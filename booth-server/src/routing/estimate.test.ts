import { describe, expect, it } from 'vitest';
import { ESTIMATED_WAIT_DOCS, estimatedWaitSeconds, smoothAht } from './estimate.ts';
import { RoutingEvent } from './routing-engine.ts';
import { agent, makeHarness, request } from './routing-test-kit.ts';

describe('estimated wait', () => {
  it('smooths handle time like Asterisk: the newest sample weighs a quarter', () => {
    expect(smoothAht(300_000, 100_000)).toBe(250_000);
    expect(smoothAht(250_000, 250_000)).toBe(250_000);
    expect(smoothAht(0, 400_000)).toBe(100_000);
  });

  it('is AHT × position ÷ serving agents, at least one, rounded up to whole seconds', () => {
    expect(estimatedWaitSeconds(300_000, 1, 0)).toBe(300);
    expect(estimatedWaitSeconds(300_000, 3, 2)).toBe(450);
    expect(estimatedWaitSeconds(100_000, 1, 3)).toBe(34);
  });

  it('documents the formula for the lead and supervisors', () => {
    expect(ESTIMATED_WAIT_DOCS).toContain('(3·old + last) / 4');
    expect(ESTIMATED_WAIT_DOCS).toContain('max(1, serving)');
  });
});

describe('RoutingEngine: live position and estimated wait', () => {
  const positions = (h: ReturnType<typeof makeHarness>) =>
    h
      .events(RoutingEvent.PositionChanged)
      .map((e) => [e.ticketId, e.position, e.estimatedWaitSeconds]);

  it('pushes each waiting ticket its position and EWT, and only what changed', async () => {
    const h = makeHarness({ initialAhtSeconds: 300 });
    await h.engine.enqueue(request({ id: 't1', region: 'south', kioskSessionId: 'ks-1' }));
    await h.engine.enqueue(request({ id: 't2', region: 'south' }));
    await h.engine.enqueue(request({ id: 't3', region: 'south', priority: 'elderly' }));
    expect(positions(h)).toEqual([
      ['t1', 1, 300],
      ['t2', 2, 600],
      ['t3', 1, 300], // elderly goes first
      ['t1', 2, 600],
      ['t2', 3, 900],
    ]);
    const [first] = h.events(RoutingEvent.PositionChanged);
    expect(first).toMatchObject({
      queueId: 'q-civil',
      terminalId: 'term-1',
      kioskSessionId: 'ks-1',
    });

    // Two agents serve the queue (neither can take these south tickets yet): EWT halves.
    h.log.length = 0;
    await h.engine.agentLogin(agent('a1'));
    expect(positions(h)).toEqual([]); // one agent: ÷ max(1, 1), nothing changes
    await h.engine.agentLogin(agent('a2'));
    expect(positions(h)).toEqual([
      ['t3', 1, 150],
      ['t1', 2, 300],
      ['t2', 3, 450],
    ]);
    // Agents on break do not count.
    h.log.length = 0;
    await h.engine.setAgentState('a2', 'break');
    expect(positions(h).map(([, , ewt]) => ewt)).toEqual([300, 600, 900]);
  });

  it('moves everyone up when the ticket ahead is connected, not while it is being offered', async () => {
    const h = makeHarness();
    await h.engine.enqueue(request({ id: 't1', region: 'south' }));
    await h.engine.enqueue(request({ id: 't2', region: 'south' }));
    await h.engine.enqueue(request({ id: 't3', region: 'south' }));
    h.log.length = 0;
    await h.engine.agentLogin(agent('a1', { regions: ['south'] }));
    expect(h.events(RoutingEvent.TicketOffered)[0]?.ticket.id).toBe('t1');
    expect(positions(h)).toEqual([]); // t1 is being offered: still ahead, same count of agents
    await h.engine.accept(h.events(RoutingEvent.TicketOffered)[0]?.offer.id ?? '', 'a1');
    expect(positions(h)).toEqual([
      ['t2', 1, 300],
      ['t3', 2, 600],
    ]);
    expect(await h.engine.positionOf('t3')).toEqual({ position: 2, estimatedWaitSeconds: 600 });
    expect(await h.engine.positionOf('t1')).toBeUndefined();
  });

  it('updates the EWT from the smoothed handle time after each handled call', async () => {
    const h = makeHarness({ initialAhtSeconds: 300 });
    await h.engine.agentLogin(agent('a1'));
    await h.engine.enqueue(request({ id: 'served' }));
    await h.engine.accept(h.events(RoutingEvent.TicketOffered)[0]?.offer.id ?? '', 'a1');
    await h.engine.enqueue(request({ id: 'next' }));
    expect(await h.engine.positionOf('next')).toEqual({ position: 1, estimatedWaitSeconds: 300 });
    await h.clock.advance(100_000); // 100 s talk
    await h.engine.endCall('served', 'a1');
    h.log.length = 0;
    await h.clock.advance(30_000); // 30 s wrap-up: handled in 130 s → (3·300 + 130) / 4 = 257.5
    expect(positions(h)).toEqual([]); // 'next' was offered at once, so no longer waiting
    await h.engine.enqueue(request({ id: 'later', kioskSessionId: 'ks-later' }));
    // Behind 'next' (being offered), one agent serving: 257.5 × 2 ÷ 1.
    expect(await h.engine.positionOf('later')).toEqual({ position: 2, estimatedWaitSeconds: 515 });
  });
});
