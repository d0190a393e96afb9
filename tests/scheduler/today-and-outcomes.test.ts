// Today is a fact and outcomes drive coverage: re-planning the demo in the middle of a month
// with outcomes logged never touches a day before tomorrow, proposes a make-up visit for each
// missed or cancelled one that can be placed, and agrees with the compliance report on every
// puskesmas. A wholly past month is refused unless allowPast. ASUHAN_TODAY sets the date.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApi, type Api } from '../../src/app/api';
import { createContext } from '../../src/app/context';
import { openDatabase } from '../../src/db/connect';
import { clockFrom, todayOverride } from '../../src/domain/clock';
import { createSqliteTestDb, tempDir } from '../fixtures/temp-db';

const MARCH = '2026-03';
const MID_MARCH = '2026-03-16';
const root = path.resolve(import.meta.dirname, '../..');
const bin = path.join(root, 'bin', 'asuhan.mjs');
const dir = tempDir();
let template: string;

beforeAll(async () => {
  // The demo district with March planned and saved on 18 February: every run starts from a copy.
  const t = await createSqliteTestDb({ demo: true });
  const preview = await t.api.client['plans:run']({ month: MARCH });
  await t.api.client['plans:apply']({ planId: preview.planId });
  t.db.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  template = path.join(dir, 'template.db');
  await t.db.close();
  fs.copyFileSync(t.file, template);
  fs.rmSync(t.dir, { recursive: true, force: true });
}, 120_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

let copies = 0;
async function openCopy(today: string): Promise<{ api: Api; close: () => Promise<void> }> {
  const file = path.join(dir, `run-${copies++}.db`);
  fs.copyFileSync(template, file);
  const db = await openDatabase(file);
  const api = createApi(createContext(db, () => new Date(`${today}T03:00:00Z`)));
  return { api, close: () => db.close() };
}

type Outcome = 'done' | 'missed' | 'cancelled' | null;

describe('re-planning a month that has begun', () => {
  it('keeps every day up to today, makes up missed and cancelled visits, and agrees with the compliance report', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom<Outcome>('done', 'missed', 'cancelled', null), { minLength: 40, maxLength: 40 }), async (outcomes) => {
        const { api, close } = await openCopy(MID_MARCH);
        try {
          const before = await api.client['visits:list']({ from: '2026-03-01', to: '2026-03-31' });
          const past = before.filter((v) => v.date <= MID_MARCH);
          const reopened = new Set<number>();
          for (const [i, visit] of past.entries()) {
            const outcome = outcomes[i % outcomes.length];
            if (!outcome) continue;
            if (outcome === 'done') await api.client['visit-log:save']({ visitId: visit.id, outcome, attendees: [{ role: 'bidan', headcount: 3 }], topics: ['anc'] });
            else await api.client['visit-log:save']({ visitId: visit.id, outcome, reason: 'dokter sakit' });
            if (outcome !== 'done') reopened.add(visit.id);
          }
          const preview = await api.client['plans:run']({ month: MARCH });
          const touched = [...preview.changes.added, ...preview.changes.removed, ...preview.changes.moved.flatMap((m) => [m.from, m.to])];
          expect(touched.filter((v) => v.date <= MID_MARCH)).toEqual([]);
          await api.client['plans:apply']({ planId: preview.planId });

          const after = await api.client['visits:list']({ from: '2026-03-01', to: '2026-03-31' });
          // Nothing up to today changed: same visits, same days, same outcomes.
          const pastAfter = after.filter((v) => v.date <= MID_MARCH).map((v) => [v.id, v.date, v.startTime, v.specialistId, v.status]);
          const pastBefore = (await api.client['visits:list']({ from: '2026-03-01', to: MID_MARCH })).map((v) => [v.id, v.date, v.startTime, v.specialistId, v.status]);
          expect(pastAfter).toEqual(pastBefore);

          const report = await api.client['reports:compliance']({ month: MARCH });
          const missingInPlan = new Map(preview.uncovered.map((u) => [`${u.puskesmasId}:${u.specialtyId}`, u.missing]));
          for (const p of report.puskesmas) {
            for (const s of p.bySpecialty) {
              const reopenedHere = s.misses.filter((m) => m.kind === 'missed' || m.kind === 'cancelled').length;
              const scheduled = s.planned - reopenedHere;
              expect(missingInPlan.get(`${p.puskesmasId}:${s.specialtyId}`) ?? 0, `${p.puskesmasName} ${s.specialtyName}`).toBe(Math.max(0, s.required - scheduled));
            }
          }
          // Every uncovered sentence is consistent with its numbers.
          for (const u of preview.uncovered) {
            if (u.cause === 'capacity') expect(u.message).toContain(`kurang ${u.figures.needed! - u.figures.available!} kunjungan bulan ini (dibutuhkan ${u.figures.needed}, tersedia ${u.figures.available}`);
            for (const f of u.figures.specialists ?? []) if (u.cause === 'booked') expect(u.message).toContain(`(${f.visits}/${f.maxVisitsPerMonth} kunjungan, ${f.freeDays} hari cocok masih kosong)`);
          }
          // Every reopened requirement got its make-up visit after today, or is explained.
          const explained = new Set(preview.uncovered.map((u) => `${u.puskesmasId}:${u.specialtyId}`));
          for (const visit of before.filter((v) => reopened.has(v.id))) {
            const makeUp = after.some((v) => v.puskesmasId === visit.puskesmasId && v.specialtyId === visit.specialtyId && v.date > MID_MARCH && v.status === 'planned');
            expect(makeUp || explained.has(`${visit.puskesmasId}:${visit.specialtyId}`)).toBe(true);
          }
        } finally {
          await close();
        }
      }),
      { numRuns: 4, seed: 1103 },
    );
  }, 120_000);

  it('refuses a wholly past month unless allowPast, and then warns', async () => {
    const { api, close } = await openCopy('2026-04-02');
    try {
      await expect(api.client['plans:run']({ month: MARCH })).rejects.toMatchObject({ code: 'RULE', message: expect.stringContaining('--allow-past') });
      const history = await api.client['plans:run']({ month: MARCH, allowPast: true });
      expect(history.warnings.map((w) => w.message)).toContainEqual(expect.stringContaining('Maret 2026 sudah lewat'));
      const april = await api.client['plans:run']({ month: '2026-04' });
      expect(april.visits.filter((v) => !v.fixed && v.date <= '2026-04-02')).toEqual([]);
    } finally {
      await close();
    }
  });
});

