// One month across the app: Jadwal, Dasbor, Catatan kunjungan and Ekspor show the same month,
// and the calendar comes back to the day it showed. It starts on the district's today (app:info),
// never the browser's.
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { addMonths, firstDayOfMonth, monthOf } from '../../../src/domain/dates';
import { useI18n } from '../i18n';

interface SelectedMonth {
  /** "2026-03" */
  month: string;
  /** The day the calendar centres on: today in today's month, else a day of the month chosen. */
  date: string;
  today: string;
  setMonth: (month: string) => void;
  setDate: (date: string) => void;
}

const SelectedMonthContext = createContext<SelectedMonth | null>(null);

export function SelectedMonthProvider({ today, children }: { today: string; children: ReactNode }) {
  const [date, setDateState] = useState(today);
  const setDate = useCallback((next: string) => setDateState(next), []);
  const setMonth = useCallback(
    (next: string) => setDateState((current) => (monthOf(current) === next ? current : next === monthOf(today) ? today : firstDayOfMonth(next))),
    [today],
  );
  const value = useMemo(() => ({ month: monthOf(date), date, today, setMonth, setDate }), [date, today, setMonth, setDate]);
  return <SelectedMonthContext.Provider value={value}>{children}</SelectedMonthContext.Provider>;
}

export function useSelectedMonth(): SelectedMonth {
  const value = useContext(SelectedMonthContext);
  if (!value) throw new Error('useSelectedMonth outside SelectedMonthProvider');
  return value;
}

const YEARS_BACK = 5;
const YEARS_AHEAD = 3;

/** ‹ [Maret ▾] [2026 ▾] › Bulan ini : picks any month in two choices instead of nine clicks. */
export function MonthPicker({ month, onChange, today }: { month: string; onChange: (month: string) => void; today: string }) {
  const { t, lang } = useI18n();
  const [year, monthNumber] = month.split('-').map(Number) as [number, number];
  const thisYear = Number(today.slice(0, 4));
  const years: number[] = [];
  for (let y = Math.min(year, thisYear - YEARS_BACK); y <= Math.max(year, thisYear + YEARS_AHEAD); y++) years.push(y);
  const monthNames = useMemo(() => {
    const format = new Intl.DateTimeFormat(lang === 'id' ? 'id-ID' : 'en-GB', { month: 'long', timeZone: 'UTC' });
    return Array.from({ length: 12 }, (_, i) => format.format(new Date(Date.UTC(2026, i, 15))));
  }, [lang]);
  const pick = (y: number, m: number) => onChange(`${y}-${String(m).padStart(2, '0')}`);
  return (
    <div className="row month-picker" role="group" aria-label={t('Pilih bulan', 'Choose the month')}>
      <button type="button" onClick={() => onChange(addMonths(month, -1))} aria-label={t('Bulan sebelumnya', 'Previous month')}>
        ‹
      </button>
      <select value={monthNumber} onChange={(e) => pick(year, Number(e.target.value))} aria-label={t('Bulan', 'Month')}>
        {monthNames.map((name, i) => (
          <option key={name} value={i + 1}>
            {name}
          </option>
        ))}
      </select>
      <select value={year} onChange={(e) => pick(Number(e.target.value), monthNumber)} aria-label={t('Tahun', 'Year')}>
        {years.map((y) => (
          <option key={y} value={y}>
            {y}
          </option>
        ))}
      </select>
      <button type="button" onClick={() => onChange(addMonths(month, 1))} aria-label={t('Bulan berikutnya', 'Next month')}>
        ›
      </button>
      {month !== monthOf(today) ? (
        <button type="button" className="link" onClick={() => onChange(monthOf(today))}>
          {t('Bulan ini', 'This month')}
        </button>
      ) : null}
    </div>
  );
}

/** The shared month with its picker, for screens that show one month. */
export function SharedMonthPicker() {
  const selected = useSelectedMonth();
  return <MonthPicker month={selected.month} onChange={selected.setMonth} today={selected.today} />;
}
