import type { CreateStaffRequest } from '@onething/contract/rest/staff';
import type { AccountService } from '../accounts/account-service.ts';

/**
 * Demo staff for `npm start`. Marked is_demo in the database: a production start refuses to
 * run while any of them is enabled.
 */
export const DEMO_ACCOUNTS: (CreateStaffRequest & { password: string })[] = [
  // 三员分立: the three administrator duties are three people; two security administrators
  // so a personal-data role grant can be approved by a second one.
  {
    username: 'admin',
    displayName: '系统管理员',
    password: 'demo-admin-2026',
    roles: ['sysadmin'],
  },
  {
    username: 'security',
    displayName: '安全管理员',
    password: 'demo-security-2026',
    roles: ['secadmin'],
  },
  {
    username: 'security2',
    displayName: '安全管理员（复核）',
    password: 'demo-security-2026',
    roles: ['secadmin'],
  },
  {
    username: 'auditor',
    displayName: '安全审计员',
    password: 'demo-auditor-2026',
    roles: ['auditor'],
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
  // Concurrently: each password hash is a deliberately slow scrypt, run on the thread pool.
  await Promise.all(
    DEMO_ACCOUNTS.filter((a) => !existing.has(a.username)).map((a) =>
      accounts.create(a, { id: null, ip: null }, { demo: true }),
    ),
  );
  return DEMO_ACCOUNTS.map((a) => ({ username: a.username, password: a.password, roles: a.roles }));
}
