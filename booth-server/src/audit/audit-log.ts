import type { AuditEntry, AuditQuery } from '@onething/shared/api/staff';
import { maskPersonal } from '@onething/shared/privacy/mask';
import type { Kysely } from 'kysely';
import { timeOrderedId } from '../db/ids.ts';
import type { DB } from '../db/schema.ts';

export interface AuditRecord {
  actorType: AuditEntry['actorType'];
  actorId: string | null;
  action: string;
  targetType?: string | null;
  targetId?: string | null;
  ip?: string | null;
  details?: Record<string, unknown>;
}

/**
 * Append-only audit log: who did what to which record, when, from where. There is no update
 * or delete method by design; details are masked before they are stored.
 */
export class AuditLog {
  readonly #db: Kysely<DB>;
  readonly #now: () => number;

  constructor(db: Kysely<DB>, now: () => number = Date.now) {
    this.#db = db;
    this.#now = now;
  }

  async record(entry: AuditRecord): Promise<string> {
    const at = this.#now();
    const id = timeOrderedId(at);
    await this.#db
      .insertInto('audit_log')
      .values({
        id,
        at,
        actor_type: entry.actorType,
        actor_id: entry.actorId,
        action: entry.action,
        target_type: entry.targetType ?? null,
        target_id: entry.targetId ?? null,
        ip: entry.ip ?? null,
        details: entry.details ? JSON.stringify(maskPersonal(entry.details)) : null,
      })
      .execute();
    return id;
  }

  async list(q: AuditQuery): Promise<AuditEntry[]> {
    let query = this.#db.selectFrom('audit_log').selectAll();
    if (q.action) query = query.where('action', '=', q.action);
    if (q.actorId) query = query.where('actor_id', '=', q.actorId);
    if (q.targetType) query = query.where('target_type', '=', q.targetType);
    if (q.targetId) query = query.where('target_id', '=', q.targetId);
    if (q.since !== undefined) query = query.where('at', '>=', q.since);
    if (q.until !== undefined) query = query.where('at', '<=', q.until);
    const rows = await query.orderBy('id', 'desc').limit(q.limit).execute();
    return rows.map((r) => ({
      id: r.id,
      at: Number(r.at),
      actorType: r.actor_type as AuditEntry['actorType'],
      actorId: r.actor_id,
      action: r.action,
      targetType: r.target_type,
      targetId: r.target_id,
      ip: r.ip,
      details: r.details ? (JSON.parse(r.details) as Record<string, unknown>) : null,
    }));
  }
}
