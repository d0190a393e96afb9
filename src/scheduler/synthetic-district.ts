// Random but reproducible districts (same seed, same district) for property tests and the
// benchmark: puskesmas spread over an area that grows with their number (the demo district's density),
// hospitals, specialists in proportion, adoptions by nearness, leave, holidays.
import { addDays, monthDays } from '../domain/dates';
import { DEFAULT_SETTINGS } from '../domain/settings';
import { problemSettings } from './from-database';
import { PROBLEM_FORMAT, PROBLEM_VERSION, type Problem } from './problem';

export interface DistrictOptions {
  puskesmas: number;
  /** Specialists per puskesmas over all specialties (the demo district: 38 for 45). */
  specialistRatio?: number;
  specialties?: number;
  months: string[];
  seed: number;
  /** Chance that a specialist takes leave in a month. */
  leaveRate?: number;
  holidaysPerMonth?: number;
  /** Fraction of puskesmas or hospitals without coordinates (distance unknown). */
  missingCoordinates?: number;
  settings?: Partial<Problem['settings']>;
}

/** mulberry32: tiny, fast, good enough for test data. */
export function randomSource(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WEEKDAY_PATTERNS: number[][] = [[1, 2, 3, 4, 5], [1, 2, 3, 4, 5, 6], [2, 3, 4], [1, 3, 5], [1, 2, 4, 5], [3, 4, 5, 6]];
const WEEKDAY_HOURS = { open: '07:30', close: '14:00' };
const FRIDAY_HOURS = { open: '07:30', close: '11:00' };
const SATURDAY_HOURS = { open: '07:30', close: '12:30' };

export function syntheticDistrict(options: DistrictOptions): Problem {
  const random = randomSource(options.seed);
  const pick = <T>(list: T[]): T => list[Math.floor(random() * list.length)] as T;
  const n = options.puskesmas;
  const sideKm = 76 * Math.sqrt(n / 45);
  const toLat = (km: number) => -8.0 - km / 111;
  const toLon = (km: number) => 113.9 + km / 110;
  const missing = options.missingCoordinates ?? 0;

  const specialtyCount = options.specialties ?? 2;
  const specialties = Array.from({ length: specialtyCount }, (_, i) => ({ id: i + 1, code: i === 0 ? 'obgyn' : i === 1 ? 'pediatric' : `sp${i + 1}`, name: i === 0 ? 'Obstetri dan Ginekologi' : i === 1 ? 'Anak' : `Spesialis ${i + 1}` }));
  const hospitals = Array.from({ length: Math.max(2, Math.round(n / 3)) }, (_, i) => {
    const unknown = random() < missing;
    return { id: i + 1, name: `RS ${i + 1}`, lat: unknown ? null : toLat(random() * sideKm), lon: unknown ? null : toLon(random() * sideKm) };
  });
  const puskesmas = Array.from({ length: n }, (_, i) => {
    const unknown = random() < missing;
    const openingHours: Problem['puskesmas'][number]['openingHours'] = { '1': WEEKDAY_HOURS, '2': WEEKDAY_HOURS, '3': WEEKDAY_HOURS, '4': WEEKDAY_HOURS, '5': FRIDAY_HOURS };
    if (random() < 0.6) openingHours['6'] = SATURDAY_HOURS;
    return { id: i + 1, name: `Puskesmas ${i + 1}`, lat: unknown ? null : toLat(random() * sideKm), lon: unknown ? null : toLon(random() * sideKm), openingHours };
  });
  const perSpecialty = Math.max(1, Math.round((n * (options.specialistRatio ?? 38 / 45)) / specialtyCount));
  const specialists: Problem['specialists'] = [];
  for (const k of specialties) {
    for (let j = 0; j < perSpecialty; j++) {
      const usual = pick(WEEKDAY_PATTERNS);
      specialists.push({
        id: specialists.length + 1,
        name: `dr. Dokter ${specialists.length + 1}, ${k.code === 'obgyn' ? 'Sp.OG' : k.code === 'pediatric' ? 'Sp.A' : 'Sp'}`,
        specialtyId: k.id,
        hospitalId: (pick(hospitals) as { id: number }).id,
        maxVisitsPerMonth: pick([3, 4, 4, 4, 5, 6]),
        usualWeekdays: usual,
        preferredWeekdays: random() < 0.3 ? [usual[0] as number] : [],
      });
    }
  }

  // Adoptions: for each puskesmas, the nearest specialist of each specialty with adoption room left is primary, the next backup.
  const hospitalById = new Map(hospitals.map((h) => [h.id, h]));
  const distance = (s: Problem['specialists'][number], c: (typeof puskesmas)[number]) => {
    const h = hospitalById.get(s.hospitalId as number);
    if (!h || h.lat === null || h.lon === null || c.lat === null || c.lon === null) return 1e9;
    return Math.hypot((h.lat - c.lat) * 111, (h.lon - c.lon) * 110);
  };
  const adoptions: Problem['adoptions'] = [];
  const adopted = new Map<number, number>();
  for (const k of specialties) {
    const team = specialists.filter((s) => s.specialtyId === k.id);
    for (const c of puskesmas) {
      const ranked = [...team].sort((a, b) => distance(a, c) - distance(b, c) || a.id - b.id);
      const primary = ranked.find((s) => (adopted.get(s.id) ?? 0) < Math.min(3, s.maxVisitsPerMonth)) ?? ranked[0];
      if (!primary) continue;
      adopted.set(primary.id, (adopted.get(primary.id) ?? 0) + 1);
      adoptions.push({ specialistId: primary.id, puskesmasId: c.id, role: 'primary' });
      const backup = ranked.find((s) => s.id !== primary.id);
      if (backup) adoptions.push({ specialistId: backup.id, puskesmasId: c.id, role: 'backup' });
    }
  }

  const unavailability: Problem['unavailability'] = [];
  const holidays: Problem['holidays'] = [];
  for (const month of options.months) {
    const days = monthDays(month);
    for (const s of specialists) {
      if (random() >= (options.leaveRate ?? 0.2)) continue;
      const start = pick(days);
      const kind = pick(['leave', 'leave', 'duty', 'training'] as const);
      unavailability.push({ specialistId: s.id, startDate: start, endDate: addDays(start, 2 + Math.floor(random() * 12)), kind, reason: kind === 'leave' ? 'Cuti tahunan' : kind === 'duty' ? 'Jaga RS' : 'Pelatihan' });
    }
    const weekdays = days.filter((d) => {
      const day = new Date(`${d}T12:00:00Z`).getUTCDay();
      return day >= 1 && day <= 5;
    });
    const chosen = new Set<string>();
    for (let h = 0; h < (options.holidaysPerMonth ?? 2); h++) chosen.add(pick(weekdays));
    for (const date of [...chosen].sort()) holidays.push({ date, name: `Hari libur ${date}`, kind: random() < 0.7 ? 'libur' : 'cuti_bersama' });
  }

  return {
    format: PROBLEM_FORMAT,
    version: PROBLEM_VERSION,
    months: options.months,
    settings: { ...problemSettings(DEFAULT_SETTINGS), ...options.settings },
    specialties,
    hospitals,
    specialists,
    puskesmas,
    unavailability,
    holidays,
    adoptions,
    programmeRequirements: specialties.map((k) => ({ specialtyId: k.id, visitsPerMonth: 1 })),
    puskesmasRequirements: [],
    distances: [],
    existingVisits: [],
    previousVisits: [],
  };
}
