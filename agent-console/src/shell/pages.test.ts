import { describe, expect, it } from 'vitest';
import { pagesFor } from './pages.ts';

const ids = (roles: Parameters<typeof pagesFor>[0]) => pagesFor(roles).map((p) => p.id);

describe('pages per role (三员分立)', () => {
  it('gives each administrator duty only its own pages', () => {
    expect(ids(['sysadmin'])).toEqual(['accounts', 'terminals', 'catalogue']);
    expect(ids(['secadmin'])).toEqual(['accounts']);
    expect(ids(['auditor'])).toEqual(['audit']);
  });

  it('keeps the audit log and terminals from the other roles', () => {
    for (const role of ['agent', 'supervisor', 'maintenance', 'secadmin'] as const) {
      expect(ids([role])).not.toContain('audit');
    }
    expect(ids(['agent', 'supervisor'])).toEqual([
      'seat',
      'workbench',
      'supervisor',
      'followUps',
      'kpis',
    ]);
  });
});
