// Lookups over a Problem that the model, the rules and the explanations share: who is who,
// how far, when a puskesmas is open, who is on leave. Facts only; no rule lives here.
import { haversineKm } from '../domain/geo';
import { isoWeekday, minutesOf, monthDays, TIME_RE, timeOf, type IsoWeekday } from '../domain/dates';
import type { Problem, ProblemPuskesmas, ProblemSpecialist } from './problem';

export interface Travel {
  km: number | null;
  source: 'entered' | 'estimated' | 'unknown';
}

export interface Sentence {
  message: string;
  messageEn: string;
}

const UNKNOWN_TRAVEL: Readonly<Travel> = Object.freeze({ km: null, source: 'unknown' });

type Unavailability = Problem['unavailability'][number];
type Holiday = Problem['holidays'][number];

export class ProblemIndex {
  readonly specialists = new Map<number, ProblemSpecialist>();
  readonly puskesmas = new Map<number, ProblemPuskesmas>();
  readonly specialties = new Map<number, Problem['specialties'][number]>();
  readonly holidays = new Map<string, Holiday>();
  private readonly leave = new Map<number, Unavailability[]>();
  private readonly roles = new Map<number, Map<number, 'primary' | 'backup'>>();
  private readonly adoptersOf = new Map<number, { specialistId: number; role: 'primary' | 'backup' }[]>();
  private readonly entered = new Map<string, number>();
  private readonly hospitals = new Map<number, Problem['hospitals'][number]>();
  private readonly programme = new Map<number, number>();
  private readonly overrides = new Map<string, number>();
  /** Per hospital, then puskesmas: travel depends on the specialist's hospital only, and a province has far fewer hospitals than specialists. */
  private readonly travelCache = new Map<number, Map<number, Travel>>();
  private reachLists: { from: Map<number, number[]>; to: Map<number, number[]> } | undefined;
  private readonly slots = new Map<string, { startTime: string; endTime: string } | null>();

  constructor(readonly problem: Problem) {
    for (const s of problem.specialists) this.specialists.set(s.id, s);
    for (const c of problem.puskesmas) this.puskesmas.set(c.id, c);
    for (const k of problem.specialties) this.specialties.set(k.id, k);
    for (const h of problem.holidays) if (!this.holidays.has(h.date)) this.holidays.set(h.date, h);
    for (const h of problem.hospitals) this.hospitals.set(h.id, h);
    for (const u of problem.unavailability) {
      const list = this.leave.get(u.specialistId) ?? [];
      list.push(u);
      this.leave.set(u.specialistId, list);
    }
    for (const a of problem.adoptions) {
      let bySpecialist = this.roles.get(a.specialistId);
      if (!bySpecialist) {
        bySpecialist = new Map();
        this.roles.set(a.specialistId, bySpecialist);
      }
      if (bySpecialist.get(a.puskesmasId) !== 'primary') bySpecialist.set(a.puskesmasId, a.role);
      const list = this.adoptersOf.get(a.puskesmasId) ?? [];
      list.push({ specialistId: a.specialistId, role: a.role });
      this.adoptersOf.set(a.puskesmasId, list);
    }
    for (const d of problem.distances) this.entered.set(`${d.hospitalId}:${d.puskesmasId}`, d.km);
    for (const r of problem.programmeRequirements) this.programme.set(r.specialtyId, r.visitsPerMonth);
    for (const r of problem.puskesmasRequirements) this.overrides.set(`${r.puskesmasId}:${r.specialtyId}`, r.visitsPerMonth);
  }

  get settings(): Problem['settings'] {
    return this.problem.settings;
  }

  specialist(id: number): ProblemSpecialist {
    const s = this.specialists.get(id);
    if (!s) throw new Error(`specialist ${id} is not in the problem`);
    return s;
  }

  place(id: number): ProblemPuskesmas {
    const c = this.puskesmas.get(id);
    if (!c) throw new Error(`puskesmas ${id} is not in the problem`);
    return c;
  }

  specialistName(id: number): string {
    return this.specialists.get(id)?.name ?? `dokter #${id}`;
  }

