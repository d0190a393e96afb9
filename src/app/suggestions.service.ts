// plans:suggest: who can cover a planned visit (its specialist falls ill) or an uncovered
// requirement. Every candidate (same specialty, a plannable day, the day's default time) is
// judged by the hard-rule checker with the month's other visits; those that pass are ranked by
// the change in the month's soft cost as the rule modules score it (stability included, so a
// move costs what it moves). Where nobody can cover, each remedy (backup cover, one more visit
// for a specialist, an entered distance, a longer opening on a weekday) is tried on a copy of
// the problem and reported with the best visit it would allow.
import type { Handlers } from '../contract/index';
import { AsuhanError, notFound } from '../contract/errors';
import type { Remedy, Suggestion, SuggestionList } from '../contract/suggestions';
import { getSettings } from '../db/settings.repository';
import { daysOf, weekdayOf, ProblemIndex } from '../scheduler/context';
import { lastVisitKey } from '../scheduler/context';
import { checkOneVisit } from '../scheduler/checker';
import { explainUncovered } from '../scheduler/explain';
import { minutesOf, monthOf, timeOf, todayIn } from '../domain/dates';
import { formatLongDate, formatMonth, formatTime, formatTimeRange } from '../domain/format-id';
import { problemFromDatabase } from '../scheduler/from-database';
import type { PlannedVisit, Problem } from '../scheduler/problem';
import { HARD_RULES, SOFT_RULES } from '../scheduler/rules/index';
import type { SoftRule } from '../scheduler/rules/types';
import type { AppContext } from './context';

const MONTH_RULES = HARD_RULES.filter((r) => r.id === 'one-visit-per-day' || r.id === 'monthly-maximum');

interface Target {
  month: string;
  puskesmasId: number;
  specialtyId: number;
  /** The planned visit to replace, or null for an uncovered requirement. */
  visit: PlannedVisit | null;
}

function plannedVisits(index: ProblemIndex): PlannedVisit[] {
  return index.problem.existingVisits.map((v) => ({
    date: v.date,
    startTime: v.startTime,
    endTime: timeOf(Math.min(minutesOf(v.startTime) + index.visitMinutes(v.specialtyId), 23 * 60 + 59)),
    specialistId: v.specialistId,
    puskesmasId: v.puskesmasId,
    specialtyId: v.specialtyId,
    fixed: v.fixed,
    existingId: v.id,
    uid: v.uid,
    exported: v.exported,
  }));
}

/** The month's soft cost per rule as the rule modules score it. */
function softCosts(index: ProblemIndex, month: string, visits: PlannedVisit[], currentPlan: PlannedVisit[], previous: Map<string, string>): Map<SoftRule, number> {
  const byRule = new Map<SoftRule, number>();
  for (const rule of SOFT_RULES) {
    let total = 0;
    for (const cost of rule.evaluate(index, { month, visits, currentPlan, previous })) total += cost.cost;
    byRule.set(rule, total);
  }
  return byRule;
}

const cents = (x: number) => Math.round(x * 100) / 100;
const signed = (x: number) => `${x > 0 ? '+' : ''}${x.toFixed(2)}`;

/** "+24.26 (jarak tempuh +16.76, pemerataan beban +5.00, ...)": the change and the rules behind it. */
function costChangeText(baseline: Map<SoftRule, number>, after: Map<SoftRule, number>): { change: number; id: string; en: string } {
  const parts: Array<{ rule: SoftRule; delta: number }> = [];
  let change = 0;
  for (const [rule, cost] of after) {
    const delta = cents(cost - (baseline.get(rule) ?? 0));
    change += cost - (baseline.get(rule) ?? 0);
    if (delta !== 0) parts.push({ rule, delta });
  }
  parts.sort((a, b) => Math.abs(b.delta) - Math.abs(a.delta));
  const rounded = cents(change);
  const detail = (label: (r: SoftRule) => string) => (parts.length === 0 ? '' : ` (${parts.map((x) => `${label(x.rule)} ${signed(x.delta)}`).join(', ')})`);
  return { change: rounded, id: `${signed(rounded)}${detail((r) => r.label.toLowerCase())}`, en: `${signed(rounded)}${detail((r) => r.labelEn.toLowerCase())}` };
}

