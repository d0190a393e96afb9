// Dasbor: the month at a glance. Which puskesmas still lack which visit, done vs planned per
// specialist, and which topics were taught. Charts are plain SVG and CSS.
import { useState, type ReactNode } from 'react';
import type { DashboardPuskesmas, DashboardReport } from '../../../../src/reports/dashboard';
import { ApiError, call, saveFiles } from '../../api';
import { useI18n, type Translate } from '../../i18n';
import { useRefData } from '../../ref-data';
import { EmptyRow, ErrorBanner, Loading, Spinner, Swatch, useToast } from '../../ui/components';
import { Icon } from '../../ui/icons';
import { DistrictMap } from './district-map';
import { useLoad } from '../../ui/hooks';
import { SharedMonthPicker, useSelectedMonth } from '../../ui/selected-month';
import { MoreRows, usePaged, WhenNear } from '../../ui/long-list';

const STATE_COLORS: Record<DashboardPuskesmas['state'], string> = { met: '#067647', partial: '#d97706', pending: '#0e7490', none: '#b42318' };
/** The same states as text on a grey badge: the amber darkened to keep 4.5:1. */
const STATE_TEXT_COLORS: Record<DashboardPuskesmas['state'], string> = { ...STATE_COLORS, partial: '#92400e' };

function stateLabel(state: DashboardPuskesmas['state'], t: Translate): string {
  switch (state) {
    case 'met':
      return t('Terpenuhi', 'Met');
    case 'partial':
      return t('Sebagian', 'Partly done');
    case 'pending':
      return t('Menunggu kunjungan', 'Visits to come');
    case 'none':
      return t('Belum terlaksana', 'Not done');
  }
}

/** A ring showing a share, drawn with one SVG circle. */
function Ring({ ratio, label }: { ratio: number; label: string }) {
  const radius = 34;
  const circumference = 2 * Math.PI * radius;
  const clamped = Math.max(0, Math.min(1, ratio));
  return (
    <svg width="92" height="92" viewBox="0 0 92 92" role="img" aria-label={label}>
      <circle cx="46" cy="46" r={radius} fill="none" stroke="#e7ecf0" strokeWidth="10" />
      {clamped > 0 ? <circle cx="46" cy="46" r={radius} fill="none" stroke="#0f766e" strokeWidth="10" strokeLinecap="round" strokeDasharray={`${clamped * circumference} ${circumference}`} transform="rotate(-90 46 46)" /> : null}
      <text x="46" y="51" textAnchor="middle" fontSize="17" fontWeight="650" fill="#1d2733">
        {Math.round(clamped * 100)}%
      </text>
    </svg>
  );
}

/** A figure card that opens the list behind it; the link is named by its figure, then where it leads. */
function KpiLink({ href, children, label }: { href: string; children: ReactNode; label: string }) {
  return (
    <a className="card stat stat-link" href={href}>
      {children}
      <span className="sr-only">{label}</span>
    </a>
  );
}

