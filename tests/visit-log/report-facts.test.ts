// The report fact tables (migration 0004) are copies kept by triggers; whatever happens to a
// visit, its log or its attendees, they must equal what the source tables say.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateVisitLogHistoryOn } from '../../src/seed/visit-log-history';
import { createTestDb, type TestDb } from '../fixtures/temp-db';
import { insertVisit, primaryPairs } from './builders';

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb({ demo: true });
  await generateVisitLogHistoryOn(t.db, { from: '2025-09', to: '2026-02', today: '2026-02-18', seed: 11 });
});
afterAll(async () => t.close());

const rows = (query: string, ...params: unknown[]) => t.all(query, ...params);

async function expectFactsInStep(): Promise<void> {
  expect(await rows('SELECT puskesmas_id, topic_id, date, visit_id FROM topic_fact ORDER BY 1, 2, 3, 4')).toEqual(
    await rows(`SELECT v.puskesmas_id, t.topic_id, v.date, v.id AS visit_id FROM visit_topic t JOIN visit v ON v.id = t.visit_id
          WHERE v.status = 'done' ORDER BY 1, 2, 3, 4`),
  );
  expect(await rows('SELECT puskesmas_id, role, date, attendee_id, visit_id, headcount FROM attendance_fact ORDER BY 4')).toEqual(
    await rows(`SELECT v.puskesmas_id, a.role, v.date, a.id AS attendee_id, v.id AS visit_id, a.headcount FROM visit_attendee a
          JOIN visit v ON v.id = a.visit_id WHERE v.status = 'done' ORDER BY 4`),
  );
}

describe('report facts', () => {
  it('match the logs written by a history of visits', async () => {
    expect(((await rows('SELECT count(*) AS n FROM topic_fact'))[0] as { n: number }).n).toBeGreaterThan(500);
    await expectFactsInStep();
  });

  it('follow a log saved, corrected and undone through the API and by hand', async () => {
    const api = t.api.client;
    const [pair] = await primaryPairs(t.db.kysely);
    const visitId = await insertVisit(t.db.kysely, { date: '2026-02-16', specialistId: pair!.specialistId, puskesmasId: pair!.puskesmasId });
    await api['visit-log:save']({ visitId, outcome: 'done', attendees: [{ role: 'bidan', headcount: 3 }], topics: ['anc', 'pre-eclampsia'] });
    await expectFactsInStep();
    await api['visit-log:save']({ visitId, outcome: 'done', replace: true, attendees: [{ role: 'perawat', headcount: 2 }, { role: 'kader', name: 'Bu Sri' }], topics: ['pph'] });
    await expectFactsInStep();
    expect(await rows(`SELECT topic_id FROM topic_fact WHERE visit_id = ${visitId}`)).toHaveLength(1);

    // By hand, as a restore or a future screen might: the visit stops being done, comes back on
    // another date and puskesmas, an attendee changes, the log and then the visit go.
    await rows(`UPDATE visit SET status = 'cancelled' WHERE id = ?`, visitId);
    await expectFactsInStep();
    await rows(`UPDATE visit SET status = 'done', date = '2026-02-17', puskesmas_id = ? WHERE id = ?`, (await primaryPairs(t.db.kysely))[2]!.puskesmasId, visitId);
    await expectFactsInStep();
    await rows(`UPDATE visit_attendee SET headcount = 9, role = 'gizi' WHERE visit_id = ? AND name = ''`, visitId);
    await expectFactsInStep();
    await rows(`DELETE FROM visit_log WHERE visit_id = ?`, visitId);
    await expectFactsInStep();
    expect(await rows(`SELECT * FROM topic_fact WHERE visit_id = ${visitId}`)).toEqual([]);
  });

  it('leave the topics report equal to counting from the logs', async () => {
    const report = await t.api.client['reports:topics']({ from: '2025-09', to: '2026-02', windowMonths: 3 });
    const counted = (await rows(`SELECT count(*) AS n FROM visit_topic t JOIN visit v ON v.id = t.visit_id
                          WHERE v.status = 'done' AND v.date BETWEEN '2025-09-01' AND '2026-02-28'`)) as { n: number }[];
    expect(report.topics.reduce((sum, topic) => sum + topic.visits, 0)).toBe(counted[0]!.n);
    const people = (await rows(`SELECT coalesce(sum(a.headcount), 0) AS n FROM visit_attendee a JOIN visit v ON v.id = a.visit_id
                         WHERE v.status = 'done' AND v.date BETWEEN '2025-09-01' AND '2026-02-28'`)) as { n: number }[];
    expect(report.attendanceTotal).toBe(people[0]!.n);
  });
});
