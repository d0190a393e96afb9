// The monthly programme report for the Kepala Dinas: one month's compliance, the trend over the
// twelve months up to it, topics taught and required ones missing, cases and follow-ups. It
// only gathers the figures the other reports already compute, so every number on it agrees with
// the Dasbor, the compliance report and the topic report of the same month.
import type { Kysely } from 'kysely';
import type { CaseDecision, Database } from '../db/schema';
import { addMonths, firstDayOfMonth, lastDayOfMonth, monthRange } from '../domain/dates';
import { complianceReport, type ComplianceReport } from './compliance';
import { topicReport, type TopicCoverage } from './topics';

export const TREND_MONTHS = 12;
const TOPIC_WINDOW_MONTHS = 6;

export interface MonthCoverage {
  month: string;
  required: number;
  done: number;
  /** done (capped per puskesmas and specialty) / required, 0..1; null when nothing was required. */
  ratio: number | null;
}

export interface ProgrammeReport {
  month: string;
  today: string;
  compliance: ComplianceReport;
  trend: MonthCoverage[];
  topics: TopicCoverage[];
  /** Each required topic some puskesmas has not had over the last six months, with those puskesmas (most first). */
  missingRequiredTopics: { topicName: string; puskesmas: string[] }[];
  topicWindowMonths: number;
  cases: Record<CaseDecision, number> & { total: number };
  followups: {
    /** Agreed at a visit of this month. */
    opened: number;
    /** Closed on a day of this month. */
    closed: number;
    /** Open at the end of the month (or today, for the running month), of which overdue. */
    open: number;
    overdue: number;
  };
}

export async function programmeReport(db: Kysely<Database>, month: string, options: { today: string }): Promise<ProgrammeReport> {
  const { today } = options;
  const months = monthRange(addMonths(month, -(TREND_MONTHS - 1)), month);
  const [reports, topics, followups] = await Promise.all([
    Promise.all(months.map((m) => complianceReport(db, m, { today }))),
    topicReport(db, { from: month, to: month, windowMonths: TOPIC_WINDOW_MONTHS, lookbackMonths: TOPIC_WINDOW_MONTHS }),
    followupFigures(db, month, today),
  ]);
  const compliance = reports.at(-1) as ComplianceReport;
  const cases = topics.cases;
  return {
    month,
    today,
    compliance,
    trend: reports.map((r) => ({ month: r.month, required: r.totals.required, done: r.totals.done, ratio: r.totals.required > 0 ? r.totals.coverage : null })),
    topics: topics.topics,
    missingRequiredTopics: missingByTopic(topics.puskesmas),
    topicWindowMonths: TOPIC_WINDOW_MONTHS,
    cases: { ...cases, total: cases.managed + cases.referred + cases.follow_up },
    followups,
  };
}

function missingByTopic(puskesmas: { puskesmasName: string; requiredGaps: { nameId: string }[] }[]): ProgrammeReport['missingRequiredTopics'] {
  const byTopic = new Map<string, string[]>();
  for (const p of puskesmas) for (const gap of p.requiredGaps) byTopic.set(gap.nameId, [...(byTopic.get(gap.nameId) ?? []), p.puskesmasName]);
  return [...byTopic].map(([topicName, names]) => ({ topicName, puskesmas: names })).sort((a, b) => b.puskesmas.length - a.puskesmas.length || a.topicName.localeCompare(b.topicName, 'id'));
}

async function followupFigures(db: Kysely<Database>, month: string, today: string): Promise<ProgrammeReport['followups']> {
  const from = firstDayOfMonth(month);
  const to = lastDayOfMonth(month);
  // "Open at the end of the month": agreed by then and not closed by then; for the running month, as of today.
  const asOf = today < to ? today : to;
  const row = await db
    .selectFrom('followup')
    .innerJoin('visit', 'visit.id', 'followup.visit_id')
    .select((eb) => [
      eb.fn.countAll<number>().filterWhere((w) => w.and([w('visit.date', '>=', from), w('visit.date', '<=', to)])).as('opened'),
      eb.fn.countAll<number>().filterWhere((w) => w.and([w('followup.closed_on', '>=', from), w('followup.closed_on', '<=', to)])).as('closed'),
      eb.fn
        .countAll<number>()
        .filterWhere((w) => w.and([w('visit.date', '<=', asOf), w.or([w('followup.closed_on', 'is', null), w('followup.closed_on', '>', asOf)])]))
        .as('open'),
      eb.fn
        .countAll<number>()
        .filterWhere((w) =>
          w.and([w('visit.date', '<=', asOf), w('followup.due_date', '<', asOf), w.or([w('followup.closed_on', 'is', null), w('followup.closed_on', '>', asOf)])]),
        )
        .as('overdue'),
    ])
    .executeTakeFirstOrThrow();
  return { opened: Number(row.opened), closed: Number(row.closed), open: Number(row.open), overdue: Number(row.overdue) };
}
