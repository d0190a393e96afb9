// A hand-made district small enough to reason about: one specialty, two specialists at one
// hospital, two puskesmas open Monday-Friday. dr. Ani adopts both; dr. Budi backs up Puskesmas Sempu.
import { DEFAULT_SETTINGS } from '../../src/domain/settings';
import { problemSettings } from '../../src/scheduler/from-database';
import { PROBLEM_FORMAT, PROBLEM_VERSION, type PlannedVisit, type Problem } from '../../src/scheduler/problem';

export const MARCH = '2026-03';
export const ANI = 1;
export const BUDI = 2;
export const SEMPU = 10;
export const LICIN = 11;
export const OBGYN = 1;

const WEEKDAY = { open: '07:30', close: '14:00' };

export function tinyProblem(change: (p: Problem) => void = () => {}): Problem {
  const problem: Problem = {
    format: PROBLEM_FORMAT,
    version: PROBLEM_VERSION,
    months: [MARCH],
    settings: problemSettings(DEFAULT_SETTINGS),
    specialties: [{ id: OBGYN, code: 'obgyn', name: 'Obstetri dan Ginekologi' }],
    hospitals: [{ id: 1, name: 'RSUD Blambangan', lat: -8.219, lon: 114.369 }],
    specialists: [
      { id: ANI, name: 'dr. Ani, Sp.OG', specialtyId: OBGYN, hospitalId: 1, maxVisitsPerMonth: 4, usualWeekdays: [1, 2, 3, 4, 5], preferredWeekdays: [] },
      { id: BUDI, name: 'dr. Budi, Sp.OG', specialtyId: OBGYN, hospitalId: 1, maxVisitsPerMonth: 4, usualWeekdays: [1, 2, 3, 4, 5], preferredWeekdays: [] },
    ],
    puskesmas: [
      { id: SEMPU, name: 'Puskesmas Sempu', lat: -8.3, lon: 114.2, openingHours: { '1': WEEKDAY, '2': WEEKDAY, '3': WEEKDAY, '4': WEEKDAY, '5': WEEKDAY } },
      { id: LICIN, name: 'Puskesmas Licin', lat: -8.2, lon: 114.25, openingHours: { '1': WEEKDAY, '2': WEEKDAY, '3': WEEKDAY, '4': WEEKDAY, '5': WEEKDAY } },
    ],
    unavailability: [],
    holidays: [],
    adoptions: [
      { specialistId: ANI, puskesmasId: SEMPU, role: 'primary' },
      { specialistId: ANI, puskesmasId: LICIN, role: 'primary' },
      { specialistId: BUDI, puskesmasId: SEMPU, role: 'backup' },
    ],
    programmeRequirements: [{ specialtyId: OBGYN, visitsPerMonth: 1 }],
    puskesmasRequirements: [],
    distances: [],
    existingVisits: [],
    previousVisits: [],
  };
  change(problem);
  return problem;
}

export function visit(date: string, specialistId = ANI, puskesmasId = SEMPU, startTime = '09:00', endTime = '12:00'): PlannedVisit {
  return { date, startTime, endTime, specialistId, puskesmasId, specialtyId: OBGYN, fixed: false, existingId: null, uid: null };
}