function Kpis({ report }: { report: DashboardReport }) {
  const { t, month } = useI18n();
  const c = report.coverage;
  const monthName = month(report.month);
  return (
    <div className="kpis">
      <a className="card kpi-ring stat-link" href="#lacking">
        <Ring ratio={c.ratio} label={t('Cakupan kunjungan', 'Visit coverage')} />
        <div>
          <div className="kpi-title">{t(`Cakupan ${monthName}`, `Coverage ${monthName}`)}</div>
          <div className="muted small">
            {t(`${c.done} terlaksana dari ${c.required} kunjungan wajib; ${c.planned} direncanakan`, `${c.done} done of ${c.required} required visits; ${c.planned} planned`)}
          </div>
        </div>
        <span className="sr-only">{t('Lihat puskesmas yang masih kurang', 'See puskesmas still lacking')}</span>
      </a>
      <KpiLink href="#lacking" label={t('Lihat puskesmas yang masih kurang', 'See puskesmas still lacking')}>
        <div className="value">
          {c.puskesmasCompliant}/{c.puskesmasCount}
        </div>
        <div className="label">{t(`Puskesmas terpenuhi, ${monthName}`, `Puskesmas fully covered, ${monthName}`)}</div>
      </KpiLink>
      <KpiLink href="#/kunjungan/tertunda" label={t('Buka daftar kunjungan yang belum dicatat', 'Open the list of visits not logged')}>
        <div className="value" style={{ color: report.unloggedPastVisits ? 'var(--warn)' : undefined }}>
          {report.unloggedPastVisits}
        </div>
        <div className="label">{t('Kunjungan lewat belum dicatat (12 bulan)', 'Past visits not logged (12 months)')}</div>
      </KpiLink>
      <KpiLink href="#followups" label={t('Lihat tindak lanjut', 'See follow-ups')}>
        <div className="value">{report.followups.open}</div>
        <div className="label">
          {t('Tindak lanjut terbuka (hari ini)', 'Open follow-ups (today)')}
          {report.followups.overdue ? <span className="badge badge-danger"> {t(`${report.followups.overdue} lewat`, `${report.followups.overdue} overdue`)}</span> : null}
        </div>
      </KpiLink>
      <KpiLink href="#topics" label={t('Lihat topik yang diajarkan', 'See topics taught')}>
        <div className="value">{report.puskesmasWithTopicGaps}</div>
        <div className="label">{t('Puskesmas kurang topik wajib (6 bulan s.d. ' + monthName + ')', `Puskesmas missing required topics (6 months to ${monthName})`)}</div>
      </KpiLink>
    </div>
  );
}

function CoverageMap({ report }: { report: DashboardReport }) {
  const { t, month } = useI18n();
  const ref = useRefData();
  const lacking = report.puskesmas.filter((p) => p.state !== 'met').sort((a, b) => a.state.localeCompare(b.state) || a.puskesmasName.localeCompare(b.puskesmasName));
  const nameOf = (code: string) => ref.specialties.find((s) => s.code === code)?.name ?? code;
  const colorOf = (code: string) => ref.specialties.find((s) => s.code === code)?.color ?? '#999';
  const paged = usePaged(lacking);
  return (
    <div className="card">
      <h2>{t(`Cakupan per puskesmas, ${month(report.month)}`, `Coverage by puskesmas, ${month(report.month)}`)}</h2>
      <div className="tile-grid" role="list">
        {report.puskesmas.map((p) => (
          <span
            key={p.puskesmasId}
            role="listitem"
            className="tile"
            style={{ background: STATE_COLORS[p.state] }}
            title={`${p.puskesmasName}: ${stateLabel(p.state, t)} (${p.done}/${p.required})`}
            aria-label={`${p.puskesmasName}: ${stateLabel(p.state, t)}`}
          />
        ))}
      </div>
      <div className="legend-row small">
        {(['met', 'partial', 'pending', 'none'] as const).map((state) => (
          <span key={state}>
            <Swatch color={STATE_COLORS[state]} />
            {stateLabel(state, t)} ({report.puskesmas.filter((p) => p.state === state).length})
          </span>
        ))}
      </div>
      <h3 id="lacking" tabIndex={-1}>{t('Masih kurang', 'Still lacking')}</h3>
      <div className="table-wrap" style={{ maxHeight: 320 }} tabIndex={0}>
        <table className="data" data-testid="lacking">
          <thead>
            <tr>
              <th>Puskesmas</th>
              <th>{t('Kekurangan', 'Missing')}</th>
              <th>Status</th>
            </tr>
          </thead>
          <tbody>
            {paged.shown.map((p) => (
              <tr key={p.puskesmasId}>
                <td>
                  <strong>{p.puskesmasName}</strong>
                  <div className="muted small">Kec. {p.kecamatan}</div>
                </td>
                <td>
                  {p.bySpecialty
                    .filter((s) => s.done < s.required)
                    .map((s) => (
                      <div key={s.specialtyCode}>
                        <Swatch color={colorOf(s.specialtyCode)} />
                        {nameOf(s.specialtyCode)}: {s.done}/{s.required} {t('terlaksana', 'done')}
                        {s.planned > s.done ? <span className="muted">, {t(`${s.planned - s.done} direncanakan`, `${s.planned - s.done} planned`)}</span> : null}
                      </div>
                    ))}
                </td>
                <td>
                  <span className="badge" style={{ color: STATE_TEXT_COLORS[p.state] }}>
                    {stateLabel(p.state, t)}
                  </span>
                </td>
              </tr>
            ))}
            {lacking.length === 0 ? (
              <EmptyRow colSpan={3}>
                {t('Semua puskesmas terpenuhi.', 'Every puskesmas is covered.')}
              </EmptyRow>
            ) : null}
          </tbody>
        </table>
        <MoreRows paged={paged} noun={['puskesmas', 'puskesmas']} />
      </div>
    </div>
  );
}

