// The problem the scheduler solves, as plain data: every fact it needs and nothing from the
// database. `asuhan plan --save-problem` writes it as JSON and `asuhan solve` reads it back,
// so a plan can be reproduced (or checked with another solver) without the app.
import { z } from 'zod';
import { isCalendarDate, isMonth, TIME_RE } from '../domain/dates';

export const PROBLEM_FORMAT = 'asuhan-problem';
export const PROBLEM_VERSION = 1;

const date = z.string().refine(isCalendarDate, 'YYYY-MM-DD');
const time = z.string().regex(TIME_RE);
const weekday = z.number().int().min(1).max(7);
const idNum = z.number().int();

const hours = z.object({ open: time, close: time });

const weightsSchema = z.object({
  continuity: z.number().min(0),
  travel: z.number().min(0),
  fairness: z.number().min(0),
  spread: z.number().min(0),
  stability: z.number().min(0),
  preference: z.number().min(0),
  // Problem files written before the balance rule solve as they did.
  balance: z.number().min(0).default(0),
});

export const problemSchema = z.object({
  format: z.literal(PROBLEM_FORMAT),
  version: z.literal(PROBLEM_VERSION),
  /** Consecutive months to plan, `YYYY-MM`, in order. */
  months: z.array(z.string().refine(isMonth, 'YYYY-MM')).min(1).max(36),
  /**
   * The first day the plan may add, move or drop a visit on: the district's tomorrow when
   * re-planning a month that has begun. Visits before it stay as they are; absent, every day is open.
   */
  firstPlannableDay: date.optional(),
  settings: z.object({
    timeZone: z.string(),
    visitStart: time,
    visitMinutes: z.number().int().min(1).max(1440),
    maxTravelKm: z.number().min(0),
    roadFactor: z.number().min(1),
    allowBackupCover: z.boolean(),
    allowTwoVisitsPerDay: z.boolean(),
    /** Road speed for travel between two puskesmas on one day (two-visit days). */
    averageSpeedKmh: z.number().min(1).max(200).default(40),
    jointVisits: z.enum(['separate', 'joint', 'indifferent']),
    weights: weightsSchema,
    solverTimeLimitSeconds: z.number().min(0.1).max(3600),
  }),
  /** visitMinutes: the specialty's own visit length; null = settings.visitMinutes. */
  specialties: z.array(z.object({ id: idNum, code: z.string(), name: z.string(), visitMinutes: z.number().int().min(1).max(1440).nullable().optional() })),
  hospitals: z.array(z.object({ id: idNum, name: z.string(), lat: z.number().nullable(), lon: z.number().nullable() })),
  specialists: z.array(
    z.object({
      id: idNum,
      name: z.string(),
      specialtyId: idNum,
      hospitalId: idNum.nullable(),
      maxVisitsPerMonth: z.number().int().min(0),
      usualWeekdays: z.array(weekday),
      preferredWeekdays: z.array(weekday),
    }),
  ),
  puskesmas: z.array(
    z.object({
      id: idNum,
      name: z.string(),
      lat: z.number().nullable(),
      lon: z.number().nullable(),
      openingHours: z.partialRecord(z.enum(['1', '2', '3', '4', '5', '6', '7']), hours),
      /** When visits start on a weekday, as the puskesmas gave it; absent = programme start, or opening time where that does not fit. */
      visitStarts: z.partialRecord(z.enum(['1', '2', '3', '4', '5', '6', '7']), time).optional(),
    }),
  ),
  unavailability: z.array(
    z.object({ specialistId: idNum, startDate: date, endDate: date, kind: z.enum(['leave', 'duty', 'training', 'other']), reason: z.string() }),
  ),
  holidays: z.array(z.object({ date, name: z.string(), kind: z.enum(['libur', 'cuti_bersama']) })),
  adoptions: z.array(z.object({ specialistId: idNum, puskesmasId: idNum, role: z.enum(['primary', 'backup']) })),
  /** Programme default visits per month per specialty. */
  programmeRequirements: z.array(z.object({ specialtyId: idNum, visitsPerMonth: z.number().int().min(0) })),
  /** A puskesmas's own requirement, overriding the programme default. */
  puskesmasRequirements: z.array(z.object({ puskesmasId: idNum, specialtyId: idNum, visitsPerMonth: z.number().int().min(0) })),
  /** Entered travel distances; otherwise straight line x roadFactor. */
  distances: z.array(z.object({ hospitalId: idNum, puskesmasId: idNum, km: z.number().min(0), minutes: z.number().nullable() })),
  /**
   * Visits already in the months being planned that cover a requirement (planned, confirmed,
   * done: missed and cancelled ones are left out). `fixed` visits (pinned, confirmed, done, or
   * on a day before firstPlannableDay) stay; the others are the current plan, changed only
   * at a stability cost.
   */
  existingVisits: z.array(
    z.object({
      id: idNum.nullable(),
      uid: z.string(),
      date,
      startTime: time,
      specialistId: idNum,
      puskesmasId: idNum,
      specialtyId: idNum,
      fixed: z.boolean(),
      /** Already sent to the specialist's calendar: changing it costs the full stability weight (half otherwise). */
      exported: z.boolean().default(true),
    }),
  ),
  /** The last visit before the first month per puskesmas and specialty, for month-to-month spacing. */
  previousVisits: z.array(z.object({ puskesmasId: idNum, specialtyId: idNum, date })),
});

export type Problem = z.output<typeof problemSchema>;
export type ProblemSpecialist = Problem['specialists'][number];
export type ProblemPuskesmas = Problem['puskesmas'][number];
export type ExistingVisit = Problem['existingVisits'][number];
export type RuleWeightsInput = Problem['settings']['weights'];

/** A visit in a plan: where, when, who; `existingId`/`uid` when it continues a stored visit. */
export interface PlannedVisit {
  date: string;
  startTime: string;
  endTime: string;
  specialistId: number;
  puskesmasId: number;
  specialtyId: number;
  /** Pinned, confirmed, done or already past: the scheduler did not place it and cannot move it. */
  fixed: boolean;
  existingId: number | null;
  uid: string | null;
  /** For current-plan visits: already in the specialist's calendar (absent = yes). */
  exported?: boolean;
}
