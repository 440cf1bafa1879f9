import type { RoutingStore, RoutingTx } from './store.ts';
import type { Agent, Offer, QueueStats, RoutingRecord, Ticket, TicketState } from './types.ts';

interface Tables {
  tickets: Map<string, Ticket>;
  agents: Map<string, Agent>;
  offers: Map<string, Offer>;
  stats: Map<string, QueueStats>;
  maintenance: Map<string, boolean>;
}

function emptyTables(): Tables {
  return {
    tickets: new Map(),
    agents: new Map(),
    offers: new Map(),
    stats: new Map(),
    maintenance: new Map(),
  };
}

/**
 * The single-process store: everything in memory, gone with the process. Transactions stage
 * their writes and apply them on commit, so a failing command leaves no trace.
 */
export class MemoryRoutingStore implements RoutingStore {
  readonly #committed = emptyTables();
  readonly #records: RoutingRecord[] = [];
  #revision = 0;
  #lock: Promise<void> = Promise.resolve();

  async withLock<T>(fn: (tx: RoutingTx) => Promise<T>): Promise<T> {
    const previous = this.#lock;
    let release!: () => void;
    this.#lock = new Promise((resolve) => {
      release = resolve;
    });
    await previous;
    const tx = new MemoryTx(this.#committed, this.#records, this.#revision);
    try {
      const result = await fn(tx);
      if (tx.commit()) this.#revision++;
      return result;
    } finally {
      tx.close();
      release();
    }
  }
}

class MemoryTx implements RoutingTx {
  readonly revision: number;
  readonly #committed: Tables;
  readonly #records: RoutingRecord[];
  readonly #staged = emptyTables();
  readonly #stagedRecords: RoutingRecord[] = [];
  #wrote = false;
  #open = true;

  constructor(committed: Tables, records: RoutingRecord[], revision: number) {
    this.#committed = committed;
    this.#records = records;
    this.revision = revision;
  }

  /** Applies the staged writes; returns whether there were any. */
  commit(): boolean {
    for (const key of Object.keys(this.#staged) as (keyof Tables)[]) {
      const target = this.#committed[key] as Map<string, unknown>;
      for (const [id, value] of this.#staged[key] as Map<string, unknown>) target.set(id, value);
    }
    this.#records.push(...this.#stagedRecords);
    return this.#wrote;
  }

  close(): void {
    this.#open = false;
  }

  async getTicket(id: string): Promise<Ticket | undefined> {
    return this.#get((t) => t.tickets, id);
  }
  async listTickets(states: readonly TicketState[]): Promise<Ticket[]> {
    return this.#list((t) => t.tickets).filter((t) => states.includes(t.state));
  }
  async putTicket(ticket: Ticket): Promise<void> {
    this.#put((t) => t.tickets, ticket.id, ticket);
  }

  async getAgent(id: string): Promise<Agent | undefined> {
    return this.#get((t) => t.agents, id);
  }
  async listAgents(): Promise<Agent[]> {
    return this.#list((t) => t.agents);
  }
  async putAgent(agent: Agent): Promise<void> {
    this.#put((t) => t.agents, agent.id, agent);
  }

  async getOffer(id: string): Promise<Offer | undefined> {
    return this.#get((t) => t.offers, id);
  }
  async listPendingOffers(): Promise<Offer[]> {
    return this.#list((t) => t.offers).filter((o) => o.status === 'pending');
  }
  async putOffer(offer: Offer): Promise<void> {
    this.#put((t) => t.offers, offer.id, offer);
  }

  async listQueueStats(): Promise<QueueStats[]> {
    return this.#list((t) => t.stats);
  }
  async putQueueStats(stats: QueueStats): Promise<void> {
    this.#put((t) => t.stats, stats.queueId, stats);
  }

  async listMaintenanceTerminals(): Promise<string[]> {
    this.#check();
    const merged = new Map([...this.#committed.maintenance, ...this.#staged.maintenance]);
    return [...merged].filter(([, on]) => on).map(([id]) => id);
  }
  async setTerminalMaintenance(terminalId: string, inMaintenance: boolean): Promise<void> {
    this.#check();
    this.#wrote = true;
    this.#staged.maintenance.set(terminalId, inMaintenance);
  }

  async appendRecords(records: readonly RoutingRecord[]): Promise<void> {
    this.#check();
    if (records.length === 0) return;
    this.#wrote = true;
    this.#stagedRecords.push(...structuredClone(records));
  }
  async listRecords(sinceAt: number): Promise<RoutingRecord[]> {
    this.#check();
    return structuredClone(
      [...this.#records, ...this.#stagedRecords].filter((r) => r.at >= sinceAt),
    );
  }

  #check(): void {
    if (!this.#open) throw new Error('routing store transaction used after it ended');
  }

  // A table is picked by a function, not a key: the value type then follows the map.
  #get<V>(table: (t: Tables) => Map<string, V>, id: string): V | undefined {
    this.#check();
    const staged = table(this.#staged);
    return structuredClone(staged.has(id) ? staged.get(id) : table(this.#committed).get(id));
  }

  #list<V>(table: (t: Tables) => Map<string, V>): V[] {
    this.#check();
    const merged = new Map([...table(this.#committed), ...table(this.#staged)]);
    return structuredClone([...merged.values()]);
  }

  #put<V>(table: (t: Tables) => Map<string, V>, id: string, value: V): void {
    this.#check();
    this.#wrote = true;
    table(this.#staged).set(id, structuredClone(value));
  }
}
