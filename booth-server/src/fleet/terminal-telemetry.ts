import type { Heartbeat } from '@onething/contract/sockets/fleet';
import type { Kysely } from 'kysely';
import { timeOrderedId } from '../db/ids.ts';
import type { DB } from '../db/schema.ts';

/** A beat changes history when its devices or versions change, and at least this often. */
const HISTORY_EVERY_MS = 5 * 60_000;
/** How often an open presence interval is written out while the terminal keeps beating. */
const PRESENCE_FLUSH_MS = 60_000;

interface Live {
  lastSeenAt: number;
  heartbeat: Heartbeat;
  skewMs: number;
  historyAt: number;
  historyKey: string;
  presence: { id: string; from: number; to: number; flushedTo: number } | null;
}

/** What a heartbeat changed: whether the terminal was online before it, and its clock skew. */
export interface Beat {
  wasOnline: boolean;
  skewMs: number;
}

/**
 * What terminals report: the latest heartbeat of each (kept in memory, stored when it says
 * something new), its history, and presence intervals from which uptime is counted.
 */
export class TerminalTelemetry {
  readonly #db: Kysely<DB>;
  /** No heartbeat for this long means offline. */
  readonly #offlineAfterMs: number;
  readonly #live = new Map<string, Live>();

  constructor(db: Kysely<DB>, offlineAfterMs: number) {
    this.#db = db;
    this.#offlineAfterMs = offlineAfterMs;
  }

