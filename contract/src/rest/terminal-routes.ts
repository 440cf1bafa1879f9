import { z } from 'zod';
import { defineRoute, EmptyBody, NoContent } from '../wire/rest-route.ts';
import { KioskSessionToken } from './kiosk.ts';
import {
  EnrolmentCodeResponse,
  EnrolRequest,
  EditTerminalRequest,
  EnrolResponse,
  RegisterTerminalRequest,
  TerminalView,
} from './terminals.ts';

const TerminalIdParam = z.object({ id: z.string() });

/** Terminal registration and credentials (system administrator), under /api/admin/terminals. */
export const TerminalAdminRoutes = {
  list: defineRoute({
    method: 'GET',
    path: '/api/admin/terminals',
    response: z.object({ terminals: z.array(TerminalView) }),
    roles: ['sysadmin'],
  }),
  /** Registers the terminal and issues its first enrolment code. */
  register: defineRoute({
    method: 'POST',
    path: '/api/admin/terminals',
    body: RegisterTerminalRequest,
    response: EnrolmentCodeResponse,
    status: 201,
    roles: ['sysadmin'],
  }),
  issueEnrolmentCode: defineRoute({
    method: 'POST',
    path: '/api/admin/terminals/:id/enrolment-code',
    params: TerminalIdParam,
    body: EmptyBody,
    response: EnrolmentCodeResponse,
    roles: ['sysadmin'],
  }),
  /** Rename, move to another site or region. */
  edit: defineRoute({
    method: 'POST',
    path: '/api/admin/terminals/:id/profile',
    params: TerminalIdParam,
    body: EditTerminalRequest,
    response: z.object({ terminal: TerminalView }),
    roles: ['sysadmin'],
  }),
  revoke: defineRoute({
    method: 'POST',
    path: '/api/admin/terminals/:id/revoke',
    params: TerminalIdParam,
    body: EmptyBody,
    response: NoContent,
    status: 204,
    roles: ['sysadmin'],
  }),
};

/** What a device bridge calls with its own credential, under /api/terminal. */
export const TerminalSelfRoutes = {
  enrol: defineRoute({
    method: 'POST',
    path: '/api/terminal/enrol',
    body: EnrolRequest,
    response: EnrolResponse,
  }),
  kioskSession: defineRoute({
    method: 'POST',
    path: '/api/terminal/kiosk-session',
    body: EmptyBody,
    response: KioskSessionToken,
  }),
};
