// The scheduler's API: run a plan for a month (a draft with its preview), apply it, list and
// read plans; check, create, move, pin and delete single visits under the hard rules.
import { z } from 'zod';
import type { Visit } from '../domain/types';
import { command, query } from './define';
import { calendarDate, id, localTime, month } from './fields';

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

export interface PlanUncovered {
  month: string;
  puskesmasId: number;
  puskesmasName: string;
  specialtyId: number;
  specialtyName: string;
  missing: number;
  cause: 'no-specialist' | 'none-in-reach' | 'all-unavailable' | 'capacity';
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
  warnings: { message: string; messageEn: string }[];
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

export const plansContract = {
  'plans:run': command<PlanPreview>()(z.object({ month, mode: z.enum(['replan', 'fresh']).default('replan') })),
  'plans:apply': command<ApplyResult>()(z.object({ planId: id })),
  'plans:list': query<PlanListItem[]>()(z.object({ month: month.optional() }).default({})),
  'plans:get': query<PlanPreview>()(z.object({ id })),
  'visits:check': query<VisitCheck>()(
    z.object({ specialistId: id, puskesmasId: id, date: calendarDate, startTime: localTime.optional(), excludeVisitId: id.optional() }),
  ),
  'visits:create': command<Visit>()(
    z.object({ specialistId: id, puskesmasId: id, date: calendarDate, startTime: localTime.optional(), pinned: z.boolean().default(false) }),
  ),
  'visits:move': command<Visit>()(z.object({ id, date: calendarDate, startTime: localTime.optional(), specialistId: id.optional() })),
  'visits:pin': command<Visit>()(z.object({ id, pinned: z.boolean() })),
  'visits:delete': command<{ deleted: boolean }>()(z.object({ id })),
};
