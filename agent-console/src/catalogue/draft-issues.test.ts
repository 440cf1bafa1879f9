import type { DraftIssue } from '@onething/contract/rest/catalogue-admin';
import { describe, expect, it } from 'vitest';
import { strings } from '../i18n/strings.ts';
import { IssueClaims, issueText, placeIssues } from './draft-issues.ts';

const issue = (path: (string | number)[], rule: DraftIssue['rule'] = 'schema'): DraftIssue => ({
  draft: { kind: 'item', code: '110126001000' },
  file: 'items/admin-110126001000.yaml',
  path,
  rule,
  problem: 'Too big: expected number to be <=365',
});

describe('issues next to their fields', () => {
  it('shows each issue once, at the first field that asks, and leaves the rest for the list', () => {
    const days = issue(['timeLimit', 'promisedDays']);
    const row = issue(['materials', 1], 'consistency');
    const inRow = issue(['materials', 1, 'when'], 'consistency');
    const legal = issue(['legalBasis', 0]);
    const claims = new IssueClaims([days, row, inRow, legal]);
    expect(claims.at(['timeLimit', 'promisedDays'])).toEqual([days]);
    expect(claims.at(['materials', 1], true)).toEqual([row]);
    expect(claims.at(['materials', 1, 'when'])).toEqual([inRow]);
    expect(claims.at(['timeLimit'])).toEqual([]);
    expect(claims.rest()).toEqual([legal]);
  });

  it('says each rule in words in both languages; only English adds the check’s own words', () => {
    const t = (lang: 'zh-CN' | 'en') => (k: keyof typeof strings) =>
      lang === 'en' ? strings[k].en : strings[k].zh;
    for (const rule of ['schema', 'noticeForm', 'placeholder', 'consistency'] as const) {
      const zh = issueText(issue([], rule), 'zh-CN', t('zh-CN'));
      expect(zh).toBe(strings[`cat_issue_${rule}`].zh);
      expect(zh).not.toMatch(/[a-z]{4,}/);
      expect(issueText(issue([], rule), 'en', t('en'))).toContain('expected number');
    }
  });
});

describe('issues placed in an editor', () => {
  it('shows a bundle’s notice = materials issue at the material of the item that asks it', () => {
    const notice: DraftIssue = {
      draft: null,
      file: 'bundles/newborn.yaml',
      path: ['items', 1],
      rule: 'noticeForm',
      problem: 'material asked in two forms',
      refs: { material: 'child.birthMedicalCertificate', items: ['070117001000', '110126001000'] },
    };
    const other = { ...notice, refs: undefined, path: ['items', 2] };
    const item = { materials: [{ material: 'a' }, { material: 'child.birthMedicalCertificate' }] };
    const again: DraftIssue = {
      ...notice,
      refs: { material: 'child.birthMedicalCertificate', items: ['110159001000', '110126001000'] },
    };
    const placed = placeIssues([notice, again, other], 'item', '110126001000', item);
    expect(placed.mine).toEqual([{ ...notice, path: ['materials', 1] }]);
    expect(placed.elsewhere).toEqual([other]);
    // Another item's editor, or the bundle's, leaves it where it is.
    expect(placeIssues([notice], 'item', '110159001000', item).elsewhere).toEqual([notice]);
    expect(placeIssues([notice], 'bundle', 'YJSP001', item).elsewhere).toEqual([notice]);
  });
});