function SpecialistBars({ report }: { report: DashboardReport }) {
  const { t, month } = useI18n();
  const ref = useRefData();
  const max = Math.max(1, ...report.specialists.map((s) => s.planned));
  const rows = [...report.specialists].sort((a, b) => b.planned - a.planned || a.specialistName.localeCompare(b.specialistName));
  const paged = usePaged(rows);
  return (
    <div className="card">
      <h2>{t(`Terlaksana dan direncanakan per dokter, ${month(report.month)}`, `Done and planned per specialist, ${month(report.month)}`)}</h2>
      <div className="legend-row small">
        <span>
          <Swatch color="#0f766e" />
          {t('Terlaksana', 'Done')}
        </span>
        <span>
          <Swatch color="#b9dcd7" />
          {t('Direncanakan', 'Planned')}
        </span>
      </div>
      <div className="bars" style={{ maxHeight: 440, overflow: 'auto' }} tabIndex={0}>
        {paged.shown.map((s) => (
          <div key={s.specialistId} className="bar-row" title={`${s.specialistName}: ${s.done}/${s.planned}`}>
            <span className="bar-label">
              <Swatch color={ref.specialties.find((sp) => sp.code === s.specialtyCode)?.color ?? '#999'} />
              {s.specialistName}
            </span>
            <span className="bar-track">
              <span className="bar-planned" style={{ width: `${(s.planned / max) * 100}%` }} />
              <span className="bar-done" style={{ width: `${(s.done / max) * 100}%` }} />
            </span>
            <span className="num small">
              {s.done}/{s.planned}
            </span>
          </div>
        ))}
        {rows.length === 0 ? <p className="muted">{t(`Belum ada kunjungan pada ${month(report.month)}.`, `No visits in ${month(report.month)} yet.`)}</p> : null}
        <MoreRows paged={paged} noun={['dokter', 'specialists']} />
      </div>
    </div>
  );
}

function TopicBars({ report }: { report: DashboardReport }) {
  const { t, lang, month } = useI18n();
  const total = Math.max(1, report.coverage.puskesmasCount);
  const topics = [...report.topics].sort((a, b) => Number(b.required) - Number(a.required) || b.puskesmas - a.puskesmas);
  return (
    <div className="card">
      <h2 id="topics" tabIndex={-1}>{t(`Topik yang diajarkan, ${month(report.month)}`, `Topics taught, ${month(report.month)}`)}</h2>
      <p className="muted small" style={{ marginTop: 0 }}>
        {t('Jumlah puskesmas yang mendapat topik itu.', 'Number of puskesmas that had the topic.')}
      </p>
      <div className="bars" style={{ maxHeight: 440, overflow: 'auto' }} tabIndex={0}>
        {topics.map((topic) => (
          <div key={topic.topicId} className="bar-row">
            <span className="bar-label">
              {lang === 'id' ? topic.nameId : topic.nameEn} {topic.required ? <span className="badge badge-accent">{t('wajib', 'required')}</span> : null}
            </span>
            <span className="bar-track">
              <span className="bar-done" style={{ width: `${(topic.puskesmas / total) * 100}%` }} />
            </span>
            <span className="num small">{topic.puskesmas}</span>
          </div>
        ))}
      </div>
    </div>
  );
}

