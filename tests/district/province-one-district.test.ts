// The province view on a database of one district (the PC's SQLite file, or a server with no
// further district): one row, equal to that district's own compliance report and Dasbor, and the
// totals equal to that row. Runs on both engines.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../fixtures/temp-db';

let t: TestDb;

beforeAll(async () => {
  t = await createTestDb({ demo: true });
  const plan = await t.api.client['plans:run']({ month: '2026-02', allowPast: true });
  await t.api.client['plans:apply']({ planId: plan.planId });
}, 120_000);

afterAll(async () => {
  await t?.close();
});

describe('the province view of one district', () => {
  it('is one row, the district\'s own compliance report, with the Dasbor\'s coverage', async () => {
    const summary = await t.api.client['province:summary']({ month: '2026-02' });
    const compliance = await t.api.client['reports:compliance']({ month: '2026-02' });
    const dashboard = await t.api.client['reports:dashboard']({ month: '2026-02' });
    expect(summary.districts).toHaveLength(1);
    const [row] = summary.districts;
    expect(row).toMatchObject({
      districtId: 1,
      required: compliance.totals.required,
      planned: compliance.totals.planned,
      done: compliance.totals.done,
      puskesmasCount: compliance.totals.puskesmasCount,
      puskesmasCompliant: compliance.totals.puskesmasCompliant,
    });
    expect(row!.required).toBeGreaterThan(0);
    expect(row!.coverage).toBeCloseTo(dashboard.coverage.ratio, 12);
    expect(summary.totals).toMatchObject({ districtCount: 1, required: row!.required, covered: row!.covered, notLogged: row!.notLogged });
  });
});
