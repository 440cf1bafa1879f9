import { AuthRoutes } from '@onething/contract/rest/account-routes';
import type { StaffProfile } from '@onething/contract/rest/staff';
import { useContext, useState } from 'preact/hooks';
import { rest } from '../api.ts';
import { LangContext, useT } from '../i18n/i18n.tsx';

/**
 * After an administrator set the password (a new account, a reset), the server opens nothing
 * but this change until it is done; the console asks for it before anything else.
 */
export function ChangePasswordPage({
  profile,
  onChanged,
  onSignOut,
}: {
  profile: StaffProfile;
  onChanged: (p: StaffProfile) => void;
  onSignOut: () => void;
}) {
  const { t, tError, lang } = useT();
  const { setLang } = useContext(LangContext);
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    if (next !== repeat) {
      setError(t('admin_pw_mismatch'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const res = await rest.call(AuthRoutes.changePassword, { body: { current, next } });
      onChanged(res.profile);
    } catch (err) {
      setError(tError(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <main class="login">
      <div class="login-head">
        <h1>{t('admin_pw_title')}</h1>
        <button
          type="button"
          lang={lang === 'zh-CN' ? 'en' : 'zh-CN'}
          onClick={() => setLang(lang === 'zh-CN' ? 'en' : 'zh-CN')}
        >
          {t('language')}
        </button>
      </div>
      <p>
        {t('signedInAs')}: <strong>{profile.displayName}</strong>
      </p>
      <p>{t('admin_pw_why')}</p>
      <form onSubmit={submit} aria-describedby={error ? 'pw-error' : undefined}>
        <input
          type="text"
          name="username"
          autocomplete="username"
          value={profile.username}
          hidden
          readOnly
        />
        <label>
          {t('admin_pw_current')}
          <input
            type="password"
            autocomplete="current-password"
            value={current}
            onInput={(e) => setCurrent(e.currentTarget.value)}
            required
          />
        </label>
        <label>
          {t('admin_pw_next')}
          <input
            type="password"
            autocomplete="new-password"
            minLength={10}
            value={next}
            onInput={(e) => setNext(e.currentTarget.value)}
            required
          />
        </label>
        <label>
          {t('admin_pw_repeat')}
          <input
            type="password"
            autocomplete="new-password"
            minLength={10}
            value={repeat}
            onInput={(e) => setRepeat(e.currentTarget.value)}
            required
          />
        </label>
        {error && (
          <p id="pw-error" class="error" role="alert">
            ⚠ {error}
          </p>
        )}
        <button type="submit" disabled={busy}>
          {t('admin_pw_submit')}
        </button>
        <button type="button" class="secondary" onClick={onSignOut}>
          {t('signOut')}
        </button>
      </form>
    </main>
  );
}
