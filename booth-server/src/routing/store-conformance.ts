import { describe, expect, it } from 'vitest';
import type { RoutingStore } from './store.ts';
import type { Agent, Offer, RoutingRecord, Ticket } from './types.ts';

export function sampleTicket(id: string, overrides: Partial<Ticket> = {}): Ticket {
  return {
    id,
    createdAt: 1_000,
    queuedAt: 1_000,
    queueId: 'q-civil',
    skills: { department: 'civil', region: '440305', language: 'zh-CN' },
    priorityClass: 'elderly',
    priority: 2,
    context: { bundleCode: 'newborn', terminalId: 'term-1', kioskSessionId: `ks-${id}` },
    state: 'waiting',
    escalationLevel: 0,
    declined: [{ agentId: 'a-x', until: 5_000 }],
    ...overrides,
  };
}

export function sampleAgent(id: string, overrides: Partial<Agent> = {}): Agent {
  return {
    id,
    name: `Agent ${id}`,
    department: 'civil',
    regions: ['440305', '440306'],
    languages: ['zh-CN', 'yue'],
    queues: ['q-civil'],
    state: 'wrap_up',
    lastStateChangeAt: 2_000,
    idleSince: 1_500,
    missedOffersInRow: 1,
    callsHandled: 7,
    wrapUp: {
      ticketId: 't-0',
      queueId: 'q-civil',
      talkMs: 60_000,
      startedAt: 2_000,
      until: 32_000,
    },
    ...overrides,
  };
}

export function sampleOffer(id: string, overrides: Partial<Offer> = {}): Offer {
  return {
    id,
    ticketId: 't-1',
    agentId: 'a-1',
    createdAt: 3_000,
    expiresAt: 23_000,
    status: 'pending',
    ...overrides,
  };
}

/**
 * The behaviour every RoutingStore must have (see the contract on RoutingStore). Run it for
 * each implementation: `describeRoutingStore('SqlRoutingStore', async () => new SqlStore(…))`.
 * `makeStore` must return a new, empty store each time.
 */
