// Ekspor: calendars (ICS) per specialist or for everyone, the PDF roster, Excel and CSV, and
// ready-to-send text messages, beside a preview of the month's roster.
import { useMemo, useState } from 'react';
import type { TransferFile } from '../../../../src/contract/desktop-shell';
import type { TextMessage } from '../../../../src/contract/exports';
import { firstDayOfMonth, lastDayOfMonth } from '../../../../src/domain/dates';
import { ApiError, call, printPage, saveFiles } from '../../api';
import { useI18n } from '../../i18n';
import { useRefData } from '../../ref-data';
import { ActiveSpecialistOptions, EmptyRow, ErrorBanner, Spinner, Swatch, useToast } from '../../ui/components';
import { useLoad } from '../../ui/hooks';
import { SharedMonthPicker, useSelectedMonth } from '../../ui/selected-month';
import { Icon } from '../../ui/icons';
import { useCanWrite } from '../../session';
import { MoreRows, showAllNow, usePaged } from '../../ui/long-list';

type PdfLayout = 'by-date' | 'by-puskesmas' | 'per-specialist' | 'compliance' | 'report';
type SheetKind = 'roster' | 'compliance';

function useExport() {
  const { t } = useI18n();
  const toast = useToast();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<ApiError>();
  const run = async (key: string, make: () => Promise<TransferFile[] | null>) => {
    setBusy(key);
    setError(undefined);
    try {
      const files = await make();
      if (files === null) return;
      const saved = await saveFiles(files);
      if (saved) toast(saved === 1 ? t(`Berkas ${files[0]?.fileName} disimpan.`, `File ${files[0]?.fileName} saved.`) : t(`${saved} berkas disimpan.`, `${saved} files saved.`));
      else if (files.length === 0) toast(t('Tidak ada yang perlu diekspor.', 'Nothing to export.'), 'info');
    } catch (cause) {
      setError(cause as ApiError);
    } finally {
      setBusy(null);
    }
  };
  return { busy, error, clearError: () => setError(undefined), run };
}

function ExportButton({ id, busy, onClick, children, disabled = false }: { id: string; busy: string | null; onClick: () => void; children: React.ReactNode; disabled?: boolean }) {
  return (
    <button type="button" className="primary" disabled={busy !== null || disabled} onClick={onClick}>
      {busy === id ? <span className="spinner" aria-hidden="true" /> : <Icon name="download" size={16} />}
      {children}
    </button>
  );
}

