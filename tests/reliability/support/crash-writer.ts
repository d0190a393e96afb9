// A process that writes to an Asuhan database in a tight loop, the way the app does, until it
// is killed. Used by crash-safety.test.ts (SIGKILL at random moments) and concurrency.test.ts.
// Usage: node --import tsx crash-writer.ts DB_FILE SEED [ITERATIONS] [OPS] (the tests run it bundled)
import Papa from 'papaparse';
import { createApi } from '../../../src/app/api';
import { createContext } from '../../../src/app/context';
import { METHOD_NAMES } from '../../../src/contract/index';
import { backupDatabase, backupDirFor } from '../../../src/db/backup';
import { openDatabase } from '../../../src/db/connect';
import { restoreIntoOpenDatabase } from '../../../src/db/restore';
import { insertVisitBatch } from '../rich-data';

const [file, seedText = '1', iterationsText = 'Infinity', opsText = 'edit,batch,log,plan'] = process.argv.slice(2);
if (!file) throw new Error('usage: crash-writer.ts DB_FILE SEED [ITERATIONS] [OPS]');
const iterations = Number(iterationsText);
const ops = opsText.split(',');
let seed = Number(seedText) || 1;
const random = () => {
  seed = (seed * 1103515245 + 12345) % 2 ** 31;
  return seed / 2 ** 31;
};

const db = await openDatabase(file, { dailyBackup: false });
const api = createApi(createContext(db, () => new Date('2026-02-18T03:00:00Z')));
const has = (name: string) => (METHOD_NAMES as string[]).includes(name);
const topics = has('topics:list') ? ((await api.client['topics:list' as 'app:info']({})) as unknown as { code: string }[]).slice(0, 2).map((t) => t.code) : [];
process.stdout.write('ready\n');

const hospitals = db.sqlite.prepare('SELECT id FROM hospital ORDER BY id').all() as { id: number }[];

async function edit(): Promise<boolean> {
  const hospital = hospitals[Math.floor(random() * hospitals.length)]!;
  await api.client['hospitals:update']({ id: hospital.id, changes: { town: `kota-${process.pid}-${Math.floor(random() * 1e9)}` } });
  return true;
}

function batch(): boolean {
  const month = ['2026-07', '2026-08', '2026-09'][Math.floor(random() * 3)]!;
  insertVisitBatch(db.sqlite, month, `crash-${process.pid}-${Math.floor(random() * 1e9)}`, Math.floor(random() * 20));
  return true;
}

async function log(): Promise<boolean> {
  if (!has('visit-log:save')) return false;
  const visit = db.sqlite.prepare("SELECT v.id FROM visit v LEFT JOIN visit_log l ON l.visit_id = v.id WHERE l.visit_id IS NULL AND v.date < '2026-02-18' AND v.status = 'planned' ORDER BY random() LIMIT 1").get() as { id: number } | undefined;
  if (!visit) return false;
  const saved = await api.invoke('visit-log:save', {
    visitId: visit.id,
    outcome: 'done',
    topics,
    attendees: [{ role: 'bidan', headcount: 4 }, { role: 'perawat', headcount: 2 }],
    followups: [{ action: 'Audit kasus rujukan', owner: 'Bidan koordinator', dueDate: '2026-03-20' }],
    notes: 'dicatat oleh crash-writer',
  });
  // Two writers may pick the same visit; the second is refused as a conflict, which is right.
  if (!saved.ok && saved.error.code !== 'CONFLICT') throw new Error(`visit-log:save: ${saved.error.code} ${saved.error.messageEn}`);
  return saved.ok;
}

async function plan(): Promise<boolean> {
  if (!has('plans:apply')) return false;
  const month = ['2026-04', '2026-05'][Math.floor(random() * 2)]!;
  const preview = await api.invoke('plans:run', { month });
  if (!preview.ok) throw new Error(`plans:run: ${preview.error.code} ${preview.error.messageEn}`);
  const applied = await api.invoke('plans:apply', { planId: (preview.data as { planId: number }).planId });
  // Another writer may have changed the month since the draft: refused as a conflict, which is right.
  if (!applied.ok && applied.error.code !== 'CONFLICT') throw new Error(`plans:apply: ${applied.error.code} ${applied.error.messageEn}`);
  return applied.ok;
}

/** Imports hospitals from a CSV made from the template: names tagged `imp-<id>-n<count>` land together or not at all. */
async function importHospitals(): Promise<boolean> {
  if (!has('imports:commit')) return false;
  const template = await api.invoke('imports:template', { kind: 'hospitals', format: 'csv', withData: true });
  if (!template.ok) throw new Error(`imports:template: ${template.error.messageEn}`);
  const csv = Buffer.from((template.data as { base64: string }).base64, 'base64').toString('utf8').replace(/^\uFEFF/, '');
  const parsed = Papa.parse<string[]>(csv.trim(), { delimiter: '' });
  const [header, ...rows] = parsed.data;
  const nameColumn = header?.findIndex((h) => /^(nama|name)/i.test(h.trim())) ?? -1;
  const sample = rows.filter((r) => r.length === header?.length).slice(0, 5);
  if (!header || nameColumn < 0 || sample.length === 0) throw new Error('imports:template: no name column or rows');
  const tag = `imp-${process.pid}${Math.floor(random() * 1e9)}-n${sample.length}`;
  const data = sample.map((row) => row.map((cell, i) => (i === nameColumn ? `${cell.slice(0, 150)} ${tag}` : cell)));
  const file = Papa.unparse({ fields: header, data }, { delimiter: parsed.meta.delimiter });
  const result = await api.invoke('imports:commit', { kind: 'hospitals', fileName: 'rs.csv', base64: Buffer.from(file).toString('base64'), onlyValidRows: false });
  if (!result.ok) throw new Error(`imports:commit: ${result.error.code} ${result.error.messageEn}`);
  return true;
}

/** Puts back the state this process started with (a backup made at its first restore). */
let restorePoint: string | undefined;
async function restore(): Promise<boolean> {
  restorePoint ??= await backupDatabase(db.sqlite, backupDirFor(db.path), 'crash-writer');
  await restoreIntoOpenDatabase(db, restorePoint);
  return true;
}

const operations: Record<string, () => Promise<boolean> | boolean> = { edit, batch, log, plan, import: importHospitals, restore };
for (let i = 0; i < iterations; i++) {
  const op = ops[Math.floor(random() * ops.length)]!;
  const wrote = await operations[op]!();
  process.stdout.write(`${wrote ? op : `${op}-skipped`}\n`);
}
await db.close();
