import { z } from 'zod';
import { defineRoute, EmptyBody, NoContent } from '../wire/rest-route.ts';
import {
  AccountView,
  ChangePasswordRequest,
  CreateStaffRequest,
  EditAccountRequest,
  LoginRequest,
  LoginResponse,
  ResetPasswordRequest,
  RoleChangeResponse,
  RoleGrant,
  SetDisabledRequest,
  SetRolesRequest,
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
  /** The signed-in person's own password; clears "must change password". */
  changePassword: defineRoute({
    method: 'POST',
    path: '/api/auth/password',
    body: ChangePasswordRequest,
    response: LoginResponse,
  }),
};

/**
 * Account administration, under /api/admin/accounts. The system administrator creates, edits,
 * disables and resets; roles go through a security administrator (三员分立).
 */
export const AccountRoutes = {
  list: defineRoute({
    method: 'GET',
    path: '/api/admin/accounts',
    response: z.object({ accounts: z.array(AccountView) }),
    roles: ['sysadmin', 'secadmin'],
  }),
  /** The roles asked for wait for a security administrator (RoleChangeResponse.pending). */
  create: defineRoute({
    method: 'POST',
    path: '/api/admin/accounts',
    body: CreateStaffRequest,
    response: RoleChangeResponse,
    status: 201,
    roles: ['sysadmin'],
  }),
  edit: defineRoute({
    method: 'POST',
    path: '/api/admin/accounts/:id/profile',
    params: AccountId,
    body: EditAccountRequest,
    response: z.object({ profile: AccountView }),
    roles: ['sysadmin'],
  }),
  setDisabled: defineRoute({
    method: 'POST',
    path: '/api/admin/accounts/:id/disabled',
    params: AccountId,
    body: SetDisabledRequest,
    response: NoContent,
    status: 204,
    roles: ['sysadmin'],
  }),
  resetPassword: defineRoute({
    method: 'POST',
    path: '/api/admin/accounts/:id/password',
    params: AccountId,
    body: ResetPasswordRequest,
    response: NoContent,
    status: 204,
    roles: ['sysadmin'],
  }),
  setRoles: defineRoute({
    method: 'POST',
    path: '/api/admin/accounts/:id/roles',
    params: AccountId,
    body: SetRolesRequest,
    response: RoleChangeResponse,
    roles: ['secadmin'],
  }),
};

/** Role grants waiting for a second security administrator, under /api/admin/grants. */
export const GrantRoutes = {
  list: defineRoute({
    method: 'GET',
    path: '/api/admin/grants',
    response: z.object({ grants: z.array(RoleGrant) }),
    roles: ['secadmin'],
  }),
  approve: defineRoute({
    method: 'POST',
    path: '/api/admin/grants/:id/approve',
    params: AccountId,
    body: EmptyBody,
    response: RoleChangeResponse,
    roles: ['secadmin'],
  }),
  reject: defineRoute({
    method: 'POST',
    path: '/api/admin/grants/:id/reject',
    params: AccountId,
    body: EmptyBody,
    response: NoContent,
    status: 204,
    roles: ['secadmin'],
  }),
};
