// Districts where the hard rules cannot all hold: the plan covers what it can and names the
// cause of every gap.
import { describe, expect, it } from 'vitest';
import { checkPlan } from '../../src/scheduler/checker';
import { ProblemIndex } from '../../src/scheduler/context';
import { solveProblem } from '../../src/scheduler/solve';
import { syntheticDistrict } from '../../src/scheduler/synthetic-district';
import { ANI, BUDI, LICIN, SEMPU, tinyProblem } from './tiny';

describe('uncovered visits and their causes', () => {
  it('no specialist of a required specialty', async () => {
    const problem = tinyProblem((p) => {
      p.specialties.push({ id: 2, code: 'pediatric', name: 'Anak' });
      p.programmeRequirements.push({ specialtyId: 2, visitsPerMonth: 1 });
    });
    const result = await solveProblem(problem);
    expect(result.visits).toHaveLength(2);
    expect(result.uncovered.map((u) => [u.puskesmasId, u.cause])).toEqual([
      [SEMPU, 'no-specialist'],
      [LICIN, 'no-specialist'],
    ]);
    expect(result.uncovered[0]!.message).toBe('Puskesmas Sempu kekurangan 1 kunjungan Anak pada Maret 2026: tidak ada dokter Anak yang aktif.');
  });

  it('no specialist within reach', async () => {
    const problem = tinyProblem((p) => {
      p.adoptions = p.adoptions.filter((a) => a.puskesmasId !== LICIN);
      p.distances.push({ hospitalId: 1, puskesmasId: LICIN, km: 120, minutes: null });
    });
    const result = await solveProblem(problem);
    expect(result.uncovered).toHaveLength(1);
    expect(result.uncovered[0]).toMatchObject({ puskesmasId: LICIN, cause: 'none-in-reach' });
    expect(result.uncovered[0]!.message).toContain('dalam jangkauan 60 km (terdekat: dr. Ani, Sp.OG, 120 km)');
    expect(result.uncovered[0]!.figures).toMatchObject({ maxTravelKm: 60, nearest: { specialistId: ANI, km: 120 }, unknownDistances: [] });
  });

  it('no distance known: only the adopters may go, and the sentence names the missing position', async () => {
    const problem = tinyProblem((p) => {
      p.adoptions = p.adoptions.filter((a) => a.puskesmasId !== LICIN);
      const licin = p.puskesmas.find((c) => c.id === LICIN)!;
      licin.lat = null;
      licin.lon = null;
    });
    const result = await solveProblem(problem);
    expect(result.uncovered).toHaveLength(1);
    expect(result.uncovered[0]).toMatchObject({ puskesmasId: LICIN, cause: 'none-in-reach', figures: { nearest: null } });
    expect(result.uncovered[0]!.message).toBe(
      'Puskesmas Licin kekurangan 1 kunjungan Obstetri dan Ginekologi pada Maret 2026: tidak ada dokter Obstetri dan Ginekologi dalam jangkauan 60 km; jarak RSUD Blambangan ke Puskesmas Licin tidak diketahui: posisi Puskesmas Licin belum diisi, dan tidak ada jarak yang dimasukkan.',
    );
    // Its own adopter still goes without a position.
    const adopted = await solveProblem(tinyProblem((p) => {
      const licin = p.puskesmas.find((c) => c.id === LICIN)!;
      licin.lat = null;
      licin.lon = null;
    }));
    expect(adopted.uncovered).toEqual([]);
    expect(adopted.visits.find((v) => v.puskesmasId === LICIN)!.specialistId).toBe(ANI);
  });

  it('every candidate on leave, named with their dates', async () => {
    const problem = tinyProblem((p) => {
      p.unavailability.push({ specialistId: ANI, startDate: '2026-02-20', endDate: '2026-04-05', kind: 'leave', reason: '' });
      p.unavailability.push({ specialistId: BUDI, startDate: '2026-03-01', endDate: '2026-03-31', kind: 'training', reason: 'PONEK' });
    });
    const result = await solveProblem(problem);
    expect(result.visits).toEqual([]);
    expect(result.uncovered.map((u) => u.cause)).toEqual(['all-unavailable', 'all-unavailable']);
    expect(result.uncovered[0]!.message).toBe(
      'Puskesmas Sempu kekurangan 1 kunjungan Obstetri dan Ginekologi pada Maret 2026: semua dokter yang dapat datang berhalangan: dr. Ani, Sp.OG cuti 20 Februari - 5 April 2026; dr. Budi, Sp.OG pelatihan 1-31 Maret 2026.',
    );
  });

  it('capacity of the specialty short by N visits', async () => {
    const problem = tinyProblem((p) => {
      p.specialists[0]!.maxVisitsPerMonth = 0;
      p.specialists[1]!.maxVisitsPerMonth = 1;
    });
    const result = await solveProblem(problem);
    expect(result.visits).toHaveLength(1);
    expect(result.uncovered).toHaveLength(1);
    expect(result.uncovered[0]!.cause).toBe('capacity');
    expect(result.uncovered[0]!.message).toContain('kurang 1 kunjungan bulan ini (dibutuhkan 2, tersedia 1 pada hari yang bisa dipakai)');
    expect(result.uncovered[0]!.figures).toEqual({ needed: 2, available: 1 });
    expect(checkPlan(new ProblemIndex(problem), result.visits).map((v) => v.rule)).toEqual(['coverage']);
  });

  it('a whole specialty on leave in a random district: covers the other specialty fully and explains every gap', async () => {
    const base = syntheticDistrict({ puskesmas: 10, months: ['2026-03'], seed: 7, leaveRate: 0 });
    const problem = {
      ...base,
      unavailability: base.specialists.filter((s) => s.specialtyId === 2).map((s) => ({ specialistId: s.id, startDate: '2026-03-01', endDate: '2026-03-31', kind: 'leave' as const, reason: '' })),
      settings: { ...base.settings, maxTravelKm: 500 },
    };
    const result = await solveProblem(problem);
    expect(result.visits.filter((v) => v.specialtyId === 1)).toHaveLength(10);
    expect(result.uncovered).toHaveLength(10);
    expect(result.uncovered.every((u) => u.specialtyId === 2 && u.cause === 'all-unavailable')).toBe(true);
  });

  it('never crashes on degenerate data: nothing to plan, nobody, or no open day', async () => {
    const empty = tinyProblem((p) => {
      p.puskesmas = [];
      p.adoptions = [];
    });
    expect((await solveProblem(empty)).visits).toEqual([]);
    const garbled = tinyProblem((p) => (p.puskesmas[0]!.openingHours = { '1': { open: '7', close: 'siang' } }));
    const partly = await solveProblem(garbled);
    expect(partly.uncovered.map((u) => [u.puskesmasId, u.cause])).toEqual([[10, 'all-unavailable']]);
    const closed = tinyProblem((p) => p.puskesmas.forEach((c) => (c.openingHours = {})));
    const result = await solveProblem(closed);
    expect(result.uncovered.map((u) => u.cause)).toEqual(['all-unavailable', 'all-unavailable']);
  });
});
