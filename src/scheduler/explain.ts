// Why a required visit could not be placed, in the coordinator's words and with the figures
// behind the words: no specialist of the specialty; none within reach (the nearest one and
// their distance, or which position is missing); every candidate unavailable (named, with
// dates); the specialty's capacity short (needed and available, both counted only where and
// when a visit could happen); or the specialists who could go are booked on the matching days
// (each one's load and free matching days).
//
// "capacity" is said only when it is the whole story: needed - available equals the visits
// left uncovered at the puskesmas it counts. Otherwise the gap comes from who can go where on
// which day, and the cause is "booked".
import type { SpecialistFigures, UncoveredCause, UncoveredFigures } from '../contract/plans';
import { formatLongDate, formatMonth } from '../domain/format-id';
import { monthOf } from '../domain/dates';
import type { ProblemIndex, Sentence } from './context';
import { daysOf, weekdayOf } from './context';
import type { PlannedVisit } from './problem';
import { dateRange, KIND_EN, KIND_ID, km } from './text';

export type { SpecialistFigures, UncoveredCause, UncoveredFigures };


export interface UncoveredItem extends Sentence {
  month: string;
  puskesmasId: number;
  puskesmasName: string;
  specialtyId: number;
  specialtyName: string;
  missing: number;
  cause: UncoveredCause;
  figures: UncoveredFigures;
}

/** The month's visits already decided before planning: fixed ones of known specialists and puskesmas. */
function fixedVisitsOf(index: ProblemIndex, month: string) {
  return index.problem.existingVisits.filter((v) => v.fixed && monthOf(v.date) === month && index.specialists.has(v.specialistId) && index.puskesmas.has(v.puskesmasId));
}

/** Per specialty and month: who can still go where and when, given the fixed visits. */
interface SpecialtyMonth {
  /** Remaining need per puskesmas after fixed visits. */
  need: Map<number, number>;
  /** Days each specialist can still visit puskesmas c (plannable, usual weekday, no holiday, no leave, not taken, c can host). */
  freeDaysAt(specialistId: number, puskesmasId: number): string[];
  /** Visits each specialist may still make (monthly maximum minus fixed visits). */
  room(specialistId: number): number;
  /** Visits a specialist may still make on a day (one, or two when allowed, minus fixed). */
  slotsOn(specialistId: number, date: string): number;
  /** The specialty's active specialists. */
  team: ProblemIndex['problem']['specialists'];
  /** The team's specialists who can reach a puskesmas (canReach), in the team's order. */
  reachers(puskesmasId: number): ProblemIndex['problem']['specialists'];
  /** Days a specialist could work this month at all (freeDaysAt at any puskesmas is a subset). */
  workDays(specialistId: number): string[];
  /** capacityFigures, worked out once: it depends only on the specialty and month, not on the puskesmas asked about. */
  capacity?: { needed: number; available: number; places: number[] };
}

/** The specialty's specialists who can reach a puskesmas, in the problem's order. */
function reachersIn(index: ProblemIndex, puskesmasId: number, specialtyId: number): ProblemIndex['problem']['specialists'] {
  return index.reachersOf(puskesmasId).map((id) => index.specialist(id)).filter((s) => s.specialtyId === specialtyId);
}

const analyses = new WeakMap<ProblemIndex, Map<string, SpecialtyMonth>>();

