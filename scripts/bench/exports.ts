// Benchmark: exports and imports. Standalone: `node --import tsx scripts/bench/exports.ts [--puskesmas N]`
// prints a markdown section. A district of N puskesmas with an OB-GYN and a pediatric visit each in one month.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import ExcelJS from 'exceljs';
import { createApi } from '../../src/app/api';
import { createContext } from '../../src/app/context';
import { openDatabase, type SqliteDb } from '../../src/db/connect';
import { isoWeekday, monthDays } from '../../src/domain/dates';
import { ensureCoreSpecialties, seedDemo } from '../../src/seed/demo';
import { seedHolidays } from '../../src/seed/holidays';

const TODAY = new Date('2026-02-18T03:00:00Z');
const MONTH = '2026-03';
const { values } = parseArgs({ options: { puskesmas: { type: 'string', default: '300' } } });
const target = Number(values.puskesmas);

function growAndSchedule(db: SqliteDb, puskesmasCount: number): number {
  const sqlite = db.sqlite;
  const specialties = sqlite.prepare(`SELECT id FROM specialty WHERE code IN ('obgyn', 'pediatric')`).all() as { id: number }[];
  const existing = (sqlite.prepare('SELECT count(*) AS n FROM puskesmas').get() as { n: number }).n;
  const workdays = monthDays(MONTH).filter((d) => isoWeekday(d) <= 5);
  sqlite.transaction(() => {
    for (let i = existing; i < puskesmasCount; i++) sqlite.prepare(`INSERT INTO puskesmas (name, kecamatan, address, opening_hours) VALUES (?, ?, ?, '{}')`).run(`Puskesmas Bench ${i + 1}`, `Kecamatan ${Math.floor(i / 3) + 1}`, `Jl. Contoh No. ${i + 1}`);
    const puskesmas = (sqlite.prepare('SELECT id FROM puskesmas ORDER BY id').all() as { id: number }[]).map((p) => p.id);
    for (const { id: specialtyId } of specialties) {
      const specialists = (sqlite.prepare('SELECT id FROM specialist WHERE specialty_id = ? ORDER BY id').all(specialtyId) as { id: number }[]).map((s) => s.id);
      for (let k = specialists.length; k < Math.ceil(puskesmasCount / 4); k++) specialists.push(Number(sqlite.prepare(`INSERT INTO specialist (name, specialty_id) VALUES (?, ?)`).run(`dr. Bench ${specialtyId}-${k}`, specialtyId).lastInsertRowid));
      puskesmas.forEach((puskesmasId, i) => {
        const specialistId = specialists[Math.floor(i / 4) % specialists.length]!;
        const date = workdays[(i * 3 + specialtyId) % workdays.length]!;
        sqlite.prepare(`INSERT INTO visit (uid, date, start_time, end_time, specialist_id, puskesmas_id, specialty_id, status) VALUES (?, ?, '09:00', '12:00', ?, ?, ?, 'planned')`).run(`bench-${specialtyId}-${puskesmasId}`, date, specialistId, puskesmasId, specialtyId);
      });
    }
  })();
  return (sqlite.prepare('SELECT count(*) AS n FROM visit').get() as { n: number }).n;
}

