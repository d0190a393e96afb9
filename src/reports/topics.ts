// Topics covered per puskesmas over a period, the required topics a puskesmas has not had in
// the last N months, attendance totals by role and case decisions. Aggregation happens in
// SQLite (grouped queries over indexed columns), so ten years of logs stay fast.
import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { AttendeeRole, CaseDecision, Database } from '../db/schema';
import { countWhere } from '../db/engine-sql';
import { addMonths, firstDayOfMonth, lastDayOfMonth } from '../domain/dates';

export interface TopicCoverage {
  topicId: number;
  code: string;
  nameId: string;
  nameEn: string;
  specialtyCode: string | null;
  required: boolean;
  /** Done visits in the period that covered the topic. */
  visits: number;
  /** Puskesmas that had the topic at least once in the period. */
  puskesmas: number;
}

export interface RequiredTopicGap {
  topicId: number;
  code: string;
  nameId: string;
  nameEn: string;
  /** Last done visit covering it up to the end of the period, or null when none since lookbackFrom. */
  lastCovered: string | null;
}

export interface PuskesmasTopics {
  puskesmasId: number;
  puskesmasName: string;
  kecamatan: string;
  doneVisits: number;
  attendance: number;
  topics: { code: string; visits: number }[];
  /** Required topics not covered in the window (the last windowMonths months up to `to`). */
  requiredGaps: RequiredTopicGap[];
}

export interface TopicReport {
  from: string;
  to: string;
  windowMonths: number;
  /** First month of the window for required topics. */
  windowFrom: string;
  /** How far back lastCovered looks (at least a year, more for a longer period or window). */
  lookbackFrom: string;
  doneVisits: number;
  topics: TopicCoverage[];
  attendance: { role: AttendeeRole; headcount: number }[];
  attendanceTotal: number;
  cases: Record<CaseDecision, number>;
  puskesmas: PuskesmasTopics[];
}

export interface TopicReportInput {
  from: string;
  to: string;
  windowMonths?: number;
  puskesmasId?: number | undefined;
  /** How far back to look for lastCovered (default 12 months; never less than the period and window). */
  lookbackMonths?: number;
}

const LOOKBACK_MONTHS = 12;
const ROLE_ORDER: AttendeeRole[] = ['dokter_umum', 'bidan', 'perawat', 'gizi', 'kader', 'other'];

