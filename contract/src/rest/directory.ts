import { z } from 'zod';
import { AgentStateName } from '../sockets/booth.ts';
import { defineRoute } from '../wire/rest-route.ts';
import { Text } from './kiosk.ts';

/**
 * The staff directory agents and supervisors pick a colleague from (transfer, invitation):
 * names and what choosing needs — department, languages, presence — and nothing personal.
 */
export const DirectoryQuery = z.object({
  /** Part of the name. */
  q: z.string().trim().max(32).optional(),
  department: z.string().max(16).optional(),
  language: z.string().max(10).optional(),
  /** Only colleagues who are signed in (any state but offline), or free to take a call. */
  presence: z.enum(['any', 'online', 'available']).default('any'),
});
export type DirectoryQuery = z.input<typeof DirectoryQuery>;

export const DirectoryEntry = z.object({
  id: z.string(),
  name: z.string(),
  department: z.string().nullable(),
  departmentName: Text.nullable(),
  languages: z.array(z.string()),
  /** From the routing engine; `offline` for someone not signed in at a seat. */
  presence: AgentStateName,
});
export type DirectoryEntry = z.infer<typeof DirectoryEntry>;

export const Directory = z.object({ staff: z.array(DirectoryEntry) });
export type Directory = z.infer<typeof Directory>;

export const DirectoryRoutes = {
  search: defineRoute({
    method: 'GET',
    path: '/api/staff/directory',
    query: DirectoryQuery,
    response: Directory,
    roles: ['agent', 'supervisor'],
  }),
};
