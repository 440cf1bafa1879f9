import { type Directory, DirectoryQuery } from '@onething/contract/rest/directory';
import type { Text } from '@onething/contract/rest/kiosk';
import { Role } from '@onething/contract/rest/staff';
import type { AgentStateName } from '@onething/contract/sockets/booth';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../db/schema.ts';

const Roles = z.array(Role).catch([]);
const Languages = z.array(z.string()).catch([]);
/** Who can take a transfer or join a call. */
const PICKABLE: readonly Role[] = ['agent', 'supervisor'];
const LIMIT = 50;

export interface DirectoryDeps {
  db: Kysely<DB>;
  /** Each signed-in agent's state, from the routing engine; absent means offline. */
  presence: () => Promise<Map<string, AgentStateName>>;
  departmentName: (code: string) => Text | undefined;
}

/**
 * Colleagues to pick by name instead of typing a staff id: enabled agents and supervisors with
 * their department, languages and presence; no username, region or anything personal.
 */
export class StaffDirectory {
  readonly #deps: DirectoryDeps;

  constructor(deps: DirectoryDeps) {
    this.#deps = deps;
  }

  /** `asker` is left out: nobody transfers to or invites themselves. */
  async search(query: z.output<typeof DirectoryQuery>, asker: string | null): Promise<Directory> {
    let q = this.#deps.db
      .selectFrom('staff_accounts')
      .select(['id', 'display_name', 'department', 'languages', 'roles'])
      .where('disabled', '=', 0);
    if (asker) q = q.where('id', '!=', asker);
    if (query.department) q = q.where('department', '=', query.department);
    const rows = await q.orderBy('display_name').execute();
    const presence = await this.#deps.presence();
    const name = query.q?.toLowerCase();
    const staff = rows
      .filter((r) => Roles.parse(JSON.parse(r.roles)).some((role) => PICKABLE.includes(role)))
      .filter((r) => !name || r.display_name.toLowerCase().includes(name))
      .map((r) => ({
        id: r.id,
        name: r.display_name,
        department: r.department,
        departmentName: r.department ? (this.#deps.departmentName(r.department) ?? null) : null,
        languages: Languages.parse(JSON.parse(r.languages)),
        presence: presence.get(r.id) ?? ('offline' as const),
      }))
      .filter((e) => !query.language || e.languages.includes(query.language))
      .filter((e) => {
        if (query.presence === 'available') return e.presence === 'available';
        if (query.presence === 'online') return e.presence !== 'offline';
        return true;
      })
      // Who can answer now first, then by name.
      .sort((a, b) => rank(a.presence) - rank(b.presence));
    return { staff: staff.slice(0, LIMIT) };
  }
}

function rank(p: AgentStateName): number {
  return p === 'available' ? 0 : p === 'offline' ? 2 : 1;
}
