// A map of the district drawn from the coordinates alone, so it works offline: puskesmas and
// hospitals at their positions, adoption lines from each specialist's hospital, puskesmas marked
// by the month's coverage (shape and colour), the reach of backup cover, and the records without
// a position listed beside it.
import { useMemo } from 'react';
import type { DashboardPuskesmas } from '../../../../src/reports/dashboard';
import { call } from '../../api';
import { useI18n, type Translate } from '../../i18n';
import { useRefData } from '../../ref-data';
import { useLoad } from '../../ui/hooks';

type State = DashboardPuskesmas['state'];

const STATE_STYLE: Record<State, { fill: string; symbol: string }> = {
  met: { fill: '#067647', symbol: '✓' },
  partial: { fill: '#d97706', symbol: '½' },
  pending: { fill: '#0e7490', symbol: '…' },
  none: { fill: '#b42318', symbol: '✕' },
};

function stateWord(state: State, t: Translate): string {
  switch (state) {
    case 'met':
      return t('terpenuhi', 'met');
    case 'partial':
      return t('sebagian', 'partly done');
    case 'pending':
      return t('menunggu kunjungan', 'visits to come');
    case 'none':
      return t('belum terlaksana', 'not done');
  }
}

const WIDTH = 640;
const HEIGHT = 480;
const PAD = 28;
const KM_PER_DEGREE = 111.32;

interface Point {
  x: number;
  y: number;
}

/** Equirectangular projection fitted to the positions: fine at a district's scale. */
function projector(points: { lat: number; lon: number }[]) {
  const lats = points.map((p) => p.lat);
  const lons = points.map((p) => p.lon);
  const [minLat, maxLat, minLon, maxLon] = [Math.min(...lats), Math.max(...lats), Math.min(...lons), Math.max(...lons)];
  const cos = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  const spanX = Math.max((maxLon - minLon) * cos, 0.01);
  const spanY = Math.max(maxLat - minLat, 0.01);
  const scale = Math.min((WIDTH - 2 * PAD) / spanX, (HEIGHT - 2 * PAD) / spanY);
  const offsetX = (WIDTH - spanX * scale) / 2;
  const offsetY = (HEIGHT - spanY * scale) / 2;
  return {
    at: (lat: number, lon: number): Point => ({ x: offsetX + (lon - minLon) * cos * scale, y: offsetY + (maxLat - lat) * scale }),
    /** Pixels for a straight-line distance in km. */
    km: (km: number) => (km / KM_PER_DEGREE) * scale,
  };
}