describe('ASUHAN_TODAY', () => {
  it('fixes the date in every zone of the country, and a bad value is refused', () => {
    const clock = clockFrom({ ASUHAN_TODAY: '2026-03-16' });
    expect(clock().toISOString().slice(0, 10)).toBe('2026-03-16');
    expect(todayOverride({})).toBeNull();
    expect(() => todayOverride({ ASUHAN_TODAY: '16-03-2026' })).toThrow(/ASUHAN_TODAY harus tanggal/);
    expect(() => todayOverride({ ASUHAN_TODAY: '2026-02-30' })).toThrow(/YYYY-MM-DD/);
  });

  it('is the CLI\'s today: a past month is refused, a bad value stops the command', () => {
    const file = path.join(dir, 'cli.db');
    const env = { ...process.env, ASUHAN_TODAY: '2026-02-18', ASUHAN_LANG: '' };
    execFileSync(process.execPath, [bin, 'init', '--demo', '--db', file], { env, encoding: 'utf8' });
    const january = spawnSync(process.execPath, [bin, 'plan', '--month', '2026-01', '--dry-run', '--db', file], { env, encoding: 'utf8' });
    expect(january.status).toBe(2);
    expect(january.stderr).toContain('Januari 2026 sudah lewat (hari ini Rabu, 18 Februari 2026)');
    const allowed = spawnSync(process.execPath, [bin, 'plan', '--month', '2026-01', '--allow-past', '--db', file], { env, encoding: 'utf8' });
    expect(allowed.status).toBe(0);
    expect(allowed.stdout).toContain('! Januari 2026 sudah lewat');
    const bad = spawnSync(process.execPath, [bin, 'status', '--db', file], { env: { ...env, ASUHAN_TODAY: 'besok' }, encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr.trim()).toBe('asuhan: ASUHAN_TODAY harus tanggal dengan format YYYY-MM-DD (mis. 2026-03-16), bukan "besok".');
  });
});


