import { AuthRoutes } from '@onething/contract/rest/account-routes';
import type { StaffProfile } from '@onething/contract/rest/staff';
import { useContext, useEffect, useState } from 'preact/hooks';
import { AccountsPage } from '../admin/AccountsPage.tsx';
import { AuditPage } from '../admin/AuditPage.tsx';
import { rest } from '../api.ts';
import { TerminalsPage } from '../admin/TerminalsPage.tsx';
import { ChangePasswordPage } from '../auth/ChangePasswordPage.tsx';
import { CataloguePage } from '../catalogue/CataloguePage.tsx';
import { LoginPage } from '../auth/LoginPage.tsx';
import { FleetPage } from '../fleet/FleetPage.tsx';
import { FollowUpPage } from '../follow-ups/FollowUpPage.tsx';
import { KpiPage } from '../kpis/KpiPage.tsx';
import { LangContext, useT } from '../i18n/i18n.tsx';
import type { Lang, StringKey } from '../i18n/strings.ts';
import { type EndedReason, watchSessionEnd } from '../realtime/session-end.ts';
import { closeStaffSocket } from '../realtime/staff-socket.ts';
import { SeatPage } from '../seat/SeatPage.tsx';
import { SupervisorPage } from '../supervisor/SupervisorPage.tsx';
import { WorkbenchPage } from '../workbench/WorkbenchPage.tsx';
import { type PageId, pagesFor } from './pages.ts';

export function App() {
  const [lang, setLang] = useState<Lang>('zh-CN');
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  return (
    <LangContext.Provider value={{ lang, setLang }}>
      <Root />
    </LangContext.Provider>
  );
}

function Root() {
  const [profile, setProfile] = useState<StaffProfile | null | undefined>(undefined);
  const [mustChange, setMustChange] = useState(false);
  const [ended, setEnded] = useState<EndedReason | null>(null);
  const { t } = useT();
  useEffect(() => {
    rest
      .call(AuthRoutes.me, {})
      .then((r) => {
        setMustChange(r.mustChangePassword);
        setProfile(r.profile);
      })
      .catch(() => setProfile(null));
  }, []);
  if (profile === undefined) return <p>{t('loading')}</p>;
  if (!profile) {
    return (
      <LoginPage
        notice={ended ? t(`sessionEnded_${ended}` as StringKey) : null}
        onSignedIn={(p, mustChangePassword) => {
          setEnded(null);
          setMustChange(mustChangePassword);
          setProfile(p);
        }}
      />
    );
  }
  if (mustChange) {
    return (
      <ChangePasswordPage
        profile={profile}
        onChanged={(p) => {
          setMustChange(false);
          setProfile(p);
        }}
        onSignOut={() => {
          void rest.call(AuthRoutes.logout, {}).catch(() => undefined);
          setProfile(null);
        }}
      />
    );
  }
  return (
    <Shell
      profile={profile}
      onSignedOut={(reason) => {
        setEnded(reason ?? null);
        setProfile(null);
      }}
    />
  );
}

function Shell({
  profile,
  onSignedOut,
}: {
  profile: StaffProfile;
  /** `reason` when the server ended the session; none when the person signed out. */
  onSignedOut: (reason?: EndedReason) => void;
}) {
  const { t, lang } = useT();
  const { setLang } = useContext(LangContext);
  const pages = pagesFor(profile.roles);
  const [page, setPage] = useState<PageId | undefined>(pages[0]?.id);
  // The socket lives only as long as the session: when the server ends it (logout elsewhere,
  // account disabled, role changed, expiry), the console says why and returns to sign-in.
  useEffect(
    () =>
      watchSessionEnd((reason) => {
        closeStaffSocket();
        onSignedOut(reason);
      }),
    [],
  );
  const signOut = async () => {
    // Closed first: this console's own sign-out is not news to it.
    closeStaffSocket();
    await rest.call(AuthRoutes.logout, {}).catch(() => undefined);
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
        <button type="button" onClick={() => setLang(lang === 'zh-CN' ? 'en' : 'zh-CN')}>
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
      <main>
        {page ? <Page id={page} go={setPage} profile={profile} /> : <p>{t('noAccess')}</p>}
      </main>
    </div>
  );
}

function Page({
  id,
  go,
  profile,
}: {
  id: PageId;
  go: (page: PageId) => void;
  profile: StaffProfile;
}) {
  switch (id) {
    case 'accounts':
      return <AccountsPage me={profile} />;
    case 'terminals':
      return <TerminalsPage />;
    case 'catalogue':
      return <CataloguePage />;
    case 'audit':
      return <AuditPage />;
    case 'fleet':
      return <FleetPage />;
    case 'seat':
      return <SeatPage />;
    case 'workbench':
      return <WorkbenchPage profile={profile} />;
    case 'supervisor':
      return <SupervisorPage onOpenFollowUps={() => go('followUps')} />;
    case 'followUps':
      return <FollowUpPage />;
    case 'kpis':
      return <KpiPage />;
  }
}
