import { ChatMessage, DraftContext, RemoteActionRequest } from '@onething/contract/sockets/booth';
import { LegacySystemChat } from './legacy-chat.ts';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { KioskVisit } from '../identity/kiosk-identity.ts';
import type { DB } from '../db/schema.ts';
import type { FieldCipher } from '../crypto/field-cipher.ts';
import { createLogger } from '../logging/logger.ts';

const log = createLogger('booth');

/** A remote action the agent asked for and the kiosk has not answered yet. */
export interface PendingAction {
  actionId: string;
  ticketId: string;
  agentId: string;
  request: RemoteActionRequest;
}

/** Who served a call that ended, for the wrap-up and the citizen's rating. */
export interface EndedCall {
  caseNumber: string | null;
  agentId: string;
  department: string;
  terminalId: string;
}

/** Everything the booth needs to serve one ticket besides the routing engine's own state. */
export interface CallRecord {
  ticketId: string;
  terminal: { id: string; site: string; region: string };
  bundleCode: string | null;
  draft: DraftContext | null;
  identityRevealedTo: Set<string>;
  chat: ChatMessage[];
  /** Staff in the call besides the connected agent (invited agents, monitoring supervisors). */
  guests: Map<string, { name: string; role: 'agent' | 'supervisor' }>;
  caseNumber: string | null;
  actions: Map<string, PendingAction>;
  /**
   * The kiosk visit whose attested card the agent read in this call (memory only, like the
   * identity): the case is filed for it and linked to it.
   */
  visit?: KioskVisit;
  /**
   * Peers of a call connected when the last process stopped who have not been asked yet to
   * set up media in the room reopened at start (memory only).
   */
  rejoin: Set<string>;
}

const StoredRecord = z.object({
  ticketId: z.string(),
  terminal: z.object({ id: z.string(), site: z.string(), region: z.string() }),
  bundleCode: z.string().nullable(),
  // The identity is not written: it lives in this process only, and after a restart the agent
  // asks for a new consented card read.
  draft: DraftContext.omit({ identity: true }).nullable(),
  // Records written before system lines became codes carry their text; read them as codes.
  chat: z
    .array(z.union([ChatMessage, LegacySystemChat]))
    .transform((lines) => lines.filter((m): m is ChatMessage => m !== null)),
  guests: z.array(
    z.tuple([z.string(), z.object({ name: z.string(), role: z.enum(['agent', 'supervisor']) })]),
  ),
  caseNumber: z.string().nullable(),
  actions: z.array(
    z.object({
      actionId: z.string(),
      ticketId: z.string(),
      agentId: z.string(),
      request: RemoteActionRequest,
    }),
  ),
});

/** A ticket's record before anything happened in it: no draft, chat, guests or actions yet. */
export function freshRecord(
  ticketId: string,
  terminal: CallRecord['terminal'],
  bundleCode: string | null,
): Omit<CallRecord, 'rejoin'> {
  return {
    ticketId,
    terminal,
    bundleCode,
    draft: null,
    identityRevealedTo: new Set(),
    chat: [],
    guests: new Map(),
    caseNumber: null,
    actions: new Map(),
  };
}

const StoredEnded = z.object({
  ended: z.object({
    caseNumber: z.string().nullable(),
    agentId: z.string(),
    department: z.string(),
    terminalId: z.string(),
  }),
});

/** Chat kept per call, in memory and in the database. */
const CHAT_KEPT = 200;

/**
 * The booth's call records, written through to the database so that a restarted server can go
 * on serving every waiting, offered or connected ticket. Reads come from memory; every change
 * is written in order per ticket (a later write never lands before an earlier one).
 */
export class CallRecordStore {
  readonly #db: Kysely<DB>;
  readonly #cipher: FieldCipher;
  readonly #now: () => number;
  readonly #records = new Map<string, CallRecord>();
  readonly #actions = new Map<string, PendingAction>();
  readonly #writes = new Map<string, Promise<void>>();
  readonly #retainEndedMs: number;