function specialtyMonth(index: ProblemIndex, month: string, specialtyId: number): SpecialtyMonth {
  let byKey = analyses.get(index);
  if (!byKey) {
    byKey = new Map();
    analyses.set(index, byKey);
  }
  const key = `${month}:${specialtyId}`;
  const found = byKey.get(key);
  if (found) return found;
  const fixed = fixedVisitsOf(index, month);
  const monthDays = daysOf(month);
  // Counted once: a province has thousands of fixed visits, asked about per puskesmas and per day.
  const countBy = (key: (v: (typeof fixed)[number]) => string | null) => {
    const counts = new Map<string, number>();
    for (const v of fixed) {
      const k = key(v);
      if (k !== null) counts.set(k, (counts.get(k) ?? 0) + 1);
    }
    return counts;
  };
  const fixedHere = countBy((v) => (v.specialtyId === specialtyId ? String(v.puskesmasId) : null));
  const fixedOnDay = countBy((v) => `${v.specialistId}:${v.date}`);
  const fixedOfSpecialist = countBy((v) => String(v.specialistId));
  const need = new Map<number, number>();
  for (const c of index.problem.puskesmas) {
    const left = index.requirement(c.id, specialtyId) - (fixedHere.get(String(c.id)) ?? 0);
    if (left > 0) need.set(c.id, left);
  }
  const perDay = index.settings.allowTwoVisitsPerDay ? 2 : 1;
  const fixedOn = (specialistId: number, date: string) => fixedOnDay.get(`${specialistId}:${date}`) ?? 0;
  const placeTaken = new Set(fixed.filter((v) => v.specialtyId === specialtyId).map((v) => `${v.puskesmasId}:${v.date}`));
  const cache = new Map<string, string[]>();
  // The days a specialist could work at all this month, whichever puskesmas: worked out once each.
  const specialistDays = new Map<number, string[]>();
  const workDays = (specialistId: number) => {
    let days = specialistDays.get(specialistId);
    if (!days) {
      const s = index.specialist(specialistId);
      days = monthDays.filter(
        (d) => !index.isPast(d) && s.usualWeekdays.includes(weekdayOf(d)) && !index.holidays.has(d) && !index.unavailableOn(specialistId, d) && analysis.slotsOn(specialistId, d) > 0,
      );
      specialistDays.set(specialistId, days);
    }
    return days;
  };
  // The days a puskesmas could host this specialty's visit (open long enough, none fixed there yet).
  const placeDays = new Map<number, Set<string>>();
  const hostDays = (puskesmasId: number) => {
    let days = placeDays.get(puskesmasId);
    if (!days) {
      // Whether the visit fits the hours depends on the weekday alone: asked once per weekday.
      const fitsOn = new Map<number, boolean>();
      const fits = (d: string) => {
        const weekday = weekdayOf(d);
        let ok = fitsOn.get(weekday);
        if (ok === undefined) {
          ok = index.visitTime(puskesmasId, d, specialtyId) !== null;
          fitsOn.set(weekday, ok);
        }
        return ok;
      };
      days = new Set(monthDays.filter((d) => fits(d) && !placeTaken.has(`${puskesmasId}:${d}`)));
      placeDays.set(puskesmasId, days);
    }
    return days;
  };
  const team = index.problem.specialists.filter((s) => s.specialtyId === specialtyId);
  const analysis: SpecialtyMonth = {
    need,
    team,
    reachers: (puskesmasId) => reachersIn(index, puskesmasId, specialtyId),
    workDays,
    slotsOn: (specialistId, date) => Math.max(0, perDay - fixedOn(specialistId, date)),
    room: (specialistId) => Math.max(0, index.specialist(specialistId).maxVisitsPerMonth - (fixedOfSpecialist.get(String(specialistId)) ?? 0)),
    freeDaysAt(specialistId, puskesmasId) {
      const cacheKey = `${specialistId}:${puskesmasId}`;
      let days = cache.get(cacheKey);
      if (!days) {
        const hosts = hostDays(puskesmasId);
        days = workDays(specialistId).filter((d) => hosts.has(d));
        cache.set(cacheKey, days);
      }
      return days;
    },
  };
  byKey.set(key, analysis);
  return analysis;
}

/** Puskesmas whose gap capacity or bookings explain: someone could go there on some free day. */
function coverable(analysis: SpecialtyMonth, puskesmasId: number): boolean {
  return analysis.reachers(puskesmasId).some((s) => analysis.freeDaysAt(s.id, puskesmasId).length > 0);
}

/**
 * The specialty's capacity over the coverable puskesmas: needed = their remaining need;
 * available = per specialist, the lesser of the visits left and the slots on days some
 * coverable puskesmas they may visit can host. No plan covers more than available.
 */
export function capacityFigures(index: ProblemIndex, month: string, specialtyId: number): { needed: number; available: number; places: number[] } {
  const analysis = specialtyMonth(index, month, specialtyId);
  if (analysis.capacity) return analysis.capacity;
  const places = [...analysis.need.keys()].filter((c) => coverable(analysis, c));
  const counted = new Set(places);
  const needed = places.reduce((sum, c) => sum + (analysis.need.get(c) ?? 0), 0);
  let available = 0;
  for (const s of analysis.team) {
    const days = new Set<string>();
    const most = analysis.workDays(s.id).length;
    for (const c of index.reachableFrom(s.id)) {
      if (days.size === most) break; // every day they could work is counted already
      if (counted.has(c)) for (const d of analysis.freeDaysAt(s.id, c)) days.add(d);
    }
    const slots = [...days].reduce((sum, d) => sum + analysis.slotsOn(s.id, d), 0);
    available += Math.min(analysis.room(s.id), slots);
  }
  analysis.capacity = { needed, available, places };
  return analysis.capacity;
}

