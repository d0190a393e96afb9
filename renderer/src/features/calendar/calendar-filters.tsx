import type { RefData } from '../../ref-data';
import { useI18n, type Translate } from '../../i18n';
import { ActiveSpecialistOptions, Swatch } from '../../ui/components';
import { MARK_SYMBOL, type CalendarFilters, type VisitMark } from './calendar-events';

const MARKS: VisitMark[] = ['done', 'missed', 'cancelled', 'pinned', 'manual'];

export function markLabel(mark: VisitMark, t: Translate): string {
  switch (mark) {
    case 'done':
      return t('Terlaksana', 'Done');
    case 'missed':
      return t('Tidak terlaksana', 'Missed');
    case 'cancelled':
      return t('Dibatalkan', 'Cancelled');
    case 'pinned':
      return t('Disematkan (tidak diubah saat disusun ulang)', 'Pinned (kept when re-planning)');
    case 'manual':
      return t('Diatur manual', 'Placed by hand');
  }
}

export function CalendarFilterPanel({ filters, onChange, data: ref }: { filters: CalendarFilters; onChange: (next: CalendarFilters) => void; data: RefData }) {
  const { t } = useI18n();
  const kecamatans = [...new Set(ref.puskesmas.map((p) => p.kecamatan).filter(Boolean))].sort((a, b) => a.localeCompare(b, 'id'));
  const numberOrNull = (value: string) => (value === '' ? null : Number(value));
  const activeSpecialties = ref.specialties.filter((s) => s.active);
  return (
    <aside className="card filters" aria-label={t('Saring', 'Filter')}>
      <h2>{t('Saring', 'Filter')}</h2>
      <label className="field">
        <span className="field-label">{t('Dokter spesialis', 'Specialist')}</span>
        <select aria-label={t('Dokter spesialis', 'Specialist')} value={filters.specialistId ?? ''} onChange={(e) => onChange({ ...filters, specialistId: numberOrNull(e.target.value) })}>
          <option value="">{t('Semua', 'All')}</option>
          <ActiveSpecialistOptions specialists={ref.specialists} />
        </select>
      </label>
      <label className="field">
        <span className="field-label">Puskesmas</span>
        <select aria-label="Puskesmas" value={filters.puskesmasId ?? ''} onChange={(e) => onChange({ ...filters, puskesmasId: numberOrNull(e.target.value) })}>
          <option value="">{t('Semua', 'All')}</option>
          {ref.puskesmas
            .filter((p) => p.active)
            .map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
        </select>
      </label>
      <label className="field">
        <span className="field-label">{t('Rumah sakit', 'Hospital')}</span>
        <select aria-label={t('Rumah sakit', 'Hospital')} value={filters.hospitalId ?? ''} onChange={(e) => onChange({ ...filters, hospitalId: numberOrNull(e.target.value) })}>
          <option value="">{t('Semua', 'All')}</option>
          {ref.hospitals
            .filter((h) => h.active)
            .map((h) => (
              <option key={h.id} value={h.id}>
                {h.name}
              </option>
            ))}
        </select>
      </label>
      <label className="field">
        <span className="field-label">Kecamatan</span>
        <select aria-label="Kecamatan" value={filters.kecamatan} onChange={(e) => onChange({ ...filters, kecamatan: e.target.value })}>
          <option value="">{t('Semua', 'All')}</option>
          {kecamatans.map((k) => (
            <option key={k} value={k}>
              {k}
            </option>
          ))}
        </select>
      </label>
      <label className="check">
        <input type="checkbox" checked={filters.showLeave} onChange={(e) => onChange({ ...filters, showLeave: e.target.checked })} />
        {t('Tampilkan cuti dokter', 'Show specialists’ leave')}
      </label>
      <h3>{t('Keterangan', 'Legend')}</h3>
      <div className="legend">
        {activeSpecialties.map((s) => (
          <span key={s.id}>
            <Swatch color={s.color} />
            {s.name}
          </span>
        ))}
        <span>
          <Swatch color="#fde2e1" />
          {t('Hari libur', 'Public holiday')}
        </span>
        <span>
          <Swatch color="#e3e7ec" />
          {t('Cuti / tugas dokter', 'Leave / duty')}
        </span>
      </div>
      <ul className="mark-legend" aria-label={t('Tanda pada kunjungan', 'Marks on visits')}>
        {MARKS.map((mark) => (
          <li key={mark}>
            <span className="mark" aria-hidden="true">
              {MARK_SYMBOL[mark]}
            </span>
            {markLabel(mark, t)}
          </li>
        ))}
      </ul>
    </aside>
  );
}
