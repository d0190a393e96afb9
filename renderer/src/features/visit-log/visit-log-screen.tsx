// Catatan kunjungan: pick a visit (those waiting for their outcome first), record what happened.
import { useEffect, useMemo, useRef, useState } from 'react';
import type { VisitView } from '../../../../src/domain/types';
import { addDays, addMonths, firstDayOfMonth } from '../../../../src/domain/dates';
import { call } from '../../api';
import { useI18n } from '../../i18n';
import { useRefData } from '../../ref-data';
import { ErrorBanner, Spinner, Swatch } from '../../ui/components';
import { useLoad } from '../../ui/hooks';
import { statusLabel } from '../calendar/visit-details';
import { VisitLogForm } from './visit-log-form';

function visitIdFromHash(): number | null {
  const match = /^#\/kunjungan\/(\d+)/.exec(window.location.hash);
  return match?.[1] ? Number(match[1]) : null;
}

export function VisitLogScreen() {
  const { t, date } = useI18n();
  const ref = useRefData();
  const today = ref.info.today;
  const [selectedId, setSelectedId] = useState<number | null>(visitIdFromHash);
  const [search, setSearch] = useState('');
  const [onlyWaiting, setOnlyWaiting] = useState(true);
  const listRef = useRef<HTMLUListElement>(null);
  const from = firstDayOfMonth(addMonths(today.slice(0, 7), -2));
  const to = addDays(today, 45);
  const loaded = useLoad(() => call('visits:list', { from, to }), [from, to]);

  useEffect(() => {
    const onHash = () => setSelectedId(visitIdFromHash());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  const visits = useMemo(() => {
    const needle = search.trim().toLocaleLowerCase('id');
    return (loaded.data ?? [])
      .filter((v) => !onlyWaiting || ((v.status === 'planned' || v.status === 'confirmed') && v.date <= today) || v.id === selectedId)
      .filter((v) => !needle || `${v.puskesmasName} ${v.specialistName} ${v.kecamatan} ${v.date}`.toLocaleLowerCase('id').includes(needle))
      .sort((a, b) => (onlyWaiting ? a.date.localeCompare(b.date) : b.date.localeCompare(a.date)));
  }, [loaded.data, search, onlyWaiting, today, selectedId]);

  const select = (visit: VisitView) => {
    window.location.hash = `#/kunjungan/${visit.id}`;
  };

  const onListKey = (event: React.KeyboardEvent) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    event.preventDefault();
    const index = visits.findIndex((v) => v.id === selectedId);
    const next = visits[Math.min(visits.length - 1, Math.max(0, index + (event.key === 'ArrowDown' ? 1 : -1)))];
    if (next) {
      select(next);
      listRef.current?.querySelector<HTMLElement>(`[data-visit="${next.id}"]`)?.focus();
    }
  };

  return (
    <section aria-labelledby="log-title">
      <div className="screen-head">
        <h1 id="log-title">{t('Catatan kunjungan', 'Visit log')}</h1>
        {loaded.loading ? <Spinner /> : null}
      </div>
      <ErrorBanner error={loaded.error} />
      <div className="log-layout">
        <aside className="card log-list">
          <input type="search" placeholder={t('Cari puskesmas atau dokter…', 'Search puskesmas or specialist…')} aria-label={t('Cari kunjungan', 'Search visits')} value={search} onChange={(e) => setSearch(e.target.value)} />
          <label className="check small">
            <input type="checkbox" checked={onlyWaiting} onChange={(e) => setOnlyWaiting(e.target.checked)} />
            {t('Hanya yang belum dicatat', 'Only visits waiting for a log')}
          </label>
          <ul ref={listRef} onKeyDown={onListKey} aria-label={t('Kunjungan', 'Visits')}>
            {visits.map((v) => (
              <li key={v.id}>
                <button type="button" data-visit={v.id} className={v.id === selectedId ? 'visit-row active' : 'visit-row'} onClick={() => select(v)} aria-current={v.id === selectedId ? 'true' : undefined}>
                  <span className="visit-row-title">
                    <Swatch color={ref.specialtyById.get(v.specialtyId)?.color ?? '#999'} />
                    {v.puskesmasName}
                  </span>
                  <span className="muted small">
                    {date(v.date)} · {v.specialistName}
                  </span>
                  <span className="small">{statusLabel(v.status, t)}</span>
                </button>
              </li>
            ))}
            {visits.length === 0 && !loaded.loading ? <li className="muted small">{t('Tidak ada kunjungan yang menunggu catatan.', 'No visits are waiting for a log.')}</li> : null}
          </ul>
        </aside>
        <div>
          {selectedId ? (
            <VisitLogForm key={selectedId} visitId={selectedId} onSaved={loaded.reload} />
          ) : (
            <div className="unavailable">{t('Pilih kunjungan di kiri (↑/↓ untuk berpindah).', 'Choose a visit on the left (↑/↓ to move).')}</div>
          )}
        </div>
      </div>
    </section>
  );
}
