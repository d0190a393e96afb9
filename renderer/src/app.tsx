// The window: a side navigation, the language switch and the current screen.
import { useEffect, useState, type ReactNode } from 'react';
import { CalendarScreen } from './features/calendar/calendar-screen';
import { DashboardScreen } from './features/dashboard/dashboard-screen';
import { ExportScreen } from './features/export/export-screen';
import { MasterDataScreen } from './features/master-data/master-data-screen';
import { UpdateNotice } from './features/updates/update-notice';
import { SetupScreen } from './features/setup/setup-screen';
import { VisitLogScreen } from './features/visit-log/visit-log-screen';
import { LoginScreen } from './features/login/login-screen';
import { DistrictsProvider, DistrictSwitcher, useDistricts } from './features/province/districts';
import { ProvinceScreen } from './features/province/province-screen';
import { SpecialistScreen } from './features/login/specialist-screen';
import { I18nProvider, useI18n } from './i18n';
import { RefDataProvider, useRefData } from './ref-data';
import { Loading, ToastProvider } from './ui/components';
import { Icon, type IconName } from './ui/icons';
import { SelectedMonthProvider } from './ui/selected-month';
import { ConfirmProvider } from './ui/confirm';
import { UndoHistory } from './ui/undo';
import { StaleNotice } from './ui/stale';
import { ROLE_NAMES, SessionProvider, useCanWrite, useSession } from './session';

export type ScreenId = 'jadwal' | 'dasbor' | 'kunjungan' | 'data' | 'ekspor' | 'provinsi';

const SCREENS: { id: ScreenId; icon: IconName; labelId: string; en: string; key: string }[] = [
  { id: 'jadwal', icon: 'calendar', labelId: 'Jadwal', en: 'Schedule', key: '1' },
  { id: 'dasbor', icon: 'chart', labelId: 'Dasbor', en: 'Dashboard', key: '2' },
  { id: 'kunjungan', icon: 'clipboard', labelId: 'Catatan kunjungan', en: 'Visit log', key: '3' },
  { id: 'data', icon: 'database', labelId: 'Data master', en: 'Master data', key: '4' },
  { id: 'ekspor', icon: 'download', labelId: 'Ekspor', en: 'Export', key: '5' },
  // Only where the user may open more than one district (see visibleScreens).
  { id: 'provinsi', icon: 'chart', labelId: 'Provinsi', en: 'Province', key: '6' },
];

/** The province's screen only where there is more than one district to add up. */
function visibleScreens(districtCount: number) {
  return SCREENS.filter((s) => s.id !== 'provinsi' || districtCount > 1);
}