  puskesmasName(id: number): string {
    return this.puskesmas.get(id)?.name ?? `puskesmas #${id}`;
  }

  specialtyName(id: number): string {
    return this.specialties.get(id)?.name ?? `#${id}`;
  }

  role(specialistId: number, puskesmasId: number): 'primary' | 'backup' | null {
    return this.roles.get(specialistId)?.get(puskesmasId) ?? null;
  }

  /** Adopters of a puskesmas for one specialty, primary first. */
  adopters(puskesmasId: number, specialtyId: number, role?: 'primary' | 'backup'): number[] {
    return (this.adoptersOf.get(puskesmasId) ?? [])
      .filter((a) => this.specialists.get(a.specialistId)?.specialtyId === specialtyId && (!role || a.role === role))
      .sort((a, b) => (a.role === b.role ? a.specialistId - b.specialistId : a.role === 'primary' ? -1 : 1))
      .map((a) => a.specialistId);
  }

  /** Required visits per month: the puskesmas's own figure, else the programme default. */
  requirement(puskesmasId: number, specialtyId: number): number {
    return this.overrides.get(`${puskesmasId}:${specialtyId}`) ?? this.programme.get(specialtyId) ?? 0;
  }

  travel(specialistId: number, puskesmasId: number): Travel {
    const hospitalId = this.specialists.get(specialistId)?.hospitalId ?? null;
    return hospitalId === null ? UNKNOWN_TRAVEL : this.hospitalTravel(hospitalId, puskesmasId);
  }

  /** Travel from a hospital to a puskesmas. */
  private hospitalTravel(hospitalId: number, puskesmasId: number): Travel {
    let byHospital = this.travelCache.get(hospitalId);
    if (!byHospital) {
      byHospital = new Map();
      this.travelCache.set(hospitalId, byHospital);
    }
    let found = byHospital.get(puskesmasId);
    if (!found) {
      found = this.computeTravel(hospitalId, puskesmasId);
      byHospital.set(puskesmasId, found);
    }
    return found;
  }

  private computeTravel(hospitalId: number, puskesmasId: number): Travel {
    const entered = this.entered.get(`${hospitalId}:${puskesmasId}`);
    if (entered !== undefined) return { km: entered, source: 'entered' };
    const h = this.hospitals.get(hospitalId);
    const c = this.puskesmas.get(puskesmasId);
    if (!h || !c || h.lat === null || h.lon === null || c.lat === null || c.lon === null) return UNKNOWN_TRAVEL;
    return { km: haversineKm(h.lat, h.lon, c.lat, c.lon) * this.settings.roadFactor, source: 'estimated' };
  }

  /** A day before the first plannable day: its visits are history, and no new one goes there. */
  isPast(date: string): boolean {
    const first = this.problem.firstPlannableDay;
    return first !== undefined && date < first;
  }

  /**
   * The programme lets the specialist go there: an adopted puskesmas, or, with backup cover
   * allowed, one whose distance is known (entered, or from both positions) and within reach.
   * An unknown distance is within reach for the puskesmas's own adopters only.
   */
  canReach(specialistId: number, puskesmasId: number): boolean {
    if (this.role(specialistId, puskesmasId)) return true;
    if (!this.settings.allowBackupCover) return false;
    const km = this.travel(specialistId, puskesmasId).km;
    return km !== null && km <= this.settings.maxTravelKm;
  }

  /** The puskesmas a specialist can reach (canReach), in the problem's order. */
  reachableFrom(specialistId: number): readonly number[] {
    return this.reach().from.get(specialistId) ?? [];
  }

  /** The specialists who can reach a puskesmas (canReach), in the problem's order. */
  reachersOf(puskesmasId: number): readonly number[] {
    return this.reach().to.get(puskesmasId) ?? [];
  }