export function describeRoutingStore(
  name: string,
  makeStore: () => RoutingStore | Promise<RoutingStore>,
): void {
  describe(`RoutingStore conformance: ${name}`, () => {
    it('stores and returns tickets, agents and offers unchanged, replacing by id', async () => {
      const store = await makeStore();
      const ticket = sampleTicket('t-1');
      const agent = sampleAgent('a-1');
      const offer = sampleOffer('o-1');
      await store.withLock(async (tx) => {
        await tx.putTicket(ticket);
        await tx.putAgent(agent);
        await tx.putOffer(offer);
      });
      await store.withLock(async (tx) => {
        expect(await tx.getTicket('t-1')).toEqual(ticket);
        expect(await tx.getAgent('a-1')).toEqual(agent);
        expect(await tx.getOffer('o-1')).toEqual(offer);
        expect(await tx.getTicket('nope')).toBeUndefined();
        expect(await tx.getAgent('nope')).toBeUndefined();
        expect(await tx.getOffer('nope')).toBeUndefined();
        await tx.putTicket({ ...ticket, state: 'connected', agentId: 'a-1', connectedAt: 9 });
      });
      await store.withLock(async (tx) => {
        expect(await tx.getTicket('t-1')).toMatchObject({ state: 'connected', agentId: 'a-1' });
        expect(await tx.listTickets(['waiting', 'offered', 'connected'])).toHaveLength(1);
      });
    });

    it('lists tickets by state and offers by pending status', async () => {
      const store = await makeStore();
      await store.withLock(async (tx) => {
        await tx.putTicket(sampleTicket('t-w'));
        await tx.putTicket(sampleTicket('t-o', { state: 'offered', agentId: 'a-1' }));
        await tx.putTicket(sampleTicket('t-c', { state: 'completed', endedAt: 5 }));
        await tx.putTicket(sampleTicket('t-a', { state: 'abandoned', endedAt: 5 }));
        await tx.putOffer(sampleOffer('o-p'));
        await tx.putOffer(sampleOffer('o-r', { status: 'rejected', resolvedAt: 4 }));
        await tx.putOffer(sampleOffer('o-t', { status: 'timedOut', resolvedAt: 4 }));
      });
      await store.withLock(async (tx) => {
        const ids = (states: Ticket['state'][]) =>
          tx.listTickets(states).then((ts) => ts.map((t) => t.id).sort());
        expect(await ids(['waiting', 'offered'])).toEqual(['t-o', 't-w']);
        expect(await ids(['completed', 'abandoned'])).toEqual(['t-a', 't-c']);
        expect(await ids([])).toEqual([]);
        expect((await tx.listPendingOffers()).map((o) => o.id)).toEqual(['o-p']);
      });
    });

    it('lists all agents and keeps queue statistics per queue', async () => {
      const store = await makeStore();
      await store.withLock(async (tx) => {
        await tx.putAgent(sampleAgent('a-1'));
        await tx.putAgent(sampleAgent('a-2', { state: 'offline' }));
        await tx.putQueueStats({ queueId: 'q-1', smoothedAhtMs: 300_000, handled: 0 });
        await tx.putQueueStats({ queueId: 'q-2', smoothedAhtMs: 100_000, handled: 3 });
        await tx.putQueueStats({ queueId: 'q-1', smoothedAhtMs: 240_000, handled: 1 });
      });
      await store.withLock(async (tx) => {
        expect((await tx.listAgents()).map((a) => a.id).sort()).toEqual(['a-1', 'a-2']);
        const stats = (await tx.listQueueStats()).sort((a, b) =>
          a.queueId.localeCompare(b.queueId),
        );
        expect(stats).toEqual([
          { queueId: 'q-1', smoothedAhtMs: 240_000, handled: 1 },
          { queueId: 'q-2', smoothedAhtMs: 100_000, handled: 3 },
        ]);
      });
    });

    it('flags and unflags terminals in maintenance', async () => {
      const store = await makeStore();
      await store.withLock(async (tx) => {
        await tx.setTerminalMaintenance('term-1', true);
        await tx.setTerminalMaintenance('term-2', true);
      });
      await store.withLock(async (tx) => {
        await tx.setTerminalMaintenance('term-1', false);
        await tx.setTerminalMaintenance('term-3', false);
      });
      await store.withLock(async (tx) => {
        expect(await tx.listMaintenanceTerminals()).toEqual(['term-2']);
      });
    });

    it('appends records in order and lists them from a time on', async () => {
      const store = await makeStore();
      const records: RoutingRecord[] = [
        { type: 'enqueued', at: 10, ticketId: 't-1', queueId: 'q', priority: 0 },
        { type: 'agentState', at: 20, agentId: 'a-1', from: 'offline', to: 'available' },
        { type: 'offered', at: 20, ticketId: 't-1', queueId: 'q', agentId: 'a-1' },
      ];
      await store.withLock(async (tx) => tx.appendRecords(records.slice(0, 2)));
      await store.withLock(async (tx) => tx.appendRecords(records.slice(2)));
      await store.withLock(async (tx) => {
        expect(await tx.listRecords(0)).toEqual(records);
        expect(await tx.listRecords(20)).toEqual(records.slice(1));
        expect(await tx.listRecords(21)).toEqual([]);
      });
    });

    it('copies values in and out: later mutation never reaches the stored value', async () => {
      const store = await makeStore();
      const ticket = sampleTicket('t-1');
      await store.withLock(async (tx) => {
        await tx.putTicket(ticket);
        ticket.skills.region = 'changed';
        ticket.declined.push({ agentId: 'a-y', until: 1 });
        const read = await tx.getTicket('t-1');
        if (read) read.state = 'completed';
      });
      await store.withLock(async (tx) => {
        const stored = await tx.getTicket('t-1');
        expect(stored?.skills.region).toBe('440305');
        expect(stored?.declined).toHaveLength(1);
        expect(stored?.state).toBe('waiting');
      });
    });

    it('lets a transaction read its own writes', async () => {
      const store = await makeStore();
      await store.withLock(async (tx) => {
        await tx.putTicket(sampleTicket('t-1', { state: 'offered' }));
        await tx.putOffer(sampleOffer('o-1'));
        await tx.setTerminalMaintenance('term-9', true);
        await tx.appendRecords([
          { type: 'enqueued', at: 5, ticketId: 't-1', queueId: 'q', priority: 0 },
        ]);
        expect((await tx.getTicket('t-1'))?.state).toBe('offered');
        expect(await tx.listTickets(['offered'])).toHaveLength(1);
        expect(await tx.listPendingOffers()).toHaveLength(1);
        expect(await tx.listMaintenanceTerminals()).toEqual(['term-9']);
        expect(await tx.listRecords(0)).toHaveLength(1);
      });
    });

    it('discards every write of a transaction that throws, and passes the error on', async () => {
      const store = await makeStore();
      await store.withLock(async (tx) => tx.putTicket(sampleTicket('t-1')));
      const failure = new Error('boom');
      await expect(
        store.withLock(async (tx) => {
          await tx.putTicket(sampleTicket('t-1', { state: 'abandoned' }));
          await tx.putTicket(sampleTicket('t-2'));
          await tx.putAgent(sampleAgent('a-1'));
          await tx.putOffer(sampleOffer('o-1'));
          await tx.putQueueStats({ queueId: 'q', smoothedAhtMs: 1, handled: 1 });
          await tx.setTerminalMaintenance('term-1', true);
          await tx.appendRecords([
            { type: 'enqueued', at: 1, ticketId: 't-2', queueId: 'q', priority: 0 },
          ]);
          throw failure;
        }),
      ).rejects.toBe(failure);
      await store.withLock(async (tx) => {
        expect((await tx.getTicket('t-1'))?.state).toBe('waiting');
        expect(await tx.getTicket('t-2')).toBeUndefined();
        expect(await tx.listAgents()).toEqual([]);
        expect(await tx.getOffer('o-1')).toBeUndefined();
        expect(await tx.listQueueStats()).toEqual([]);
        expect(await tx.listMaintenanceTerminals()).toEqual([]);
        expect(await tx.listRecords(0)).toEqual([]);
      });
    });

    it('bumps the revision by one per writing commit, not for reads or rollbacks', async () => {
      const store = await makeStore();
      const start = await store.withLock(async (tx) => tx.revision);
      await store.withLock(async (tx) => tx.putTicket(sampleTicket('t-1')));
      expect(await store.withLock(async (tx) => tx.revision)).toBe(start + 1);
      await store.withLock(async (tx) => {
        await tx.getTicket('t-1');
        await tx.listAgents();
      });
      await store.withLock(async (tx) => tx.appendRecords([]));
      await store
        .withLock(async (tx) => {
          await tx.putAgent(sampleAgent('a-1'));
          throw new Error('rolled back');
        })
        .catch(() => undefined);
      expect(await store.withLock(async (tx) => tx.revision)).toBe(start + 1);
      await store.withLock(async (tx) => {
        await tx.putAgent(sampleAgent('a-1'));
        await tx.putOffer(sampleOffer('o-1'));
      });
      expect(await store.withLock(async (tx) => tx.revision)).toBe(start + 2);
    });

    it('runs withLock bodies one at a time, in call order, even when one fails', async () => {
      const store = await makeStore();
      const trace: string[] = [];
      const body = (name: string, fail = false) =>
        store.withLock(async (tx) => {
          trace.push(`${name}:start`);
          await tx.getTicket('x');
          await new Promise((resolve) => setTimeout(resolve, 5));
          await tx.putTicket(sampleTicket(name));
          trace.push(`${name}:end`);
          if (fail) throw new Error(name);
        });
      const results = await Promise.allSettled([body('t-a'), body('t-b', true), body('t-c')]);
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      expect(trace).toEqual([
        't-a:start',
        't-a:end',
        't-b:start',
        't-b:end',
        't-c:start',
        't-c:end',
      ]);
      await store.withLock(async (tx) => {
        expect((await tx.listTickets(['waiting'])).map((t) => t.id).sort()).toEqual(['t-a', 't-c']);
      });
    });

    it('refuses use of a transaction after its body ended', async () => {
      const store = await makeStore();
      let leaked: Parameters<Parameters<RoutingStore['withLock']>[0]>[0] | undefined;
      await store.withLock(async (tx) => {
        leaked = tx;
      });
      await expect(leaked?.putTicket(sampleTicket('t-1'))).rejects.toThrow();
      await store.withLock(async (tx) => {
        expect(await tx.getTicket('t-1')).toBeUndefined();
      });
    });
  });
}