export function DistrictMap({ coverage, month }: { coverage?: DashboardPuskesmas[]; month?: string }) {
  const { t, month: monthName } = useI18n();
  const ref = useRefData();
  const adoptions = useLoad(() => call('adoptions:list', {}), []);
  const stateOf = useMemo(() => new Map((coverage ?? []).map((p) => [p.puskesmasId, p.state])), [coverage]);

  const puskesmas = ref.puskesmas.filter((p) => p.active);
  const hospitals = ref.hospitals.filter((h) => h.active);
  const placed = [...puskesmas, ...hospitals].filter((p): p is typeof p & { lat: number; lon: number } => p.lat !== null && p.lon !== null);
  const unplacedPuskesmas = puskesmas.filter((p) => p.lat === null || p.lon === null);
  const unplacedHospitals = hospitals.filter((h) => h.lat === null || h.lon === null);
  const settings = ref.settings;

  if (placed.length === 0) {
    return (
      <div className="card">
        <h2>{t('Peta kabupaten', 'District map')}</h2>
        <p className="muted">{t('Belum ada puskesmas atau rumah sakit dengan koordinat. Isi lintang dan bujur di Data master.', 'No puskesmas or hospital has coordinates yet. Fill in latitude and longitude in Data master.')}</p>
      </div>
    );
  }

  const project = projector(placed);
  const hospitalPoint = new Map(hospitals.filter((h) => h.lat !== null && h.lon !== null).map((h) => [h.id, project.at(h.lat!, h.lon!)]));
  const puskesmasPoint = new Map(puskesmas.filter((p) => p.lat !== null && p.lon !== null).map((p) => [p.id, project.at(p.lat!, p.lon!)]));
  // The straight-line radius within which a specialist may cover a puskesmas they do not adopt.
  const reachKm = settings.maxTravelKm / settings.roadFactor;
  const lines = (adoptions.data ?? []).flatMap((a) => {
    const specialist = ref.specialistById.get(a.specialistId);
    const from = specialist?.hospitalId ? hospitalPoint.get(specialist.hospitalId) : undefined;
    const to = puskesmasPoint.get(a.puskesmasId);
    return from && to && specialist?.active ? [{ id: a.id, from, to, backup: a.role === 'backup' }] : [];
  });
  const title = month ? t(`Peta kabupaten, cakupan ${monthName(month)}`, `District map, coverage ${monthName(month)}`) : t('Peta kabupaten', 'District map');

  return (
    <div className="card district-map">
      <h2 id="district-map-title">{title}</h2>
      <div className="map-layout">
        <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby="district-map-title district-map-desc" className="map-svg">
          <desc id="district-map-desc">
            {t(
              `${puskesmasPoint.size} puskesmas dan ${hospitalPoint.size} rumah sakit menurut koordinatnya; garis dari rumah sakit dokter ke puskesmas asuhannya.`,
              `${puskesmasPoint.size} puskesmas and ${hospitalPoint.size} hospitals by their coordinates; lines from each specialist's hospital to the puskesmas they adopt.`,
            )}
          </desc>
          <rect x="0" y="0" width={WIDTH} height={HEIGHT} fill="#f7f9fb" />
          {settings.allowBackupCover
            ? [...hospitalPoint].map(([id, p]) => <circle key={`reach-${id}`} cx={p.x} cy={p.y} r={project.km(reachKm)} fill="none" stroke="#0f766e" strokeOpacity="0.3" strokeDasharray="4 4" />)
            : null}
          {lines.map((l) => (
            <line key={l.id} x1={l.from.x} y1={l.from.y} x2={l.to.x} y2={l.to.y} stroke={l.backup ? '#94a3b8' : '#475569'} strokeOpacity="0.55" strokeWidth="1" strokeDasharray={l.backup ? '3 3' : undefined} />
          ))}
          {hospitals.map((h) => {
            const p = hospitalPoint.get(h.id);
            return p ? (
              <g key={`h-${h.id}`}>
                <title>{`${h.name} (${t('rumah sakit', 'hospital')})`}</title>
                <rect x={p.x - 6} y={p.y - 6} width="12" height="12" fill="#1d2733" />
                <text x={p.x} y={p.y + 3.5} textAnchor="middle" fontSize="9" fill="#fff" fontWeight="700">
                  H
                </text>
              </g>
            ) : null;
          })}
          {puskesmas.map((p) => {
            const point = puskesmasPoint.get(p.id);
            if (!point) return null;
            const state = stateOf.get(p.id);
            const style = state ? STATE_STYLE[state] : null;
            return (
              <g key={`p-${p.id}`}>
                <title>{`${p.name}${state ? `: ${stateWord(state, t)}` : ''}`}</title>
                <circle cx={point.x} cy={point.y} r="7" fill={style?.fill ?? '#64748b'} stroke="#fff" strokeWidth="1.2" />
                {style ? (
                  <text x={point.x} y={point.y + 3} textAnchor="middle" fontSize="8.5" fill="#fff" fontWeight="700">
                    {style.symbol}
                  </text>
                ) : null}
              </g>
            );
          })}
        </svg>
        <div className="map-side small">
          <ul className="mark-legend" aria-label={t('Keterangan peta', 'Map legend')}>
            {coverage
              ? (Object.keys(STATE_STYLE) as State[]).map((state) => (
                  <li key={state}>
                    <span className="map-dot" style={{ background: STATE_STYLE[state].fill }} aria-hidden="true">
                      {STATE_STYLE[state].symbol}
                    </span>
                    {t('Puskesmas', 'Puskesmas')} {stateWord(state, t)} ({coverage.filter((c) => c.state === state && puskesmasPoint.has(c.puskesmasId)).length})
                  </li>
                ))
              : null}
            <li>
              <span className="map-dot map-hospital" aria-hidden="true">
                H
              </span>
              {t('Rumah sakit', 'Hospital')}
            </li>
            <li>{t('Garis: dokter asuh (putus-putus: cadangan)', 'Lines: adopting specialist (dashed: backup)')}</li>
            {settings.allowBackupCover ? <li>{t(`Lingkaran: perkiraan jangkauan cadangan, ${settings.maxTravelKm} km lewat jalan dari rumah sakit`, `Circles: estimated backup reach, ${settings.maxTravelKm} km by road from the hospital`)}</li> : null}
          </ul>
          {unplacedPuskesmas.length + unplacedHospitals.length > 0 ? (
            <>
              <h3>{t('Tanpa koordinat', 'Without coordinates')}</h3>
              <ul className="plain-list" data-testid="map-unplaced">
                {unplacedPuskesmas.map((p) => (
                  <li key={`up-${p.id}`}>{p.name}</li>
                ))}
                {unplacedHospitals.map((h) => (
                  <li key={`uh-${h.id}`}>
                    {h.name} ({t('rumah sakit', 'hospital')})
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </div>
      </div>
    </div>
  );
}