  /**
   * canReach for every pair, worked out per hospital rather than per specialist: a province has
   * 800 specialists, 1,000 puskesmas and some 5% of the pairs in reach.
   */
  private reach(): { from: Map<number, number[]>; to: Map<number, number[]> } {
    if (this.reachLists) return this.reachLists;
    const order = new Map(this.problem.puskesmas.map((c, i) => [c.id, i]));
    const near = new Map<number, number[]>();
    const nearHospital = (hospitalId: number) => {
      let places = near.get(hospitalId);
      if (!places) {
        places = [];
        if (this.settings.allowBackupCover) {
          for (const c of this.problem.puskesmas) {
            const km = this.hospitalTravel(hospitalId, c.id).km;
            if (km !== null && km <= this.settings.maxTravelKm) places.push(c.id);
          }
        }
        near.set(hospitalId, places);
      }
      return places;
    };
    const from = new Map<number, number[]>();
    const to = new Map<number, number[]>();
    for (const s of this.problem.specialists) {
      const places = new Set(s.hospitalId === null ? [] : nearHospital(s.hospitalId));
      for (const c of this.roles.get(s.id)?.keys() ?? []) if (order.has(c)) places.add(c);
      const sorted = [...places].sort((a, b) => (order.get(a) as number) - (order.get(b) as number));
      from.set(s.id, sorted);
      for (const c of sorted) {
        const list = to.get(c);
        if (list) list.push(s.id);
        else to.set(c, [s.id]);
      }
    }
    this.reachLists = { from, to };
    return this.reachLists;
  }

  /** What is missing for a distance to be known: the specialist's hospital, its position, the puskesmas's position. */
  missingForDistance(specialistId: number, puskesmasId: number): { message: string; messageEn: string } | null {
    if (this.travel(specialistId, puskesmasId).source !== 'unknown') return null;
    const s = this.specialistName(specialistId);
    const place = this.puskesmasName(puskesmasId);
    const hospitalId = this.specialists.get(specialistId)?.hospitalId ?? null;
    if (hospitalId === null) {
      return { message: `rumah sakit ${s} belum diisi`, messageEn: `${s}'s hospital is not set` };
    }
    const hospital = this.hospitals.get(hospitalId);
    const missing: { id: string; en: string }[] = [];
    if (!hospital || hospital.lat === null || hospital.lon === null) missing.push({ id: `posisi ${hospital?.name ?? 'rumah sakit'}`, en: `the position of ${hospital?.name ?? 'the hospital'}` });
    const c = this.puskesmas.get(puskesmasId);
    if (!c || c.lat === null || c.lon === null) missing.push({ id: `posisi ${place}`, en: `the position of ${place}` });
    const hospitalName = hospital?.name ?? `rumah sakit ${s}`;
    return {
      message: `jarak ${hospitalName} ke ${place} tidak diketahui: ${missing.map((m) => m.id).join(' dan ')} belum diisi, dan tidak ada jarak yang dimasukkan`,
      messageEn: `the distance from ${hospitalName} to ${place} is unknown: ${missing.map((m) => m.en).join(' and ')} ${missing.length > 1 ? 'are' : 'is'} not set, and no distance was entered`,
    };
  }

  /** Leave, duty or training covering the date, if any. */
  unavailableOn(specialistId: number, date: string): Unavailability | undefined {
    return this.leave.get(specialistId)?.find((u) => u.startDate <= date && date <= u.endDate);
  }

  unavailabilityIn(specialistId: number, from: string, to: string): Unavailability[] {
    return (this.leave.get(specialistId) ?? []).filter((u) => u.startDate <= to && from <= u.endDate);
  }

  /** Visit length in minutes: the specialty's own, else the programme's. */
  visitMinutes(specialtyId?: number): number {
    return (specialtyId === undefined ? null : this.specialties.get(specialtyId)?.visitMinutes) ?? this.settings.visitMinutes;
  }

  /**
   * The visit's start and end on that day, or null when the puskesmas is closed or the visit
   * does not fit. The start is the puskesmas's own for that weekday when it gave one (used as
   * given); else the programme's start (not before opening), or the opening time on a short day
   * where that does not fit.
   */
  visitTime(puskesmasId: number, date: string, specialtyId?: number): { startTime: string; endTime: string } | null {
    const minutes = this.visitMinutes(specialtyId);
    // Only the weekday's hours count, so a month asks each puskesmas seven times rather than 30.
    const weekday = weekdayOf(date);
    const key = `${puskesmasId}:${weekday}:${minutes}`;
    let slot = this.slots.get(key);
    if (slot === undefined) {
      slot = this.computeVisitTime(puskesmasId, weekday, minutes);
      this.slots.set(key, slot);
    }
    return slot;
  }

