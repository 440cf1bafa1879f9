import { afterAll } from 'vitest';
import { storageEngines } from '../testing/engines.ts';
import { SqlRoutingStore } from './sql-routing-store.ts';
import { describeRoutingStore } from './store-conformance.ts';

const engines = await storageEngines();
afterAll(async () => {
  for (const e of engines) await e.dispose();
});

for (const engine of engines) {
  if (engine.skip) continue;
  describeRoutingStore(`SQL on ${engine.name}`, async () => {
    const db = await engine.open();
    // Each conformance case needs an empty store; PostgreSQL reuses one database, so clear it.
    for (const table of [
      'routing_tickets',
      'routing_agents',
      'routing_offers',
      'routing_queue_stats',
      'routing_maintenance',
      'routing_records',
    ] as const) {
      await db.db.deleteFrom(table).execute();
    }
    return new SqlRoutingStore(db.db, db.dialect);
  });
}