interface GroupedVisits {
  bySpecialist: Map<number, PlannedVisit[]>;
  /** Keyed `puskesmasId:specialtyId`: the days booked there, and the visits there. */
  datesAt: Map<string, Set<string>>;
  datesCount: Map<string, number>;
}

const groupings = new WeakMap<PlannedVisit[], GroupedVisits>();

/** The month's visits by specialist and by puskesmas and specialty, grouped once for every requirement explained with them. */
function groupVisits(visits: PlannedVisit[]): GroupedVisits {
  const found = groupings.get(visits);
  if (found) return found;
  const grouped: GroupedVisits = { bySpecialist: new Map(), datesAt: new Map(), datesCount: new Map() };
  for (const v of visits) {
    const own = grouped.bySpecialist.get(v.specialistId);
    if (own) own.push(v);
    else grouped.bySpecialist.set(v.specialistId, [v]);
    const key = `${v.puskesmasId}:${v.specialtyId}`;
    const dates = grouped.datesAt.get(key);
    if (dates) dates.add(v.date);
    else grouped.datesAt.set(key, new Set([v.date]));
    grouped.datesCount.set(key, (grouped.datesCount.get(key) ?? 0) + 1);
  }
  groupings.set(visits, grouped);
  return grouped;
}

function pastNote(index: ProblemIndex, month: string): { id: string; en: string } {
  const first = index.problem.firstPlannableDay;
  if (!first || monthOf(first) !== month) return { id: '', en: '' };
  return { id: ` (hanya hari sejak ${formatLongDate(first)} yang masih bisa direncanakan)`, en: ` (only days from ${formatLongDate(first, 'en')} can still be planned)` };
}

