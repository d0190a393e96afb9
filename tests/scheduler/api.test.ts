// The scheduler through the API on the demo district: run, apply, re-plan after an edit
// (uids kept, sequence raised, removed visits cancelled), and single-visit edits under the rules.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AsuhanError } from '../../src/contract/errors';
import { createTestDb, type TestDb } from '../fixtures/temp-db';

const MARCH = '2026-03';
let t: TestDb;

beforeAll(async () => {
  t = await createTestDb({ demo: true });
});
afterAll(async () => {
  await t.close();
});

async function refusal(promise: Promise<unknown>): Promise<AsuhanError> {
  const error = await promise.then(() => null).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(AsuhanError);
  return error as AsuhanError;
}

const marchVisits = () => t.api.client['visits:list']({ from: '2026-03-01', to: '2026-03-31' });

describe('plans through the API', () => {
  it('plans a month as a draft, then saves it', async () => {
    const preview = await t.api.client['plans:run']({ month: MARCH });
    expect(preview.status).toBe('draft');
    expect(preview.solverStatus).toBe('optimal');
    expect(preview.coverage).toEqual({ required: 90, covered: 90 });
    expect(preview.changes.added).toHaveLength(90);
    expect(preview.gap).toBe(0);
    expect(preview.score.map((s) => s.rule)).toEqual(['continuity', 'travel', 'fairness', 'spread', 'stability', 'preference', 'balance']);
    expect(await marchVisits()).toHaveLength(0);

    const applied = await t.api.client['plans:apply']({ planId: preview.planId });
    expect(applied).toMatchObject({ added: 90, moved: 0, removed: 0, backupFile: null });
    const visits = await marchVisits();
    expect(visits).toHaveLength(90);
    expect(new Set(visits.map((v) => v.uid)).size).toBe(90);
    const list = await t.api.client['plans:list']({ month: MARCH });
    expect(list[0]).toMatchObject({ id: preview.planId, status: 'saved', visits: 90, uncovered: 0 });
    await expect(t.api.client['plans:apply']({ planId: preview.planId })).rejects.toThrow(/sudah disimpan/);
  });

  it('re-planning an unchanged month changes nothing; a backup is taken before saving', async () => {
    const preview = await t.api.client['plans:run']({ month: MARCH });
    expect(preview.changes.kept).toHaveLength(90);
    expect(preview.changes.added.length + preview.changes.moved.length + preview.changes.removed.length).toBe(0);
    const applied = await t.api.client['plans:apply']({ planId: preview.planId });
    expect(applied.backupFile && fs.existsSync(applied.backupFile)).toBe(true);
  });

  it('after new leave, only the visit on the leave day changes; it keeps its uid or is cancelled, with sequence + 1', async () => {
    const before = await marchVisits();
    const pinned = before[0]!;
    await t.api.client['visits:pin']({ id: pinned.id, pinned: true });
    const hit = before.find((v) => v.specialistId !== pinned.specialistId && v.date !== pinned.date)!;
    await t.api.client['unavailability:create']({ specialistId: hit.specialistId, startDate: hit.date, endDate: hit.date, kind: 'leave', reason: 'Cuti mendadak' });

    const started = performance.now();
    const preview = await t.api.client['plans:run']({ month: MARCH });
    expect(performance.now() - started).toBeLessThan(5000);
    const changed = [...preview.changes.moved.map((m) => m.from), ...preview.changes.removed];
    expect(changed.map((v) => v.visitId)).toContain(hit.id);
    expect(changed.length).toBeLessThanOrEqual(2);
    expect(preview.visits.find((v) => v.visitId === pinned.id)).toMatchObject({ date: pinned.date, fixed: true });

    await t.api.client['plans:apply']({ planId: preview.planId });
    const after = await t.api.client['visits:list']({ from: '2026-03-01', to: '2026-03-31' });
    const old = after.find((v) => v.id === hit.id)!;
    expect(old.uid).toBe(hit.uid);
    expect(old.sequence).toBe(hit.sequence + 1);
    if (old.status === 'cancelled') expect(old.date).toBe(hit.date);
    else expect(old.date).not.toBe(hit.date);
    expect(after.filter((v) => v.status !== 'cancelled')).toHaveLength(90);
    expect(after.find((v) => v.id === pinned.id)).toMatchObject({ date: pinned.date, pinned: true });
    const audit = await t.api.client['audit:list']({ entity: 'plan' });
    expect(audit.some((a) => a.action === 'plan')).toBe(true);
  });

  it('refuses to save a draft when the month changed since it was made', async () => {
    const preview = await t.api.client['plans:run']({ month: MARCH });
    const visit = (await marchVisits()).find((v) => v.status === 'planned' && !v.pinned)!;
    await t.api.client['visits:pin']({ id: visit.id, pinned: true });
    const error = await refusal(t.api.client['plans:apply']({ planId: preview.planId }));
    expect(error.code).toBe('CONFLICT');
    await t.api.client['visits:pin']({ id: visit.id, pinned: false });
  });
});