export async function topicReport(db: Kysely<Database>, input: TopicReportInput): Promise<TopicReport> {
  const windowMonths = input.windowMonths ?? 6;
  const start = firstDayOfMonth(input.from);
  const end = lastDayOfMonth(input.to);
  const windowFrom = addMonths(input.to, -(windowMonths - 1));
  const windowStart = firstDayOfMonth(windowFrom);
  const onlyPuskesmas = input.puskesmasId;

  // Done visits in [from, to], optionally of one puskesmas: the base of every grouped query.
  const doneIn = (from: string) => {
    let query = db.selectFrom('visit').where('visit.status', '=', 'done').where('visit.date', '>=', from).where('visit.date', '<=', end);
    if (onlyPuskesmas) query = query.where('visit.puskesmas_id', '=', onlyPuskesmas);
    return query;
  };

  const factsIn = <Q extends SelectQueryBuilder<Database, 'topic_fact' | 'attendance_fact', object>>(query: Q, from: string): Q => {
    let filtered = query.where('date', '>=', from).where('date', '<=', end);
    if (onlyPuskesmas) filtered = filtered.where('puskesmas_id', '=', onlyPuskesmas);
    return filtered as Q;
  };

  // One scan over the lookback (at least LOOKBACK_MONTHS, and never less than the period or the
  // window) gives both the counts in the period and the last coverage of every topic.
  const lookbackMonths = input.lookbackMonths ?? LOOKBACK_MONTHS;
  const lookbackFrom = [input.from, windowFrom, addMonths(input.to, -(lookbackMonths - 1))].sort()[0] as string;
  const [topicRows, puskesmasRows, visitCounts, topicCounts, attendanceRows, caseRows] = await Promise.all([
    db.selectFrom('topic').selectAll().orderBy('specialty_code').orderBy('id').execute(),
    (onlyPuskesmas
      ? db.selectFrom('puskesmas').where('id', '=', onlyPuskesmas)
      : db.selectFrom('puskesmas')
    )
      .select(['id', 'name', 'kecamatan', 'active'])
      .orderBy('name')
      .execute(),
    doneIn(start).select(['visit.puskesmas_id', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('visit.puskesmas_id').execute(),
    // topic_fact and attendance_fact (migration 0004) hold only done visits, ordered so that
    // grouping is a scan of the primary key rather than a sort.
    factsIn(db.selectFrom('topic_fact'), firstDayOfMonth(lookbackFrom))
      .select([
        'puskesmas_id',
        'topic_id',
        countWhere(sql`date >= ${start}`).as('n'),
        (eb) => eb.fn.max<string>('date').as('last'),
      ])
      .groupBy(['puskesmas_id', 'topic_id'])
      .execute(),
    factsIn(db.selectFrom('attendance_fact'), start)
      .select(['puskesmas_id', 'role', (eb) => eb.fn.sum<number>('headcount').as('n')])
      .groupBy(['puskesmas_id', 'role'])
      .execute(),
    doneIn(start)
      .innerJoin('case_consult', 'case_consult.visit_id', 'visit.id')
      .select(['case_consult.decision', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('case_consult.decision')
      .execute(),
  ]);

  const topicById = new Map(topicRows.map((t) => [t.id, t]));
  const required = topicRows.filter((t) => t.required === 1 && t.active === 1);
  const lastCovered = new Map(topicCounts.map((r) => [`${r.puskesmas_id}:${r.topic_id}`, r.last]));
  const visitsByPuskesmas = new Map(visitCounts.map((r) => [r.puskesmas_id, Number(r.n)]));

  const topicsByPuskesmas = new Map<number, { code: string; visits: number }[]>();
  const topicTotals = new Map<number, { visits: number; puskesmas: number }>();
  for (const row of topicCounts) {
    const topic = topicById.get(row.topic_id);
    const n = Number(row.n);
    if (!topic || n === 0) continue;
    const list = topicsByPuskesmas.get(row.puskesmas_id) ?? [];
    list.push({ code: topic.code, visits: n });
    topicsByPuskesmas.set(row.puskesmas_id, list);
    const total = topicTotals.get(row.topic_id) ?? { visits: 0, puskesmas: 0 };
    total.visits += n;
    total.puskesmas += 1;
    topicTotals.set(row.topic_id, total);
  }

  const attendanceByPuskesmas = new Map<number, number>();
  const attendanceByRole = new Map<AttendeeRole, number>();
  for (const row of attendanceRows) {
    const n = Number(row.n);
    attendanceByPuskesmas.set(row.puskesmas_id, (attendanceByPuskesmas.get(row.puskesmas_id) ?? 0) + n);
    attendanceByRole.set(row.role, (attendanceByRole.get(row.role) ?? 0) + n);
  }

  const visited = new Set(visitsByPuskesmas.keys());
  const puskesmas = puskesmasRows
    .filter((p) => p.active === 1 || visited.has(p.id))
    .map((p): PuskesmasTopics => ({
      puskesmasId: p.id,
      puskesmasName: p.name,
      kecamatan: p.kecamatan,
      doneVisits: visitsByPuskesmas.get(p.id) ?? 0,
      attendance: attendanceByPuskesmas.get(p.id) ?? 0,
      topics: (topicsByPuskesmas.get(p.id) ?? []).sort((a, b) => b.visits - a.visits || a.code.localeCompare(b.code)),
      requiredGaps: required.flatMap((t) => {
        const last = lastCovered.get(`${p.id}:${t.id}`) ?? null;
        return last !== null && last >= windowStart ? [] : [{ topicId: t.id, code: t.code, nameId: t.name_id, nameEn: t.name_en, lastCovered: last }];
      }),
    }));

  const cases: Record<CaseDecision, number> = { managed: 0, referred: 0, follow_up: 0 };
  for (const row of caseRows) cases[row.decision] = Number(row.n);
  const attendance = ROLE_ORDER.map((role) => ({ role, headcount: attendanceByRole.get(role) ?? 0 }));

  return {
    from: input.from,
    to: input.to,
    windowMonths,
    windowFrom,
    lookbackFrom,
    doneVisits: [...visitsByPuskesmas.values()].reduce((a, b) => a + b, 0),
    topics: coverageLines(topicRows, topicTotals),
    attendance,
    attendanceTotal: attendance.reduce((sum, a) => sum + a.headcount, 0),
    cases,
    puskesmas,
  };
}

export interface TopicSummary {
  /** As topicReport's `topics` for the one month. */
  topics: TopicCoverage[];
  /** Puskesmas (active, or with a done visit in the month) missing a required topic over the window. */
  puskesmasWithRequiredGaps: number;
}

/**
 * The dashboard's two topic figures for one month, without the per-puskesmas lists of
 * topicReport: a province's six months of topic facts are hundreds of thousands of rows, while
 * these need the month's facts (through the visits of the month) and one look-up per puskesmas
 * and required topic.
 */
export async function topicSummary(db: Kysely<Database>, month: string, windowMonths = 6): Promise<TopicSummary> {
  const start = firstDayOfMonth(month);
  const end = lastDayOfMonth(month);
  const windowStart = firstDayOfMonth(addMonths(month, -(windowMonths - 1)));
  const [topicRows, counts, gaps] = await Promise.all([
    db.selectFrom('topic').selectAll().orderBy('specialty_code').orderBy('id').execute(),
    db
      .selectFrom('visit')
      .innerJoin('topic_fact', 'topic_fact.visit_id', 'visit.id')
      .where('visit.date', '>=', start)
      .where('visit.date', '<=', end)
      .where('topic_fact.date', '>=', start)
      .where('topic_fact.date', '<=', end)
      .select(['topic_fact.topic_id', (eb) => eb.fn.countAll<number>().as('visits'), (eb) => eb.fn.count<number>('topic_fact.puskesmas_id').distinct().as('puskesmas')])
      .groupBy('topic_fact.topic_id')
      .execute(),
    db
      .selectFrom('puskesmas')
      .where((eb) =>
        eb.and([
          eb.or([
            eb('puskesmas.active', '=', 1),
            eb.exists(
              eb
                .selectFrom('visit')
                .select('visit.id')
                .whereRef('visit.puskesmas_id', '=', 'puskesmas.id')
                .where('visit.status', '=', 'done')
                .where('visit.date', '>=', start)
                .where('visit.date', '<=', end),
            ),
          ]),
          eb.exists(
            eb
              .selectFrom('topic')
              .select('topic.id')
              .where('topic.required', '=', 1)
              .where('topic.active', '=', 1)
              .where((inner) =>
                inner.not(
                  inner.exists(
                    inner
                      .selectFrom('topic_fact')
                      .select('topic_fact.topic_id')
                      .whereRef('topic_fact.puskesmas_id', '=', 'puskesmas.id')
                      .whereRef('topic_fact.topic_id', '=', 'topic.id')
                      .where('topic_fact.date', '>=', windowStart)
                      .where('topic_fact.date', '<=', end),
                  ),
                ),
              ),
          ),
        ]),
      )
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  const byTopic = new Map(counts.map((r) => [r.topic_id, { visits: Number(r.visits), puskesmas: Number(r.puskesmas) }]));
  return {
    topics: coverageLines(topicRows, byTopic),
    puskesmasWithRequiredGaps: Number(gaps.n),
  };
}

/** One line per active topic, and per retired one that was still discussed in the window. */
function coverageLines(
  topics: readonly { id: number; code: string; name_id: string; name_en: string; specialty_code: string | null; required: number; active: number }[],
  totals: ReadonlyMap<number, { visits: number; puskesmas: number }>,
): TopicCoverage[] {
  return topics
    .filter((t) => t.active === 1 || totals.has(t.id))
    .map((t) => ({
      topicId: t.id,
      code: t.code,
      nameId: t.name_id,
      nameEn: t.name_en,
      specialtyCode: t.specialty_code,
      required: t.required === 1,
      visits: totals.get(t.id)?.visits ?? 0,
      puskesmas: totals.get(t.id)?.puskesmas ?? 0,
    }));
}