export function explainUncovered(index: ProblemIndex, month: string, puskesmasId: number, specialtyId: number, missing: number, visits: PlannedVisit[]): UncoveredItem {
  const place = index.puskesmasName(puskesmasId);
  const specialty = index.specialtyName(specialtyId);
  const first = index.problem.firstPlannableDay;
  const base = { month, puskesmasId, puskesmasName: place, specialtyId, specialtyName: specialty, missing };
  const head = `${place} kekurangan ${missing} kunjungan ${specialty} pada ${formatMonth(month)}`;
  const headEn = `${place} lacks ${missing} ${specialty} visit${missing > 1 ? 's' : ''} in ${formatMonth(month, 'en')}`;
  const team = index.problem.specialists.filter((s) => s.specialtyId === specialtyId);
  if (team.length === 0) {
    return { ...base, cause: 'no-specialist', figures: {}, message: `${head}: tidak ada dokter ${specialty} yang aktif.`, messageEn: `${headEn}: there is no active ${specialty} specialist.` };
  }
  const settings = index.settings;
  const reachable = reachersIn(index, puskesmasId, specialtyId);
  if (reachable.length === 0) {
    const known = team
      .map((s) => ({ s, km: index.travel(s.id, puskesmasId).km }))
      .filter((x): x is { s: (typeof team)[number]; km: number } => x.km !== null)
      .sort((a, b) => a.km - b.km || a.s.id - b.s.id)[0];
    const nearest = known ? { specialistId: known.s.id, specialistName: known.s.name, km: Math.round(known.km * 10) / 10 } : null;
    // One sentence per missing position, not per specialist: the same hospital or puskesmas is usually the gap.
    const unknown = [...new Map(team.map((s) => index.missingForDistance(s.id, puskesmasId)).filter((m): m is Sentence => m !== null).map((m) => [m.message, m])).values()];
    const figures: UncoveredFigures = { maxTravelKm: settings.maxTravelKm, backupCoverAllowed: settings.allowBackupCover, nearest, unknownDistances: unknown };
    if (!settings.allowBackupCover) {
      return {
        ...base,
        cause: 'none-in-reach',
        figures,
        message: `${head}: tidak ada dokter ${specialty} yang mengasuhnya, dan pengganti dari luar adopsi tidak diizinkan.`,
        messageEn: `${headEn}: no ${specialty} specialist adopting it, and cover outside adoptions is not allowed.`,
      };
    }
    const near = nearest ? ` (terdekat: ${nearest.specialistName}, ${km(nearest.km)} km)` : '';
    const nearEn = nearest ? ` (nearest: ${nearest.specialistName}, ${km(nearest.km)} km)` : '';
    const gaps = unknown.length > 0 ? `; ${unknown.map((u) => u.message).join('; ')}` : '';
    const gapsEn = unknown.length > 0 ? `; ${unknown.map((u) => u.messageEn).join('; ')}` : '';
    return {
      ...base,
      cause: 'none-in-reach',
      figures,
      message: `${head}: tidak ada dokter ${specialty} dalam jangkauan ${settings.maxTravelKm} km${near}${gaps}.`,
      messageEn: `${headEn}: no ${specialty} specialist within ${settings.maxTravelKm} km${nearEn}${gapsEn}.`,
    };
  }
  const analysis = specialtyMonth(index, month, specialtyId);
  const perDay = settings.allowTwoVisitsPerDay ? 2 : 1;
  // The days this puskesmas already has this specialty's visit, read once rather than per specialist and day.
  const grouped = groupVisits(visits);
  const placeBooked = grouped.datesAt.get(`${puskesmasId}:${specialtyId}`) ?? new Set<string>();
  const bySpecialist = grouped.bySpecialist;
  const figuresOf = (s: (typeof team)[number]): SpecialistFigures => {
    const own = bySpecialist.get(s.id) ?? [];
    const takenOn = (d: string) => {
      if (placeBooked.has(d)) return true;
      const that = own.filter((v) => v.date === d);
      if (that.length === 0) return false;
      if (that.length >= perDay) return true;
      // A second visit that day only where the drive fits, one way or the other.
      const other = (that[0] as PlannedVisit).puskesmasId;
      return index.twoVisitTimes(other, puskesmasId, d, specialtyId) === null && index.twoVisitTimes(puskesmasId, other, d, specialtyId) === null;
    };
    return {
      specialistId: s.id,
      specialistName: s.name,
      visits: own.length,
      maxVisitsPerMonth: s.maxVisitsPerMonth,
      freeDays: analysis.freeDaysAt(s.id, puskesmasId).filter((d) => !takenOn(d)).length,
    };
  };
  const past = pastNote(index, month);
  const withDays = reachable.filter((s) => analysis.freeDaysAt(s.id, puskesmasId).length > 0);
  if (withDays.length === 0) {
    const days = daysOf(month);
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
      figures: { specialists: reachable.map(figuresOf), ...(first ? { firstPlannableDay: first } : {}) },
      message: `${head}: semua dokter yang dapat datang berhalangan${past.id}: ${why.map((w) => w.id).join('; ')}.`,
      messageEn: `${headEn}: every specialist who could go is unavailable${past.en}: ${why.map((w) => w.en).join('; ')}.`,
    };
  }
  const capacity = capacityFigures(index, month, specialtyId);
  const uncoveredThere = capacity.places.reduce((sum, c) => sum + Math.max(0, index.requirement(c, specialtyId) - (grouped.datesCount.get(`${c}:${specialtyId}`) ?? 0)), 0);
  const short = capacity.needed - capacity.available;
  if (short > 0 && short === uncoveredThere) {
    return {
      ...base,
      cause: 'capacity',
      figures: { needed: capacity.needed, available: capacity.available, ...(first ? { firstPlannableDay: first } : {}) },
      message: `${head}: kapasitas dokter ${specialty} kurang ${short} kunjungan bulan ini (dibutuhkan ${capacity.needed}, tersedia ${capacity.available} pada hari yang bisa dipakai)${past.id}.`,
      messageEn: `${headEn}: ${specialty} capacity is short by ${short} visit${short > 1 ? 's' : ''} this month (${capacity.needed} needed, ${capacity.available} available on usable days)${past.en}.`,
    };
  }
  const loads = withDays.map(figuresOf);
  const text = loads.map((l) => `${l.specialistName} (${l.visits}/${l.maxVisitsPerMonth} kunjungan, ${l.freeDays} hari cocok masih kosong)`).join(', ');
  const textEn = loads.map((l) => `${l.specialistName} (${l.visits}/${l.maxVisitsPerMonth} visits, ${l.freeDays} matching day${l.freeDays === 1 ? '' : 's'} still free)`).join(', ');
  return {
    ...base,
    cause: 'booked',
    figures: { specialists: loads, ...(first ? { firstPlannableDay: first } : {}) },
    message: `${head}: semua dokter yang dapat datang sudah terpakai pada hari yang cocok: ${text}.`,
    messageEn: `${headEn}: every specialist who could go is taken on the matching days: ${textEn}.`,
  };
}
