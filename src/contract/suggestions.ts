// "Who can cover?": for a planned visit (its specialist falls ill) or an uncovered requirement,
// the best alternatives (specialist, date, time) ranked by the change in the plan's cost, each
// passing the hard rules; for a requirement nobody can cover, what would make it coverable.
import { z } from 'zod';
import { query } from './define';
import { id, month } from './fields';
import { msg } from './i18n';
import type { PlanUncovered } from './plans';

export interface Suggestion {
  specialistId: number;
  specialistName: string;
  date: string;
  startTime: string;
  endTime: string;
  /** Change in the plan's soft cost (lower is better; the visit itself stays covered); the message names the rules behind it. */
  costChange: number;
  /** The visit this suggestion moves (the one asked about), or null for a new visit. */
  movesVisitId: number | null;
  message: string;
  messageEn: string;
}

export interface Remedy {
  kind: 'allow-backup-cover' | 'raise-monthly-maximum' | 'enter-distance' | 'longer-opening';
  /** What would change (a specialist, a puskesmas weekday) and the best visit it would allow. */
  specialistId?: number;
  weekday?: number;
  suggestion: Suggestion;
  message: string;
  messageEn: string;
}

export interface SuggestionList {
  month: string;
  puskesmasId: number;
  specialtyId: number;
  visitId: number | null;
  suggestions: Suggestion[];
  remedies: Remedy[];
  elapsedMs: number;
}

const limits = {
  limit: z.number().int().min(1).max(50).default(10),
  /** At most this many alternatives per specialist (the best of each). */
  perSpecialist: z.number().int().min(1).max(50).default(3),
};
const byVisit = z.object({ visitId: id, ...limits });
const byRequirement = z.object({ puskesmasId: id, specialtyId: id, month, ...limits });

export const suggestionsContract = {
  'plans:suggest': query<SuggestionList>()(
    z.union([byVisit, byRequirement], msg('sebutkan visitId, atau puskesmasId, specialtyId dan month', 'give visitId, or puskesmasId, specialtyId and month')),
  ),
  /** The month's requirements the saved schedule leaves open (as it stands now, hand changes included), each with its cause. */
  'plans:uncovered': query<PlanUncovered[]>()(z.object({ month })),
};