  constructor(
    db: Kysely<DB>,
    cipher: FieldCipher,
    opts: { now?: () => number; retainEndedMs?: number } = {},
  ) {
    this.#db = db;
    this.#cipher = cipher;
    this.#now = opts.now ?? Date.now;
    // A rating of a call may come a while after it; a week is far beyond any kiosk session.
    this.#retainEndedMs = opts.retainEndedMs ?? 7 * 86_400_000;
  }

  /** Loads the open records of `liveTicketIds`; records of tickets no longer live are ended. */
  async load(liveTicketIds: ReadonlySet<string>): Promise<CallRecord[]> {
    await this.#purge();
    const rows = await this.#db
      .selectFrom('booth_calls')
      .select(['ticket_id', 'data'])
      .where('ended_at', 'is', null)
      .execute();
    const loaded: CallRecord[] = [];
    for (const row of rows) {
      const parsed = StoredRecord.safeParse(this.#open(row.data));
      if (!parsed.success || !liveTicketIds.has(row.ticket_id)) {
        if (!parsed.success) log.warn({ ticket: row.ticket_id }, 'unreadable call record dropped');
        await this.#db.deleteFrom('booth_calls').where('ticket_id', '=', row.ticket_id).execute();
        continue;
      }
      loaded.push(this.#adopt(parsed.data));
    }
    return loaded;
  }

  /**
   * The record, read from the database when this process does not hold it: in cluster mode a
   * ticket filed through one process is accepted, and served, through another.
   */
  async ensure(ticketId: string): Promise<CallRecord | undefined> {
    const held = this.#records.get(ticketId);
    if (held) return held;
    const row = await this.#db
      .selectFrom('booth_calls')
      .select('data')
      .where('ticket_id', '=', ticketId)
      .where('ended_at', 'is', null)
      .executeTakeFirst();
    const parsed = row ? StoredRecord.safeParse(this.#open(row.data)) : null;
    if (!parsed?.success) return undefined;
    return this.#records.get(ticketId) ?? this.#adopt(parsed.data);
  }

  #adopt(s: z.infer<typeof StoredRecord>): CallRecord {
    const record: CallRecord = {
      ticketId: s.ticketId,
      terminal: s.terminal,
      bundleCode: s.bundleCode,
      draft: s.draft ? { ...s.draft, identity: null } : null,
      identityRevealedTo: new Set(),
      chat: s.chat,
      guests: new Map(s.guests),
      caseNumber: s.caseNumber,
      actions: new Map(s.actions.map((a) => [a.actionId, a])),
      rejoin: new Set(),
    };
    this.#records.set(record.ticketId, record);
    for (const a of record.actions.values()) this.#actions.set(a.actionId, a);
    return record;
  }

  get(ticketId: string): CallRecord | undefined {
    return this.#records.get(ticketId);
  }

  values(): IterableIterator<CallRecord> {
    return this.#records.values();
  }

  /** Stored before the ticket exists: the engine may offer it within enqueue(). */
  async create(record: Omit<CallRecord, 'rejoin'>): Promise<CallRecord> {
    const full: CallRecord = { ...record, rejoin: new Set() };
    this.#records.set(full.ticketId, full);
    await this.#db
      .insertInto('booth_calls')
      .values({
        ticket_id: full.ticketId,
        terminal_id: full.terminal.id,
        data: this.#seal(serialize(full)),
        ended_at: null,
      })
      .execute();
    return full;
  }

  /** Writes the record's current state (call after changing it). */
  save(ticketId: string): Promise<void> {
    return this.#queue(ticketId, async () => {
      const record = this.#records.get(ticketId);
      if (!record) return;
      await this.#db
        .updateTable('booth_calls')
        .set({ data: this.#seal(serialize(record)) })
        .where('ticket_id', '=', ticketId)
        .where('ended_at', 'is', null)
        .execute();
    });
  }

  addChat(ticketId: string, message: ChatMessage): void {
    const record = this.#records.get(ticketId);
    if (!record) return;
    record.chat.push(message);
    if (record.chat.length > CHAT_KEPT) record.chat.shift();
    void this.save(ticketId);
  }

  addAction(action: PendingAction): void {
    const record = this.#records.get(action.ticketId);
    if (!record) return;
    record.actions.set(action.actionId, action);
    this.#actions.set(action.actionId, action);
    void this.save(action.ticketId);
  }

  /** Takes an action out of the pending ones (it has been answered). */
  takeAction(actionId: string): PendingAction | undefined {
    const action = this.#actions.get(actionId);
    if (!action) return undefined;
    this.#actions.delete(actionId);
    this.#records.get(action.ticketId)?.actions.delete(actionId);
    void this.save(action.ticketId);
    return action;
  }

  /** The call is over: drops what it said and keeps only who served, for the rating. */
  end(ticketId: string, ended: EndedCall | null): Promise<void> {
    const record = this.#records.get(ticketId);
    this.#records.delete(ticketId);
    for (const id of record?.actions.keys() ?? []) this.#actions.delete(id);
    return this.#queue(ticketId, async () => {
      if (!ended) {
        await this.#db.deleteFrom('booth_calls').where('ticket_id', '=', ticketId).execute();
        return;
      }
      await this.#db
        .updateTable('booth_calls')
        .set({ data: this.#seal({ ended }), ended_at: this.#now() })
        .where('ticket_id', '=', ticketId)
        .execute();
      await this.#purge();
    });
  }

  /** Ended calls past their retention go (an indexed delete, cheap enough at every ending). */
  async #purge(): Promise<void> {
    await this.#db
      .deleteFrom('booth_calls')
      .where('ended_at', '<', this.#now() - this.#retainEndedMs)
      .execute();
  }

  async ended(ticketId: string): Promise<EndedCall | null> {
    await this.#writes.get(ticketId);
    const row = await this.#db
      .selectFrom('booth_calls')
      .select('data')
      .where('ticket_id', '=', ticketId)
      .where('ended_at', 'is not', null)
      .executeTakeFirst();
    if (!row) return null;
    const parsed = StoredEnded.safeParse(this.#open(row.data));
    return parsed.success ? parsed.data.ended : null;
  }

  action(actionId: string): PendingAction | undefined {
    return this.#actions.get(actionId);
  }

  /** Waits for every write in flight (before the database closes). */
  async flush(): Promise<void> {
    await Promise.all([...this.#writes.values()]);
  }

  /** Chat and the draft's answers are personal data: sealed like every other personal column. */
  #seal(value: unknown): string {
    return this.#cipher.encryptJson(value);
  }

  /**
   * Rows written before sealing read as the plain JSON they are. A row under a key that is not
   * configured throws (as every personal column does) rather than being dropped as unreadable.
   */
  #open(stored: string): unknown {
    return JSON.parse(this.#cipher.decrypt(stored));
  }

  #queue(ticketId: string, write: () => Promise<void>): Promise<void> {
    const prev = this.#writes.get(ticketId) ?? Promise.resolve();
    const next = prev
      .then(write)
      .catch((e: unknown) => log.error({ err: e, ticket: ticketId }, 'call record not written'));
    this.#writes.set(ticketId, next);
    void next.then(() => {
      if (this.#writes.get(ticketId) === next) this.#writes.delete(ticketId);
    });
    return next;
  }
}

function serialize(r: CallRecord): object {
  const { identity: _identity, ...draft } = r.draft ?? { identity: null };
  return {
    ticketId: r.ticketId,
    terminal: r.terminal,
    bundleCode: r.bundleCode,
    draft: r.draft ? draft : null,
    chat: r.chat,
    guests: [...r.guests.entries()],
    caseNumber: r.caseNumber,
    actions: [...r.actions.values()],
  };
}
