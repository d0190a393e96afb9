// A specialist signed in to a shared server sees their own visits, nothing else: the server
// narrows visits:list to them and refuses the district's other lists, so this screen asks only
// for what is theirs.
import { addMonths, firstDayOfMonth, lastDayOfMonth, monthOf } from '../../../../src/domain/dates';
import { call } from '../../api';
import { DistrictZoneProvider, useI18n } from '../../i18n';
import { useSession } from '../../session';
import { EmptyRow, ErrorBanner, Loading } from '../../ui/components';
import { useLoad } from '../../ui/hooks';
import { statusLabel } from '../calendar/visit-details';

const MONTHS_AHEAD = 3;

export function SpecialistScreen() {
  const loaded = useLoad(async () => {
    const info = await call('app:info', {});
    const month = monthOf(info.today);
    const visits = await call('visits:list', { from: firstDayOfMonth(month), to: lastDayOfMonth(addMonths(month, MONTHS_AHEAD)) });
    return { info, visits };
  }, []);
  if (loaded.error) return <ErrorBanner error={loaded.error} />;
  if (!loaded.data) return <Loading />;
  return (
    <DistrictZoneProvider value={loaded.data.info.timeZone}>
      <OwnVisits today={loaded.data.info.today} visits={loaded.data.visits} />
    </DistrictZoneProvider>
  );
}

function OwnVisits({ today, visits }: { today: string; visits: Awaited<ReturnType<typeof call<'visits:list'>>> }) {
  const { t, lang, setLang, longDate, timeRange, zone } = useI18n();
  const { user, signOut } = useSession();
  return (
    <main className="login own-visits" aria-labelledby="own-title">
      <section className="card own-card">
        <div className="screen-head">
          <h1 id="own-title">{t('Kunjungan saya', 'My visits')}</h1>
          <span className="muted small">{t(`Jam dalam ${zone}`, `Times in ${zone}`)}</span>
          <span className="spacer" />
          <span className="muted">{user?.displayName}</span>
          <button type="button" onClick={() => void signOut()}>
            {t('Keluar', 'Sign out')}
          </button>
        </div>
        <p className="muted small" style={{ marginTop: 0 }}>
          {t(`Dari bulan ini sampai ${MONTHS_AHEAD} bulan ke depan. Untuk kalender di ponsel, minta tautan kalender langganan kepada koordinator.`, `From this month to ${MONTHS_AHEAD} months ahead. For a calendar on your phone, ask the coordinator for a calendar subscription link.`)}
        </p>
        <div className="table-wrap">
          <table className="data">
            <thead>
              <tr>
                <th>{t('Tanggal', 'Date')}</th>
                <th>{t('Waktu', 'Time')}</th>
                <th>Puskesmas</th>
                <th>Status</th>
              </tr>
            </thead>
            <tbody>
              {visits.map((visit) => (
                <tr key={visit.id} className={visit.date < today || visit.status === 'cancelled' ? 'inactive' : undefined}>
                  <td>{longDate(visit.date)}</td>
                  <td>{timeRange(visit.startTime, visit.endTime)}</td>
                  <td>
                    {visit.puskesmasName}
                    {visit.kecamatan ? ` · Kec. ${visit.kecamatan}` : ''}
                  </td>
                  <td>{statusLabel(visit.status, t)}</td>
                </tr>
              ))}
              {visits.length === 0 ? <EmptyRow colSpan={4}>{t('Belum ada kunjungan terjadwal.', 'No visits scheduled yet.')}</EmptyRow> : null}
            </tbody>
          </table>
        </div>
        <div className="lang-switch login-lang" role="group" aria-label={t('Bahasa', 'Language')}>
          <button type="button" className={lang === 'id' ? 'active' : ''} onClick={() => setLang('id')} aria-pressed={lang === 'id'}>
            ID
          </button>
          <button type="button" className={lang === 'en' ? 'active' : ''} onClick={() => setLang('en')} aria-pressed={lang === 'en'}>
            EN
          </button>
        </div>
      </section>
    </main>
  );
}
