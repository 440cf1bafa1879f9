import { type Kysely, sql, type Transaction } from 'kysely';
import { timeOrderedId } from '../db/ids.ts';
import type { DB } from '../db/schema.ts';
import type { RoutingStore, RoutingTx } from './store.ts';
import {
  type Agent,
  AgentSchema,
  type Offer,
  OfferSchema,
  type QueueStats,
  QueueStatsSchema,
  type RoutingRecord,
  RoutingRecordSchema,
  type Ticket,
  TicketSchema,
  type TicketState,
} from './types.ts';

/**
 * The routing store on the project's database, so a restart (or another booth server on the
 * same PostgreSQL) resumes every waiting ticket. One database transaction per `withLock`; on
 * PostgreSQL the revision row is locked FOR UPDATE so engines on several servers take turns; on
 * SQLite the single connection already serializes transactions.
 */
export class SqlRoutingStore implements RoutingStore {
  readonly #db: Kysely<DB>;
  readonly #dialect: 'sqlite' | 'postgres';
  /** In-process FIFO: bodies of this server run in call order; the row lock handles others. */
  #queue: Promise<void> = Promise.resolve();

  constructor(db: Kysely<DB>, dialect: 'sqlite' | 'postgres') {
    this.#db = db;
    this.#dialect = dialect;
  }

  async withLock<T>(fn: (tx: RoutingTx) => Promise<T>): Promise<T> {
    const previous = this.#queue;
    let release!: () => void;
    this.#queue = new Promise((resolve) => {
      release = resolve;
    });
    await previous;
    try {
      return await this.#transaction(fn);
    } finally {
      release();
    }
  }

  #transaction<T>(fn: (tx: RoutingTx) => Promise<T>): Promise<T> {
    return this.#db.transaction().execute(async (trx) => {
      const row =
        this.#dialect === 'postgres'
          ? await sql<{
              revision: number;
            }>`select revision from routing_revision where id = 1 for update`
              .execute(trx)
              .then((r) => r.rows[0])
          : await trx
              .selectFrom('routing_revision')
              .select('revision')
              .where('id', '=', 1)
              .executeTakeFirst();
      const tx = new SqlTx(trx, Number(row?.revision ?? 0));
      try {
        const result = await fn(tx);
        if (tx.wrote) {
          await trx
            .updateTable('routing_revision')
            .set({ revision: tx.revision + 1 })
            .where('id', '=', 1)
            .execute();
        }
        return result;
      } finally {
        tx.close();
      }
    });
  }

  /** Routing records feed KPIs; older ones than this are not needed. */
  async prune(before: number): Promise<void> {
    await this.#db.deleteFrom('routing_records').where('at', '<', before).execute();
    await this.#db.deleteFrom('routing_offers').where('state', '!=', 'pending').execute();
    await this.#db
      .deleteFrom('routing_tickets')
      .where('state', 'in', ['abandoned', 'completed'])
      .execute();
  }
}

class SqlTx implements RoutingTx {
  readonly revision: number;
  readonly #trx: Transaction<DB>;
  wrote = false;
  #open = true;

  constructor(trx: Transaction<DB>, revision: number) {
    this.#trx = trx;
    this.revision = revision;
  }

  close(): void {
    this.#open = false;
  }

  #check(write = false): Transaction<DB> {
    if (!this.#open) throw new Error('routing transaction used after it ended');
    if (write) this.wrote = true;
    return this.#trx;
  }

  async getTicket(id: string): Promise<Ticket | undefined> {
    const r = await this.#check()
      .selectFrom('routing_tickets')
      .select('data')
      .where('id', '=', id)
      .executeTakeFirst();
    return r ? TicketSchema.parse(JSON.parse(r.data)) : undefined;
  }

  async listTickets(states: readonly TicketState[]): Promise<Ticket[]> {
    if (states.length === 0) return [];
    const rows = await this.#check()
      .selectFrom('routing_tickets')
      .select('data')
      .where('state', 'in', [...states])
      .execute();
    return rows.map((r) => TicketSchema.parse(JSON.parse(r.data)));
  }

