import type { AuditEntry } from '@onething/contract/rest/staff';
import { describe, expect, it } from 'vitest';
import {
  ACTION_WORDS,
  actionWords,
  actorWords,
  auditCsv,
  detailsWords,
  targetWords,
} from './audit-words.ts';

const entry = (over: Partial<AuditEntry> = {}): AuditEntry => ({
  id: '1',
  at: 0,
  actorType: 'staff',
  actorId: 'u-1',
  action: 'account.create',
  targetType: 'staff_account',
  targetId: 'u-2',
  ip: '127.0.0.1',
  details: null,
  actorName: '系统管理员（admin）',
  targetName: '新坐席（agent.new）',
  ...over,
});

describe('audit log in words', () => {
  it('words every action the server records in zh-CN and English', () => {
    expect(actionWords('account.create', 'zh-CN')).toBe('创建账号');
    expect(actionWords('role.grant.approve', 'en')).toBe('Approved a role grant');
    expect(actionWords('fleet.action.printTestPage', 'zh-CN')).toBe('远程运维指令 · printTestPage');
    for (const words of Object.values(ACTION_WORDS)) {
      expect(words.zh).not.toMatch(/[a-z]{4,}/);
      expect(words.en).toMatch(/^[A-Z]/);
    }
  });

  it('shows a code it does not know as itself rather than nothing', () => {
    expect(actionWords('something.new', 'en')).toBe('something.new');
  });

  it('names people and terminals, and says what an unnamed actor was', () => {
    expect(actorWords(entry(), 'en')).toBe('系统管理员（admin）');
    expect(
      actorWords(entry({ actorType: 'anonymous', actorId: null, actorName: null }), 'en'),
    ).toBe('Not signed in');
    expect(
      targetWords(entry({ targetName: null, targetType: 'case', targetId: 'C1' }), 'zh-CN'),
    ).toBe('办件 C1');
    expect(targetWords(entry({ targetName: null, targetType: null, targetId: null }), 'en')).toBe(
      '—',
    );
  });

  it('words details: role codes as role names, known keys named', () => {
    expect(
      detailsWords(
        { from: { roles: ['agent'] }, to: { roles: ['agent', 'supervisor'], department: null } },
        'zh-CN',
      ),
    ).toBe('原为: 角色: 坐席；改为: 角色: 坐席、主管；部门: —');
    expect(detailsWords({ roles: ['auditor'] }, 'en')).toBe('roles: Auditor');
  });

  it('exports CSV with a UTF-8 BOM, quoted cells and formulas neutralised', () => {
    const csv = auditCsv(
      [entry({ details: { note: '=HYPERLINK("x")' }, targetName: '=cmd' })],
      'zh-CN',
      ['时间', '操作人', '操作', '代码', '对象', '来源', '详情'],
      () => '2026-12-07 20:00',
    );
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const [head, row] = csv.slice(1).split('\r\n');
    expect(head).toBe('"时间","操作人","操作","代码","对象","来源","详情"');
    expect(row).toContain('"创建账号","account.create","\'=cmd"');
    expect(row).toContain('"note: =HYPERLINK(""x"")"');
  });
});
