// A process that writes to an Asuhan database in a tight loop, the way the app does, until it
// is killed. Used by crash-safety.test.ts (SIGKILL at random moments) and concurrency.test.ts.
// Usage: node --import tsx crash-writer.ts DB_FILE SEED [ITERATIONS] [OPS] (the tests run it bundled)
import { createApi } from '../../../src/app/api';
import { createContext } from '../../../src/app/context';
import { METHOD_NAMES } from '../../../src/contract/index';
import { openDatabase } from '../../../src/db/connect';
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

const operations: Record<string, () => Promise<boolean> | boolean> = { edit, batch, log, plan };
for (let i = 0; i < iterations; i++) {
  const op = ops[Math.floor(random() * ops.length)]!;
  const wrote = await operations[op]!();
  process.stdout.write(`${wrote ? op : `${op}-skipped`}\n`);
}
await db.close();
