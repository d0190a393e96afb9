// Soft: a puskesmas is visited by its adopted (primary) specialist. A backup adopter costs
// half; anyone else costs the full weight. Each cost says why the adopter did not go.
import { formatLongDate, formatMonth } from '../../domain/format-id';
import type { ProblemIndex, Sentence } from '../context';
import { daysOf, weekdayOf } from '../context';
import type { PlannedVisit } from '../problem';
import { dateRange, KIND_EN, KIND_ID } from '../text';
import type { MonthPlan, SoftCost, SoftRule } from './types';

/** 0 for the primary adopter (or when nobody adopts the puskesmas), 0.5 for a backup, 1 otherwise. */
export function continuityUnits(index: ProblemIndex, specialistId: number, puskesmasId: number, specialtyId: number): number {
  const role = index.role(specialistId, puskesmasId);
  if (role === 'primary') return 0;
  if (index.adopters(puskesmasId, specialtyId, 'primary').length === 0) return 0;
  return role === 'backup' ? 0.5 : 1;
}

/** Why the primary adopter did not make this visit, in the coordinator's words. */
function whyNotAdopter(index: ProblemIndex, plan: MonthPlan, adopterId: number, visit: PlannedVisit): Sentence {
  const s = index.specialist(adopterId);
  const days = daysOf(plan.month);
  const open = days.filter((d) => s.usualWeekdays.includes(weekdayOf(d)) && !index.holidays.has(d) && index.visitTime(visit.puskesmasId, d, visit.specialtyId));
  const free = open.filter((d) => !index.unavailableOn(adopterId, d));
  const leave = index.unavailabilityIn(adopterId, days[0] as string, days[days.length - 1] as string);
  if (free.length === 0 && leave.length > 0) {
    const reason = (u: (typeof leave)[number]) => (u.reason ? ` (${u.reason})` : '');
    const id = leave.map((u) => `${KIND_ID[u.kind]} ${dateRange(u.startDate, u.endDate, 'id')}${reason(u)}`).join(', ');
    const en = leave.map((u) => `${KIND_EN[u.kind]} ${dateRange(u.startDate, u.endDate, 'en')}${reason(u)}`).join(', ');
    return { message: `${s.name} ${id}`, messageEn: `${s.name} is ${en}` };
  }
  if (free.length === 0) {
    return {
      message: `hari praktik ${s.name} tidak cocok dengan hari buka puskesmas pada ${formatMonth(plan.month)}`,
      messageEn: `${s.name}'s weekdays do not match the puskesmas's open days in ${formatMonth(plan.month, 'en')}`,
    };
  }
  // Leave that did not rule out the whole month still explains part of it.
  const alsoId = leave.length > 0 ? ` (dan ${leave.map((u) => `${KIND_ID[u.kind]} ${dateRange(u.startDate, u.endDate, 'id')}`).join(', ')})` : '';
  const alsoEn = leave.length > 0 ? ` (and is ${leave.map((u) => `${KIND_EN[u.kind]} ${dateRange(u.startDate, u.endDate, 'en')}`).join(', ')})` : '';
  const own = plan.visits.filter((v) => v.specialistId === adopterId);
  if (own.length >= s.maxVisitsPerMonth) {
    return {
      message: `${s.name} sudah mencapai batas ${s.maxVisitsPerMonth} kunjungan bulan ini${alsoId}`,
      messageEn: `${s.name} has reached the monthly maximum of ${s.maxVisitsPerMonth} visits${alsoEn}`,
    };
  }
  const busy = new Set(own.map((v) => v.date));
  if (free.every((d) => busy.has(d))) {
    return {
      message: `hari kosong ${s.name} sudah terisi kunjungan lain (${free.map((d) => formatLongDate(d)).join('; ')})${alsoId}`,
      messageEn: `${s.name}'s free days are taken by other visits (${free.map((d) => formatLongDate(d, 'en')).join('; ')})${alsoEn}`,
    };
  }
  return {
    message: `cara ini memberi jadwal keseluruhan yang lebih baik (jarak, pemerataan beban, perubahan sesedikit mungkin)${alsoId}`,
    messageEn: `this gives a better plan overall (travel, even load, fewest changes)${alsoEn}`,
  };
}

export const continuity: SoftRule = {
  id: 'continuity',
  kind: 'soft',
  weightKey: 'continuity',
  label: 'Dokter asuh yang sama',
  labelEn: 'Adopted specialist',
  evaluate(index, plan) {
    const weight = index.settings.weights.continuity;
    const costs: SoftCost[] = [];
    for (const v of plan.visits) {
      const units = continuityUnits(index, v.specialistId, v.puskesmasId, v.specialtyId);
      if (units === 0) continue;
      const adopterId = index.adopters(v.puskesmasId, v.specialtyId, 'primary')[0] as number;
      const why = whyNotAdopter(index, plan, adopterId, v);
      const who = index.specialistName(v.specialistId);
      const adopter = index.specialistName(adopterId);
      const place = index.puskesmasName(v.puskesmasId);
      const backup = units < 1;
      costs.push({
        rule: 'continuity',
        cost: weight * units,
        puskesmasId: v.puskesmasId,
        specialistId: v.specialistId,
        date: v.date,
        message: `${place} dikunjungi ${who}${backup ? ' (dokter asuh cadangan)' : ''}, bukan ${adopter} (dokter asuhnya), karena ${why.message}.`,
        messageEn: `${place} is visited by ${who}${backup ? ' (backup adopter)' : ''}, not its adopted ${adopter}, because ${why.messageEn}.`,
      });
    }
    return costs;
  },
};
