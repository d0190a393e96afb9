// The holidays in force over a period: the stored ones (seeded or imported from each year's
// decree) plus the fixed-date national holidays, which hold for every year whether stored or
// not. A year is complete only when its decree's moveable holidays are stored too.
import type { Kysely } from 'kysely';
import { type EffectiveHoliday, fixedNationalHolidays, isFixedHolidayDate, yearsBetween } from '../domain/holidays';
import type { Database } from './schema';

export async function effectiveHolidays(db: Kysely<Database>, from: string, to: string): Promise<EffectiveHoliday[]> {
  const stored = await db.selectFrom('holiday').select(['date', 'name', 'kind']).where('date', '>=', from).where('date', '<=', to).orderBy('date').orderBy('id').execute();
  const storedDates = new Set(stored.filter((h) => h.kind === 'libur').map((h) => h.date));
  const fixed = yearsBetween(from, to)
    .flatMap(fixedNationalHolidays)
    .filter((h) => h.date >= from && h.date <= to && !storedDates.has(h.date))
    .map((h) => ({ ...h, fixed: true }));
  return [...stored.map((h) => ({ ...h, fixed: false })), ...fixed].sort((a, b) => a.date.localeCompare(b.date));
}

/** Years in the period whose decree is not stored: no holiday beyond the five fixed dates. */
export async function yearsWithoutDecree(db: Kysely<Database>, from: string, to: string): Promise<number[]> {
  const years = yearsBetween(from, to);
  const rows = await db
    .selectFrom('holiday')
    .select('date')
    .where('date', '>=', `${years[0]}-01-01`)
    .where('date', '<=', `${years.at(-1)}-12-31`)
    .execute();
  const covered = new Set(rows.filter((r) => !isFixedHolidayDate(r.date)).map((r) => Number(r.date.slice(0, 4))));
  return years.filter((year) => !covered.has(year));
}

/** "Hari libur 2028 belum lengkap: impor SKB 2028": said wherever a month of that year is planned. */
export function decreeWarnings(years: number[]): { message: string; messageEn: string }[] {
  return years.map((year) => ({
    message: `Hari libur ${year} belum lengkap: impor SKB ${year} (hari libur nasional dan cuti bersama). Hanya lima hari libur bertanggal tetap yang dipakai.`,
    messageEn: `Holidays for ${year} are incomplete: import the ${year} joint decree (SKB: national holidays and cuti bersama). Only the five fixed-date holidays are used.`,
  }));
}