  private computeVisitTime(puskesmasId: number, weekday: IsoWeekday, minutes: number): { startTime: string; endTime: string } | null {
    const place = this.puskesmas.get(puskesmasId);
    const day = `${weekday}` as const;
    const hours = place?.openingHours[day];
    // Hours that are not valid times (hand-edited data) count as closed rather than break the plan.
    if (!hours || !TIME_RE.test(hours.open) || !TIME_RE.test(hours.close)) return null;
    const open = minutesOf(hours.open);
    const close = minutesOf(hours.close);
    const fits = (start: number) => start >= open && start + minutes <= close;
    const slot = (start: number) => ({ startTime: timeOf(start), endTime: timeOf(start + minutes) });
    const given = place?.visitStarts?.[day];
    if (given !== undefined && TIME_RE.test(given)) return fits(minutesOf(given)) ? slot(minutesOf(given)) : null;
    const usual = Math.max(minutesOf(this.settings.visitStart), open);
    if (fits(usual)) return slot(usual);
    return fits(open) ? slot(open) : null;
  }

  /** Driving minutes between two puskesmas (straight line x road factor at the average speed); null when a position is unknown. */
  minutesBetween(a: number, b: number): number | null {
    const p = this.puskesmas.get(a);
    const q = this.puskesmas.get(b);
    if (!p || !q || p.lat === null || p.lon === null || q.lat === null || q.lon === null) return null;
    return Math.ceil(((haversineKm(p.lat, p.lon, q.lat, q.lon) * this.settings.roadFactor) / this.settings.averageSpeedKmh) * 60);
  }

  /**
   * Times of two visits on one day, `first` then `second`: the first at its usual slot, the
   * second after the drive, both within opening hours. Null when they do not fit.
   */
  twoVisitTimes(first: number, second: number, date: string, specialtyId?: number): [{ startTime: string; endTime: string }, { startTime: string; endTime: string }] | null {
    const a = this.visitTime(first, date, specialtyId);
    const b = this.visitTime(second, date, specialtyId);
    const drive = this.minutesBetween(first, second);
    if (!a || !b || drive === null) return null;
    const start = Math.max(minutesOf(b.startTime), minutesOf(a.endTime) + drive);
    const end = start + this.visitMinutes(specialtyId);
    const close = this.puskesmas.get(second)?.openingHours[`${weekdayOf(date)}`]?.close;
    if (!close || end > minutesOf(close)) return null;
    return [a, { startTime: timeOf(start), endTime: timeOf(end) }];
  }

  /** Nominal distance for unknown travel: half the reach, so it neither attracts nor repels. */
  neutralKm(): number {
    return this.settings.maxTravelKm / 2;
  }
}

export function daysOf(month: string): string[] {
  return monthDays(month);
}

/** The last visit per puskesmas and specialty, keyed `puskesmasId:specialtyId`. */
export function lastVisitKey(puskesmasId: number, specialtyId: number): string {
  return `${puskesmasId}:${specialtyId}`;
}

// Calendar arithmetic on the same few hundred dates happens millions of times at province
// scale; these caches keep it out of the profile.
const weekdayCache = new Map<string, IsoWeekday>();
const dayNumberCache = new Map<string, number>();

export function weekdayOf(date: string): IsoWeekday {
  let day = weekdayCache.get(date);
  if (day === undefined) {
    day = isoWeekday(date);
    weekdayCache.set(date, day);
  }
  return day;
}

/** Days since 1970-01-01 (for differences between dates). */
export function dayNumber(date: string): number {
  let n = dayNumberCache.get(date);
  if (n === undefined) {
    n = Math.round(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / 86_400_000);
    dayNumberCache.set(date, n);
  }
  return n;
}