/** Candidates that pass every hard rule, best first; `only`: the specialists to try (default the whole specialty). */
function rank(problem: Problem, target: Target, limit: number, perSpecialist = limit, only?: (s: Problem['specialists'][number]) => boolean): Suggestion[] {
  const index = new ProblemIndex(problem);
  const zone = index.settings.timeZone;
  // Only the specialty's visits and those at the puskesmas can change cost when one visit of
  // the specialty moves there (the rules score per specialty, or per puskesmas and day).
  const all = plannedVisits(index).filter((v) => v.specialtyId === target.specialtyId || v.puskesmasId === target.puskesmasId);
  const currentPlan = all.filter((v) => !v.fixed);
  const targetId = target.visit?.existingId ?? null;
  const others = all.filter((v) => targetId === null || v.existingId !== targetId);
  const previous = new Map<string, string>();
  for (const p of problem.previousVisits) {
    const key = lastVisitKey(p.puskesmasId, p.specialtyId);
    if ((previous.get(key) ?? '') < p.date) previous.set(key, p.date);
  }
  const baseline = softCosts(index, target.month, all, currentPlan, previous);
  const placeDays = new Set(others.filter((v) => v.puskesmasId === target.puskesmasId && v.specialtyId === target.specialtyId).map((v) => v.date));
  const found: Suggestion[] = [];
  for (const s of problem.specialists.filter((x) => x.specialtyId === target.specialtyId && (!only || only(x)))) {
    const own = others.filter((v) => v.specialistId === s.id);
    for (const date of daysOf(target.month)) {
      if (index.isPast(date) || !s.usualWeekdays.includes(weekdayOf(date)) || placeDays.has(date)) continue;
      if (target.visit && target.visit.specialistId === s.id && target.visit.date === date) continue;
      const slot = index.visitTime(target.puskesmasId, date, target.specialtyId);
      if (!slot) continue;
      const candidate: PlannedVisit = { date, ...slot, specialistId: s.id, puskesmasId: target.puskesmasId, specialtyId: target.specialtyId, fixed: false, existingId: targetId, uid: target.visit?.uid ?? null };
      if (checkOneVisit(index, candidate).length > 0) continue;
      const monthPlan = { month: target.month, visits: [...own, candidate], currentPlan: [], previous: new Map<string, string>() };
      if (MONTH_RULES.some((rule) => (rule.checkMonth?.(index, monthPlan, []) ?? []).length > 0)) continue;
      const cost = costChangeText(baseline, softCosts(index, target.month, [...others, candidate], currentPlan, previous));
      const when = `${formatLongDate(date)} ${formatTimeRange(slot.startTime, slot.endTime, zone)}`;
      const whenEn = `${formatLongDate(date, 'en')} ${formatTimeRange(slot.startTime, slot.endTime, zone)}`;
      const moves = target.visit
        ? { id: `, menggantikan kunjungan ${index.specialistName(target.visit.specialistId)} ${formatLongDate(target.visit.date)}`, en: `, replacing ${index.specialistName(target.visit.specialistId)}'s visit on ${formatLongDate(target.visit.date, 'en')}` }
        : { id: ', kunjungan baru', en: ', a new visit' };
      found.push({
        specialistId: s.id,
        specialistName: s.name,
        date,
        startTime: slot.startTime,
        endTime: slot.endTime,
        costChange: cost.change,
        movesVisitId: targetId,
        message: `${s.name} ke ${index.puskesmasName(target.puskesmasId)} pada ${when}${moves.id}: biaya rencana ${cost.id}.`,
        messageEn: `${s.name} to ${index.puskesmasName(target.puskesmasId)} on ${whenEn}${moves.en}: plan cost ${cost.en}.`,
      });
    }
  }
  found.sort((a, b) => a.costChange - b.costChange || (a.date < b.date ? -1 : a.date > b.date ? 1 : 0) || a.specialistId - b.specialistId);
  // A few per specialist, so that moving the visit to another day of the same specialist
  // does not hide who else could go.
  const shown = new Map<number, number>();
  return found
    .filter((s) => {
      const n = shown.get(s.specialistId) ?? 0;
      shown.set(s.specialistId, n + 1);
      return n < perSpecialist;
    })
    .slice(0, limit);
}

