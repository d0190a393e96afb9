// Why a required visit could not be placed, in the coordinator's words: no specialist of the
// specialty, none within reach, every candidate unavailable (named, with dates), or not
// enough capacity (short by N visits).
import { formatMonth } from '../domain/format-id';
import type { ProblemIndex, Sentence } from './context';
import { daysOf, weekdayOf } from './context';
import type { PlannedVisit } from './problem';
import { dateRange, KIND_EN, KIND_ID, km } from './text';

export type UncoveredCause = 'no-specialist' | 'none-in-reach' | 'all-unavailable' | 'capacity';

export interface UncoveredItem extends Sentence {
  month: string;
  puskesmasId: number;
  puskesmasName: string;
  specialtyId: number;
  specialtyName: string;
  missing: number;
  cause: UncoveredCause;
}

function freeDaysAt(index: ProblemIndex, specialistId: number, puskesmasId: number, month: string): string[] {
  const s = index.specialist(specialistId);
  return daysOf(month).filter(
    (d) => !index.isPast(d) && s.usualWeekdays.includes(weekdayOf(d)) && !index.holidays.has(d) && !index.unavailableOn(specialistId, d) && index.visitTime(puskesmasId, d) !== null,
  );
}

export function explainUncovered(index: ProblemIndex, month: string, puskesmasId: number, specialtyId: number, missing: number, visits: PlannedVisit[]): UncoveredItem {
  const place = index.puskesmasName(puskesmasId);
  const specialty = index.specialtyName(specialtyId);
  const base = { month, puskesmasId, puskesmasName: place, specialtyId, specialtyName: specialty, missing };
  const head = `${place} kekurangan ${missing} kunjungan ${specialty} pada ${formatMonth(month)}`;
  const headEn = `${place} lacks ${missing} ${specialty} visit${missing > 1 ? 's' : ''} in ${formatMonth(month, 'en')}`;
  const team = index.problem.specialists.filter((s) => s.specialtyId === specialtyId);
  if (team.length === 0) {
    return { ...base, cause: 'no-specialist', message: `${head}: tidak ada dokter ${specialty} yang aktif.`, messageEn: `${headEn}: there is no active ${specialty} specialist.` };
  }
  const settings = index.settings;
  const reachable = team.filter((s) => {
    if (index.role(s.id, puskesmasId)) return true;
    if (!settings.allowBackupCover) return false;
    const t = index.travel(s.id, puskesmasId);
    return t.km === null || t.km <= settings.maxTravelKm;
  });
  if (reachable.length === 0) {
    const nearest = team
      .map((s) => ({ s, km: index.travel(s.id, puskesmasId).km }))
      .filter((x) => x.km !== null)
      .sort((a, b) => (a.km as number) - (b.km as number))[0];
    const near = nearest ? ` (terdekat: ${nearest.s.name}, ${km(nearest.km as number)} km)` : '';
    const nearEn = nearest ? ` (nearest: ${nearest.s.name}, ${km(nearest.km as number)} km)` : '';
    const rule = settings.allowBackupCover ? `dalam jangkauan ${settings.maxTravelKm} km${near}` : 'yang mengasuhnya, dan pengganti dari luar adopsi tidak diizinkan';
    const ruleEn = settings.allowBackupCover ? `within ${settings.maxTravelKm} km${nearEn}` : 'adopting it, and cover outside adoptions is not allowed';
    return { ...base, cause: 'none-in-reach', message: `${head}: tidak ada dokter ${specialty} ${rule}.`, messageEn: `${headEn}: no ${specialty} specialist ${ruleEn}.` };
  }
  const days = daysOf(month);
  const withDays = reachable.filter((s) => freeDaysAt(index, s.id, puskesmasId, month).length > 0);
  if (withDays.length === 0) {
    const why = reachable.map((s) => {
      const leave = index.unavailabilityIn(s.id, days[0] as string, days[days.length - 1] as string);
      if (leave.length > 0) {
        return {
          id: `${s.name} ${leave.map((u) => `${KIND_ID[u.kind]} ${dateRange(u.startDate, u.endDate, 'id')}`).join(', ')}`,
          en: `${s.name} is ${leave.map((u) => `${KIND_EN[u.kind]} ${dateRange(u.startDate, u.endDate, 'en')}`).join(', ')}`,
        };
      }
      return { id: `hari praktik ${s.name} tidak cocok dengan hari buka ${place}`, en: `${s.name}'s weekdays do not match ${place}'s open days` };
    });
    return {
      ...base,
      cause: 'all-unavailable',
      message: `${head}: semua dokter yang dapat datang berhalangan: ${why.map((w) => w.id).join('; ')}.`,
      messageEn: `${headEn}: every specialist who could go is unavailable: ${why.map((w) => w.en).join('; ')}.`,
    };
  }
  const needTotal = index.problem.puskesmas.reduce((sum, c) => sum + index.requirement(c.id, specialtyId), 0);
  const capacity = team.reduce((sum, s) => {
    const free = days.filter((d) => s.usualWeekdays.includes(weekdayOf(d)) && !index.holidays.has(d) && !index.unavailableOn(s.id, d)).length;
    return sum + Math.min(s.maxVisitsPerMonth, free);
  }, 0);
  if (needTotal > capacity) {
    const short = needTotal - capacity;
    return {
      ...base,
      cause: 'capacity',
      message: `${head}: kapasitas dokter ${specialty} kurang ${short} kunjungan bulan ini (dibutuhkan ${needTotal}, tersedia ${capacity}).`,
      messageEn: `${headEn}: ${specialty} capacity is short by ${short} visits this month (${needTotal} needed, ${capacity} available).`,
    };
  }
  const loads = withDays.map((s) => `${s.name} (${visits.filter((v) => v.specialistId === s.id).length}/${s.maxVisitsPerMonth})`).join(', ');
  return {
    ...base,
    cause: 'capacity',
    message: `${head}: semua dokter yang dapat datang sudah penuh pada hari yang cocok: ${loads}.`,
    messageEn: `${headEn}: every specialist who could go is fully booked on the matching days: ${loads}.`,
  };
}
