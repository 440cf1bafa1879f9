import { describe, expect, it } from 'vitest';
import { computeQueueKpis } from './kpis.ts';
import { QueueConfigSchema } from './queue-config.ts';
import { RoutingEvent } from './routing-engine.ts';
import { agent, makeHarness, request } from './routing-test-kit.ts';
import type { Agent } from './types.ts';

describe('queue KPIs from the engine’s records', () => {
  it('computes service level, ASA, AHT, abandonment, occupancy and live figures', async () => {
    const h = makeHarness({
      queues: [{ id: 'q', department: 'civil', wrapUpSeconds: 30 }],
      serviceLevelSeconds: 20,
    });
    const { engine, clock } = h;
    const start = clock.now();
    const s = (seconds: number) => clock.advanceTo(start + seconds * 1000);
    const offerOf = (ticketId: string) =>
      h.events(RoutingEvent.TicketOffered).find((e) => e.ticket.id === ticketId)?.offer.id ?? '';

    await engine.agentLogin(agent('a1'));
    await engine.enqueue(request({ id: 'T1' })); // offered at once
    await s(5);
    await engine.accept(offerOf('T1'), 'a1'); // waited 5 s
    await engine.enqueue(request({ id: 'T2' }));
    await engine.enqueue(request({ id: 'T3' }));
    await s(65);
    await engine.endCall('T1', 'a1'); // talk 60 s, wrap-up until 95 s
    await s(95); // handled in 90 s; T2 offered
    await engine.accept(offerOf('T2'), 'a1'); // waited 90 s
    await s(100);
    await engine.cancel('T3'); // abandoned after 95 s
    await engine.enqueue(request({ id: 'T4' }));
    await s(110);
    await engine.endCall('T2'); // talk 15 s, wrap-up until 140 s
    await s(150); // handled in 45 s; T4 offered at 140 s
    await engine.accept(offerOf('T4'), 'a1'); // waited 50 s
    await engine.enqueue(request({ id: 'T5' }));
    await s(162);

    const [q] = await engine.queueKpis({ since: start });
    expect(q).toMatchObject({
      queueId: 'q',
      department: 'civil',
      waiting: 1,
      longestWaitSeconds: 12,
      answered: 3,
      abandoned: 1,
      serviceLevel: { thresholdSeconds: 20, target: 0.8, value: 0.25 },
      abandonmentRate: 0.25,
      ahtSeconds: 67.5,
    });
    expect(q?.asaSeconds).toBeCloseTo((5 + 90 + 50) / 3);
    // a1: busy 60 + 30 + 15 + 30 = 135 s; idle (offered) 5 + 10 = 15 s; then on call until 162.
    expect(q?.occupancy).toBeCloseTo((135 + 12) / (135 + 12 + 15));
    expect(q?.agentsByState).toMatchObject({ on_call: 1, available: 0, offline: 0 });

    // A window after everything answered sees no finished tickets: ratios are null, not 0.
    const [later] = await engine.queueKpis({ since: start + 161_000 });
    expect(later).toMatchObject({
      answered: 0,
      abandoned: 0,
      serviceLevel: { value: null },
      asaSeconds: null,
      ahtSeconds: null,
      abandonmentRate: null,
      occupancy: 1,
      waiting: 1,
    });
  });
});

describe('computeQueueKpis', () => {
  const queue = QueueConfigSchema.parse({ id: 'q', department: 'civil' });
  const base: Agent = {
    id: 'a1',
    name: 'A',
    department: 'civil',
    regions: ['north'],
    languages: ['zh-CN'],
    queues: ['q'],
    state: 'available',
    lastStateChangeAt: 0,
    idleSince: 0,
    missedOffersInRow: 0,
    callsHandled: 0,
  };

  it('replays agent states from the first change’s previous state, clipped to the window', () => {
    const [kpi] = computeQueueKpis({
      queues: [queue],
      records: [
        { type: 'agentState', at: 1_500, agentId: 'a1', from: 'available', to: 'on_call' },
        { type: 'agentState', at: 1_800, agentId: 'a1', from: 'on_call', to: 'break' },
      ],
      waiting: [],
      agents: [{ ...base, state: 'break' }],
      since: 1_000,
      now: 2_000,
      serviceLevelSeconds: 20,
      serviceLevelTarget: 0.8,
    });
    // 500 ms available, 300 ms on call, break not counted.
    expect(kpi?.occupancy).toBeCloseTo(300 / 800);
    expect(kpi?.agentsByState.break).toBe(1);
  });

  it('counts only agents serving the queue, and holds the current state over a quiet window', () => {
    const [kpi] = computeQueueKpis({
      queues: [queue],
      records: [],
      waiting: [],
      agents: [
        { ...base, state: 'wrap_up' },
        { ...base, id: 'other-queue', queues: ['elsewhere'], state: 'available' },
      ],
      since: 0,
      now: 10_000,
      serviceLevelSeconds: 20,
      serviceLevelTarget: 0.8,
    });
    expect(kpi?.occupancy).toBe(1);
    expect(kpi?.agentsByState).toMatchObject({ wrap_up: 1, available: 0 });
  });
});
