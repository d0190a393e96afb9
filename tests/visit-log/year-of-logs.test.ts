// A district with a year of logged visits: every report agrees with counts taken straight from
// the tables, and logging through the API on top of the history moves the reports as expected.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { topicSummary } from '../../src/reports/topics';
import { generateVisitLogHistoryOn, type HistorySummary } from '../../src/seed/visit-log-history';
import { createTestDb, type TestDb } from '../fixtures/temp-db';

let t: TestDb;
let summary: HistorySummary;

beforeAll(async () => {
  t = await createTestDb({ demo: true });
  summary = await generateVisitLogHistoryOn(t.db, { from: '2025-03', to: '2026-03', today: '2026-02-18', seed: 7 });
});
afterAll(async () => t.close());

const all = <T>(query: string, ...params: unknown[]) => t.all<T>(query, ...params);
const one = async <T>(query: string, ...params: unknown[]) => (await t.all<T>(query, ...params))[0] as T;
// Counts as numbers on both engines (PostgreSQL has no sum of a boolean).
const flag = (condition: string) => `sum(CASE WHEN ${condition} THEN 1 ELSE 0 END)`;

describe('a year of logged visits', () => {
  it('has the volume of a real year', () => {
    expect(summary.visits).toBe(13 * 90);
    expect(summary.done).toBeGreaterThan(800);
    expect(summary.topics).toBeGreaterThan(2000);
  });

  it('compliance: every cell matches the visits table, misses explain every visit not done', async () => {
    const report = await t.api.client['reports:compliance']({ month: '2025-06' });
    const rows = await all<{ puskesmas_id: number; specialty_id: number; planned: number; done: number }>(
      `SELECT puskesmas_id, specialty_id, count(*) AS planned, ${flag("status = 'done'")} AS done
       FROM visit WHERE date BETWEEN '2025-06-01' AND '2025-06-30' GROUP BY 1, 2`,
    );
    expect(rows).toHaveLength(90);
    for (const row of rows) {
      const cell = report.puskesmas.find((p) => p.puskesmasId === row.puskesmas_id)!.bySpecialty.find((s) => s.specialtyId === row.specialty_id)!;
      expect(cell).toMatchObject({ required: 1, planned: row.planned, done: row.done });
      expect(cell.misses).toHaveLength(row.planned - row.done);
    }
    const done = (await one<{ n: number }>(`SELECT count(*) AS n FROM visit WHERE status = 'done' AND date LIKE '2025-06-%'`)).n;
    expect(report.totals.done).toBe(done);
    expect(report.specialists.reduce((sum, s) => sum + s.done, 0)).toBe(done);
    expect(report.puskesmas.flatMap((p) => p.bySpecialty.flatMap((s) => s.misses)).every((m) => m.kind !== 'upcoming')).toBe(true);
  });

  it('topics: coverage, attendance and cases match the tables; required gaps match the last coverage', async () => {
    const report = await t.api.client['reports:topics']({ from: '2025-03', to: '2026-02', windowMonths: 3 });
    const topicCounts = await all<{ code: string; n: number }>(
      `SELECT t.code, count(*) AS n FROM visit_topic vt JOIN topic t ON t.id = vt.topic_id JOIN visit v ON v.id = vt.visit_id
       WHERE v.status = 'done' AND v.date BETWEEN '2025-03-01' AND '2026-02-28' GROUP BY t.code`,
    );
    for (const { code, n } of topicCounts) expect(report.topics.find((x) => x.code === code)!.visits).toBe(n);
    const attendance = (
      await one<{ n: number }>(
      `SELECT sum(a.headcount) AS n FROM visit_attendee a JOIN visit v ON v.id = a.visit_id WHERE v.date BETWEEN '2025-03-01' AND '2026-02-28'`,
      )
    ).n;
    expect(report.attendanceTotal).toBe(attendance);
    expect(report.cases.managed + report.cases.referred + report.cases.follow_up).toBe(
      (await one<{ n: number }>(`SELECT count(*) AS n FROM case_consult c JOIN visit v ON v.id = c.visit_id WHERE v.date <= '2026-02-28'`)).n,
    );
    expect(report.windowFrom).toBe('2025-12');
    const sample = report.puskesmas[7]!;
    const required = await all<{ id: number; code: string }>(`SELECT id, code FROM topic WHERE required = 1`);
    const gaps: string[] = [];
    for (const { id, code } of required) {
      const last = (
        await one<{ d: string | null }>(
          `SELECT max(v.date) AS d FROM visit v JOIN visit_topic vt ON vt.visit_id = v.id
           WHERE v.puskesmas_id = ? AND vt.topic_id = ? AND v.status = 'done' AND v.date <= '2026-02-28'`,
          sample.puskesmasId,
          id,
        )
      ).d;
      if (last === null || last < '2025-12-01') gaps.push(code);
    }
    expect(sample.requiredGaps.map((g) => g.code).sort()).toEqual(gaps.sort());
  });

  it('follow-ups and the dashboard agree with the tables', async () => {
    const followups = await t.api.client['reports:followups']({ status: 'all' });
    const counts = await one<{ open: number; closed: number; overdue: number }>(
      `SELECT ${flag("status = 'open'")} AS open, ${flag("status = 'closed'")} AS closed, ${flag("status = 'open' AND due_date < '2026-02-18'")} AS overdue FROM followup`,
    );
    expect(followups.counts).toEqual(counts);
    expect(followups.rows).toHaveLength(counts.open + counts.closed);
    expect(followups.truncated).toBe(false);
    expect(followups.rows.findIndex((r) => r.status === 'closed')).toBe(counts.open);
    const few = await t.api.client['reports:followups']({ status: 'all', limit: 10 });
    expect(few).toMatchObject({ truncated: true, counts });
    expect(few.rows).toHaveLength(10);
    const dashboard = await t.api.client['reports:dashboard']({ month: '2026-02' });
    expect(dashboard.puskesmas).toHaveLength(45);
    expect(dashboard.followups).toEqual(counts);
    expect(dashboard.unloggedPastVisits).toBe(
      (await one<{ n: number }>(`SELECT count(*) AS n FROM visit WHERE status IN ('planned', 'confirmed') AND date < '2026-02-18' AND date >= '2025-03-01'`)).n,
    );
    expect(new Set(dashboard.puskesmas.map((p) => p.state))).toContain('met');
  });

  it("the dashboard's topic figures are the topic report's, from its lighter queries", async () => {
    const dashboard = await t.api.client['reports:dashboard']({ month: '2026-02' });
    const sixMonths = await t.api.client['reports:topics']({ from: '2026-02', to: '2026-02', windowMonths: 6 });
    expect(dashboard.topics).toEqual(sixMonths.topics);
    expect(dashboard.puskesmasWithTopicGaps).toBe(sixMonths.puskesmas.filter((p) => p.requiredGaps.length > 0).length);
    // Over windows short and long (so some puskesmas have had every required topic and some not).
    const counts = new Set<string>();
    for (const month of ['2025-06', '2025-12', '2026-03']) {
      for (const windowMonths of [1, 6, 12]) {
        const summary = await topicSummary(t.db.kysely, month, windowMonths);
        const report = await t.api.client['reports:topics']({ from: month, to: month, windowMonths });
        expect(summary.topics).toEqual(report.topics);
        const withGaps = report.puskesmas.filter((p) => p.requiredGaps.length > 0).length;
        expect(summary.puskesmasWithRequiredGaps).toBe(withGaps);
        counts.add(withGaps === report.puskesmas.length ? 'all' : withGaps === 0 ? 'none' : 'some');
      }
    }
    expect(counts.has('some') || counts.has('none')).toBe(true);
  });

  it('logging a visit on top of the history moves compliance and closes follow-ups', async () => {
    const visit = await one<{ id: number; puskesmas_id: number; specialty_id: number }>(
      `SELECT id, puskesmas_id, specialty_id FROM visit WHERE status = 'planned' AND date < '2026-02-18' AND date >= '2026-02-01' LIMIT 1`,
    );
    expect(visit).toBeTruthy();
    const before = await t.api.client['reports:compliance']({ month: '2026-02' });
    const open = (await t.api.client['visit-log:get']({ visitId: visit.id })).openFollowups;
    await t.api.client['visit-log:save']({
      visitId: visit.id,
      outcome: 'done',
      attendees: [{ role: 'bidan', headcount: 2 }],
      topics: ['referral-protocol'],
      closeFollowups: open.map((f) => ({ id: f.id })),
    });
    const after = await t.api.client['reports:compliance']({ month: '2026-02' });
    expect(after.totals.done).toBe(before.totals.done + 1);
    const cell = (r: typeof after) => r.puskesmas.find((p) => p.puskesmasId === visit.puskesmas_id)!.bySpecialty.find((s) => s.specialtyId === visit.specialty_id)!;
    expect(cell(after).misses.filter((m) => m.kind === 'not_logged')).toHaveLength(cell(before).misses.filter((m) => m.kind === 'not_logged').length - 1);
    const stillOpen = await t.api.client['followups:list']({ puskesmasId: visit.puskesmas_id });
    expect(stillOpen.filter((f) => open.some((o) => o.id === f.id))).toHaveLength(0);
  });
});
