// While a visit is dragged the calendar lights the days it may land on: one call judges every
// day of the month exactly as a move there would be judged.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { monthDays } from '../../src/domain/dates';
import { createTestDb, type TestDb } from '../fixtures/temp-db';

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb({ demo: true });
  const preview = await t.api.client['plans:run']({ month: '2026-03' });
  await t.api.client['plans:apply']({ planId: preview.planId });
}, 120_000);
afterAll(async () => t.close());

describe('visits:availability', () => {
  it('judges every day of the month as visits:check would, the visit’s own day allowed', async () => {
    const visits = await t.api.client['visits:list']({ from: '2026-03-01', to: '2026-03-31' });
    const visit = visits.find((v) => v.status === 'planned' && !v.pinned)!;
    const started = performance.now();
    const availability = await t.api.client['visits:availability']({ id: visit.id });
    const elapsed = performance.now() - started;
    expect(availability.days.map((d) => d.date)).toEqual(monthDays('2026-03'));
    expect(availability.days.find((d) => d.date === visit.date)?.ok).toBe(true);
    for (const day of availability.days) {
      if (day.date === visit.date) continue;
      const check = await t.api.client['visits:check']({ specialistId: visit.specialistId, puskesmasId: visit.puskesmasId, date: day.date, excludeVisitId: visit.id });
      expect(day.ok, day.date).toBe(check.ok);
      expect(day.message, day.date).toBe(check.violations[0]?.message ?? '');
    }
    // Sundays and the holidays of Nyepi and Idul Fitri are refused with a reason.
    const nyepi = availability.days.find((d) => d.date === '2026-03-19')!;
    expect(nyepi.ok).toBe(false); // Nyepi: a holiday, whatever else the specialist's week says
    expect(availability.days.some((d) => d.ok && d.date !== visit.date)).toBe(true);
    // Informational: one call for the month (the screen's budget is 200 ms).
    console.info(`visits:availability on the demo month: ${elapsed.toFixed(0)} ms`);
  });

  it('allows no day for a visit that is no longer planned, and refuses a bad id', async () => {
    const [visit] = await t.api.client['visits:list']({ from: '2026-03-01', to: '2026-03-31' });
    await t.api.client['visit-log:save']({ visitId: visit!.id, outcome: 'cancelled', reason: 'uji' });
    const availability = await t.api.client['visits:availability']({ id: visit!.id });
    expect(availability.days.every((d) => !d.ok)).toBe(true);
    expect(await t.api.invoke('visits:availability', { id: 'x' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await t.api.invoke('visits:availability', { id: 999_999 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});
