// The scheduler's API: run a plan for a month (a draft with its preview), apply it, list and
// read plans; check, create, move, pin and delete single visits under the hard rules.
import { z } from 'zod';
import type { Visit } from '../domain/types';
import { command, query } from './define';
import { calendarDate, id, localTime, month, readVersion } from './fields';

export interface PlanVisit {
  date: string;
  startTime: string;
  endTime: string;
  specialistId: number;
  specialistName: string;
  puskesmasId: number;
  puskesmasName: string;
  specialtyId: number;
  specialtyName: string;
  fixed: boolean;
  /** The stored visit this one continues (kept or moved), null when new. */
  visitId: number | null;
  uid: string | null;
}

export interface PlanChanges {
  added: PlanVisit[];
  moved: { from: PlanVisit; to: PlanVisit }[];
  removed: PlanVisit[];
  kept: PlanVisit[];
}

export interface PlanSentence {
  rule: string;
  message: string;
  messageEn: string;
  cost?: number;
  puskesmasId?: number;
  specialistId?: number;
  date?: string;
}

/** capacity: the specialty is short overall; booked: the specialists who could go are taken on the matching days. */
export type UncoveredCause = 'no-specialist' | 'none-in-reach' | 'all-unavailable' | 'capacity' | 'booked';

export interface SpecialistFigures {
  specialistId: number;
  specialistName: string;
  /** Visits in the month's plan. */
  visits: number;
  maxVisitsPerMonth: number;
  /** Plannable days left on which they are free and this puskesmas can host the visit. */
  freeDays: number;
}

export interface UncoveredFigures {
  /** capacity: visits still needed this month at the puskesmas someone could cover. */
  needed?: number;
  /** capacity: the most the specialty's specialists can still make, counted on days some such puskesmas can host. */
  available?: number;
  /** none-in-reach: the limit, the nearest specialist with a known distance, and distances that are unknown. */
  maxTravelKm?: number;
  backupCoverAllowed?: boolean;
  nearest?: { specialistId: number; specialistName: string; km: number } | null;
  unknownDistances?: { message: string; messageEn: string }[];
  /** all-unavailable, booked: the specialists who could go. */
  specialists?: SpecialistFigures[];
  /** Days before this one are past and were not planned. */
  firstPlannableDay?: string;
}

export interface PlanUncovered {
  month: string;
  puskesmasId: number;
  puskesmasName: string;
  specialtyId: number;
  specialtyName: string;
  missing: number;
  cause: UncoveredCause;
  /** The numbers behind the sentence (see UncoveredFigures). */
  figures: UncoveredFigures;
  message: string;
  messageEn: string;
}

export interface PlanWarning {
  /** `past-month`: the plan records a month already past (allowPast). */
  rule?: string;
  message: string;
  messageEn: string;
}

export interface PlanScore {
  rule: string;
  label: string;
  labelEn: string;
  weight: number;
  cost: number;
  count: number;
}

export interface PlanPreview {
  planId: number;
  month: string;
  status: 'draft' | 'saved';
  createdAt: string;
  /** optimal: proven optimal; feasible: time limit reached (see gap); fallback: greedy plan after a solver failure. */
  solverStatus: 'optimal' | 'optimal month by month' | 'feasible' | 'fallback' | 'heuristic';
  visits: PlanVisit[];
  changes: PlanChanges;
  score: PlanScore[];
  explanations: PlanSentence[];
  uncovered: PlanUncovered[];
  /** Required visits covered / required in the month. */
  coverage: { required: number; covered: number };
  /** What the coordinator should know before trusting the plan (e.g. a year without its holiday decree). */
  warnings: PlanWarning[];
  objective: number;
  bound: number | null;
  gap: number | null;
  solveMs: number;
}

export interface PlanListItem {
  id: number;
  month: string;
  status: 'draft' | 'saved';
  createdAt: string;
  objective: number | null;
  bound: number | null;
  gap: number | null;
  solveMs: number | null;
  visits: number;
  uncovered: number;
}

export interface ApplyResult {
  planId: number;
  month: string;
  added: number;
  moved: number;
  removed: number;
  kept: number;
  /** Backup written before the month's visits changed, when there were any. */
  backupFile: string | null;
}

export interface VisitCheck {
  ok: boolean;
  violations: { rule: string; message: string; messageEn: string }[];
}

/** For one visit, every day of its month: could it move there (same specialist, usual time)? */
export interface VisitAvailability {
  visitId: number;
  month: string;
  days: { date: string; ok: boolean; message: string; messageEn: string }[];
}

export const plansContract = {
  // allowPast: plan a month whose days have all begun (recording history), with a warning.
  'plans:run': command<PlanPreview>()(z.object({ month, mode: z.enum(['replan', 'fresh']).default('replan'), allowPast: z.boolean().default(false) })),
  'plans:apply': command<ApplyResult>()(z.object({ planId: id })),
  'plans:list': query<PlanListItem[]>()(z.object({ month: month.optional() }).default({})),
  'plans:get': query<PlanPreview>()(z.object({ id })),
  'visits:check': query<VisitCheck>()(
    z.object({ specialistId: id, puskesmasId: id, date: calendarDate, startTime: localTime.optional(), excludeVisitId: id.optional() }),
  ),
  'visits:create': command<Visit>()(
    z.object({ specialistId: id, puskesmasId: id, date: calendarDate, startTime: localTime.optional(), pinned: z.boolean().default(false) }),
  ),
  // One call while a visit is dragged: the days it may be dropped on are lit, the others dimmed.
  'visits:availability': query<VisitAvailability>()(z.object({ id })),
  // version: the one the caller read (see readVersion); a stale one is refused with CONFLICT.
  'visits:move': command<Visit>()(z.object({ id, version: readVersion, date: calendarDate, startTime: localTime.optional(), specialistId: id.optional() })),
  'visits:pin': command<Visit>()(z.object({ id, version: readVersion, pinned: z.boolean() })),
  'visits:delete': command<{ deleted: boolean }>()(z.object({ id, version: readVersion })),
};
