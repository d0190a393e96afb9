// Benchmark: every screen's main API call on a province-sized database (1,000 puskesmas,
// 800 specialists, ten years of monthly visits with their logs), against a 200 ms budget.
// Standalone: `node --import tsx scripts/bench/scale.ts [--puskesmas N] [--specialists N] [--from YYYY-MM] [--keep FILE]` prints a markdown section.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { createApi } from '../../src/app/api';
import { createContext } from '../../src/app/context';
import { METHOD_NAMES } from '../../src/contract/index';
import { openDatabase, type SqliteDb } from '../../src/db/connect';
import { ensureCoreSpecialties } from '../../src/seed/demo';
import { seedHolidays } from '../../src/seed/holidays';
import { generateVisitLogHistory } from '../../src/seed/visit-log-history';

const TODAY = new Date('2026-02-18T03:00:00Z');
const { values } = parseArgs({ options: { puskesmas: { type: 'string', default: '1000' }, specialists: { type: 'string', default: '800' }, from: { type: 'string', default: '2016-03' }, keep: { type: 'string' } } });
/** The first month of visit history (server.ts builds a shorter one to keep its run short). */
const FROM = values.from;
const TO = '2026-03';
const RUNS = 5;
const BUDGET_MS = 200;

const PUSKESMAS = Number(values.puskesmas);
const SPECIALISTS = Number(values.specialists);

const HOURS = JSON.stringify({ '1': { open: '07:30', close: '14:00' }, '2': { open: '07:30', close: '14:00' }, '3': { open: '07:30', close: '14:00' }, '4': { open: '07:30', close: '14:00' }, '5': { open: '07:30', close: '11:00' }, '6': { open: '07:30', close: '12:30' } });