export function ExportScreen() {
  const { t, lang, month: monthName, longDate, timeRange, zone } = useI18n();
  const ref = useRefData();
  const canWrite = useCanWrite();
  const { month } = useSelectedMonth();
  const [layout, setLayout] = useState<PdfLayout>('by-date');
  const [sheet, setSheet] = useState<SheetKind>('roster');
  const [specialistId, setSpecialistId] = useState<number | null>(null);
  const [onlyChanges, setOnlyChanges] = useState(false);
  const [textTarget, setTextTarget] = useState<'specialist' | 'puskesmas'>('specialist');
  const [messages, setMessages] = useState<TextMessage[] | null>(null);
  const exporter = useExport();
  const roster = useLoad(() => call('visits:list', { from: firstDayOfMonth(month), to: lastDayOfMonth(month), includeCancelled: false }), [month]);

  const loadMessages = async () => {
    await exporter.run('text', async () => {
      const result = await call('exports:text', { month, target: textTarget });
      setMessages(result.messages);
      return null;
    });
  };

  const visits = useMemo(
    () => [...(roster.data ?? [])].sort((a, b) => a.date.localeCompare(b.date) || a.startTime.localeCompare(b.startTime) || a.puskesmasName.localeCompare(b.puskesmasName)),
    [roster.data],
  );
  const paged = usePaged(visits);
  let lastDate = '';

  return (
    <section aria-labelledby="export-title">
      <div className="screen-head">
        <h1 id="export-title">{t('Ekspor jadwal', 'Export the schedule')}</h1>
        <SharedMonthPicker />
        {exporter.busy ? <Spinner label={t('Menyiapkan berkas…', 'Preparing the file…')} /> : null}
      </div>
      <ErrorBanner error={exporter.error} onClose={exporter.clearError} />
      <div className="export-layout">
        <div className="stack no-print">
          <div className="card export-card">
            <h2>{t('Roster PDF', 'PDF roster')}</h2>
            <label className="field">
              <span className="field-label">{t('Tata letak', 'Layout')}</span>
              <select value={layout} onChange={(e) => setLayout(e.target.value as PdfLayout)} aria-label={t('Tata letak', 'Layout')}>
                <option value="by-date">{t('Per tanggal', 'By date')}</option>
                <option value="by-puskesmas">{t('Per puskesmas', 'By puskesmas')}</option>
                <option value="per-specialist">{t('Per dokter spesialis', 'Per specialist')}</option>
                <option value="compliance">{t('Laporan kepatuhan', 'Compliance report')}</option>
                <option value="report">{t('Laporan bulanan program', 'Monthly programme report')}</option>
              </select>
            </label>
            <ExportButton id="pdf" busy={exporter.busy} onClick={() => exporter.run('pdf', async () => [await call('exports:pdf', { month, layout })])}>
              {t('Unduh PDF', 'Download PDF')}
            </ExportButton>
          </div>
          <div className="card export-card">
            <h2>{t('Kalender (ICS)', 'Calendar (ICS)')}</h2>
            <label className="field">
              <span className="field-label">{t('Untuk', 'For')}</span>
              <select value={specialistId ?? ''} onChange={(e) => setSpecialistId(e.target.value ? Number(e.target.value) : null)} aria-label={t('Kalender untuk', 'Calendar for')}>
                <option value="">{t('Semua dokter (satu ZIP)', 'Every specialist (one ZIP)')}</option>
                <ActiveSpecialistOptions specialists={ref.specialists} />
              </select>
              {specialistId ? null : <span className="field-hint">{t('Satu berkas .ics per dokter, dan satu untuk seluruh kabupaten/kota.', 'One .ics file per specialist, and one for the whole district.')}</span>}
            </label>
            <label className="check">
              <input type="checkbox" checked={onlyChanges} onChange={(e) => setOnlyChanges(e.target.checked)} />
              {t('Hanya yang berubah sejak ekspor terakhir', 'Only what changed since the last export')}
            </label>
            {/* Each calendar export is recorded (what every specialist was sent): a coordinator's step. */}
            <ExportButton
              id="ics"
              disabled={!canWrite}
              busy={exporter.busy}
              onClick={() => exporter.run('ics', async () => (await call('exports:ics', { month, onlyChanges, ...(specialistId ? { specialistId } : { zip: true }) })).files)}
            >
              {t('Unduh ICS', 'Download ICS')}
            </ExportButton>
          </div>
          <div className="card export-card">
            <h2>Excel / CSV</h2>
            <label className="field">
              <span className="field-label">{t('Isi', 'Contents')}</span>
              <select value={sheet} onChange={(e) => setSheet(e.target.value as SheetKind)} aria-label={t('Isi lembar', 'Sheet contents')}>
                <option value="roster">{t('Roster kunjungan', 'Visit roster')}</option>
                <option value="compliance">{t('Kepatuhan', 'Compliance')}</option>
              </select>
            </label>
            <div className="row">
              <ExportButton id="xlsx" busy={exporter.busy} onClick={() => exporter.run('xlsx', async () => [await call('exports:xlsx', { month, kind: sheet })])}>
                Excel
              </ExportButton>
              <ExportButton id="csv" busy={exporter.busy} onClick={() => exporter.run('csv', async () => [await call('exports:csv', { month, kind: sheet })])}>
                CSV
              </ExportButton>
            </div>
          </div>
          <div className="card export-card">
            <h2>{t('Pesan WhatsApp', 'WhatsApp messages')}</h2>
            <label className="field">
              <span className="field-label">{t('Untuk', 'For')}</span>
              <select value={textTarget} onChange={(e) => setTextTarget(e.target.value as 'specialist' | 'puskesmas')} aria-label={t('Pesan untuk', 'Messages for')}>
                <option value="specialist">{t('Setiap dokter spesialis', 'Each specialist')}</option>
                <option value="puskesmas">{t('Setiap puskesmas', 'Each puskesmas')}</option>
              </select>
            </label>
            <button type="button" disabled={exporter.busy !== null} onClick={loadMessages}>
              {t('Buat pesan', 'Write messages')}
            </button>
          </div>
        </div>
        <div className="card roster-preview">
          <div className="screen-head" style={{ marginBottom: 8 }}>
            <h2 style={{ margin: 0 }}>{t(`Pratinjau roster ${monthName(month)}`, `Roster preview, ${monthName(month)}`)}</h2>
            {roster.loading ? <Spinner /> : null}
            <span className="spacer" />
            <span className="muted small">
              {visits.length} {t('kunjungan', 'visits')}
            </span>
            <button
              type="button"
              onClick={() => {
                showAllNow(paged); // the printout is the whole month
                void printPage();
              }}
            >
              <Icon name="print" size={16} />
              {t('Cetak', 'Print')}
            </button>
          </div>
          <ErrorBanner error={roster.error} />
          {messages ? (
            <div className="messages no-print">
              <div className="row">
                <h3 style={{ margin: 0 }}>{t('Pesan siap kirim', 'Messages ready to send')}</h3>
                <span className="spacer" />
                <button type="button" onClick={() => setMessages(null)}>
                  {t('Tutup', 'Close')}
                </button>
              </div>
              {messages.map((m) => (
                <details key={`${m.targetId}-${m.title}`}>
                  <summary>
                    {m.title}{' '}
                    <button type="button" className="small" onClick={() => void navigator.clipboard?.writeText(m.text)}>
                      {t('Salin', 'Copy')}
                    </button>
                  </summary>
                  <pre>{m.text}</pre>
                </details>
              ))}
              {messages.length === 0 ? <p className="muted">{t('Tidak ada kunjungan bulan ini.', 'No visits this month.')}</p> : null}
            </div>
          ) : null}
          <div className="table-wrap roster-wrap" tabIndex={0}>
          <table className="data roster" data-testid="roster-preview">
            <thead>
              <tr>
                <th>{t('Tanggal', 'Date')}</th>
                <th>{t('Jam', 'Time')}</th>
                <th>Puskesmas</th>
                <th>{t('Dokter spesialis', 'Specialist')}</th>
              </tr>
            </thead>
            <tbody>
              {paged.shown.map((v) => {
                const first = v.date !== lastDate;
                lastDate = v.date;
                return (
                  <tr key={v.id} className={first ? 'first-of-day' : undefined}>
                    <td>{first ? <strong>{longDate(v.date)}</strong> : null}</td>
                    <td className="nowrap">
                      {timeRange(v.startTime, v.endTime)}
                    </td>
                    <td>
                      {v.puskesmasName}
                      <div className="muted small">Kec. {v.kecamatan}</div>
                    </td>
                    <td>
                      <Swatch color={ref.specialtyById.get(v.specialtyId)?.color ?? '#999'} />
                      {v.specialistName}
                      <div className="muted small">{v.specialtyName}</div>
                    </td>
                  </tr>
                );
              })}
              {visits.length === 0 && !roster.loading ? (
                <EmptyRow colSpan={4}>
                  {t('Belum ada kunjungan di bulan ini. Buat jadwal dulu di layar Jadwal.', 'No visits this month yet. Plan the month on the Schedule screen first.')}
                </EmptyRow>
              ) : null}
            </tbody>
          </table>
          <MoreRows paged={paged} noun={['kunjungan', 'visits']} />
          </div>
          <p className="muted small" lang={lang}>
            {t(`Semua jam dalam ${zone} (${ref.info.timeZone}).`, `All times are ${zone} (${ref.info.timeZone}).`)}
          </p>
        </div>
      </div>
    </section>
  );
}