/** Open follow-ups, overdue first: the list behind the Dasbor's follow-up card. */
function OpenFollowups() {
  const { t, date } = useI18n();
  const loaded = useLoad(() => call('reports:followups', { status: 'open', limit: 50 }), []);
  const report = loaded.data;
  return (
    <div className="card">
      <h2 id="followups" tabIndex={-1}>
        {t('Tindak lanjut terbuka', 'Open follow-ups')}
      </h2>
      <ErrorBanner error={loaded.error} />
      <div className="table-wrap" style={{ maxHeight: 320 }} tabIndex={0}>
        <table className="data">
          <thead>
            <tr>
              <th>{t('Tenggat', 'Due')}</th>
              <th>Puskesmas</th>
              <th>{t('Tindakan', 'Action')}</th>
              <th>{t('Penanggung jawab', 'Owner')}</th>
            </tr>
          </thead>
          <tbody>
            {report?.rows.map((f) => (
              <tr key={f.id}>
                <td>
                  {date(f.dueDate)}
                  {f.overdue ? <span className="badge badge-danger"> {t(`lewat ${f.daysOverdue} hari`, `${f.daysOverdue} days overdue`)}</span> : null}
                </td>
                <td>{f.puskesmasName}</td>
                <td>{f.action}</td>
                <td>{f.owner}</td>
              </tr>
            ))}
            {report && report.rows.length === 0 ? <EmptyRow colSpan={4}>{t('Tidak ada tindak lanjut yang terbuka.', 'No open follow-ups.')}</EmptyRow> : null}
          </tbody>
        </table>
      </div>
      {report?.truncated ? <p className="muted small">{t(`Menampilkan 50 dari ${report.counts.open}.`, `Showing 50 of ${report.counts.open}.`)}</p> : null}
    </div>
  );
}

/** The monthly programme report (PDF) for the Kepala Dinas, saved like any export. */
function PrintReportButton({ month }: { month: string }) {
  const { t } = useI18n();
  const toast = useToast();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const print = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const file = await call('exports:pdf', { month, layout: 'report' });
      if (await saveFiles([file])) toast(t(`Berkas ${file.fileName} disimpan.`, `File ${file.fileName} saved.`));
    } catch (cause) {
      setError(cause as ApiError);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <button type="button" className="btn" onClick={() => void print()} disabled={busy}>
        {busy ? <span className="spinner" aria-hidden="true" /> : <Icon name="download" size={16} />} {t('Cetak laporan bulanan', 'Print monthly report')}
      </button>
      <ErrorBanner error={error} onClose={() => setError(undefined)} />
    </>
  );
}

export function DashboardScreen() {
  const { t } = useI18n();
  const { month } = useSelectedMonth();
  const loaded = useLoad(() => call('reports:dashboard', { month }), [month]);
  const report = loaded.data;
  return (
    <section aria-labelledby="dash-title">
      <div className="screen-head">
        <h1 id="dash-title">{t('Dasbor', 'Dashboard')}</h1>
        <SharedMonthPicker />
        {loaded.loading ? <Spinner /> : null}
        <PrintReportButton month={month} />
      </div>
      <ErrorBanner error={loaded.error} />
      {report ? (
        <div className="stack">
          <Kpis report={report} />
          <div className="grid-2">
            <CoverageMap report={report} />
            <SpecialistBars report={report} />
          </div>
          {/* Below the fold: a province's map is thousands of shapes, drawn when scrolled near. */}
          <WhenNear minHeight={560}>
            <DistrictMap coverage={report.puskesmas} month={report.month} />
          </WhenNear>
          <div className="grid-2">
            <TopicBars report={report} />
            <OpenFollowups />
          </div>
        </div>
      ) : loaded.error ? null : (
        <Loading />
      )}
    </section>
  );
}
