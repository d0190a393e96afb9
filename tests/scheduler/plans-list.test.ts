import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../fixtures/temp-db';

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb({ demo: true });
});
afterAll(async () => t.close());

describe('plans:list', () => {
  it('counts visits and uncovered requirements of each plan without loading the plans', async () => {
    const client = t.api.client;
    const pediatric = (await client['specialties:list']()).find((s) => s.code === 'pediatric')!;
    // Pediatricians may make one visit a month: 19 of 45 required pediatric visits fit.
    for (const specialist of (await client['specialists:list']()).filter((s) => s.specialtyId === pediatric.id)) {
      await client['specialists:update']({ id: specialist.id, changes: { maxVisitsPerMonth: 1 } });
    }
    const preview = await client['plans:run']({ month: '2026-03' });
    const missing = preview.uncovered.reduce((sum, u) => sum + u.missing, 0);
    expect(missing).toBe(45 - 19);
    const [listed] = await client['plans:list']({ month: '2026-03' });
    expect(listed).toMatchObject({ id: preview.planId, status: 'draft', visits: preview.visits.length, uncovered: missing });
    expect(listed?.visits).toBe(45 + 19);
  });
});
