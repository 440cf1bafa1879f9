import { AccountRoutes } from '@onething/contract/rest/account-routes';
import type { AccountView, Role, StaffProfile } from '@onething/contract/rest/staff';
import { useEffect, useState } from 'preact/hooks';
import { rest } from '../api.ts';
import { useT } from '../i18n/i18n.tsx';
import { listWords } from './audit-words.ts';
import type { StringKey } from '../i18n/strings.ts';
import { fill } from '../seat/format.ts';
import { AccountForms, type AccountTask } from './AccountForms.tsx';
import { CreateAccountForm } from './CreateAccountForm.tsx';
import { GrantsPanel } from './GrantsPanel.tsx';
import './admin.css';

/**
 * Staff accounts. The system administrator creates, edits, disables and resets; the security
 * administrator changes roles and approves grants (三员分立) — each sees only their controls.
 */
export function AccountsPage({ me }: { me: StaffProfile }) {
  const { t, tError, lang } = useT();
  const [accounts, setAccounts] = useState<AccountView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [task, setTask] = useState<AccountTask | null>(null);
  const [grantsVersion, setGrantsVersion] = useState(0);
  const sys = me.roles.includes('sysadmin');
  const sec = me.roles.includes('secadmin');
  const load = () =>
    rest
      .call(AccountRoutes.list, {})
      .then((r) => setAccounts(r.accounts))
      .catch((e) => setError(tError(e)));
  useEffect(() => {
    void load();
  }, []);
  const done = (message: string) => {
    setTask(null);
    setNotice(message);
    setGrantsVersion((v) => v + 1);
    void load();
  };
  const toggle = async (a: AccountView) => {
    try {
      await rest.call(AccountRoutes.setDisabled, {
        params: { id: a.id },
        body: { disabled: !a.disabled },
      });
      done(t('admin_acc_saved'));
    } catch (e) {
      setError(tError(e));
    }
  };
  const roleWords = (roles: readonly Role[]) =>
    roles.length
      ? listWords(
          roles.map((r) => t(`role_${r}` as StringKey)),
          lang,
        )
      : t('admin_acc_noRoles');
  return (
    <section aria-labelledby="accounts-title" class="admin">
      <h2 id="accounts-title">{t('accountsTitle')}</h2>
      <p role="status" class="notice">
        {notice}
      </p>
      {error && <p role="alert">⚠ {error}</p>}
      {sec && <GrantsPanel me={me} version={grantsVersion} onDecided={done} />}
      {sys && <CreateAccountForm onCreated={done} />}
      {!accounts && !error && <p>{t('loading')}</p>}
      {accounts && (
        <table>
          <caption class="visually-hidden">{t('accountsTitle')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('colUsername')}</th>
              <th scope="col">{t('colName')}</th>
              <th scope="col">{t('colRoles')}</th>
              <th scope="col">{t('colDepartment')}</th>
              <th scope="col">{t('colRegions')}</th>
              <th scope="col">{t('admin_acc_status')}</th>
              <th scope="col">{t('admin_acc_actions')}</th>
            </tr>
          </thead>
          <tbody>
            {accounts.map((a) => {
              const self = a.id === me.id;
              return (
                <tr key={a.id}>
                  <td>{a.username}</td>
                  <td>
                    {a.displayName}
                    {self && ` ${t('admin_acc_you')}`}
                  </td>
                  <td>{roleWords(a.roles)}</td>
                  <td>{a.department ?? '—'}</td>
                  <td>{a.regions.join(', ') || '—'}</td>
                  <td>
                    {a.disabled ? t('admin_acc_disabled') : t('admin_acc_active')}
                    {a.mustChangePassword && (
                      <span class="badge warn"> {t('admin_acc_mustChange')}</span>
                    )}
                  </td>
                  <td class="row-actions">
                    {/* Nobody grants themselves anything: no controls on one's own row. */}
                    {!self && sys && (
                      <>
                        <button
                          type="button"
                          aria-label={`${t('admin_acc_edit')} ${a.username}`}
                          onClick={() => setTask({ kind: 'edit', account: a })}
                        >
                          {t('admin_acc_edit')}
                        </button>
                        <button
                          type="button"
                          aria-label={`${t('admin_acc_reset')} ${a.username}`}
                          onClick={() => setTask({ kind: 'reset', account: a })}
                        >
                          {t('admin_acc_reset')}
                        </button>
                        <button
                          type="button"
                          class="secondary"
                          aria-label={`${a.disabled ? t('admin_acc_enable') : t('admin_acc_disable')} ${a.username}`}
                          onClick={() => void toggle(a)}
                        >
                          {a.disabled ? t('admin_acc_enable') : t('admin_acc_disable')}
                        </button>
                      </>
                    )}
                    {!self && sec && (
                      <button
                        type="button"
                        aria-label={`${t('admin_acc_changeRoles')} ${a.username}`}
                        onClick={() => setTask({ kind: 'roles', account: a })}
                      >
                        {t('admin_acc_changeRoles')}
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {task && (
        <AccountForms
          task={task}
          onCancel={() => setTask(null)}
          onDone={(message) => done(fill(message, { name: task.account.displayName }))}
        />
      )}
    </section>
  );
}
