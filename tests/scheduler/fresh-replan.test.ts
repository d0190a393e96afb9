// "Susun dari awal" replaces the month's plan: the visits it supersedes go, pinned and past ones stay,
// and no specialist ends above their monthly maximum.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../fixtures/temp-db';

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb({ demo: true });
});
afterAll(async () => t.close());

describe('a fresh re-plan', () => {
  it('replaces the plan it starts from instead of adding a second one', async () => {
    const c = t.api.client;
    const first = await c['plans:run']({ month: '2026-03' });
    await c['plans:apply']({ planId: first.planId });
    const before = await c['visits:list']({ from: '2026-03-01', to: '2026-03-31' });
    const pinned = before[3]!;
    await c['visits:pin']({ id: pinned.id, pinned: true });
    const fresh = await c['plans:run']({ month: '2026-03', mode: 'fresh' });
    const applied = await c['plans:apply']({ planId: fresh.planId });
    // Visits the fresh plan drops are cancelled (their calendars get STATUS:CANCELLED), not kept.
    const after = (await c['visits:list']({ from: '2026-03-01', to: '2026-03-31' })).filter((v) => v.status !== 'cancelled');
    expect(after.length).toBe(fresh.visits.length);
    expect(applied.added + applied.moved + applied.kept + 1).toBe(after.length);
    expect(applied.removed).toBe(before.length - applied.moved - applied.kept - 1);
    expect(after.find((v) => v.id === pinned.id)).toMatchObject({ date: pinned.date, pinned: true });
    const specialists = await c['specialists:list']({});
    for (const s of specialists) expect(after.filter((v) => v.specialistId === s.id).length, s.name).toBeLessThanOrEqual(s.maxVisitsPerMonth);
  });
});