function screenFromHash(): ScreenId {
  const name = window.location.hash.replace(/^#\/?/, '').split('/')[0];
  return SCREENS.some((s) => s.id === name) ? (name as ScreenId) : 'jadwal';
}

/** Who is signed in on a shared server, and the way out. Nothing without accounts. */
function SessionBox() {
  const { t, lang } = useI18n();
  const { accountsRequired, user, signOut } = useSession();
  const canWrite = useCanWrite();
  if (!accountsRequired || !user) return null;
  const [roleId, roleEn] = ROLE_NAMES[user.role];
  return (
    <div className="session-box" aria-label={t('Akun', 'Account')} role="group">
      <span className="session-name">{user.displayName}</span>
      <span className="session-role">
        {user.login} · {lang === 'id' ? roleId : roleEn}
      </span>
      {canWrite ? null : (
        <span className="read-only-note" role="note">
          {t('Hanya lihat: perubahan tidak tersedia untuk peran ini.', 'Read only: changes are not available to this role.')}
        </span>
      )}
      <button type="button" className="history-button" onClick={() => void signOut()}>
        {t('Keluar', 'Sign out')}
      </button>
    </div>
  );
}

function Shell() {
  const { t, lang, setLang, longDate } = useI18n();
  const canWrite = useCanWrite();
  const ref = useRefData();
  const [screen, setScreen] = useState<ScreenId>(screenFromHash);
  const [historyOpen, setHistoryOpen] = useState(false);
  const screens = visibleScreens(useDistricts().length);
  useEffect(() => {
    const onHash = () => setScreen(screenFromHash());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  useEffect(() => {
    // Alt+1..5 jumps between screens without the mouse.
    const onKey = (event: KeyboardEvent) => {
      if (!event.altKey) return;
      const target = SCREENS.find((s) => s.key === event.key);
      if (target) {
        event.preventDefault();
        window.location.hash = `#/${target.id}`;
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  useEffect(() => {
    const current = SCREENS.find((s) => s.id === screen);
    document.title = `${current ? (lang === 'id' ? current.labelId : current.en) : ''} · Asuhan`;
  }, [screen, lang]);

  // A blank database knows no district: nothing else opens before the setup.
  if (ref.info.setup.needed) {
    if (canWrite) return <SetupScreen />;
    return (
      <div className="fatal" role="alert">
        <h1>Asuhan</h1>
        <p>{t('Data kabupaten belum diisi. Minta koordinator atau admin mengisinya dulu.', 'The district is not set up yet. Ask a coordinator or an admin to set it up first.')}</p>
      </div>
    );
  }

  let body: ReactNode;
  switch (screen) {
    case 'jadwal':
      body = <CalendarScreen />;
      break;
    case 'dasbor':
      body = <DashboardScreen />;
      break;
    case 'kunjungan':
      body = <VisitLogScreen />;
      break;
    case 'data':
      body = <MasterDataScreen />;
      break;
    case 'ekspor':
      body = <ExportScreen />;
      break;
    case 'provinsi':
      body = <ProvinceScreen />;
      break;
  }

  return (
    <SelectedMonthProvider today={ref.info.today}>
    <div className="shell">
      <nav className="sidebar" aria-label={t('Navigasi utama', 'Main navigation')}>
        <div className="brand">
          <img src="./favicon.png" alt="" width={32} height={32} />
          <div>
            <div className="brand-name">Asuhan</div>
            <div className="brand-sub">{t('Jadwal dokter spesialis', 'Specialist visit planner')}</div>
          </div>
        </div>
        <DistrictSwitcher />
        <ul>
          {screens.map((s) => (
            <li key={s.id}>
              <a href={`#/${s.id}`} className={s.id === screen ? 'nav-item active' : 'nav-item'} aria-current={s.id === screen ? 'page' : undefined} title={`Alt+${s.key}`}>
                <Icon name={s.icon} />
                {lang === 'id' ? s.labelId : s.en}
              </a>
            </li>
          ))}
        </ul>
        <div className="sidebar-foot">
          <UpdateNotice />
          <SessionBox />
          {canWrite ? (
            <button type="button" className="history-button" onClick={() => setHistoryOpen(true)}>
              {t('Riwayat perubahan', 'Change history')}
            </button>
          ) : null}
          {historyOpen ? <UndoHistory onClose={() => setHistoryOpen(false)} /> : null}
          <div className="lang-switch" role="group" aria-label={t('Bahasa', 'Language')}>
            <button type="button" className={lang === 'id' ? 'active' : ''} onClick={() => setLang('id')} aria-pressed={lang === 'id'}>
              ID
            </button>
            <button type="button" className={lang === 'en' ? 'active' : ''} onClick={() => setLang('en')} aria-pressed={lang === 'en'}>
              EN
            </button>
          </div>
          <div className="muted small">
            {longDate(ref.info.today)}
            <br />v{ref.info.version}
          </div>
        </div>
      </nav>
      <main className="content">{body}</main>
    </div>
    </SelectedMonthProvider>
  );
}

/** A specialist gets their own visits; everyone else the district's screens. */
function Screens() {
  const { user } = useSession();
  if (user?.role === 'specialist') {
    return (
      <DistrictsProvider fallback={<Loading />}>
        <SpecialistScreen />
      </DistrictsProvider>
    );
  }
  return (
    <DistrictsProvider fallback={<Loading />}>
    <RefDataProvider
      fallback={(error) =>
        error ? (
          <div className="fatal" role="alert">
            <h1>Asuhan</h1>
            <p>{error}</p>
          </div>
        ) : (
          <Loading />
        )
      }
    >
      <Shell />
    </RefDataProvider>
    </DistrictsProvider>
  );
}

export function App() {
  return (
    <I18nProvider>
      <ToastProvider>
        <StaleNotice />
        <ConfirmProvider>
        <SessionProvider loading={<Loading />} signIn={<LoginScreen />}>
          <Screens />
        </SessionProvider>
        </ConfirmProvider>
      </ToastProvider>
    </I18nProvider>
  );
}
