import type { StaffProfile } from '@onething/contract/rest/staff';
import { useEffect, useState } from 'preact/hooks';
import { AccountRoutes } from '@onething/contract/rest/account-routes';
import { rest } from '../api.ts';
import { useT } from '../i18n/i18n.tsx';
import type { StringKey } from '../i18n/strings.ts';

export function AccountsPage() {
  const { t, tError } = useT();
  const [accounts, setAccounts] = useState<StaffProfile[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    rest
      .call(AccountRoutes.list, {})
      .then((r) => setAccounts(r.accounts))
      .catch((e) => setError(tError(e)));
  }, []);
  return (
    <section aria-labelledby="accounts-title">
      <h2 id="accounts-title">{t('accountsTitle')}</h2>
      {error && <p role="alert">⚠ {error}</p>}
      {!accounts && !error && <p>{t('loading')}</p>}
      {accounts && (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('colUsername')}</th>
              <th scope="col">{t('colName')}</th>
              <th scope="col">{t('colRoles')}</th>
              <th scope="col">{t('colDepartment')}</th>
              <th scope="col">{t('colRegions')}</th>
            </tr>
          </thead>
          <tbody>
            {accounts.map((a) => (
              <tr key={a.id}>
                <td>{a.username}</td>
                <td>{a.displayName}</td>
                <td>{a.roles.map((r) => t(`role_${r}` as StringKey)).join('、')}</td>
                <td>{a.department ?? '—'}</td>
                <td>{a.regions.join(', ') || '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