/** A province: hospitals, puskesmas with a primary and a backup of each core specialty, leave, audit history. */
function buildProvince(db: SqliteDb): void {
  const sqlite = db.sqlite;
  const specialties = sqlite.prepare(`SELECT id, code FROM specialty WHERE code IN ('obgyn', 'pediatric') ORDER BY code`).all() as { id: number; code: string }[];
  const perSpecialty = Math.floor(SPECIALISTS / specialties.length);
  sqlite.transaction(() => {
    const hospitals: number[] = [];
    const addHospital = sqlite.prepare(`INSERT INTO hospital (name, kind, town, lat, lon) VALUES (?, 'RSUD', ?, ?, ?)`);
    for (let h = 0; h < 60; h++) hospitals.push(Number(addHospital.run(`RSUD Kabupaten ${h + 1}`, `Kota ${h + 1}`, -7 - h / 30, 112 + h / 20).lastInsertRowid));
    const addSpecialist = sqlite.prepare(`INSERT INTO specialist (name, specialty_id, hospital_id, phone, email, max_visits_per_month) VALUES (?, ?, ?, '0812 3456 7890', ?, 8)`);
    const pools = specialties.map((s) =>
      Array.from({ length: perSpecialty }, (_, i) => Number(addSpecialist.run(`dr. Spesialis ${s.code} ${i + 1}, Sp.`, s.id, hospitals[i % hospitals.length], `sp${s.code}${i}@contoh.id`).lastInsertRowid)),
    );
    const addPuskesmas = sqlite.prepare(`INSERT INTO puskesmas (code, name, kecamatan, address, lat, lon, opening_hours, poned) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
    const addAdoption = sqlite.prepare(`INSERT INTO adoption (specialist_id, puskesmas_id, role) VALUES (?, ?, ?)`);
    for (let p = 0; p < PUSKESMAS; p++) {
      const id = Number(addPuskesmas.run(`P${String(p + 1).padStart(5, '0')}`, `Puskesmas ${p + 1}`, `Kecamatan ${Math.floor(p / 3) + 1}`, `Jl. Raya ${p + 1}`, -7.5 - (p % 100) / 100, 112 + Math.floor(p / 100) / 10, HOURS, p % 4 === 0 ? 1 : 0).lastInsertRowid);
      for (const pool of pools) {
        addAdoption.run(pool[p % pool.length], id, 'primary');
        addAdoption.run(pool[(p + 7) % pool.length], id, 'backup');
      }
    }
    const addLeave = sqlite.prepare(`INSERT INTO unavailability (specialist_id, start_date, end_date, kind, reason) VALUES (?, ?, ?, 'leave', 'Cuti tahunan')`);
    for (const pool of pools) {
      for (const [i, specialistId] of pool.entries()) {
        for (let year = 2016; year <= 2026; year++) {
          const month = String(1 + ((i + year) % 12)).padStart(2, '0');
          addLeave.run(specialistId, `${year}-${month}-03`, `${year}-${month}-12`);
        }
      }
    }
    const addAudit = sqlite.prepare(`INSERT INTO audit_log (at, entity, entity_id, action, before, after) VALUES (?, 'puskesmas', ?, 'update', ?, ?)`);
    for (let i = 0; i < 100_000; i++) {
      const at = new Date(Date.UTC(2016, 2, 1) + i * 3_000_000).toISOString();
      addAudit.run(at, String(1 + (i % PUSKESMAS)), JSON.stringify({ notes: `lama ${i}` }), JSON.stringify({ notes: `baru ${i}` }));
    }
  })();
}

/** Saved monthly plans for the last two years, with summaries the size the planner writes. */
function addPlans(db: SqliteDb): void {
  const sqlite = db.sqlite;
  const add = sqlite.prepare(`INSERT INTO plan (month, status, objective, bound, gap, solve_ms, summary) VALUES (?, 'saved', 1000, 990, 0.01, 30000, ?)`);
  const visitsOf = sqlite.prepare(
    `SELECT v.id AS visitId, v.specialist_id AS specialistId, v.puskesmas_id AS puskesmasId, v.specialty_id AS specialtyId, v.date, v.start_time AS startTime, v.end_time AS endTime,
            s.name AS specialistName, p.name AS puskesmasName
     FROM visit v JOIN specialist s ON s.id = v.specialist_id JOIN puskesmas p ON p.id = v.puskesmas_id WHERE v.date BETWEEN ? AND ?`,
  );
  sqlite.transaction(() => {
    for (let m = 0; m < 24; m++) {
      const month = new Date(Date.UTC(2024, 3 + m, 1)).toISOString().slice(0, 7);
      const visits = visitsOf.all(`${month}-01`, `${month}-31`);
      add.run(month, JSON.stringify({ month, solverStatus: 'optimal', visits, changes: { added: visits, moved: [], removed: [], kept: [] }, score: [], explanations: [], uncovered: [], coverage: { required: visits.length, covered: visits.length } }));
    }
  })();
}

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'asuhan-bench-scale-'));
  const file = path.join(dir, 'asuhan.db');
  try {
    const buildStart = performance.now();
    let db = await openDatabase(file, { create: true });
    await ensureCoreSpecialties(db.kysely);
    await seedHolidays(db.kysely);
    buildProvince(db);
    const history = generateVisitLogHistory(db.sqlite, { from: FROM, to: TO, today: '2026-02-18', seed: 7 });
    addPlans(db);
    db.sqlite.pragma('optimize');
    await db.close();
    const buildMs = performance.now() - buildStart;
    const fileMb = fs.statSync(file).size / 1e6;

    // Opening as the app does each morning: checks, and the daily backup of the whole file.
    const openStart = performance.now();
    db = await openDatabase(file);
    const openMs = performance.now() - openStart;
    const ctx = createContext(db, () => TODAY);
    const api = createApi(ctx);
    const sample = db.sqlite.prepare(`SELECT v.id, v.specialist_id AS s, v.puskesmas_id AS p FROM visit v JOIN visit_log l ON l.visit_id = v.id WHERE v.date >= '2026-01-01' ORDER BY v.id LIMIT 1`).get() as { id: number; s: number; p: number };
    const counts = db.sqlite.prepare(`SELECT (SELECT count(*) FROM visit) AS visits, (SELECT count(*) FROM puskesmas) AS puskesmas, (SELECT count(*) FROM specialist) AS specialists, (SELECT count(*) FROM audit_log) AS audit`).get() as Record<string, number>;

    // [screen, method, input]: the call each screen makes when it opens.
    const calls: [string, string, unknown][] = [
      ['start / status', 'app:info', {}],
      ['calendar: the month, whole province', 'visits:list', { from: '2026-03-01', to: '2026-03-31' }],
      ['calendar: the week', 'visits:list', { from: '2026-03-02', to: '2026-03-08' }],
      ['specialist page: a year of visits', 'visits:list', { from: '2025-03-01', to: '2026-02-28', specialistId: sample.s }],
      ['puskesmas page: ten years of visits', 'visits:list', { from: '2016-03-01', to: '2026-03-31', puskesmasId: sample.p }],
      ['specialists list', 'specialists:list', { includeInactive: true }],
      ['puskesmas list', 'puskesmas:list', { includeInactive: true }],
      ['hospitals list', 'hospitals:list', {}],
      ['specialties', 'specialties:list', {}],
      ['adoptions', 'adoptions:list', {}],
      ['leave list', 'unavailability:list', {}],
      ['leave this month', 'unavailability:list', { from: '2026-03-01', to: '2026-03-31' }],
      ['holidays', 'holidays:list', {}],
      ['requirements', 'requirements:list', {}],
      ['settings', 'settings:get', {}],
      ['audit log', 'audit:list', {}],
      ['plans list', 'plans:list', {}],
      ['plans of a month', 'plans:list', { month: '2026-01' }],
      ['check a visit (drag and drop)', 'visits:check', { specialistId: sample.s, puskesmasId: sample.p, date: '2026-03-10' }],
      ['visit log of a visit', 'visit-log:get', { visitId: sample.id }],
      ['topics', 'topics:list', {}],
      ['follow-ups (open)', 'followups:list', {}],
      ['compliance report', 'reports:compliance', { month: '2026-01' }],
      ['dashboard', 'reports:dashboard', { month: '2026-02' }],
      ['topics report, 12 months', 'reports:topics', { from: '2025-03', to: '2026-02' }],
      ['follow-ups report', 'reports:followups', {}],
      ['backups list', 'backups:list', {}],
    ];

    const rows: string[] = [];
    const slow: string[] = [];
    for (const [screen, method, input] of calls) {
      if (!(METHOD_NAMES as string[]).includes(method)) continue;
      const samples: number[] = [];
      let note = '';
      for (let i = 0; i < RUNS; i++) {
        const start = performance.now();
        const result = await api.invoke(method, input);
        samples.push(performance.now() - start);
        if (!result.ok) note = `error ${result.error.code}: ${result.error.messageEn.slice(0, 80)}`;
        else if (Array.isArray(result.data)) note = `${result.data.length} rows`;
      }
      const mid = median(samples);
      if (mid >= BUDGET_MS) slow.push(`${method} (${screen})`);
      rows.push(`| ${screen} | \`${method}\` | ${samples[0]!.toFixed(1)} | ${mid.toFixed(1)} | ${Math.max(...samples).toFixed(1)} | ${mid < BUDGET_MS ? 'yes' : '**no**'} | ${note} |`);
    }
    const backupStart = performance.now();
    await api.invoke('backups:create', {});
    const backupMs = performance.now() - backupStart;
    await db.close();
    if (values.keep) fs.copyFileSync(file, values.keep);

    const out = [
      '## Scale: every screen on a province-sized database',
      '',
      `A province of ${counts.puskesmas!.toLocaleString('en')} puskesmas and ${counts.specialists!.toLocaleString('en')} specialists (60 hospitals; each puskesmas with a primary and a backup`,
      `OB-GYN and pediatrician), ten years of monthly visits ${FROM} to ${TO}: ${counts.visits!.toLocaleString('en')} visits, ${history.logged.toLocaleString('en')} logged`,
      `(${history.attendees.toLocaleString('en')} attendance rows, ${history.topics.toLocaleString('en')} topic rows, ${history.cases.toLocaleString('en')} cases, ${history.followups.toLocaleString('en')} follow-ups),`,
      `11 leave periods per specialist, ${counts.audit!.toLocaleString('en')} audit entries, 24 saved monthly plans. Database ${fileMb.toFixed(0)} MB, built in ${(buildMs / 1000).toFixed(1)} s.`,
      `Opening it (checks and the daily backup) took ${openMs.toFixed(0)} ms; a manual backup ${backupMs.toFixed(0)} ms.`,
      `Each call through the API dispatcher (validation included), ${RUNS} runs, times in ms on ${os.cpus().length} cores (${os.cpus()[0]?.model.trim() ?? 'unknown CPU'}).`,
      '',
      `| screen | call | first | median | max | median < ${BUDGET_MS} ms | result |`,
      '| --- | --- | ---: | ---: | ---: | --- | --- |',
      ...rows,
      '',
      slow.length === 0 ? `Every call answers within ${BUDGET_MS} ms.` : `Over budget: ${slow.join(', ')}.`,
      '',
    ];
    process.stdout.write(`${out.join('\n')}\n`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
