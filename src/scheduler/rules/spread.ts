// Soft: visits are spaced out.
// - month to month: a puskesmas needing one visit a month is visited about a month after its
//   last one (cost per week away from the ideal interval);
// - across specialties: with `separate`, two specialties at one puskesmas on one day cost one
//   unit; with `joint`, a visit on a day without the other specialties' visit costs one unit;
// - within the month: a specialist's second (third...) visit in one week costs one unit, and so
//   does a puskesmas's second visit of one specialty in one week.
import { groupBy } from '../../domain/collections';
import { addDays, daysBetween } from '../../domain/dates';
import { formatLongDate } from '../../domain/format-id';
import type { ProblemIndex } from '../context';
import { dayNumber, lastVisitKey, weekdayOf } from '../context';
import type { PlannedVisit } from '../problem';
import type { SoftCost, SoftRule } from './types';

export const IDEAL_INTERVAL_DAYS = 30;

/** Weeks away from the ideal interval since the previous visit (only for one-visit-a-month requirements). */
export function intervalUnits(previous: string | undefined, date: string, requirement: number): number {
  if (!previous || requirement !== 1) return 0;
  return Math.abs(dayNumber(date) - dayNumber(previous) - IDEAL_INTERVAL_DAYS) / 7;
}

/** The Monday of the date's week: visits in one week share it. */
const weekCache = new Map<string, string>();

export function weekOf(date: string): string {
  let week = weekCache.get(date);
  if (week === undefined) {
    week = addDays(date, 1 - weekdayOf(date));
    weekCache.set(date, week);
  }
  return week;
}

/**
 * Cost units of a visit of `specialtyId` at (puskesmas, date) against the visits already known
 * of other specialties (for `joint`, only lower specialty ids count: they are planned first).
 */
export function sameDayUnits(mode: 'separate' | 'joint' | 'indifferent', specialtyId: number, date: string, others: PlannedVisit[]): number {
  if (mode === 'separate') return others.filter((o) => o.specialtyId !== specialtyId && o.date === date).length > 0 ? 1 : 0;
  if (mode === 'joint') {
    const earlier = others.filter((o) => o.specialtyId < specialtyId);
    return earlier.length > 0 && !earlier.some((o) => o.date === date) ? 1 : 0;
  }
  return 0;
}

export const spread: SoftRule = {
  id: 'spread',
  kind: 'soft',
  weightKey: 'spread',
  label: 'Sebaran kunjungan',
  labelEn: 'Spacing of visits',
  evaluate(index: ProblemIndex, plan) {
    const weight = index.settings.weights.spread;
    const mode = index.settings.jointVisits;
    const costs: SoftCost[] = [];
    const atPlace = groupBy(plan.visits, (v) => v.puskesmasId);

    for (const v of plan.visits) {
      const place = index.puskesmasName(v.puskesmasId);
      const previous = plan.previous.get(lastVisitKey(v.puskesmasId, v.specialtyId));
      const units = intervalUnits(previous, v.date, index.requirement(v.puskesmasId, v.specialtyId));
      if (units > 0 && previous) {
        const gap = daysBetween(previous, v.date);
        costs.push({
          rule: 'spread',
          cost: weight * units,
          puskesmasId: v.puskesmasId,
          date: v.date,
          message: units >= 1 ? `Kunjungan ${index.specialtyName(v.specialtyId)} ke ${place} berjarak ${gap} hari dari kunjungan sebelumnya (${formatLongDate(previous)}); idealnya sekitar ${IDEAL_INTERVAL_DAYS} hari.` : '',
          messageEn: units >= 1 ? `The ${index.specialtyName(v.specialtyId)} visit to ${place} is ${gap} days after the previous one (${formatLongDate(previous, 'en')}); ideally about ${IDEAL_INTERVAL_DAYS} days.` : '',
        });
      }
    }

    // Pairs across specialties: count each visit against the ones placed before it (lower id).
    for (const [puskesmasId, visits] of atPlace) {
      const place = index.puskesmasName(puskesmasId);
      for (const v of visits) {
        const others = mode === 'separate' ? visits.filter((o) => o.specialtyId < v.specialtyId) : visits;
        if (sameDayUnits(mode, v.specialtyId, v.date, others) === 0) continue;
        costs.push({
          rule: 'spread',
          cost: weight,
          puskesmasId,
          date: v.date,
          message:
            mode === 'separate'
              ? `${place} menerima dua spesialis pada hari yang sama (${formatLongDate(v.date)}).`
              : `Kunjungan ${index.specialtyName(v.specialtyId)} ke ${place} (${formatLongDate(v.date)}) tidak bersamaan dengan spesialis lain.`,
          messageEn:
            mode === 'separate'
              ? `${place} gets two specialists on the same day (${formatLongDate(v.date, 'en')}).`
              : `The ${index.specialtyName(v.specialtyId)} visit to ${place} (${formatLongDate(v.date, 'en')}) is not on the same day as the other specialty.`,
        });
      }
    }

    for (const visits of groupBy(plan.visits, (v) => `${v.specialistId}:${weekOf(v.date)}`).values()) {
      if (visits.length < 2) continue;
      const first = visits[0] as PlannedVisit;
      const name = index.specialistName(first.specialistId);
      costs.push({
        rule: 'spread',
        cost: weight * (visits.length - 1),
        specialistId: first.specialistId,
        date: first.date,
        message: `${name} mendapat ${visits.length} kunjungan dalam satu minggu (mulai ${formatLongDate(weekOf(first.date))}).`,
        messageEn: `${name} has ${visits.length} visits in one week (from ${formatLongDate(weekOf(first.date), 'en')}).`,
      });
    }
    for (const visits of groupBy(plan.visits, (v) => `${v.puskesmasId}:${v.specialtyId}:${weekOf(v.date)}`).values()) {
      if (visits.length < 2) continue;
      const first = visits[0] as PlannedVisit;
      const place = index.puskesmasName(first.puskesmasId);
      costs.push({
        rule: 'spread',
        cost: weight * (visits.length - 1),
        puskesmasId: first.puskesmasId,
        date: first.date,
        message: `${place} mendapat ${visits.length} kunjungan ${index.specialtyName(first.specialtyId)} dalam satu minggu (mulai ${formatLongDate(weekOf(first.date))}).`,
        messageEn: `${place} gets ${visits.length} ${index.specialtyName(first.specialtyId)} visits in one week (from ${formatLongDate(weekOf(first.date), 'en')}).`,
      });
    }
    return costs;
  },
};
