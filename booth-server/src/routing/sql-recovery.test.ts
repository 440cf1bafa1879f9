import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Database } from '../db/database.ts';
import { storageEngines } from '../testing/engines.ts';
import { ManualClock } from './manual-clock.ts';
import { RoutingEvent } from './routing-engine.ts';
import { agent, makeHarness, request } from './routing-test-kit.ts';
import { SqlRoutingStore } from './sql-routing-store.ts';

const engines = await storageEngines();
afterAll(async () => {
  for (const e of engines) await e.dispose();
});

/**
 * A real restart: the first engine and its database connection are closed, a second engine
 * opens the same database afresh. No waiting ticket may be lost, and the order must hold.
 */
describe.each(engines)('routing restart on $name', (engine) => {
  it.skipIf(!!engine.skip)(
    'keeps every waiting ticket in service order across a restart',
    async () => {
      const clock = new ManualClock();
      const sqliteDir = mkdtempSync(path.join(os.tmpdir(), 'onething-routing-'));
      const open = async () =>
        engine.name === 'sqlite' ? Database.open({ dataDir: sqliteDir }) : engine.open();
      const db1 = await open();
      // PostgreSQL shares one database between cases: start from an empty routing state.
      for (const t of [
        'routing_tickets',
        'routing_agents',
        'routing_offers',
        'routing_queue_stats',
        'routing_records',
      ] as const) {
        await db1.db.deleteFrom(t).execute();
      }
      const first = makeHarness({ clock, store: new SqlRoutingStore(db1.db, db1.dialect) });
      await first.engine.start();
      for (const [id, priority] of [
        ['old', 'normal'],
        ['repeat', 'repeat'],
        ['young', 'normal'],
        ['disabled', 'disabled'],
      ] as const) {
        await first.engine.enqueue(request({ id, priority }));
        await clock.advance(1_000);
      }
      await first.engine.close();
      await db1.close();

      const db2 = await open();
      const second = makeHarness({ clock, store: new SqlRoutingStore(db2.db, db2.dialect) });
      await second.engine.start();
      const waiting = (await second.engine.snapshot()).tickets.map((t) => t.id).sort();
      expect(waiting).toEqual(['disabled', 'old', 'repeat', 'young']);
      await second.engine.agentLogin(agent('a1'));
      const order: string[] = [];
      for (let i = 0; i < 4; i++) {
        const offer = second.events(RoutingEvent.TicketOffered)[i];
        if (!offer) throw new Error('missing offer');
        order.push(offer.ticket.id);
        await second.engine.accept(offer.offer.id, 'a1');
        await second.engine.endCall(offer.ticket.id);
        await clock.advance(30_000);
      }
      expect(order).toEqual(['disabled', 'repeat', 'old', 'young']);
      await second.engine.close();
      await db2.close();
    },
  );
});