/** What would make an uncovered requirement coverable, each with the best visit it allows. */
function remedies(problem: Problem, target: Target): Remedy[] {
  const index = new ProblemIndex(problem);
  const place = index.puskesmasName(target.puskesmasId);
  const team = problem.specialists.filter((s) => s.specialtyId === target.specialtyId);
  const out: Remedy[] = [];
  // Nobody passed as things are, so a change that concerns some specialists only (their maximum,
  // their hospital's distance) is tried on those alone: the others still fail the same rules.
  const tryWith = (change: (p: Problem) => void, only?: (s: Problem['specialists'][number]) => boolean): Suggestion | undefined => {
    const copy = structuredClone(problem);
    change(copy);
    return rank(copy, target, 1, 1, only)[0];
  };
  if (!problem.settings.allowBackupCover) {
    const best = tryWith((p) => (p.settings.allowBackupCover = true));
    if (best) {
      out.push({
        kind: 'allow-backup-cover',
        suggestion: best,
        message: `Izinkan pengganti dari luar adopsi: ${best.message}`,
        messageEn: `Allow cover outside adoptions: ${best.messageEn}`,
      });
    }
  }
  const visits = problem.existingVisits.filter((v) => monthOf(v.date) === target.month);
  for (const s of team.filter((x) => index.canReach(x.id, target.puskesmasId))) {
    if (visits.filter((v) => v.specialistId === s.id).length < s.maxVisitsPerMonth) continue;
    const best = tryWith((p) => {
      const own = p.specialists.find((x) => x.id === s.id);
      if (own) own.maxVisitsPerMonth += 1;
    }, (x) => x.id === s.id);
    if (best) {
      out.push({
        kind: 'raise-monthly-maximum',
        specialistId: s.id,
        suggestion: best,
        message: `Naikkan batas bulanan ${s.name} menjadi ${s.maxVisitsPerMonth + 1}: ${best.message}`,
        messageEn: `Raise ${s.name}'s monthly maximum to ${s.maxVisitsPerMonth + 1}: ${best.messageEn}`,
      });
    }
  }
  for (const s of team) {
    const missing = index.missingForDistance(s.id, target.puskesmasId);
    if (!missing || index.canReach(s.id, target.puskesmasId) || s.hospitalId === null) continue;
    const hospitalId = s.hospitalId;
    const best = tryWith((p) => p.distances.push({ hospitalId, puskesmasId: target.puskesmasId, km: p.settings.maxTravelKm, minutes: null }), (x) => x.hospitalId === hospitalId);
    if (best) {
      out.push({
        kind: 'enter-distance',
        specialistId: s.id,
        suggestion: best,
        message: `Masukkan jarak (paling jauh ${problem.settings.maxTravelKm} km), karena ${missing.message}: ${best.message}`,
        messageEn: `Enter the distance (at most ${problem.settings.maxTravelKm} km), as ${missing.messageEn}: ${best.messageEn}`,
      });
    }
  }
  const hours = index.place(target.puskesmasId).openingHours;
  const minutes = index.visitMinutes(target.specialtyId);
  for (const [day, h] of Object.entries(hours)) {
    if (!h || minutesOf(h.close) - minutesOf(h.open) >= minutes) continue;
    const close = timeOf(Math.min(minutesOf(h.open) + minutes, 23 * 60 + 59));
    const best = tryWith((p) => {
      const c = p.puskesmas.find((x) => x.id === target.puskesmasId);
      if (c) c.openingHours[day as keyof typeof c.openingHours] = { open: h.open, close };
    });
    if (best) {
      const zone = problem.settings.timeZone;
      out.push({
        kind: 'longer-opening',
        weekday: Number(day),
        suggestion: best,
        message: `Buka ${place} sampai ${formatTime(close, zone)} pada hari itu (kini ${formatTime(h.close, zone)}): ${best.message}`,
        messageEn: `Keep ${place} open until ${formatTime(close, zone)} that weekday (now ${formatTime(h.close, zone)}): ${best.messageEn}`,
      });
    }
  }
  return out.sort((a, b) => a.suggestion.costChange - b.suggestion.costChange);
}

