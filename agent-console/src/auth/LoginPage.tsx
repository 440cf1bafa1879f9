import type { LoginResponse, StaffProfile } from '@onething/shared/api/staff';
import { useState } from 'preact/hooks';
import { api } from '../api.ts';
import { useT } from '../i18n/i18n.tsx';

export function LoginPage({
  onSignedIn,
  notice = null,
}: {
  onSignedIn: (p: StaffProfile) => void;
  /** Why the previous session ended, in the reader's language (shown above the form). */
  notice?: string | null;
}) {
  const { t, tError } = useT();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const res = await api<LoginResponse>('POST', '/api/auth/login', { username, password });
      onSignedIn(res.profile);
    } catch (err) {
      setError(tError(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main class="login">
      <h1>{t('appTitle')}</h1>
      {notice && (
        <p class="session-ended" role="alert">
          {notice}
        </p>
      )}
      <form onSubmit={submit} aria-describedby={error ? 'login-error' : undefined}>
        <label>
          {t('username')}
          <input
            name="username"
            autocomplete="username"
            value={username}
            onInput={(e) => setUsername(e.currentTarget.value)}
            required
          />
        </label>
        <label>
          {t('password')}
          <input
            name="password"
            type="password"
            autocomplete="current-password"
            value={password}
            onInput={(e) => setPassword(e.currentTarget.value)}
            required
          />
        </label>
        {error && (
          <p id="login-error" class="error" role="alert">
            ⚠ {error}
          </p>
        )}
        <button type="submit" disabled={busy}>
          {busy ? t('signingIn') : t('signIn')}
        </button>
      </form>
    </main>
  );
}
