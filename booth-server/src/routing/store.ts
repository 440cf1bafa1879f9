import type { Agent, Offer, QueueStats, RoutingRecord, Ticket, TicketState } from './types.ts';

/**
 * Persistence for the routing engine. The engine keeps an in-memory mirror with its dispatch
 * indexes and writes every change through a transaction; the store is the truth a restarted
 * engine, or another server's engine, resumes from.
 *
 * Contract (checked by `describeRoutingStore` in store-conformance.ts, which every
 * implementation must pass):
 *
 * - `withLock(fn)` runs `fn` exclusively: no other `withLock` body on the same store runs
 *   concurrently — across processes too when the store is shared (SQL: one transaction holding
 *   a write lock, e.g. SQLite `BEGIN IMMEDIATE` on a connection no one else uses meanwhile, or
 *   PostgreSQL `SELECT … FOR UPDATE` on a single lock row).
 * - All writes made through `tx` become visible together when `fn` resolves, and none of them
 *   if `fn` rejects; the rejection is passed to the caller and the lock is released either way.
 * - Reads through `tx` see the committed state plus the transaction's own writes.
 * - `tx.revision` is the committed revision when the transaction began. Committing a
 *   transaction that called any write method increases it by exactly one; read-only
 *   transactions leave it unchanged. An engine that finds a revision other than the one it
 *   last committed knows someone else wrote, and reloads its mirror.
 * - Values are copied in and out (as a database would): mutating an object after `put…` or
 *   after reading it never changes the stored value.
 * - `tx` must not be used after `fn` settles; implementations reject such use.
 */
export interface RoutingStore {
  withLock<T>(fn: (tx: RoutingTx) => Promise<T>): Promise<T>;
}

export interface RoutingTx {
  readonly revision: number;

  getTicket(id: string): Promise<Ticket | undefined>;
  /** Tickets whose state is one of `states`, in no particular order. */
  listTickets(states: readonly TicketState[]): Promise<Ticket[]>;
  /** Inserts or replaces by id. */
  putTicket(ticket: Ticket): Promise<void>;

  getAgent(id: string): Promise<Agent | undefined>;
  listAgents(): Promise<Agent[]>;
  putAgent(agent: Agent): Promise<void>;

  getOffer(id: string): Promise<Offer | undefined>;
  /** Offers whose status is 'pending'. */
  listPendingOffers(): Promise<Offer[]>;
  putOffer(offer: Offer): Promise<void>;

  listQueueStats(): Promise<QueueStats[]>;
  putQueueStats(stats: QueueStats): Promise<void>;

  listMaintenanceTerminals(): Promise<string[]>;
  setTerminalMaintenance(terminalId: string, inMaintenance: boolean): Promise<void>;

  /** Appends in order. */
  appendRecords(records: readonly RoutingRecord[]): Promise<void>;
  /** Records with `at >= sinceAt`, in append order. */
  listRecords(sinceAt: number): Promise<RoutingRecord[]>;
}
