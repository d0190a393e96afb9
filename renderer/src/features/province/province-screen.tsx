// The province's month (issue 15, point 2): one row per district this user may open, from each
// district's own compliance report in its own zone, and the totals of those rows. A row opens
// its district.
import type { ProvinceDistrictRow } from '../../../../src/contract/districts';
import { zoneAbbreviation } from '../../../../src/domain/zones';
import { call, chooseDistrict } from '../../api';
import { useI18n } from '../../i18n';
import { ErrorBanner, Spinner } from '../../ui/components';
import { useLoad } from '../../ui/hooks';
import { SharedMonthPicker, useSelectedMonth } from '../../ui/selected-month';

function percent(value: number | null, lang: string): string {
  if (value === null) return '—';
  return `${(value * 100).toLocaleString(lang === 'id' ? 'id-ID' : 'en', { maximumFractionDigits: 1 })} %`;
}

export function ProvinceScreen() {
  const { t, lang, month: monthName } = useI18n();
  const { month } = useSelectedMonth();
  const summary = useLoad(() => call('province:summary', { month }), [month]);
  const data = summary.data;
  const cells = (row: Omit<ProvinceDistrictRow, 'districtId' | 'name' | 'timeZone'>) => (
    <>
      <td className="num">{row.puskesmasCount}</td>
      <td className="num">{row.puskesmasCompliant}</td>
      <td className="num">{row.required}</td>
      <td className="num">{row.planned}</td>
      <td className="num">{row.done}</td>
      <td className="num">{row.missed}</td>
      <td className="num">{row.cancelled}</td>
      <td className="num">{row.notLogged}</td>
      <td className="num">
        <strong>{percent(row.coverage, lang)}</strong>
      </td>
    </>
  );
  return (
    <section aria-labelledby="province-title">
      <div className="screen-head">
        <h1 id="province-title">{t(`Provinsi: ${monthName(month)}`, `Province: ${monthName(month)}`)}</h1>
        <SharedMonthPicker />
        {summary.loading ? <Spinner label={t('Memuat…', 'Loading…')} /> : null}
      </div>
      <ErrorBanner error={summary.error} />
      {data ? (
        <div className="card">
          <p className="muted small">
            {t(
              `${data.totals.districtCount} kabupaten/kota yang boleh Anda buka. Angka tiap baris dari laporan kepatuhan kabupaten/kota itu sendiri, dihitung pada tanggal hari ini di zona waktunya; cakupan = kunjungan wajib yang terlaksana / kunjungan wajib, seperti di Dasbor.`,
              `${data.totals.districtCount} districts you may open. Each row is that district's own compliance report, counted on today's date in its own zone; coverage = required visits done / visits required, as on the Dasbor.`,
            )}
          </p>
          <div className="table-wrap" tabIndex={0}>
            <table className="data" data-testid="province">
              <thead>
                <tr>
                  <th>{t('Kabupaten/kota', 'District')}</th>
                  <th>{t('Puskesmas', 'Puskesmas')}</th>
                  <th>{t('Terpenuhi', 'Fully covered')}</th>
                  <th>{t('Wajib', 'Required')}</th>
                  <th>{t('Terjadwal', 'Planned')}</th>
                  <th>{t('Terlaksana', 'Done')}</th>
                  <th>{t('Tidak terlaksana', 'Missed')}</th>
                  <th>{t('Dibatalkan', 'Cancelled')}</th>
                  <th>{t('Belum dicatat', 'Not logged')}</th>
                  <th>{t('Cakupan', 'Coverage')}</th>
                </tr>
              </thead>
              <tbody>
                {data.districts.map((row) => (
                  <tr key={row.districtId}>
                    <td>
                      <button type="button" className="link" onClick={() => chooseDistrict(row.districtId, 'jadwal')} title={t('Buka kabupaten/kota ini', 'Open this district')}>
                        {row.name}
                      </button>
                      <span className="muted small"> {zoneAbbreviation(row.timeZone)}</span>
                    </td>
                    {cells(row)}
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">{t('Jumlah', 'Total')}</th>
                  {cells(data.totals)}
                </tr>
              </tfoot>
            </table>
          </div>
        </div>
      ) : null}
    </section>
  );
}
