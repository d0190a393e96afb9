// Visit times as data: a short day is used whenever a visit fits (starting at opening time
// when the programme's start would not fit), a puskesmas may give its own start per weekday,
// a specialty may have its own visit length, and a start the coordinator gives is judged as
// given. Migration 0006 brings older databases along.
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { migrations } from '../../migrations/index';
import { createApi } from '../../src/app/api';
import { createContext } from '../../src/app/context';
import { APPLICATION_ID, openDatabase } from '../../src/db/connect';
import { checkPlan } from '../../src/scheduler/checker';
import { ProblemIndex } from '../../src/scheduler/context';
import { solveProblem } from '../../src/scheduler/solve';
import { seedMadeUpDistrict, setUpDistrict } from '../fixtures/district';
import { createTestDb, TEST_TODAY, tempDir } from '../fixtures/temp-db';
import { ANI, LICIN, OBGYN, SEMPU, tinyProblem, visit } from './tiny';

const FRIDAY = '2026-03-06';
const SHORT_FRIDAY = { open: '07:30', close: '11:00' };

/** Ani works Fridays only; both puskesmas are open Friday 07.30-11.00; visits take 180 minutes from 09.00. */
const fridaysOnly = () =>
  tinyProblem((p) => {
    p.specialists[0]!.usualWeekdays = [5];
    p.specialists.splice(1, 1);
    p.adoptions = p.adoptions.filter((a) => a.specialistId === ANI);
    for (const c of p.puskesmas) c.openingHours = { '5': SHORT_FRIDAY };
  });

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('visit times', () => {
  it('uses a short Friday: the visit starts at opening time when 09.00 would not fit', async () => {
    const problem = fridaysOnly();
    expect(new ProblemIndex(problem).visitTime(SEMPU, FRIDAY)).toEqual({ startTime: '07:30', endTime: '10:30' });
    const result = await solveProblem(problem);
    expect(result.uncovered).toEqual([]);
    expect(result.visits.map((v) => [v.startTime, v.endTime])).toEqual([
      ['07:30', '10:30'],
      ['07:30', '10:30'],
    ]);
    expect(checkPlan(new ProblemIndex(problem), result.visits)).toEqual([]);
  });

  it("keeps the programme's start where it fits", () => {
    expect(new ProblemIndex(tinyProblem()).visitTime(SEMPU, '2026-03-02')).toEqual({ startTime: '09:00', endTime: '12:00' });
  });

  it("a puskesmas's own start for a weekday is used as given, and a day it does not fit is not used", async () => {
    const problem = fridaysOnly();
    problem.puskesmas[0]!.visitStarts = { '5': '08:00' };
    problem.puskesmas[1]!.visitStarts = { '5': '09:00' };
    const index = new ProblemIndex(problem);
    expect(index.visitTime(SEMPU, FRIDAY)).toEqual({ startTime: '08:00', endTime: '11:00' });
    expect(index.visitTime(LICIN, FRIDAY)).toBeNull();
    const result = await solveProblem(problem);
    expect(result.visits).toEqual([expect.objectContaining({ puskesmasId: SEMPU, startTime: '08:00', endTime: '11:00' })]);
    expect(result.uncovered).toEqual([expect.objectContaining({ puskesmasId: LICIN, cause: 'all-unavailable' })]);
  });

  it("a specialty's own visit length overrides the programme's", async () => {
    const problem = tinyProblem((p) => {
      p.specialties[0]!.visitMinutes = 120;
    });
    const index = new ProblemIndex(problem);
    expect(index.visitMinutes(OBGYN)).toBe(120);
    expect(index.visitTime(SEMPU, '2026-03-02', OBGYN)).toEqual({ startTime: '09:00', endTime: '11:00' });
    const result = await solveProblem(problem);
    for (const v of result.visits) expect(v.endTime).toBe('11:00');
    expect(checkPlan(index, result.visits)).toEqual([]);
  });

  it('judges a start the coordinator gives as given', () => {
    const index = new ProblemIndex(fridaysOnly());
    const given = (startTime: string, endTime: string) => checkPlan(index, [visit(FRIDAY, ANI, SEMPU, startTime, endTime)], { skipCoverage: true }).map((v) => v.rule);
    expect(given('07:30', '10:30')).toEqual([]);
    expect(given('08:00', '11:00')).toEqual([]);
    expect(given('09:00', '12:00')).toEqual(['opening-hours']);
  });

  it('a 07:30 start on a short Friday is accepted through the API; a visit that can never fit says so', async () => {
    const t = await createTestDb();
    try {
      await setUpDistrict(t.api);
      await seedMadeUpDistrict(t.api);
      const [place] = await t.api.client['puskesmas:list']({});
      await t.api.client['puskesmas:update']({ id: place!.id, changes: { openingHours: { '1': { open: '07:30', close: '14:00' }, '5': SHORT_FRIDAY } } });
      const specialist = (await t.api.client['specialists:list']({})).find((s) => s.name.includes('Rahmi'))!;
      const check = await t.api.client['visits:check']({ specialistId: specialist.id, puskesmasId: place!.id, date: FRIDAY, startTime: '07:30' });
      expect(check).toEqual({ ok: true, violations: [] });
      // Without a start, the default is the opening time on that short day.
      const created = await t.api.client['visits:create']({ specialistId: specialist.id, puskesmasId: place!.id, date: FRIDAY });
      expect([created.startTime, created.endTime]).toEqual(['07:30', '10:30']);
      // Own start per weekday and a specialty length, through the API.
      const updated = await t.api.client['puskesmas:update']({ id: place!.id, changes: { visitStarts: { '1': '10:00' } } });
      expect(updated.visitStarts).toEqual({ '1': '10:00' });
      const obgyn = (await t.api.client['specialties:list']({})).find((s) => s.code === 'obgyn')!;
      expect((await t.api.client['specialties:update']({ id: obgyn.id, changes: { visitMinutes: 240 } })).visitMinutes).toBe(240);
      const long = await t.api.client['visits:check']({ specialistId: specialist.id, puskesmasId: place!.id, date: '2026-03-13' });
      expect(long.ok).toBe(false);
      expect(long.violations[0]!.message).toContain('Kunjungan 240 menit tidak muat di jam buka');
      await expect(t.api.client['puskesmas:update']({ id: place!.id, changes: { visitStarts: { '1': '25:00' } } })).rejects.toMatchObject({ code: 'VALIDATION' });
    } finally {
      await t.close();
    }
  });

  it('plans Fridays and Saturdays in the demo district', async () => {
    const t = await createTestDb({ demo: true });
    try {
      const preview = await t.api.client['plans:run']({ month: '2026-03' });
      const weekdays = new Set(preview.visits.map((v) => new Date(`${v.date}T00:00:00Z`).getUTCDay()));
      expect(preview.coverage.covered).toBe(preview.coverage.required);
      const fridays = preview.visits.filter((v) => new Date(`${v.date}T00:00:00Z`).getUTCDay() === 5);
      for (const v of fridays) expect([v.startTime, v.endTime]).toEqual(['07:30', '10:30']);
      expect(weekdays.has(5) || weekdays.has(6)).toBe(true);
    } finally {
      await t.close();
    }
  });
});

