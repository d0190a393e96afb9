// plans:uncovered: the month's requirements the saved visits leave open, as they stand now. It
// agrees with the plan that was saved, reopens a requirement when its visit is cancelled,
// and closes it again when a visit is added by hand.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../fixtures/temp-db';

let t: TestDb;
const MARCH = { from: '2026-03-01', to: '2026-03-31' };
beforeAll(async () => {
  t = await createTestDb({ demo: true });
  // One pediatrician fewer visit than the month needs, so the saved plan leaves something open.
  const pediatric = (await t.api.client['specialties:list']({})).find((s) => s.code === 'pediatric')!;
  for (const s of (await t.api.client['specialists:list']({})).filter((x) => x.specialtyId === pediatric.id)) {
    await t.api.client['specialists:update']({ id: s.id, changes: { maxVisitsPerMonth: 2 } });
  }
  const preview = await t.api.client['plans:run']({ month: '2026-03' });
  await t.api.client['plans:apply']({ planId: preview.planId });
}, 120_000);
afterAll(async () => t.close());

describe('plans:uncovered', () => {
  it('agrees with the saved plan', async () => {
    const [saved] = await t.api.client['plans:list']({ month: '2026-03' });
    const plan = await t.api.client['plans:get']({ id: saved!.id });
    expect(plan.uncovered.length).toBeGreaterThan(0);
    const now = await t.api.client['plans:uncovered']({ month: '2026-03' });
    const key = (u: { puskesmasId: number; specialtyId: number; missing: number }) => `${u.puskesmasId}:${u.specialtyId}:${u.missing}`;
    expect(now.map(key).sort()).toEqual(plan.uncovered.map(key).sort());
    for (const u of now) expect(u.message).toContain(`kekurangan ${u.missing} kunjungan`);
  });

  it('reopens a requirement when its visit is cancelled, and closes it when a visit is added by hand', async () => {
    const client = t.api.client;
    const before = await client['plans:uncovered']({ month: '2026-03' });
    const obgyn = (await client['specialties:list']({})).find((s) => s.code === 'obgyn')!;
    const visit = (await client['visits:list'](MARCH)).find((v) => v.status === 'planned' && v.specialtyId === obgyn.id && !before.some((u) => u.puskesmasId === v.puskesmasId && u.specialtyId === v.specialtyId))!;
    await client['visits:delete']({ id: visit.id });
    const reopened = await client['plans:uncovered']({ month: '2026-03' });
    expect(reopened.find((u) => u.puskesmasId === visit.puskesmasId && u.specialtyId === visit.specialtyId)).toMatchObject({ missing: 1 });
    expect(reopened).toHaveLength(before.length + 1);
    const [cover] = (await client['plans:suggest']({ puskesmasId: visit.puskesmasId, specialtyId: visit.specialtyId, month: '2026-03' })).suggestions;
    expect(cover).toBeDefined();
    await client['visits:create']({ specialistId: cover!.specialistId, puskesmasId: visit.puskesmasId, date: cover!.date, startTime: cover!.startTime });
    expect(await client['plans:uncovered']({ month: '2026-03' })).toHaveLength(before.length);
  });

  it('answers for a month with no visits, and refuses a bad month in both languages', async () => {
    const april = await t.api.client['plans:uncovered']({ month: '2026-04' });
    expect(april.length).toBeGreaterThan(0);
    expect(april.every((u) => u.month === '2026-04')).toBe(true);
    // A month wholly past: what it lacked stays visible (no new visit can be suggested there).
    expect(Array.isArray(await t.api.client['plans:uncovered']({ month: '2026-01' }))).toBe(true);
    await expect(t.api.client['plans:uncovered']({ month: '2026-13' })).rejects.toMatchObject({ code: 'VALIDATION', messageEn: expect.stringContaining('YYYY-MM') });
  });
});
