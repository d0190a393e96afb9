// Dasbor: the month at a glance. Which puskesmas still lack which visit, done vs planned per
// specialist, and which topics were taught. Charts are plain SVG and CSS.
import type { DashboardPuskesmas, DashboardReport } from '../../../../src/reports/dashboard';
import { call } from '../../api';
import { useI18n, type Translate } from '../../i18n';
import { useRefData } from '../../ref-data';
import { EmptyRow, ErrorBanner, Loading, Spinner, Swatch } from '../../ui/components';
import { useLoad } from '../../ui/hooks';
import { SharedMonthPicker, useSelectedMonth } from '../../ui/selected-month';

const STATE_COLORS: Record<DashboardPuskesmas['state'], string> = { met: '#067647', partial: '#d97706', pending: '#0e7490', none: '#b42318' };

function stateLabel(state: DashboardPuskesmas['state'], t: Translate): string {
  switch (state) {
    case 'met':
      return t('Terpenuhi', 'Met');
    case 'partial':
      return t('Sebagian', 'Partly done');
    case 'pending':
      return t('Terjadwal', 'Scheduled');
    case 'none':
      return t('Belum ada', 'Nothing yet');
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

function Kpis({ report }: { report: DashboardReport }) {
  const { t } = useI18n();
  const c = report.coverage;
  return (
    <div className="kpis">
      <div className="card kpi-ring">
        <Ring ratio={c.ratio} label={t('Cakupan kunjungan', 'Visit coverage')} />
        <div>
          <div className="kpi-title">{t('Cakupan bulan ini', 'Coverage this month')}</div>
          <div className="muted small">
            {t(`${c.done} selesai dari ${c.required} kunjungan wajib; ${c.planned} terjadwal`, `${c.done} done of ${c.required} required visits; ${c.planned} scheduled`)}
          </div>
        </div>
      </div>
      <div className="card stat">
        <div className="value">
          {c.puskesmasCompliant}/{c.puskesmasCount}
        </div>
        <div className="label">{t('Puskesmas terpenuhi', 'Puskesmas fully covered')}</div>
      </div>
      <div className="card stat">
        <div className="value" style={{ color: report.unloggedPastVisits ? 'var(--warn)' : undefined }}>
          {report.unloggedPastVisits}
        </div>
        <div className="label">{t('Kunjungan lewat belum dicatat', 'Past visits not logged')}</div>
      </div>
      <div className="card stat">
        <div className="value">{report.followups.open}</div>
        <div className="label">
          {t('Tindak lanjut terbuka', 'Open follow-ups')}
          {report.followups.overdue ? <span className="badge badge-danger"> {t(`${report.followups.overdue} lewat`, `${report.followups.overdue} overdue`)}</span> : null}
        </div>
      </div>
      <div className="card stat">
        <div className="value">{report.puskesmasWithTopicGaps}</div>
        <div className="label">{t('Puskesmas kurang topik wajib (6 bln)', 'Puskesmas missing required topics (6 mo)')}</div>
      </div>
    </div>
  );
}

function CoverageMap({ report }: { report: DashboardReport }) {
  const { t } = useI18n();
  const ref = useRefData();
  const lacking = report.puskesmas.filter((p) => p.state !== 'met').sort((a, b) => a.state.localeCompare(b.state) || a.puskesmasName.localeCompare(b.puskesmasName));
  const nameOf = (code: string) => ref.specialties.find((s) => s.code === code)?.name ?? code;
  const colorOf = (code: string) => ref.specialties.find((s) => s.code === code)?.color ?? '#999';
  return (
    <div className="card">
      <h2>{t('Cakupan per puskesmas', 'Coverage by puskesmas')}</h2>
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
      <h3>{t('Masih kurang', 'Still lacking')}</h3>
      <div className="table-wrap" style={{ maxHeight: 320 }}>
        <table className="data" data-testid="lacking">
          <thead>
            <tr>
              <th>Puskesmas</th>
              <th>{t('Kekurangan', 'Missing')}</th>
              <th>Status</th>
            </tr>
          </thead>
          <tbody>
            {lacking.map((p) => (
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
                        {nameOf(s.specialtyCode)}: {s.done}/{s.required} {t('selesai', 'done')}
                        {s.planned > s.done ? <span className="muted">, {t(`${s.planned - s.done} terjadwal`, `${s.planned - s.done} scheduled`)}</span> : null}
                      </div>
                    ))}
                </td>
                <td>
                  <span className="badge" style={{ color: STATE_COLORS[p.state] }}>
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
      </div>
    </div>
  );
}

function SpecialistBars({ report }: { report: DashboardReport }) {
  const { t } = useI18n();
  const ref = useRefData();
  const max = Math.max(1, ...report.specialists.map((s) => s.planned));
  const rows = [...report.specialists].sort((a, b) => b.planned - a.planned || a.specialistName.localeCompare(b.specialistName));
  return (
    <div className="card">
      <h2>{t('Selesai vs terjadwal per dokter', 'Done vs scheduled per specialist')}</h2>
      <div className="legend-row small">
        <span>
          <Swatch color="#0f766e" />
          {t('Selesai', 'Done')}
        </span>
        <span>
          <Swatch color="#b9dcd7" />
          {t('Terjadwal', 'Scheduled')}
        </span>
      </div>
      <div className="bars" style={{ maxHeight: 440, overflow: 'auto' }}>
        {rows.map((s) => (
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
        {rows.length === 0 ? <p className="muted">{t('Belum ada kunjungan bulan ini.', 'No visits this month yet.')}</p> : null}
      </div>
    </div>
  );
}

function TopicBars({ report }: { report: DashboardReport }) {
  const { t, lang } = useI18n();
  const total = Math.max(1, report.coverage.puskesmasCount);
  const topics = [...report.topics].sort((a, b) => Number(b.required) - Number(a.required) || b.puskesmas - a.puskesmas);
  return (
    <div className="card">
      <h2>{t('Topik yang diajarkan bulan ini', 'Topics taught this month')}</h2>
      <p className="muted small" style={{ marginTop: 0 }}>
        {t('Jumlah puskesmas yang mendapat topik itu.', 'Number of puskesmas that had the topic.')}
      </p>
      <div className="bars" style={{ maxHeight: 440, overflow: 'auto' }}>
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
      </div>
      <ErrorBanner error={loaded.error} />
      {report ? (
        <div className="stack">
          <Kpis report={report} />
          <div className="grid-2">
            <CoverageMap report={report} />
            <SpecialistBars report={report} />
          </div>
          <TopicBars report={report} />
        </div>
      ) : loaded.error ? null : (
        <Loading />
      )}
    </section>
  );
}
