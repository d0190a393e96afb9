// The dashboard screen in one call: this month's coverage per puskesmas, done vs planned per
// specialist, topic coverage, follow-ups and the logging backlog.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { getSettings } from '../db/settings.repository';
import { todayIn } from '../domain/dates';
import { complianceReport, type SpecialistCompliance } from './compliance';
import { followupCounts } from './followups';
import { topicSummary, type TopicCoverage } from './topics';
import { backlogRange, countUnloggedVisits } from './unlogged';

/** met: every requirement done; partial: some done; pending: nothing done yet but visits still to come; none: nothing. */
export type CoverageState = 'met' | 'partial' | 'pending' | 'none';

export interface DashboardPuskesmas {
  puskesmasId: number;
  puskesmasName: string;
  kecamatan: string;
  required: number;
  planned: number;
  done: number;
  state: CoverageState;
  bySpecialty: { specialtyCode: string; required: number; planned: number; done: number }[];
}

export interface DashboardReport {
  month: string;
  today: string;
  coverage: {
    required: number;
    planned: number;
    done: number;
    /** done (capped at required per puskesmas and specialty) / required, 0..1 */
    ratio: number;
    puskesmasCompliant: number;
    puskesmasCount: number;
  };
  puskesmas: DashboardPuskesmas[];
  specialists: SpecialistCompliance[];
  topics: TopicCoverage[];
  /** Puskesmas missing at least one required topic over the last 6 months. */
  puskesmasWithTopicGaps: number;
  followups: { open: number; overdue: number; closed: number };
  /** Visits of the last 12 months dated before today and still planned or confirmed: outcome not logged. */
  unloggedPastVisits: number;
}

const TOPIC_WINDOW_MONTHS = 6;

export async function dashboardReport(db: Kysely<Database>, month: string, options: { today?: string } = {}): Promise<DashboardReport> {
  const today = options.today ?? todayIn((await getSettings(db)).timeZone);
  const [compliance, topics, followups, unlogged] = await Promise.all([
    complianceReport(db, month, { today }),
    // Only the month's counts and the number of puskesmas with a gap, not the report's lists.
    topicSummary(db, month, TOPIC_WINDOW_MONTHS),
    followupCounts(db, today),
    countUnloggedVisits(db, backlogRange(today), today),
  ]);

  const puskesmas = compliance.puskesmas.map((p): DashboardPuskesmas => {
    const required = sum(p.bySpecialty.map((s) => s.required));
    const planned = sum(p.bySpecialty.map((s) => s.planned));
    const done = sum(p.bySpecialty.map((s) => s.done));
    const upcoming = p.bySpecialty.some((s) => s.misses.some((m) => m.kind === 'upcoming'));
    const state: CoverageState = p.compliant ? 'met' : done > 0 ? 'partial' : upcoming ? 'pending' : 'none';
    return {
      puskesmasId: p.puskesmasId,
      puskesmasName: p.puskesmasName,
      kecamatan: p.kecamatan,
      required,
      planned,
      done,
      state,
      bySpecialty: p.bySpecialty.map((s) => ({ specialtyCode: s.specialtyCode, required: s.required, planned: s.planned, done: s.done })),
    };
  });

  return {
    month,
    today,
    coverage: {
      required: compliance.totals.required,
      planned: compliance.totals.planned,
      done: compliance.totals.done,
      ratio: compliance.totals.coverage,
      puskesmasCompliant: compliance.totals.puskesmasCompliant,
      puskesmasCount: compliance.totals.puskesmasCount,
    },
    puskesmas,
    specialists: compliance.specialists,
    topics: topics.topics,
    puskesmasWithTopicGaps: topics.puskesmasWithRequiredGaps,
    followups,
    unloggedPastVisits: unlogged,
  };
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