export function suggestionsHandlers(ctx: AppContext): Pick<Handlers, 'plans:suggest' | 'plans:uncovered'> {
  const db = ctx.db.kysely;
  return {
    'plans:suggest': async (input) => {
      const started = performance.now();
      let target: Omit<Target, 'visit'> & { visitId: number | null };
      if ('visitId' in input) {
        const row = await db.selectFrom('visit').selectAll().where('id', '=', input.visitId).executeTakeFirst();
        if (!row) throw notFound('Kunjungan', 'Visit', input.visitId);
        if (row.status !== 'planned') {
          throw new AsuhanError('RULE', `Hanya kunjungan yang direncanakan yang bisa digantikan (status: ${row.status}).`, `Only planned visits can be covered by someone else (status: ${row.status}).`);
        }
        target = { month: monthOf(row.date), puskesmasId: row.puskesmas_id, specialtyId: row.specialty_id, visitId: row.id };
      } else {
        const [place, specialty] = await Promise.all([
          db.selectFrom('puskesmas').select('id').where('id', '=', input.puskesmasId).executeTakeFirst(),
          db.selectFrom('specialty').select('id').where('id', '=', input.specialtyId).executeTakeFirst(),
        ]);
        if (!place) throw notFound('Puskesmas', 'Puskesmas', input.puskesmasId);
        if (!specialty) throw notFound('Spesialisasi', 'Specialty', input.specialtyId);
        target = { month: input.month, puskesmasId: input.puskesmasId, specialtyId: input.specialtyId, visitId: null };
      }
      const today = todayIn((await getSettings(db)).timeZone, ctx.now());
      const problem = await problemFromDatabase(db, [target.month], { today });
      const index = new ProblemIndex(problem);
      if (!index.puskesmas.has(target.puskesmasId) || !index.specialties.has(target.specialtyId)) {
        throw new AsuhanError('RULE', `Puskesmas atau spesialisasi ini tidak aktif pada ${formatMonth(target.month)}.`, `This puskesmas or specialty is not active in ${formatMonth(target.month, 'en')}.`);
      }
      const visit = target.visitId === null ? null : (plannedVisits(index).find((v) => v.existingId === target.visitId) ?? null);
      const full: Target = { month: target.month, puskesmasId: target.puskesmasId, specialtyId: target.specialtyId, visit };
      const suggestions = rank(problem, full, input.limit, input.perSpecialist);
      const list: SuggestionList = {
        month: target.month,
        puskesmasId: target.puskesmasId,
        specialtyId: target.specialtyId,
        visitId: target.visitId,
        suggestions,
        remedies: suggestions.length === 0 ? remedies(problem, full) : [],
        elapsedMs: 0,
      };
      list.elapsedMs = Math.round(performance.now() - started);
      return list;
    },

    // Judged on the visits as saved, so the list agrees with what plans:suggest works from.
    'plans:uncovered': async ({ month }) => {
      const today = todayIn((await getSettings(db)).timeZone, ctx.now());
      const problem = await problemFromDatabase(db, [month], { today });
      const index = new ProblemIndex(problem);
      const visits = plannedVisits(index).filter((v) => monthOf(v.date) === month);
      const counts = new Map<string, number>();
      for (const v of visits) counts.set(`${v.puskesmasId}:${v.specialtyId}`, (counts.get(`${v.puskesmasId}:${v.specialtyId}`) ?? 0) + 1);
      const specialties = [...problem.specialties].sort((a, b) => a.id - b.id);
      return problem.puskesmas.flatMap((c) =>
        specialties.flatMap((k) => {
          const missing = index.requirement(c.id, k.id) - (counts.get(`${c.id}:${k.id}`) ?? 0);
          return missing > 0 ? [explainUncovered(index, month, c.id, k.id, missing, visits)] : [];
        }),
      );
    },
  };
}
