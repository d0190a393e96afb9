// Indonesia's national holidays that fall on the same date every year. Everything else (Imlek,
// Idul Fitri, Nyepi, Waisak...) and the cuti bersama move, and come from each year's joint
// decree (SKB 3 Menteri), which the coordinator imports.
import type { HolidayKind } from './types';

export interface FixedHoliday {
  date: string;
  name: string;
  kind: HolidayKind;
}

const FIXED: { monthDay: string; name: (year: number) => string }[] = [
  { monthDay: '01-01', name: (year) => `Tahun Baru ${year} Masehi` },
  { monthDay: '05-01', name: () => 'Hari Buruh Internasional' },
  { monthDay: '06-01', name: () => 'Hari Lahir Pancasila' },
  { monthDay: '08-17', name: () => 'Proklamasi Kemerdekaan Republik Indonesia' },
  { monthDay: '12-25', name: () => 'Hari Raya Natal' },
];

/** A holiday in force on a date: stored, or a fixed-date one computed for its year. */
export interface EffectiveHoliday extends FixedHoliday {
  /** Computed from the date alone (not stored). */
  fixed: boolean;
}

export function fixedNationalHolidays(year: number): FixedHoliday[] {
  return FIXED.map((h) => ({ date: `${year}-${h.monthDay}`, name: h.name(year), kind: 'libur' }));
}

export function isFixedHolidayDate(date: string): boolean {
  return FIXED.some((h) => date.endsWith(`-${h.monthDay}`));
}

export function yearsBetween(from: string, to: string): number[] {
  const years: number[] = [];
  for (let year = Number(from.slice(0, 4)); year <= Number(to.slice(0, 4)); year++) years.push(year);
  return years;
}
