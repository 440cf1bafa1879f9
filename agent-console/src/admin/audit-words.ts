import { type AuditEntry, Role } from '@onething/contract/rest/staff';
import { type Lang, pick, strings } from '../i18n/strings.ts';

type Words = { readonly zh: string; readonly en: string };

/**
 * The audit log's action codes in words. The server records codes (stable, searchable); an
 * auditor reads what happened. A code not in the table is shown as itself, never hidden.
 */
export const ACTION_WORDS: Record<string, Words> = {
  'account.create': { zh: '创建账号', en: 'Created an account' },
  'account.edit': { zh: '修改账号信息', en: 'Edited an account' },
  'account.disable': { zh: '停用账号', en: 'Disabled an account' },
  'account.enable': { zh: '启用账号', en: 'Enabled an account' },
  'account.password.reset': { zh: '重置密码', en: 'Reset a password' },
  'account.roles': { zh: '角色变更生效', en: 'Roles changed' },
  'account.roles.migrated': {
    zh: '旧“管理员”角色转为系统管理员',
    en: 'Old “admin” role became system administrator',
  },
  'role.grant.request': { zh: '申请角色授权', en: 'Asked for a role grant' },
  'role.grant.approve': { zh: '批准角色授权', en: 'Approved a role grant' },
  'role.grant.reject': { zh: '驳回角色授权', en: 'Rejected a role grant' },
  'auth.login': { zh: '登录', en: 'Signed in' },
  'auth.logout': { zh: '退出登录', en: 'Signed out' },
  'auth.login.failed': { zh: '登录失败', en: 'Sign-in failed' },
  'auth.login.throttled': { zh: '登录被限流', en: 'Sign-in held back' },
  'auth.login.busy': { zh: '登录繁忙被拒', en: 'Sign-in refused (busy)' },
  'auth.login.demoRefused': { zh: '演示账号登录被拒', en: 'Demo account refused' },
  'auth.password.change': { zh: '修改本人密码', en: 'Changed own password' },
  'auth.password.refused': { zh: '修改密码失败', en: 'Password change refused' },
  'terminal.register': { zh: '登记终端', en: 'Registered a terminal' },
  'terminal.enrolment_code': { zh: '签发注册码', en: 'Issued an enrolment code' },
  'terminal.enrol': { zh: '终端完成注册', en: 'Terminal enrolled' },
  'terminal.enrol.refused': { zh: '终端注册被拒', en: 'Terminal enrolment refused' },
  'terminal.revoke': { zh: '吊销终端', en: 'Revoked a terminal' },
  'terminal.edit': { zh: '终端改名/迁移', en: 'Renamed or moved a terminal' },
  'terminal.maintenance.on': { zh: '终端进入维护', en: 'Terminal into maintenance' },
  'terminal.maintenance.off': { zh: '终端退出维护', en: 'Terminal out of maintenance' },
  'case.submit': { zh: '提交办件', en: 'Filed a case' },
  'case.transition': { zh: '办件状态变更', en: 'Moved a case' },
  'case.read_personal': { zh: '查看办件个人信息', en: 'Read a case’s personal data' },
  'case.field.reveal': { zh: '查看完整字段', en: 'Revealed a field' },
  'case.access.refused': { zh: '办件访问被拒', en: 'Case access refused' },
  'case.lookup.refused': { zh: '进度查询被拒', en: 'Status lookup refused' },
  'case.lookup.limited': { zh: '进度查询被限流', en: 'Status lookup held back' },
  'certificate.issue': { zh: '签发证照', en: 'Issued a certificate' },
  'rating.submit': { zh: '提交评价', en: 'Rated a service' },
  'rating.refused': { zh: '评价被拒', en: 'Rating refused' },
  'rating.follow_up.resolve': { zh: '差评整改完成', en: 'Resolved a poor rating' },
  'booth.identity.reveal': { zh: '查看完整身份', en: 'Revealed an identity' },
  'booth.monitor': { zh: '主管监听通话', en: 'Monitored a call' },
  'booth.monitor.refused': { zh: '监听被拒', en: 'Monitoring refused' },
  'booth.wrap_up': { zh: '通话小结', en: 'Wrapped up a call' },
  'identity.outbox': { zh: '离线身份核验', en: 'Offline identity check' },
  'identity.outbox.refused': { zh: '离线身份核验被拒', en: 'Offline identity refused' },
  'identity.clear': { zh: '清除终端身份信息', en: 'Cleared identity at a terminal' },
  'shared_data.lookup': { zh: '共享数据查询', en: 'Shared-data lookup' },
  'catalogue.draft.save': { zh: '保存目录草稿', en: 'Saved a catalogue draft' },
  'catalogue.draft.delete': { zh: '删除目录草稿', en: 'Deleted a catalogue draft' },
  'catalogue.publish': { zh: '发布事项目录', en: 'Published the catalogue' },
  'fleet.alert.acknowledge': { zh: '确认终端告警', en: 'Acknowledged an alert' },
  'access.refused': { zh: '访问被拒', en: 'Access refused' },
  'socket.refused': { zh: '连接请求被拒', en: 'Socket request refused' },
  'socket.ended': { zh: '连接被结束', en: 'Connection ended' },
  'http.origin.refused': { zh: '外部网页请求被拒', en: 'Foreign page refused' },
  'metrics.refused': { zh: '监控指标访问被拒', en: 'Metrics access refused' },
};

