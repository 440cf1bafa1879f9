import type { Kysely } from 'kysely';
import { timeOrderedId } from '../db/ids.ts';
import type { DB } from '../db/schema.ts';

/** One line of a terminal's timeline: what happened to it, in words for maintenance staff. */
export interface TerminalEvent {
  at: number;
  kind: string;
  detail: string;
}

/** The timeline of each terminal (online, offline, alerts, commands), with retention. */
export class TerminalEventLog {
  readonly #db: Kysely<DB>;

  constructor(db: Kysely<DB>) {
    this.#db = db;
  }

  async record(terminalId: string, at: number, kind: string, detail: string): Promise<void> {
    await this.#db
      .insertInto('terminal_events')
      .values({ id: timeOrderedId(at), terminal_id: terminalId, at, kind, detail })
      .execute();
  }

  /** The terminal's latest events, newest first. */
  async recent(terminalId: string, limit: number): Promise<TerminalEvent[]> {
    const rows = await this.#db
      .selectFrom('terminal_events')
      .select(['at', 'kind', 'detail'])
      .where('terminal_id', '=', terminalId)
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return rows.map((e) => ({ at: Number(e.at), kind: e.kind, detail: e.detail }));
  }

  async prune(before: number): Promise<void> {
    await this.#db.deleteFrom('terminal_events').where('at', '<', before).execute();
  }
}