describe('migration 0006 (visit times)', () => {
  it('gives an older database default visit times and keeps the columns to valid data', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const file = path.join(dir, 'lama.db');
    const sqlite = new BetterSqlite3(file);
    const kysely = new Kysely<any>({ dialect: new SqliteDialect({ database: sqlite }) });
    await sql`CREATE TABLE schema_migration (name TEXT PRIMARY KEY NOT NULL, applied_at TEXT NOT NULL) STRICT`.execute(kysely);
    for (const name of Object.keys(migrations).filter((n) => n !== '0006_visit_times')) {
      await migrations[name]!.up(kysely);
      await sql`INSERT INTO schema_migration (name, applied_at) VALUES (${name}, '2025-01-01T00:00:00Z')`.execute(kysely);
    }
    await sql`INSERT INTO specialty (code, name, title, color) VALUES ('obgyn', 'Obstetri dan Ginekologi', 'Sp.OG', '#c2185b')`.execute(kysely);
    await sql`INSERT INTO puskesmas (name, kecamatan, address, opening_hours, poned, inpatient, notes) VALUES ('Puskesmas Lama', 'Lama', '', '{"5":{"open":"07:30","close":"11:00"}}', 0, 0, '')`.execute(kysely);
    sqlite.pragma(`application_id = ${APPLICATION_ID}`);
    await kysely.destroy();

    const db = await openDatabase(file);
    try {
      const api = createApi(createContext(db, () => TEST_TODAY));
      expect((await api.client['puskesmas:list']({}))[0]).toMatchObject({ name: 'Puskesmas Lama', visitStarts: {} });
      expect((await api.client['specialties:list']({}))[0]).toMatchObject({ code: 'obgyn', visitMinutes: null });
      expect(() => db.sqlite.prepare("UPDATE puskesmas SET visit_starts = '[]'").run()).toThrow(/CHECK constraint/);
      expect(() => db.sqlite.prepare('UPDATE specialty SET visit_minutes = 0').run()).toThrow(/CHECK constraint/);
    } finally {
      await db.close();
    }
  });
});