/** Families whose last part varies (the fleet command, the remote action and its outcome). */
const FAMILY_WORDS: [prefix: string, words: Words][] = [
  ['fleet.action.', { zh: '远程运维指令', en: 'Fleet command' }],
  ['booth.remote.', { zh: '远程协助操作', en: 'Remote assist action' }],
];

/** The categories an auditor filters by (an action prefix each). */
export const ACTION_GROUPS = [
  'account',
  'role',
  'auth',
  'terminal',
  'case',
  'booth',
  'access',
  'catalogue',
  'fleet',
] as const;

/** How a list reads in the reader's language: 坐席、主管 / Agent, Supervisor. */
export function listWords(items: readonly string[], lang: Lang): string {
  return items.join(lang === 'en' ? ', ' : '、');
}

export function actionWords(action: string, lang: Lang): string {
  const exact = ACTION_WORDS[action];
  if (exact) return pick(lang, exact);
  const family = FAMILY_WORDS.find(([prefix]) => action.startsWith(prefix));
  if (family) return `${pick(lang, family[1])} · ${action.slice(family[0].length)}`;
  return action;
}

const ACTOR_WORDS: Record<AuditEntry['actorType'], Words> = {
  staff: { zh: '工作人员', en: 'Staff' },
  terminal: { zh: '终端', en: 'Terminal' },
  citizen: { zh: '群众', en: 'Citizen' },
  system: { zh: '系统', en: 'System' },
  anonymous: { zh: '未登录者', en: 'Not signed in' },
};

/** Who acted, by name when the server knows one. */
export function actorWords(e: AuditEntry, lang: Lang): string {
  if (e.actorName) return e.actorName;
  const kind = pick(lang, ACTOR_WORDS[e.actorType]);
  return e.actorId ? `${kind} ${e.actorId}` : kind;
}

const TARGET_WORDS: Record<string, Words> = {
  staff_account: { zh: '账号', en: 'Account' },
  terminal: { zh: '终端', en: 'Terminal' },
  case: { zh: '办件', en: 'Case' },
  route: { zh: '接口', en: 'Route' },
  username: { zh: '用户名', en: 'Username' },
  ticket: { zh: '排队号', en: 'Ticket' },
  namespace: { zh: '连接', en: 'Connection' },
};

/** What it was done to, by name when the server knows one. */
export function targetWords(e: AuditEntry, lang: Lang): string {
  if (e.targetName) return e.targetName;
  if (!e.targetType && !e.targetId) return '—';
  const kind = e.targetType ? TARGET_WORDS[e.targetType] : undefined;
  const label = kind ? pick(lang, kind) : (e.targetType ?? '');
  return [label, e.targetId].filter(Boolean).join(' ');
}

const DETAIL_KEYS: Record<string, Words> = {
  roles: { zh: '角色', en: 'roles' },
  from: { zh: '原为', en: 'was' },
  to: { zh: '改为', en: 'now' },
  department: { zh: '部门', en: 'department' },
  username: { zh: '用户名', en: 'username' },
  reason: { zh: '原因', en: 'reason' },
  code: { zh: '错误码', en: 'code' },
  grant: { zh: '授权单', en: 'grant' },
  requestedBy: { zh: '申请人', en: 'asked by' },
  personalData: { zh: '涉及个人信息的角色', en: 'personal-data roles' },
  regions: { zh: '区域', en: 'regions' },
  languages: { zh: '语言', en: 'languages' },
  displayName: { zh: '姓名', en: 'name' },
  site: { zh: '场所', en: 'site' },
  region: { zh: '区划', en: 'region' },
  name: { zh: '名称', en: 'name' },
};

function valueWords(value: unknown, lang: Lang): string {
  if (Array.isArray(value)) {
    return listWords(
      value.map((v) => {
        const role = Role.safeParse(v);
        return role.success ? pick(lang, strings[`role_${role.data}`]) : valueWords(v, lang);
      }),
      lang,
    );
  }
  if (value && typeof value === 'object') return detailsWords({ ...value }, lang);
  return value === null || value === undefined ? '—' : String(value);
}

/** An entry's details in words: known keys named, role codes as role names. */
export function detailsWords(details: Record<string, unknown> | null, lang: Lang): string {
  if (!details) return '';
  const parts = Object.entries(details).map(([k, v]) => {
    const key = DETAIL_KEYS[k];
    return `${key ? pick(lang, key) : k}: ${valueWords(v, lang)}`;
  });
  return parts.join(lang === 'en' ? '; ' : '；');
}

function csvCell(value: string): string {
  // Quote every cell; a leading = + - @ is neutralised so a spreadsheet never runs it.
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${safe.replace(/"/g, '""')}"`;
}

/**
 * The entries as CSV in the reader's language, with a UTF-8 byte-order mark so Excel opens the
 * Chinese text correctly.
 */
export function auditCsv(
  entries: readonly AuditEntry[],
  lang: Lang,
  header: readonly string[],
  formatTime: (at: number) => string,
): string {
  const rows = entries.map((e) => [
    formatTime(e.at),
    actorWords(e, lang),
    actionWords(e.action, lang),
    e.action,
    targetWords(e, lang),
    e.ip ?? '',
    detailsWords(e.details, lang),
  ]);
  return `\uFEFF${[header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