async function timed<T>(run: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const result = await run();
  return [result, performance.now() - start];
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'asuhan-bench-exports-'));
const rows: string[] = [];
try {
  const db = await openDatabase(path.join(dir, 'bench.db'), { create: true });
  await ensureCoreSpecialties(db.kysely);
  await seedHolidays(db.kysely);
  await seedDemo(db.kysely, TODAY.toISOString().slice(0, 10));
  const visits = growAndSchedule(db, target);
  const api = createApi(createContext(db, () => TODAY));
  const size = (base64: string) => `${Math.round((base64.length * 3) / 4 / 1024)} KB`;

  for (const layout of ['by-date', 'by-puskesmas', 'per-specialist', 'compliance'] as const) {
    const [file, ms] = await timed(() => api.client['exports:pdf']({ month: MONTH, layout }));
    const pdf = path.join(dir, file.fileName);
    fs.writeFileSync(pdf, Buffer.from(file.base64, 'base64'));
    const pages = /Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))?.[1];
    rows.push(`| PDF ${layout} | ${ms.toFixed(0)} ms | ${pages} pages, ${size(file.base64)} |`);
  }
  const [ics, icsMs] = await timed(() => api.client['exports:ics']({ month: MONTH }));
  rows.push(`| ICS, every specialist + district | ${icsMs.toFixed(0)} ms | ${ics.files.length} files, ${ics.summary.reduce((n, s) => n + s.events, 0)} events |`);
  const [, changesMs] = await timed(() => api.client['exports:ics']({ month: MONTH, onlyChanges: true }));
  rows.push(`| ICS only changes (none) | ${changesMs.toFixed(0)} ms | district file only |`);
  for (const kind of ['roster', 'compliance'] as const) {
    const [xlsx, ms] = await timed(() => api.client['exports:xlsx']({ month: MONTH, kind }));
    rows.push(`| XLSX ${kind} | ${ms.toFixed(0)} ms | ${size(xlsx.base64)} |`);
  }
  const [csv, csvMs] = await timed(() => api.client['exports:csv']({ month: MONTH, kind: 'roster' }));
  rows.push(`| CSV roster | ${csvMs.toFixed(0)} ms | ${size(csv.base64)} |`);

  const lines = ['Nama;Spesialisasi;Telepon', ...Array.from({ length: 5000 }, (_, i) => `dr. Impor ${i}, Sp.A;pediatric;0812 ${i}`)];
  const base64 = Buffer.from(`\uFEFF${lines.join('\r\n')}`).toString('base64');
  const [preview, previewMs] = await timed(() => api.client['imports:preview']({ kind: 'specialists', fileName: 'x.csv', base64 }));
  rows.push(`| Import preview, 5,000 specialists (CSV) | ${previewMs.toFixed(0)} ms | ${preview.validRows} valid |`);
  const [result, commitMs] = await timed(() => api.client['imports:commit']({ kind: 'specialists', fileName: 'x.csv', base64 }));
  rows.push(`| Import commit, 5,000 specialists (backup + one transaction) | ${commitMs.toFixed(0)} ms | ${result.created} created |`);

  const huge = Buffer.from(['Nama;Spesialisasi', ...Array.from({ length: 100_000 }, (_, i) => `dr. Massal ${i};pediatric`)].join('\r\n')).toString('base64');
  const [refused, refusedMs] = await timed(() => api.invoke('imports:preview', { kind: 'specialists', fileName: 'massal.csv', base64: huge }));
  rows.push(`| 100,000-row CSV refused | ${refusedMs.toFixed(0)} ms | ${refused.ok ? 'accepted!' : refused.error.code} |`);
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Data');
  sheet.addRow(['Nama', 'Spesialisasi']);
  for (let i = 0; i < 100_000; i++) sheet.addRow([`dr. Massal ${i}`, 'pediatric']);
  const xlsxBase64 = Buffer.from(await workbook.xlsx.writeBuffer()).toString('base64');
  const [refusedX, refusedXMs] = await timed(() => api.invoke('imports:preview', { kind: 'specialists', fileName: 'massal.xlsx', base64: xlsxBase64 }));
  rows.push(`| 100,000-row XLSX refused | ${refusedXMs.toFixed(0)} ms | ${refusedX.ok ? 'accepted!' : refusedX.error.code} |`);
  await db.close();

  console.log(`## Exports and imports\n\nA district of ${target} puskesmas, ${visits} visits in ${MONTH} (${os.cpus().length} cores, Node ${process.version}).\n`);
  console.log('| job | time | size |\n| --- | --- | --- |');
  console.log(rows.join('\n'));
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
