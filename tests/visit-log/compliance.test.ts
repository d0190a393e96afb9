import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { complianceReport } from '../../src/reports/compliance';
import { createTestDb, type TestDb } from '../fixtures/temp-db';
import { insertVisit, primaryPairs } from './builders';

let t: TestDb;
beforeEach(async () => {
  t = await createTestDb({ demo: true });
});
afterEach(async () => t.close());

describe('complianceReport', () => {
  it('counts required, planned and done per puskesmas and specialty, with reasons for misses', async () => {
    const db = t.db.kysely;
    const pairs = await primaryPairs(db);
    const [obgyn, pediatric] = [pairs.find((p) => p.specialtyCode === 'obgyn')!, pairs.find((p) => p.specialtyCode === 'pediatric' )!];
    const puskesmasId = obgyn.puskesmasId;
    const pedPair = pairs.find((p) => p.specialtyCode === 'pediatric' && p.puskesmasId === puskesmasId) ?? pediatric;
    await insertVisit(db, { date: '2026-01-12', specialistId: obgyn.specialistId, puskesmasId, status: 'done', startTime: '09:00', endTime: '11:30' });
    await insertVisit(db, { date: '2026-01-20', specialistId: pedPair.specialistId, puskesmasId: pedPair.puskesmasId, status: 'cancelled' });

    const report = await complianceReport(db, '2026-01', { today: '2026-02-18' });
    const row = report.puskesmas.find((p) => p.puskesmasId === puskesmasId)!;
    const ob = row.bySpecialty.find((s) => s.specialtyCode === 'obgyn')!;
    expect(ob).toMatchObject({ required: 1, planned: 1, done: 1, met: true, misses: [] });
    expect(report.puskesmas).toHaveLength(45);
    expect(report.totals.required).toBe(90);
    expect(report.totals.done).toBe(1);
    const specialist = report.specialists.find((s) => s.specialistId === obgyn.specialistId)!;
    expect(specialist).toMatchObject({ planned: 1, done: 1, plannedHours: 2.5, doneHours: 2.5 });
    const other = report.puskesmas.find((p) => p.puskesmasId !== puskesmasId && p.puskesmasId !== pedPair.puskesmasId)!;
    expect(other.bySpecialty[0]!.misses.map((m) => m.kind)).toEqual(['not_planned']);
    const ped = report.puskesmas.find((p) => p.puskesmasId === pedPair.puskesmasId)!.bySpecialty.find((s) => s.specialtyCode === 'pediatric')!;
    expect(ped.misses.map((m) => m.kind)).toEqual(['cancelled']);
  });

  it('counts a moved visit once, where it moved to, and names the move as the reason in the month it left', async () => {
    const db = t.db.kysely;
    const pair = (await primaryPairs(db)).find((p) => p.specialtyCode === 'obgyn')!;
    const within = await insertVisit(db, { ...pair, date: '2026-01-12' });
    const leaving = await insertVisit(db, { ...pair, date: '2026-01-28' });
    await t.api.client['visit-log:save']({ visitId: within, outcome: 'moved', reason: 'Rapat dinas', movedTo: { date: '2026-01-14' } });
    await t.api.client['visit-log:save']({ visitId: leaving, outcome: 'moved', reason: 'Banjir', movedTo: { date: '2026-02-04' } });

    const january = await complianceReport(db, '2026-01', { today: '2026-02-18' });
    const cell = january.puskesmas.find((p) => p.puskesmasId === pair.puskesmasId)!.bySpecialty.find((s) => s.specialtyCode === 'obgyn')!;
    expect(cell.planned).toBe(1);
    expect(cell.misses.map((m) => m.kind).sort()).toEqual(['moved_out', 'not_logged']);
    expect(cell.misses.find((m) => m.kind === 'moved_out')!.message).toBe('Kunjungan 28 Januari 2026 dipindah ke 4 Februari 2026 (Banjir)');
    const february = await complianceReport(db, '2026-02', { today: '2026-02-18' });
    const next = february.puskesmas.find((p) => p.puskesmasId === pair.puskesmasId)!.bySpecialty.find((s) => s.specialtyCode === 'obgyn')!;
    expect(next).toMatchObject({ planned: 1, done: 0 });
    expect(next.misses.map((m) => m.kind)).toEqual(['not_logged']);
  });
});