describe('single visits under the hard rules', () => {
  it('visits:check explains a holiday and a leave day', async () => {
    const specialists = await t.api.client['specialists:list']({});
    const puskesmas = await t.api.client['puskesmas:list']({});
    const check = await t.api.client['visits:check']({ specialistId: specialists[0]!.id, puskesmasId: puskesmas[0]!.id, date: '2026-08-17' });
    expect(check.ok).toBe(false);
    expect(check.violations.map((v) => v.message)).toContain('Tanggal 17 Agustus 2026 adalah hari libur (Proklamasi Kemerdekaan Republik Indonesia).');
  });

  it('visits:move refuses a holiday with the reason, accepts a good day and marks the visit manual', async () => {
    const visit = (await marchVisits()).find((v) => v.status === 'planned' && !v.pinned)!;
    const error = await refusal(t.api.client['visits:move']({ id: visit.id, date: '2026-03-19' }));
    expect(error.code).toBe('RULE');
    expect(error.message).toContain('Tanggal 19 Maret 2026 adalah hari libur (Hari Suci Nyepi');

    const specialist = await t.api.client['specialists:get']({ id: visit.specialistId });
    const busy = new Set((await marchVisits()).filter((v) => v.specialistId === visit.specialistId && v.status !== 'cancelled').map((v) => v.date));
    const check = async (date: string) => (await t.api.client['visits:check']({ specialistId: visit.specialistId, puskesmasId: visit.puskesmasId, date, excludeVisitId: visit.id })).ok;
    let target: string | undefined;
    for (let day = 1; day <= 31 && !target; day++) {
      const date = `2026-03-${String(day).padStart(2, '0')}`;
      if (date !== visit.date && !busy.has(date) && (await check(date))) target = date;
    }
    expect(specialist.usualWeekdays.length).toBeGreaterThan(0);
    expect(target).toBeDefined();
    const moved = await t.api.client['visits:move']({ id: visit.id, date: target! });
    expect(moved).toMatchObject({ date: target, manual: true, sequence: visit.sequence + 1, uid: visit.uid });
  });

  it('visits:create refuses a second visit on a busy day, accepts a free one; visits:delete cancels it', async () => {
    const visits = (await marchVisits()).filter((v) => v.status === 'planned');
    const busy = visits[0]!;
    const other = visits.find((v) => v.puskesmasId !== busy.puskesmasId)!;
    const error = await refusal(t.api.client['visits:create']({ specialistId: busy.specialistId, puskesmasId: other.puskesmasId, date: busy.date }));
    expect(error.code).toBe('RULE');
    expect(error.message).toContain('sudah punya kunjungan');

    const specialists = await t.api.client['specialists:list']({});
    const puskesmas = (await t.api.client['puskesmas:list']({}))[0]!;
    let slot: { specialistId: number; date: string } | undefined;
    for (const s of specialists) {
      for (const date of ['2026-04-06', '2026-04-07', '2026-04-08', '2026-04-09']) {
        if (!slot && (await t.api.client['visits:check']({ specialistId: s.id, puskesmasId: puskesmas.id, date })).ok) slot = { specialistId: s.id, date };
      }
    }
    expect(slot).toBeDefined();
    const created = await t.api.client['visits:create']({ ...slot!, puskesmasId: puskesmas.id, pinned: true });
    expect(created).toMatchObject({ manual: true, pinned: true, status: 'planned' });
    await expect(t.api.client['visits:delete']({ id: created.id })).resolves.toEqual({ deleted: true });
    const [cancelled] = await t.api.client['visits:list']({ from: slot!.date, to: slot!.date });
    expect(cancelled).toMatchObject({ id: created.id, status: 'cancelled', sequence: 1 });
  });
});
