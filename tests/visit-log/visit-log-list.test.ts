// Catatan kunjungan's to-do list: the same waiting visits the Dasbor counts, for any month or range.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../fixtures/temp-db';
import { insertVisit, primaryPairs } from './builders';

let t: TestDb;
beforeEach(async () => {
  t = await createTestDb({ demo: true }); // today is 2026-02-18
});
afterEach(async () => t.close());

async function seedMonth() {
  const db = t.db.kysely;
  const [a, b] = (await primaryPairs(db)).filter((p) => p.specialtyCode === 'obgyn');
  return {
    oldest: await insertVisit(db, { ...a!, date: '2025-11-04' }),
    january: await insertVisit(db, { ...b!, date: '2026-01-20', status: 'confirmed' }),
    done: await insertVisit(db, { ...a!, date: '2026-01-13', status: 'done' }),
    cancelled: await insertVisit(db, { ...a!, date: '2026-01-27', status: 'cancelled' }),
    february: await insertVisit(db, { ...b!, date: '2026-02-10' }),
    todayVisit: await insertVisit(db, { ...a!, date: '2026-02-18' }),
    future: await insertVisit(db, { ...b!, date: '2026-02-24' }),
    tooOld: await insertVisit(db, { ...a!, date: '2025-01-15' }),
  };
}

describe('visit-log:list', () => {
  it('lists the Dasbor backlog by default, oldest first, with the Dasbor count', async () => {
    const ids = await seedMonth();
    const list = await t.api.client['visit-log:list']({});
    expect(list.visits.map((v) => v.id)).toEqual([ids.oldest, ids.january, ids.february]);
    expect(list.visits.every((v) => v.waiting)).toBe(true);
    const dashboard = await t.api.client['reports:dashboard']({ month: '2026-02' });
    expect(list.waitingCount).toBe(dashboard.unloggedPastVisits);
    expect(list.backlogCount).toBe(dashboard.unloggedPastVisits);
    expect(list).toMatchObject({ from: '2025-03-01', to: '2026-02-18', today: '2026-02-18' });
  });

  it('lists one month, and with include all puts the waiting ones first', async () => {
    const ids = await seedMonth();
    const january = await t.api.client['visit-log:list']({ month: '2026-01' });
    expect(january.visits.map((v) => v.id)).toEqual([ids.january]);
    expect(january.backlogCount).toBe(3);
    const all = await t.api.client['visit-log:list']({ month: '2026-01', include: 'all' });
    expect(all.visits.map((v) => [v.id, v.waiting])).toEqual([
      [ids.january, true],
      [ids.done, false],
      [ids.cancelled, false],
    ]);
    const range = await t.api.client['visit-log:list']({ from: '2025-01-01', to: '2025-12-31' });
    expect(range.visits.map((v) => v.id)).toEqual([ids.tooOld, ids.oldest]);
  });

  it('refuses half a range in plain words', async () => {
    await expect(t.api.client['visit-log:list']({ from: '2026-01-01' })).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(t.api.client['visit-log:list']({ from: '2026-02-01', to: '2026-01-01' })).rejects.toThrow(/tanggal akhir tidak boleh sebelum tanggal awal/);
  });
});
