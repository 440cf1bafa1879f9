import type { CreateStaffRequest } from '@onething/contract/rest/staff';
import type { AccountService } from '../accounts/account-service.ts';

/**
 * Demo staff for `npm start`. Marked is_demo in the database: a production start refuses to
 * run while any of them is enabled.
 */
export const DEMO_ACCOUNTS: (CreateStaffRequest & { password: string })[] = [
  {
    username: 'admin',
    displayName: '系统管理员',
    password: 'demo-admin-2026',
    roles: ['admin'],
  },
  {
    username: 'agent.police',
    displayName: '李警官',
    password: 'demo-agent-2026',
    roles: ['agent'],
    department: 'PSB',
    regions: ['440113'],
    languages: ['zh-CN', 'en'],
  },
  {
    username: 'agent.hrss',
    displayName: '王社保',
    password: 'demo-agent-2026',
    roles: ['agent'],
    department: 'HRSS',
    regions: ['440113'],
    languages: ['zh-CN'],
  },
  {
    username: 'agent.health',
    displayName: '周医生（卫健）',
    password: 'demo-agent-2026',
    roles: ['agent'],
    department: 'HEALTH',
    regions: ['440113'],
    languages: ['zh-CN', 'en'],
  },
  {
    username: 'agent.remote',
    displayName: '赵坐席（跨省）',
    password: 'demo-agent-2026',
    roles: ['agent'],
    department: 'PSB',
    regions: ['510104'],
    languages: ['zh-CN'],
  },
  {
    username: 'supervisor',
    displayName: '陈主管',
    password: 'demo-supervisor-2026',
    roles: ['supervisor'],
    department: null,
    regions: ['440113'],
  },
  {
    username: 'maint',
    displayName: '运维小周',
    password: 'demo-maint-2026',
    roles: ['maintenance'],
    regions: ['440113'],
  },
];

/** Creates the demo accounts that do not exist yet; returns what a person needs to sign in. */
export async function seedDemoAccounts(
  accounts: AccountService,
): Promise<{ username: string; password: string; roles: string[] }[]> {
  const existing = new Set((await accounts.list()).map((a) => a.username));
  for (const a of DEMO_ACCOUNTS) {
    if (!existing.has(a.username)) {
      await accounts.create(a, { id: null, ip: null }, { demo: true });
    }
  }
  return DEMO_ACCOUNTS.map((a) => ({ username: a.username, password: a.password, roles: a.roles }));
}
