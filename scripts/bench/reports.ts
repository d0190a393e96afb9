// Benchmark: the visit-log reports over ten years of logs for a province-sized district.
// Standalone: `node --import tsx scripts/bench/reports.ts [--puskesmas N]` prints a markdown section.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { createApi } from '../../src/app/api';
import { createContext } from '../../src/app/context';
import { openDatabase, type SqliteDb } from '../../src/db/connect';
import { ensureCoreSpecialties, seedDemo } from '../../src/seed/demo';
import { seedHolidays } from '../../src/seed/holidays';
import { generateVisitLogHistory } from '../../src/seed/visit-log-history';

const TODAY = new Date('2026-02-18T03:00:00Z');
const FROM = '2016-03';
const TO = '2026-03';
const RUNS = 7;
const BUDGET_MS = 200;

const { values } = parseArgs({ options: { puskesmas: { type: 'string', default: '300' }, keep: { type: 'string' } } });
const puskesmasTarget = Number(values.puskesmas);

/** Grows the 45-puskesmas demo district to `target` puskesmas, each with a primary OB-GYN and pediatrician. */
function growDistrict(db: SqliteDb, target: number): void {
  const sqlite = db.sqlite;
  const specialties = sqlite.prepare(`SELECT id, code FROM specialty WHERE code IN ('obgyn', 'pediatric')`).all() as { id: number; code: string }[];
  const hospitals = (sqlite.prepare('SELECT id FROM hospital').all() as { id: number }[]).map((h) => h.id);
  const existing = (sqlite.prepare('SELECT count(*) AS n FROM puskesmas').get() as { n: number }).n;
  const hours = JSON.stringify({ '1': { open: '07:30', close: '14:00' }, '2': { open: '07:30', close: '14:00' }, '3': { open: '07:30', close: '14:00' }, '4': { open: '07:30', close: '14:00' }, '5': { open: '07:30', close: '11:00' } });
  const addPuskesmas = sqlite.prepare(`INSERT INTO puskesmas (name, kecamatan, opening_hours) VALUES (?, ?, ?)`);
  const addSpecialist = sqlite.prepare(`INSERT INTO specialist (name, specialty_id, hospital_id, max_visits_per_month) VALUES (?, ?, ?, 8)`);
  const addAdoption = sqlite.prepare(`INSERT INTO adoption (specialist_id, puskesmas_id, role) VALUES (?, ?, 'primary')`);
  sqlite.transaction(() => {
    const specialistIds = new Map<number, number[]>();
    for (let i = existing; i < target; i += 1) {
      const puskesmasId = Number(addPuskesmas.run(`Puskesmas Bench ${i + 1}`, `Kecamatan ${Math.floor(i / 3) + 1}`, hours).lastInsertRowid);
      for (const specialty of specialties) {
        const pool = specialistIds.get(specialty.id) ?? [];
        // One specialist for every four puskesmas, as in the demo district.
        if (pool.length === 0 || (i - existing) % 4 === 0) {
          pool.push(Number(addSpecialist.run(`dr. Bench ${specialty.code} ${pool.length + 1}`, specialty.id, hospitals[i % hospitals.length] ?? null).lastInsertRowid));
          specialistIds.set(specialty.id, pool);
        }
        addAdoption.run(pool[pool.length - 1], puskesmasId);
      }
    }
  })();
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/** Wall-clock and CPU time: on a shared machine the CPU time shows the work itself. */
async function time(run: () => Promise<unknown>): Promise<{ first: number; median: number; max: number; cpu: number }> {
  const samples: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    const start = performance.now();
    const cpuStart = process.cpuUsage();
    await run();
    const used = process.cpuUsage(cpuStart);
    samples.push(performance.now() - start);
    cpu.push((used.user + used.system) / 1000);
  }
  return { first: samples[0] ?? 0, median: median(samples), max: Math.max(...samples), cpu: median(cpu) };
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'asuhan-bench-reports-'));
  try {
    const db = await openDatabase(path.join(dir, 'asuhan.db'), { create: true });
    await ensureCoreSpecialties(db.kysely);
    await seedHolidays(db.kysely);
    await seedDemo(db.kysely, '2026-02-18');
    growDistrict(db, puskesmasTarget);
    const genStart = performance.now();
    const summary = generateVisitLogHistory(db.sqlite, { from: FROM, to: TO, today: '2026-02-18', seed: 42 });
    const genMs = performance.now() - genStart;
    db.sqlite.pragma('optimize');
    const fileMb = fs.statSync(db.path).size / 1e6 + (fs.existsSync(`${db.path}-wal`) ? fs.statSync(`${db.path}-wal`).size / 1e6 : 0);

    const api = createApi(createContext(db, () => TODAY)).client;
    const openFollowup = (await api['followups:list']({ status: 'open' }))[0];
    const cases: [string, () => Promise<unknown>][] = [
      ['reports:compliance {month: 2026-01}', () => api['reports:compliance']({ month: '2026-01' })],
      ['reports:dashboard {month: 2026-02}', () => api['reports:dashboard']({ month: '2026-02' })],
      ['reports:topics, last 12 months, window 6', () => api['reports:topics']({ from: '2025-03', to: '2026-02', windowMonths: 6 })],
      ['reports:topics, all ten years, window 12', () => api['reports:topics']({ from: FROM, to: '2026-02', windowMonths: 12 })],
      ['reports:followups {status: open}', () => api['reports:followups']({ status: 'open' })],
      ['reports:followups {status: all}', () => api['reports:followups']({ status: 'all' })],
      ['visit-log:get (with open follow-ups)', () => api['visit-log:get']({ visitId: openFollowup?.visitId ?? 1 })],
    ];

    const loadBefore = os.loadavg()[0]?.toFixed(1) ?? '?';
    const rows: string[] = [];
    let worst = 0;
    for (const [name, run] of cases) {
      const t = await time(run);
      worst = Math.max(worst, t.median);
      rows.push(`| ${name} | ${t.first.toFixed(1)} | ${t.median.toFixed(1)} | ${t.max.toFixed(1)} | ${t.cpu.toFixed(1)} | ${t.median < BUDGET_MS ? 'yes' : '**no**'} |`);
    }
    await db.close();
    // --keep FILE: keep the generated database for looking at query plans.
    if (values.keep) fs.copyFileSync(db.path, values.keep);

    const out = [
      '## Visit-log reports',
      '',
      `Ten years of logged visits (${FROM} to ${TO}, today 2026-02-18) for a district grown to ${puskesmasTarget} puskesmas, each with a`,
      `primary OB-GYN and pediatrician visiting monthly: ${summary.visits.toLocaleString('en')} visits, ${summary.done.toLocaleString('en')} done,`,
      `${summary.topics.toLocaleString('en')} topic rows, ${summary.attendees.toLocaleString('en')} attendance rows, ${summary.cases.toLocaleString('en')} cases,`,
      `${summary.followups.toLocaleString('en')} follow-ups; database ${fileMb.toFixed(0)} MB. Generated in ${(genMs / 1000).toFixed(1)} s.`,
      `Each report through the API (validation included), ${RUNS} runs, times in ms on ${os.cpus().length} cores (${os.cpus()[0]?.model.trim() ?? 'unknown CPU'}),`,
      `load average ${loadBefore} before the runs.`,
      '',
      `| report | first run | median | max | CPU median | median < ${BUDGET_MS} ms |`,
      '| --- | ---: | ---: | ---: | ---: | --- |',
      ...rows,
      '',
      `Worst median: ${worst.toFixed(1)} ms.`,
      '',
    ];
    process.stdout.write(`${out.join('\n')}\n`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
