import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { StaffProfile } from '@onething/contract/rest/staff';
import type { PeerInfo } from '@onething/contract/sockets/media';
import { AuditLog } from '../audit/audit-log.ts';
import type { Catalogue } from '../catalogue/catalogue.ts';
import { loadCatalogueOrThrow } from '../catalogue/load-catalogue.ts';
import { FieldCipher } from '../crypto/field-cipher.ts';
import { Database } from '../db/database.ts';
import { MemoryRoutingStore } from '../routing/memory-store.ts';
import { RoutingEngine } from '../routing/routing-engine.ts';
import type { RoutingStore } from '../routing/store.ts';
import type { TerminalPrincipal } from '../terminals/terminal-registry.ts';
import { TerminalRegistry } from '../terminals/terminal-registry.ts';
import type { CallRooms } from './booth-ports.ts';
import { CallAccess } from './call-access.ts';
import { CallRecordStore, freshRecord } from './call-record-store.ts';
import { SignedInStaff } from './signed-in-staff.ts';

/**
 * Shared set-up for the booth parts' unit tests: the real routing engine over a memory store,
 * a real SQLite database (call records, audit, terminals), the real catalogue, and a fake of
 * the media rooms only (mediasoup needs its worker).
 */

const catalogue = await loadCatalogueOrThrow();

/** Booths in 云溪 (339902), where the test agents serve. */
export const BOOTH: TerminalPrincipal = { id: 'B-1', region: '339902', kind: 'booth' };
export const OTHER_BOOTH: TerminalPrincipal = { id: 'B-2', region: '339902', kind: 'booth' };

export function staffProfile(id: string, extra: Partial<StaffProfile> = {}): StaffProfile {
  return {
    id,
    username: id,
    displayName: id === 'police' ? '李警官' : id,
    roles: ['agent'],
    department: 'PSB',
    regions: ['339902'],
    languages: ['zh-CN'],
    ...extra,
  };
}

// Shared by every kit, so kits over one routing store never reuse a ticket id.
let ticketSeq = 0;

export interface Delivered {
  to: 'kiosk' | 'staff';
  target: string;
  event: string;
  // What the test reads of it; the contract's schemas check the real deliveries.
  payload: any;
}

/** Media rooms as the booth sees them: opened, joined and closed, without mediasoup. */
export class FakeCalls implements CallRooms {
  available = true;
  readonly rooms = new Map<string, { peers: PeerInfo[] }>();
  readonly closed: string[] = [];

  async open(callId: string, peers: PeerInfo[]) {
    this.rooms.set(callId, { peers: [...peers] });
    return this.get(callId);
  }

  get(callId: string) {
    const room = this.rooms.get(callId);
    return room && { admit: (p: PeerInfo) => void room.peers.push(p) };
  }

  close(callId: string): void {
    if (this.rooms.delete(callId)) this.closed.push(callId);
  }

  closeAll(): void {
    for (const id of [...this.rooms.keys()]) this.close(id);
  }
}

export interface BoothKit {
  db: Database;
  engine: RoutingEngine;
  store: RoutingStore;
  records: CallRecordStore;
  access: CallAccess;
  audit: AuditLog;
  terminals: TerminalRegistry;
  staff: SignedInStaff;
  calls: FakeCalls;
  catalogue: () => Catalogue;
  sent: Delivered[];
  toKiosk: (target: string, event: string, payload: unknown) => void;
  toStaff: (target: string, event: string, payload: unknown) => void;
  /** What was delivered of one event, in order. */
  delivered(event: string, to?: 'kiosk' | 'staff'): Delivered[];
  /** Signs an agent in and makes them available. */
  agentOn(staff: StaffProfile): Promise<void>;
  /** Files a waiting ticket for `terminal` with its call record, as HelpTickets does. */
  ticket(terminal?: TerminalPrincipal): Promise<string>;
  /** Files a ticket and has `agent` accept it: a connected call. */
  connected(agent: StaffProfile, terminal?: TerminalPrincipal): Promise<string>;
  close(): Promise<void>;
}

export async function boothKit(
  opts: { store?: RoutingStore; db?: Database } = {},
): Promise<BoothKit> {
  const db =
    opts.db ?? (await Database.open({ dataDir: mkdtempSync(path.join(os.tmpdir(), 'booth-')) }));
  const store = opts.store ?? new MemoryRoutingStore();
  const engine = new RoutingEngine({
    store,
    queues: catalogue
      .departments()
      .map((d) => ({ id: d.code, department: d.code, wrapUpSeconds: 1 })),
    offerTimeoutSeconds: 60,
  });
  await engine.start();
  const records = new CallRecordStore(db.db, FieldCipher.ephemeral());
  const audit = new AuditLog(db.db);
  const terminals = new TerminalRegistry(db.db, audit);
  for (const t of [BOOTH, OTHER_BOOTH]) {
    if (opts.db) break;
    await terminals.register(
      { id: t.id, name: `终端 ${t.id}`, site: '云溪市民中心', region: t.region, kind: 'booth' },
      { id: null, ip: null },
    );
  }
  const sent: Delivered[] = [];
  const kit: BoothKit = {
    db,
    engine,
    store,
    records,
    access: new CallAccess({ engine, records, catalogue: () => catalogue }),
    audit,
    terminals,
    staff: new SignedInStaff(),
    calls: new FakeCalls(),
    catalogue: () => catalogue,
    sent,
    toKiosk: (target, event, payload) => void sent.push({ to: 'kiosk', target, event, payload }),
    toStaff: (target, event, payload) => void sent.push({ to: 'staff', target, event, payload }),
    delivered: (event, to) => sent.filter((d) => d.event === event && (!to || d.to === to)),
    async agentOn(staff) {
      kit.staff.remember(staff);
      await engine.agentLogin(
        {
          id: staff.id,
          name: staff.displayName,
          department: staff.department ?? 'PSB',
          regions: staff.regions,
          languages: staff.languages,
        },
        { state: 'available' },
      );
    },
    async ticket(terminal = BOOTH) {
      const id = `T-${++ticketSeq}`;
      await records.create(
        freshRecord(id, { id: terminal.id, site: '云溪市民中心', region: terminal.region }, null),
      );
      await engine.enqueue({
        id,
        skills: { department: 'PSB', region: terminal.region, language: 'zh-CN' },
        priority: 'normal',
        context: { terminalId: terminal.id, kioskSessionId: terminal.id },
      });
      return id;
    },
    async connected(agent, terminal = BOOTH) {
      const id = await kit.ticket(terminal);
      const offer = (await engine.snapshot()).offers.find((o) => o.ticketId === id);
      if (!offer) throw new Error(`ticket ${id} was not offered`);
      await engine.accept(offer.id, agent.id);
      return id;
    },
    async close() {
      await engine.close();
      await records.flush();
      if (!opts.db) await db.close();
    },
  };
  return kit;
}