  async putTicket(ticket: Ticket): Promise<void> {
    const data = JSON.stringify(ticket);
    await this.#check(true)
      .insertInto('routing_tickets')
      .values({ id: ticket.id, state: ticket.state, data })
      .onConflict((oc) => oc.column('id').doUpdateSet({ state: ticket.state, data }))
      .execute();
  }

  async getAgent(id: string): Promise<Agent | undefined> {
    const r = await this.#check()
      .selectFrom('routing_agents')
      .select('data')
      .where('id', '=', id)
      .executeTakeFirst();
    return r ? AgentSchema.parse(JSON.parse(r.data)) : undefined;
  }

  async listAgents(): Promise<Agent[]> {
    const rows = await this.#check().selectFrom('routing_agents').select('data').execute();
    return rows.map((r) => AgentSchema.parse(JSON.parse(r.data)));
  }

  async putAgent(agent: Agent): Promise<void> {
    const data = JSON.stringify(agent);
    await this.#check(true)
      .insertInto('routing_agents')
      .values({ id: agent.id, data })
      .onConflict((oc) => oc.column('id').doUpdateSet({ data }))
      .execute();
  }

  async getOffer(id: string): Promise<Offer | undefined> {
    const r = await this.#check()
      .selectFrom('routing_offers')
      .select('data')
      .where('id', '=', id)
      .executeTakeFirst();
    return r ? OfferSchema.parse(JSON.parse(r.data)) : undefined;
  }

  async listPendingOffers(): Promise<Offer[]> {
    const rows = await this.#check()
      .selectFrom('routing_offers')
      .select('data')
      .where('state', '=', 'pending')
      .execute();
    return rows.map((r) => OfferSchema.parse(JSON.parse(r.data)));
  }

  async putOffer(offer: Offer): Promise<void> {
    const data = JSON.stringify(offer);
    await this.#check(true)
      .insertInto('routing_offers')
      .values({ id: offer.id, state: offer.status, data })
      .onConflict((oc) => oc.column('id').doUpdateSet({ state: offer.status, data }))
      .execute();
  }

  async listQueueStats(): Promise<QueueStats[]> {
    const rows = await this.#check().selectFrom('routing_queue_stats').select('data').execute();
    return rows.map((r) => QueueStatsSchema.parse(JSON.parse(r.data)));
  }

  async putQueueStats(stats: QueueStats): Promise<void> {
    const data = JSON.stringify(stats);
    await this.#check(true)
      .insertInto('routing_queue_stats')
      .values({ queue_id: stats.queueId, data })
      .onConflict((oc) => oc.column('queue_id').doUpdateSet({ data }))
      .execute();
  }

  async listMaintenanceTerminals(): Promise<string[]> {
    const rows = await this.#check()
      .selectFrom('routing_maintenance')
      .select('terminal_id')
      .orderBy('terminal_id')
      .execute();
    return rows.map((r) => r.terminal_id);
  }

  async setTerminalMaintenance(terminalId: string, inMaintenance: boolean): Promise<void> {
    const trx = this.#check(true);
    if (inMaintenance) {
      await trx
        .insertInto('routing_maintenance')
        .values({ terminal_id: terminalId })
        .onConflict((oc) => oc.column('terminal_id').doNothing())
        .execute();
    } else {
      await trx.deleteFrom('routing_maintenance').where('terminal_id', '=', terminalId).execute();
    }
  }

  async appendRecords(records: readonly RoutingRecord[]): Promise<void> {
    if (records.length === 0) return;
    const trx = this.#check(true);
    for (const r of records) {
      await trx
        .insertInto('routing_records')
        .values({ id: timeOrderedId(r.at), at: r.at, data: JSON.stringify(r) })
        .execute();
    }
  }

  async listRecords(sinceAt: number): Promise<RoutingRecord[]> {
    const rows = await this.#check()
      .selectFrom('routing_records')
      .select('data')
      .where('at', '>=', sinceAt)
      .orderBy('id')
      .execute();
    return rows.map((r) => RoutingRecordSchema.parse(JSON.parse(r.data)));
  }
}
