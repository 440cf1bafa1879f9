import type { LoginResponse, StaffProfile } from '@onething/shared/api/staff';
import { useContext, useEffect, useState } from 'preact/hooks';
import { AccountsPage } from '../admin/AccountsPage.tsx';
import { AuditPage } from '../admin/AuditPage.tsx';
import { api } from '../api.ts';
import { LoginPage } from '../auth/LoginPage.tsx';
import { FleetPage } from '../fleet/FleetPage.tsx';
import { LangContext, useT } from '../i18n/i18n.tsx';
import type { Lang, StringKey } from '../i18n/strings.ts';
import { closeStaffSocket } from '../realtime/staff-socket.ts';
import { SeatPage } from '../seat/SeatPage.tsx';
import { SupervisorPage } from '../supervisor/SupervisorPage.tsx';
import { type PageId, pagesFor } from './pages.ts';

export function App() {
  const [lang, setLang] = useState<Lang>('zh');
  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  }, [lang]);
  return (
    <LangContext.Provider value={{ lang, setLang }}>
      <Root />
    </LangContext.Provider>
  );
}

function Root() {
  const [profile, setProfile] = useState<StaffProfile | null | undefined>(undefined);
  const { t } = useT();
  useEffect(() => {
    api<LoginResponse>('GET', '/api/auth/me')
      .then((r) => setProfile(r.profile))
      .catch(() => setProfile(null));
  }, []);
  if (profile === undefined) return <p>{t('loading')}</p>;
  if (!profile) return <LoginPage onSignedIn={setProfile} />;
  return <Shell profile={profile} onSignedOut={() => setProfile(null)} />;
}

function Shell({ profile, onSignedOut }: { profile: StaffProfile; onSignedOut: () => void }) {
  const { t, lang } = useT();
  const { setLang } = useContext(LangContext);
  const pages = pagesFor(profile.roles);
  const [page, setPage] = useState<PageId | undefined>(pages[0]?.id);
  const signOut = async () => {
    await api('POST', '/api/auth/logout').catch(() => undefined);
    closeStaffSocket();
    onSignedOut();
  };
  return (
    <div class="shell">
      <header>
        <h1>{t('appTitle')}</h1>
        <p class="who">
          {t('signedInAs')}: <strong>{profile.displayName}</strong> (
          {profile.roles.map((r) => t(`role_${r}` as StringKey)).join('、')})
        </p>
        <button type="button" onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}>
          {t('language')}
        </button>
        <button type="button" onClick={signOut}>
          {t('signOut')}
        </button>
      </header>
      <nav aria-label={t('roles')}>
        <ul>
          {pages.map((p) => (
            <li key={p.id}>
              <button
                type="button"
                aria-current={p.id === page ? 'page' : undefined}
                onClick={() => setPage(p.id)}
              >
                {t(p.label)}
              </button>
            </li>
          ))}
        </ul>
      </nav>
      <main>{page ? <Page id={page} /> : <p>{t('noAccess')}</p>}</main>
    </div>
  );
}

function Page({ id }: { id: PageId }) {
  switch (id) {
    case 'accounts':
      return <AccountsPage />;
    case 'audit':
      return <AuditPage />;
    case 'fleet':
      return <FleetPage />;
    case 'seat':
      return <SeatPage />;
    case 'supervisor':
      return <SupervisorPage />;
  }
}
