import { GrantRoutes } from '@onething/contract/rest/account-routes';
import type { RoleGrant, StaffProfile } from '@onething/contract/rest/staff';
import { useEffect, useState } from 'preact/hooks';
import { rest } from '../api.ts';
import { useT } from '../i18n/i18n.tsx';
import { listWords } from './audit-words.ts';
import type { StringKey } from '../i18n/strings.ts';

/**
 * Role grants waiting for a security administrator. The one who asked sees theirs but cannot
 * approve it; a second security administrator does (the server refuses otherwise too).
 */
export function GrantsPanel({
  me,
  version,
  onDecided,
}: {
  me: StaffProfile;
  /** Bumped by the page after a change that may have added a grant. */
  version: number;
  onDecided: (message: string) => void;
}) {
  const { t, tError, lang } = useT();
  const [grants, setGrants] = useState<RoleGrant[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    rest
      .call(GrantRoutes.list, {})
      .then((r) => setGrants(r.grants.filter((g) => g.status === 'pending')))
      .catch((e) => setError(tError(e)));
  }, [version]);
  const decide = async (g: RoleGrant, approve: boolean) => {
    try {
      if (approve) await rest.call(GrantRoutes.approve, { params: { id: g.id }, body: {} });
      else await rest.call(GrantRoutes.reject, { params: { id: g.id }, body: {} });
      onDecided(approve ? t('admin_grants_approved') : t('admin_grants_rejected'));
    } catch (e) {
      setError(tError(e));
    }
  };
  const fmt = new Intl.DateTimeFormat(lang === 'zh-CN' ? 'zh-CN' : 'en-GB', {
    dateStyle: 'short',
    timeStyle: 'short',
  });
  return (
    <section class="panel" aria-labelledby="grants-title">
      <h3 id="grants-title">{t('admin_grants_title')}</h3>
      {error && <p role="alert">⚠ {error}</p>}
      {grants && grants.length === 0 && <p>{t('admin_grants_none')}</p>}
      {grants && grants.length > 0 && (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('admin_grants_account')}</th>
              <th scope="col">{t('admin_grants_roles')}</th>
              <th scope="col">{t('colDepartment')}</th>
              <th scope="col">{t('admin_grants_by')}</th>
              <th scope="col">{t('admin_grants_at')}</th>
              <th scope="col">{t('admin_acc_actions')}</th>
            </tr>
          </thead>
          <tbody>
            {grants.map((g) => (
              <tr key={g.id}>
                <td>{g.accountName}</td>
                <td>
                  {listWords(
                    g.roles.map((r) => t(`role_${r}` as StringKey)),
                    lang,
                  )}
                </td>
                <td>{g.department ?? '—'}</td>
                <td>{g.requestedByName}</td>
                <td>{fmt.format(g.requestedAt)}</td>
                <td class="row-actions">
                  {g.requestedBy === me.id || g.accountId === me.id ? (
                    <span class="hint">{t('admin_grants_yours')}</span>
                  ) : (
                    <>
                      <button
                        type="button"
                        aria-label={`${t('admin_grants_approve')} ${g.accountName}`}
                        onClick={() => void decide(g, true)}
                      >
                        {t('admin_grants_approve')}
                      </button>
                      <button
                        type="button"
                        class="secondary"
                        aria-label={`${t('admin_grants_reject')} ${g.accountName}`}
                        onClick={() => void decide(g, false)}
                      >
                        {t('admin_grants_reject')}
                      </button>
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
