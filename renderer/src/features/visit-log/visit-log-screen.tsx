// Catatan kunjungan: the month's to-do list. Every past visit of the chosen month (or range, or
// the Dasbor's 12-month backlog) still waiting for its outcome, overdue first; after a save the
// next one opens.
import { useEffect, useMemo, useRef, useState } from 'react';
import type { VisitLogListItem } from '../../../../src/contract/visit-log';
import { call } from '../../api';
import { useI18n } from '../../i18n';
import { useRefData } from '../../ref-data';
import { DateInput } from '../../ui/date-input';
import { ErrorBanner, Spinner, Swatch } from '../../ui/components';
import { useLoad } from '../../ui/hooks';
import { SharedMonthPicker, useSelectedMonth } from '../../ui/selected-month';
import { statusLabel } from '../calendar/visit-details';
import { VisitLogForm } from './visit-log-form';

type Scope = 'month' | 'backlog' | 'range';

/** #/kunjungan/123 opens a visit; #/kunjungan/tertunda opens the 12-month backlog (the Dasbor's count). */
function hashState(): { visitId: number | null; backlog: boolean } {
  const rest = window.location.hash.replace(/^#\/kunjungan\/?/, '');
  const visit = /^(\d+)/.exec(rest);
  return { visitId: visit?.[1] ? Number(visit[1]) : null, backlog: rest.startsWith('tertunda') };
}

export function VisitLogScreen() {
  const { t, date } = useI18n();
  const ref = useRefData();
  const shared = useSelectedMonth();
  const [selectedId, setSelectedId] = useState<number | null>(() => hashState().visitId);
  const [scope, setScope] = useState<Scope>(() => (hashState().backlog ? 'backlog' : 'month'));
  const [range, setRange] = useState({ from: `${shared.month}-01`, to: shared.today });
  const [search, setSearch] = useState('');
  const [onlyWaiting, setOnlyWaiting] = useState(true);
  const listRef = useRef<HTMLUListElement>(null);
  const include: 'waiting' | 'all' = onlyWaiting ? 'waiting' : 'all';
  const rangeValid = range.from !== '' && range.to !== '' && range.from <= range.to;
  const input = scope === 'month' ? { month: shared.month, include } : scope === 'range' && rangeValid ? { ...range, include } : { include };
  const loaded = useLoad(() => call('visit-log:list', input), [JSON.stringify(input)]);

  useEffect(() => {
    const onHash = () => {
      const state = hashState();
      setSelectedId(state.visitId);
      if (state.backlog) setScope('backlog');
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  // A newly opened visit starts at the top of its form, with its row in sight.
  useEffect(() => {
    if (selectedId === null) return;
    document.querySelector('.log-layout')?.scrollIntoView({ block: 'start' });
    listRef.current?.querySelector(`[data-visit="${selectedId}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [selectedId]);

  const visits = useMemo(() => {
    const needle = search.trim().toLocaleLowerCase('id');
    return (loaded.data?.visits ?? []).filter(
      (v) => !needle || `${v.puskesmasName} ${v.specialistName} ${v.kecamatan} ${v.date}`.toLocaleLowerCase('id').includes(needle),
    );
  }, [loaded.data, search]);

  const select = (visit: VisitLogListItem | undefined) => {
    window.location.hash = visit ? `#/kunjungan/${visit.id}` : '#/kunjungan';
  };

  // After a save the next waiting visit opens, so a month is logged in one pass.
  const onSaved = () => {
    const index = visits.findIndex((v) => v.id === selectedId);
    const next = visits.slice(index + 1).find((v) => v.waiting) ?? visits.slice(0, Math.max(index, 0)).find((v) => v.waiting);
    loaded.reload();
    if (next) select(next);
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

  const data = loaded.data;
  const scopeName =
    scope === 'backlog'
      ? t('12 bulan terakhir', 'the last 12 months')
      : data
        ? data.from.slice(0, 7) === data.to.slice(0, 7) && scope === 'month'
          ? ''
          : `${date(data.from)} – ${date(data.to)}`
        : '';

  return (
    <section aria-labelledby="log-title">
      <div className="screen-head">
        <h1 id="log-title">{t('Catatan kunjungan', 'Visit log')}</h1>
        {scope === 'month' ? <SharedMonthPicker /> : null}
        {loaded.loading ? <Spinner /> : null}
      </div>
      <div className="row log-scope" role="group" aria-label={t('Kunjungan yang ditampilkan', 'Visits shown')}>
        <label className="field inline">
          <span className="field-label">{t('Tampilkan', 'Show')}</span>
          <select value={scope} onChange={(e) => setScope(e.target.value as Scope)}>
            <option value="month">{t('Bulan yang dipilih', 'The chosen month')}</option>
            <option value="backlog">{t('Semua yang tertunda (12 bulan terakhir)', 'Everything overdue (last 12 months)')}</option>
            <option value="range">{t('Rentang tanggal', 'A date range')}</option>
          </select>
        </label>
        {scope === 'range' ? (
          <>
            <DateInput label={t('Dari', 'From')} value={range.from} onChange={(from) => setRange((r) => ({ ...r, from }))} />
            <DateInput label={t('Sampai', 'To')} value={range.to} onChange={(to) => setRange((r) => ({ ...r, to }))} />
            {!rangeValid ? <span className="field-error">{t('Tanggal akhir tidak boleh sebelum tanggal awal.', 'The end date cannot be before the start date.')}</span> : null}
          </>
        ) : null}
        {data ? (
          <p className="log-counts" role="status" data-testid="log-counts">
            <strong>
              {t(`${data.waitingCount} kunjungan menunggu catatan`, `${data.waitingCount} visits waiting for a log`)}
              {scopeName ? ` (${scopeName})` : ''}
            </strong>
            {scope !== 'backlog' ? (
              <>
                {' · '}
                <a href="#/kunjungan/tertunda">{t(`${data.backlogCount} tertunda dalam 12 bulan terakhir`, `${data.backlogCount} overdue in the last 12 months`)}</a>
              </>
            ) : null}
          </p>
        ) : null}
      </div>
      <ErrorBanner error={loaded.error} />
      <div className="log-layout">
        <aside className="card log-list">
          <input
            type="search"
            placeholder={t('Cari puskesmas atau dokter…', 'Search puskesmas or specialist…')}
            aria-label={t('Cari kunjungan', 'Search visits')}
            value={search}
            onChange={(e) => setSearch(e.target.value)}
          />
          <label className="check small">
            <input type="checkbox" checked={onlyWaiting} onChange={(e) => setOnlyWaiting(e.target.checked)} />
            {t('Hanya yang belum dicatat', 'Only visits waiting for a log')}
          </label>
          <ul ref={listRef} onKeyDown={onListKey} aria-label={t('Kunjungan', 'Visits')}>
            {visits.map((v) => (
              <li key={v.id}>
                <button
                  type="button"
                  data-visit={v.id}
                  className={v.id === selectedId ? 'visit-row active' : 'visit-row'}
                  onClick={() => select(v)}
                  aria-current={v.id === selectedId ? 'true' : undefined}
                >
                  <span className="visit-row-title">
                    <Swatch color={ref.specialtyById.get(v.specialtyId)?.color ?? '#999'} />
                    {v.puskesmasName}
                  </span>
                  <span className="muted small">
                    {date(v.date)} · {v.specialistName}
                  </span>
                  <span className={v.waiting ? 'small overdue' : 'small'}>{v.waiting ? t('Belum dicatat', 'Not logged yet') : statusLabel(v.status, t)}</span>
                </button>
              </li>
            ))}
            {visits.length === 0 && !loaded.loading ? (
              <li className="muted small">
                {onlyWaiting
                  ? t('Semua kunjungan yang sudah lewat di sini sudah dicatat.', 'Every past visit here has its log.')
                  : t('Tidak ada kunjungan di sini.', 'No visits here.')}
              </li>
            ) : null}
          </ul>
        </aside>
        <div>
          {selectedId ? (
            <VisitLogForm key={selectedId} visitId={selectedId} onSaved={onSaved} />
          ) : (
            <div className="unavailable">{t('Pilih kunjungan di kiri (↑/↓ untuk berpindah).', 'Choose a visit on the left (↑/↓ to move).')}</div>
          )}
        </div>
      </div>
    </section>
  );
}
