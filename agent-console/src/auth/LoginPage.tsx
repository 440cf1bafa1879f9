import { AuthRoutes } from '@onething/contract/rest/account-routes';
import type { StaffProfile } from '@onething/contract/rest/staff';
import { useContext, useState } from 'preact/hooks';
import { rest } from '../api.ts';
import { ConsoleError } from '../errors.ts';
import { LangContext, useT } from '../i18n/i18n.tsx';
import { type Lang, pick, strings } from '../i18n/strings.ts';
import { fill, formatDuration } from '../seat/format.ts';

export function LoginPage({
  onSignedIn,
  notice = null,
}: {
  /** `mustChangePassword`: an administrator set the password; the person changes it first. */
  onSignedIn: (p: StaffProfile, mustChangePassword: boolean) => void;
  /** Why the previous session ended, in the reader's language (shown above the form). */
  notice?: string | null;
}) {
  const { t, tError, lang } = useT();
  const { setLang } = useContext(LangContext);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const res = await rest.call(AuthRoutes.login, { body: { username, password } });
      onSignedIn(res.profile, res.mustChangePassword);
    } catch (err) {
      setError(waitMessage(err, lang) ?? tError(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main class="login">
      <div class="login-head">
        <h1>{t('appTitle')}</h1>
        <button
          type="button"
          lang={lang === 'zh-CN' ? 'en' : 'zh-CN'}
          onClick={() => setLang(lang === 'zh-CN' ? 'en' : 'zh-CN')}
        >
          {t('language')}
        </button>
      </div>
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

/**
 * A held-back sign-in says how long to wait, in the reader's language — never a bare "try again
 * later" that sends the person to retry at once and be held back longer.
 */
function waitMessage(err: unknown, lang: Lang): string | null {
  if (!(err instanceof ConsoleError)) return null;
  const ms = Number(err.body.details?.retryAfterMs);
  if (!Number.isFinite(ms) || ms <= 0) return null;
  const wait = formatDuration(Math.ceil(ms / 1000), lang);
  const limit = err.body.details?.limit;
  const key =
    err.body.code === 'LOGIN_BUSY'
      ? 'signInBusy'
      : err.body.code !== 'LOGIN_THROTTLED'
        ? null
        : limit === 'account'
          ? 'signInThrottledAccount'
          : limit === 'address'
            ? 'signInThrottledAddress'
            : 'signInThrottled';
  return key ? fill(pick(lang, strings[key]), { wait }) : null;
}