  /** Takes up the last heartbeat of every terminal a previous run stored. */
  async restore(): Promise<void> {
    for (const s of await this.#db.selectFrom('terminal_status').selectAll().execute()) {
      const hb = JSON.parse(s.heartbeat) as Heartbeat;
      this.#live.set(s.terminal_id, {
        lastSeenAt: Number(s.last_seen_at),
        heartbeat: hb,
        skewMs: Number(s.clock_skew_ms),
        historyAt: Number(s.last_seen_at),
        historyKey: historyKey(hb),
        presence: null,
      });
    }
  }

  /** Terminals that have reported (a live view: ones first heard during a sweep come too). */
  terminalIds(): IterableIterator<string> {
    return this.#live.keys();
  }

  lastSeenAt(id: string): number | null {
    return this.#live.get(id)?.lastSeenAt ?? null;
  }

  heartbeat(id: string): Heartbeat | null {
    return this.#live.get(id)?.heartbeat ?? null;
  }

  online(id: string, now: number): boolean {
    const live = this.#live.get(id);
    return !!live && now - live.lastSeenAt <= this.#offlineAfterMs;
  }

  /** Records a heartbeat: live state, presence, and history when it says something new. */
  async record(terminalId: string, hb: Heartbeat, now: number): Promise<Beat> {
    const skewMs = hb.sentAt - now;
    const prev = this.#live.get(terminalId);
    const wasOnline = prev ? now - prev.lastSeenAt <= this.#offlineAfterMs : false;
    const live: Live = prev ?? {
      lastSeenAt: now,
      heartbeat: hb,
      skewMs,
      historyAt: 0,
      historyKey: '',
      presence: null,
    };
    live.lastSeenAt = now;
    live.heartbeat = hb;
    live.skewMs = skewMs;
    this.#live.set(terminalId, live);
    await this.#extendPresence(terminalId, live, now);
    return { wasOnline, skewMs };
  }

  /**
   * Stores the heartbeat just recorded when its devices or versions changed, or the last stored
   * one is old; separate from `record` so the online event is written before it.
   */
  async storeIfNew(terminalId: string, now: number): Promise<void> {
    const live = this.#live.get(terminalId);
    if (!live) return;
    const hb = live.heartbeat;
    const key = historyKey(hb);
    if (key === live.historyKey && now - live.historyAt < HISTORY_EVERY_MS) return;
    live.historyKey = key;
    live.historyAt = now;
    await this.#db
      .insertInto('terminal_heartbeats')
      .values({
        id: timeOrderedId(now),
        terminal_id: terminalId,
        at: now,
        heartbeat: JSON.stringify(hb),
      })
      .execute();
    await this.#db
      .insertInto('terminal_status')
      .values({
        terminal_id: terminalId,
        last_seen_at: now,
        heartbeat: JSON.stringify(hb),
        clock_skew_ms: live.skewMs,
      })
      .onConflict((oc) =>
        oc.column('terminal_id').doUpdateSet({
          last_seen_at: now,
          heartbeat: JSON.stringify(hb),
          clock_skew_ms: live.skewMs,
        }),
      )
      .execute();
  }

  /** Closes the presence interval of a terminal gone silent; true if one was open. */
  async endPresence(id: string): Promise<boolean> {
    const live = this.#live.get(id);
    if (!live?.presence) return false;
    await this.#flushPresence(id, live);
    live.presence = null;
    return true;
  }

  /** Writes out the open presence interval once it has run on for a while unwritten. */
  async flushIfDue(id: string, now: number): Promise<void> {
    const live = this.#live.get(id);
    if (live?.presence && now - live.presence.flushedTo >= PRESENCE_FLUSH_MS)
      await this.#flushPresence(id, live);
  }

  async #extendPresence(id: string, live: Live, now: number): Promise<void> {
    if (live.presence && now - live.presence.to <= this.#offlineAfterMs) {
      live.presence.to = now;
      if (now - live.presence.flushedTo >= PRESENCE_FLUSH_MS) await this.#flushPresence(id, live);
      return;
    }
    if (live.presence) await this.#flushPresence(id, live);
    const presence = { id: timeOrderedId(now), from: now, to: now, flushedTo: now };
    live.presence = presence;
    await this.#db
      .insertInto('terminal_presence')
      .values({ id: presence.id, terminal_id: id, from_at: now, to_at: now })
      .execute();
  }

  async #flushPresence(id: string, live: Live): Promise<void> {
    const p = live.presence;
    if (!p) return;
    p.flushedTo = p.to;
    await this.#db
      .updateTable('terminal_presence')
      .set({ to_at: p.to })
      .where('id', '=', p.id)
      .where('terminal_id', '=', id)
      .execute();
  }

  /**
   * Share of the window the terminal was online, counted from its first presence in the window
   * (a terminal enrolled yesterday is not 'down' for the six days before). Null when never seen.
   */
  async uptime(id: string, from: number, to: number): Promise<number | null> {
    const live = this.#live.get(id);
    if (live?.presence) await this.#flushPresence(id, live);
    const rows = await this.#db
      .selectFrom('terminal_presence')
      .select(['from_at', 'to_at'])
      .where('terminal_id', '=', id)
      .where('to_at', '>=', from)
      .orderBy('from_at')
      .execute();
    if (rows.length === 0) return null;
    const start = Math.max(from, Number(rows[0]?.from_at));
    if (to <= start) return 1;
    let online = 0;
    for (const r of rows) {
      // An interval is online until its last heartbeat plus one heartbeat gap of grace.
      const a = Math.max(start, Number(r.from_at));
      const b = Math.min(
        to,
        Number(r.to_at) + Math.min(this.#offlineAfterMs, to - Number(r.to_at)),
      );
      if (b > a) online += b - a;
    }
    return Math.min(1, online / (to - start));
  }

  /** Forgets history and presence older than `before`. */
  async prune(before: number): Promise<void> {
    await this.#db.deleteFrom('terminal_heartbeats').where('at', '<', before).execute();
    await this.#db.deleteFrom('terminal_presence').where('to_at', '<', before).execute();
  }
}

function historyKey(hb: Heartbeat): string {
  const d = hb.devices;
  return [
    d.idCardReader.status,
    d.receiptPrinter.status,
    d.receiptPrinter.paper,
    d.receiptPrinter.coverOpen,
    d.a4Printer.status,
    d.scanner.status,
    d.camera.status,
    hb.maintenance,
    hb.versions.bridge,
    hb.versions.ui,
  ].join('|');
}
