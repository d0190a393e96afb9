// Calendar subscription links (issue 15): a coordinator makes one per specialist, or one for the
// whole district, and sends it; Google, Outlook and Apple Calendar then follow every change and
// cancellation. The address is shown once, right after it is made (only its hash is stored).
import { useState } from 'react';
import type { NewCalendarFeed } from '../../../../src/contract/accounts';
import { ApiError, call } from '../../api';
import { useI18n } from '../../i18n';
import { useRefData } from '../../ref-data';
import { ActiveSpecialistOptions, EmptyRow, ErrorBanner, Spinner, useToast } from '../../ui/components';
import { useConfirm } from '../../ui/confirm';
import { useLoad } from '../../ui/hooks';
import { todayIn } from '../../../../src/domain/dates';

function addressOf(feed: NewCalendarFeed): string {
  return new URL(`.${feed.path}`, window.location.href).toString();
}

export function FeedsPanel() {
  const { t, date } = useI18n();
  const ref = useRefData();
  const toast = useToast();
  const confirm = useConfirm();
  const loaded = useLoad(() => call('feeds:list', {}), []);
  const [specialistId, setSpecialistId] = useState<number | null>(null);
  const [made, setMade] = useState<NewCalendarFeed | null>(null);
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  const whose = (id: number | null, name: string | null) => (id === null ? t('Seluruh kabupaten', 'The whole district') : (name ?? `#${id}`));

  const make = async () => {
    setBusy(true);
    setError(undefined);
    try {
      setMade(await call('feeds:create', { specialistId }));
      loaded.reload();
    } catch (cause) {
      setError(cause as ApiError);
    } finally {
      setBusy(false);
    }
  };

  const revoke = async (id: number, name: string) => {
    const ok = await confirm({
      title: t('Cabut tautan kalender', 'Revoke the calendar link'),
      question: t(`Cabut tautan kalender ${name}? Kalender yang berlangganan tidak lagi menerima jadwal.`, `Revoke the calendar link of ${name}? Subscribed calendars stop receiving the schedule.`),
      confirmLabel: t('Cabut', 'Revoke'),
      danger: true,
    });
    if (!ok) return;
    try {
      await call('feeds:revoke', { id });
      if (made?.id === id) setMade(null);
      toast(t('Tautan dicabut.', 'Link revoked.'));
      loaded.reload();
    } catch (cause) {
      setError(cause as ApiError);
    }
  };

  return (
    <div className="card" style={{ maxWidth: 980 }}>
      <p className="muted" style={{ marginTop: 0 }}>
        {t(
          'Tautan pribadi untuk berlangganan jadwal di Google, Outlook atau Apple Calendar: perubahan dan pembatalan ikut dengan sendirinya. Siapa pun yang memegang tautan bisa melihat jadwalnya; cabut tautan yang bocor lalu buat yang baru.',
          'Private links to subscribe to the schedule in Google, Outlook or Apple Calendar: changes and cancellations follow by themselves. Anyone holding a link can see its schedule; revoke a leaked link and make a new one.',
        )}
      </p>
      <div className="row feed-make">
        <label className="field">
          <span className="field-label">{t('Untuk', 'For')}</span>
          <select value={specialistId ?? ''} onChange={(e) => setSpecialistId(e.target.value ? Number(e.target.value) : null)}>
            <option value="">{t('Seluruh kabupaten', 'The whole district')}</option>
            <ActiveSpecialistOptions specialists={ref.specialists} />
          </select>
        </label>
        <button type="button" className="primary" disabled={busy} onClick={() => void make()}>
          {t('Buat tautan kalender', 'Make a calendar link')}
        </button>
        {busy || loaded.loading ? <Spinner /> : null}
      </div>
      <ErrorBanner error={loaded.error ?? error} onClose={() => setError(undefined)} />
      {made ? (
        <div className="banner banner-info" role="status">
          <span>
            {t(`Tautan untuk ${whose(made.specialistId, made.specialistName)} (hanya ditampilkan sekarang):`, `Link for ${whose(made.specialistId, made.specialistName)} (shown only now):`)}{' '}
            <code className="feed-address">{addressOf(made)}</code>
          </span>
          <button type="button" onClick={() => void navigator.clipboard?.writeText(addressOf(made)).then(() => toast(t('Tautan disalin.', 'Link copied.')))}>
            {t('Salin', 'Copy')}
          </button>
        </div>
      ) : null}
      <div className="table-wrap">
        <table className="data">
          <thead>
            <tr>
              <th>{t('Untuk', 'For')}</th>
              <th>{t('Dibuat', 'Made')}</th>
              <th aria-label={t('Tindakan', 'Actions')} />
            </tr>
          </thead>
          <tbody>
            {(loaded.data ?? []).map((feed) => (
              <tr key={feed.id}>
                <td>{whose(feed.specialistId, feed.specialistName)}</td>
                <td>{date(todayIn(ref.info.timeZone, new Date(feed.createdAt)))}</td>
                <td className="num">
                  <button type="button" className="danger" onClick={() => void revoke(feed.id, whose(feed.specialistId, feed.specialistName))}>
                    {t('Cabut', 'Revoke')}
                  </button>
                </td>
              </tr>
            ))}
            {loaded.data?.length === 0 ? <EmptyRow colSpan={3}>{t('Belum ada tautan kalender.', 'No calendar links yet.')}</EmptyRow> : null}
          </tbody>
        </table>
      </div>
    </div>
  );
}
