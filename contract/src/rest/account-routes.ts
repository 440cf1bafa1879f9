import { z } from 'zod';
import { defineRoute, EmptyBody, NoContent } from '../wire/rest-route.ts';
import {
  CreateStaffRequest,
  LoginRequest,
  LoginResponse,
  SetDisabledRequest,
  SetRolesRequest,
  StaffProfile,
} from './staff.ts';

const AccountId = z.object({ id: z.string() });

/** Staff sign-in (session cookie), under /api/auth. */
export const AuthRoutes = {
  /** Sets the httpOnly session cookie. */
  login: defineRoute({
    method: 'POST',
    path: '/api/auth/login',
    body: LoginRequest,
    response: LoginResponse,
  }),
  /** Clears the session cookie, signed in or not. */
  logout: defineRoute({
    method: 'POST',
    path: '/api/auth/logout',
    body: EmptyBody,
    response: NoContent,
    status: 204,
  }),
  me: defineRoute({ method: 'GET', path: '/api/auth/me', response: LoginResponse }),
};

/** Account administration (admin), under /api/admin/accounts. */
export const AccountRoutes = {
  list: defineRoute({
    method: 'GET',
    path: '/api/admin/accounts',
    response: z.object({ accounts: z.array(StaffProfile) }),
    roles: ['admin'],
  }),
  create: defineRoute({
    method: 'POST',
    path: '/api/admin/accounts',
    body: CreateStaffRequest,
    response: z.object({ profile: StaffProfile }),
    status: 201,
    roles: ['admin'],
  }),
  setDisabled: defineRoute({
    method: 'POST',
    path: '/api/admin/accounts/:id/disabled',
    params: AccountId,
    body: SetDisabledRequest,
    response: NoContent,
    status: 204,
    roles: ['admin'],
  }),
  setRoles: defineRoute({
    method: 'POST',
    path: '/api/admin/accounts/:id/roles',
    params: AccountId,
    body: SetRolesRequest,
    response: z.object({ profile: StaffProfile }),
    roles: ['admin'],
  }),
};
