// Benchmark: a shared server under N signed-in users at once, on PostgreSQL and on SQLite side by side.
// A province on PostgreSQL: DISTRICTS districts of 45 puskesmas each (scale.ts builds one with ten
// years of visits and their logs; it is imported into every district's schema with the district
// import, each with its own name), and `asuhan serve` (accounts on) in its own process. USERS
// coordinators, each with their own session and district, work the screens over loopback HTTP for
// DURATION seconds with a think time between calls, and drag visits of their district's shared
// pool (so edits collide) with the version they read; every fifth also opens the province view
// over all districts; one more coordinator plans and saves April in district 1. Afterwards every
// pool visit is checked against its district: each applied move must have read the version the
// previous applied move left (else a write was lost), and the row must hold the last one. The
// SQLite side serves the one district as a file (the office mode), with the same users in it.
// Needs a PostgreSQL cluster: ASUHAN_BENCH_DATABASE_URL or ASUHAN_TEST_DATABASE_URL (any database
// on it; a scratch database is created and dropped). Standalone:
// `node --import tsx scripts/bench/server.ts [--users N] [--seconds S] [--districts N]` prints a markdown section.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import pg from 'pg';
import { openAnyDatabase, openDatabase, type AsuhanDb } from '../../src/db/connect';
import { exportDistrict, importDistrict } from '../../src/db/district-transfer';
import { createApi } from '../../src/app/api';
import { createContext } from '../../src/app/context';
import { createUser } from '../../src/server/accounts';
import { addDistrict, HOME_DISTRICT_ID, setGrants } from '../../src/db/districts';
import { openPostgresDatabase, type ServerDb } from '../../src/db/postgres';

const root = path.resolve(import.meta.dirname, '..', '..');
const { values } = parseArgs({ options: { users: { type: 'string', default: '50' }, seconds: { type: 'string', default: '45' }, districts: { type: 'string', default: '38' }, from: { type: 'string', default: '2016-03' } } });
const USERS = Number(values.users);
const SECONDS = Number(values.seconds);
const DISTRICTS = Number(values.districts);
const PUSKESMAS_PER_DISTRICT = 45;
const SPECIALISTS_PER_DISTRICT = 38;
/** Audit entries kept per district (scale.ts writes 100,000; 38 copies would only slow the import). */
const AUDIT_PER_DISTRICT = 2000;
const TODAY = '2026-02-18';
const NOW = new Date(`${TODAY}T03:00:00Z`);
const HISTORY_FROM = values.from!;
const POOL = 8; // March visits per district the users drag: few enough that edits collide
const THINK_MS: [number, number] = [500, 2500];
const BUDGET_MS = 200;
const PLAN_GRACE_SECONDS = 30; // how long after the users stop the planner may still finish
const PASSWORD = 'bench-sandi-rahasia';
// Sign-in is not what is measured: a cheap argon2 cost (the hash names it) keeps setup short.
const CHEAP_COST = { memoryKiB: 1024, passes: 1 };

const baseUrl = process.env.ASUHAN_BENCH_DATABASE_URL ?? process.env.ASUHAN_TEST_DATABASE_URL;
if (!baseUrl) {
  process.stdout.write('## Server: many users on one database\n\n_Not run: no PostgreSQL cluster (set ASUHAN_BENCH_DATABASE_URL or ASUHAN_TEST_DATABASE_URL)._\n');
  process.exit(0);
}

type Call = 'province view (province:summary)' | 'calendar month (visits:list)' | 'calendar week (visits:list)' | 'dashboard (reports:dashboard)' | 'compliance report (reports:compliance)' | 'puskesmas list' | 'specialists list' | 'drag a visit (visits:move)';

interface VisitRef {
  district: number;
  id: number;
  version: number;
  date: string;
}
interface AppliedMove {
  district: number;
  visitId: number;
  read: number;
  result: number;
  date: string;
}
interface EngineRun {
  engine: string;
  samples: Map<Call, number[]>;
  errors: Map<string, number>;
  applied: AppliedMove[];
  /** Visits (district:id) whose move got no answer: their outcome is unknown, so the lost-write check skips them. */
  unanswered: Set<string>;
  conflicts: number;
  conflictsNamingWho: number;
  ruleRefusals: number;
  lost: number;
  plan: string;
  calls: number;
  loadBefore: string;
  loadAfter: string;
}

const t0 = performance.now();
const phase = (what: string) => process.stderr.write(`bench server: ${((performance.now() - t0) / 1000).toFixed(0)} s ${what}\n`);
const load = () => os.loadavg().map((l) => l.toFixed(1)).join(', ');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const think = () => sleep(THINK_MS[0] + Math.random() * (THINK_MS[1] - THINK_MS[0]));

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

function databaseUrlFor(name: string): string {
  const url = new URL(baseUrl!);
  url.pathname = `/${name}`;
  return url.toString();
}

async function admin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: baseUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** The district user u works in (spread over the province), and whether they also see the whole province. */
const districtOf = (u: number, districts: number) => (u % districts) + 1;
const seesProvince = (u: number) => u % 5 === 0;

async function addUsers(db: AsuhanDb, districts: number): Promise<void> {
  for (let u = 0; u <= USERS; u++) {
    const home = u === USERS ? HOME_DISTRICT_ID : districtOf(u, districts);
    const all = Array.from({ length: districts }, (_, i) => i + 1);
    const account = await createUser(db.kysely, { login: `bench.${u}`, displayName: `Koordinator ${u}`, role: 'coordinator', specialistId: null, password: PASSWORD }, { now: NOW, cost: CHEAP_COST, districtIds: [home] });
    // Their own district first, so calls without a header would land there too.
    if (seesProvince(u) && districts > 1) await setGrants(db.kysely, account.id, [home, ...all.filter((d) => d !== home)]);
  }
}

/** Each district's March visits the users drag, with the versions they start from. */
async function movePool(open: (district: number) => Promise<AsuhanDb>, districts: number): Promise<VisitRef[]> {
  const pool: VisitRef[] = [];
  for (let district = 1; district <= districts; district++) {
    const db = await open(district);
    try {
      const rows = await db.kysely.selectFrom('visit').select(['id', 'version', 'date']).where('date', '>=', '2026-03-02').where('date', '<=', '2026-03-27').where('status', '=', 'planned').orderBy('id').limit(POOL).execute();
      pool.push(...rows.map((r) => ({ district, id: r.id, version: r.version, date: r.date })));
    } finally {
      await db.close();
    }
  }
  return pool;
}

/** `asuhan serve` in its own process, as on a server; resolves with its address. */
function startServer(args: string[], dir: string): Promise<{ child: ChildProcess; origin: string }> {
  const script = `import { register } from 'tsx/esm/api'; register(); const { main } = await import(${JSON.stringify(path.join(root, 'src/cli/main.ts'))});
    process.exitCode = await main(${JSON.stringify(['serve', ...args, '--port', '0', '--json'])});`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ASUHAN_TODAY: TODAY, ASUHAN_BACKUP_DIR: path.join(dir, 'backups'), ASUHAN_DATABASE_URL: '' } });
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (c: Buffer) => {
      out += c.toString();
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line) resolve({ child, origin: (JSON.parse(line) as { url: string }).url.replace(/\/$/, '') });
    });
    child.on('exit', (code) => reject(new Error(`serve exited with ${code}: ${stderr}`)));
    setTimeout(() => reject(new Error(`serve did not start: ${stderr}`)), 180_000).unref();
  });
}

/** Ctrl+C's signal; a server busy solving a plan (synchronous WASM) gets SIGKILL after 5 s. */
async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  const killer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(killer);
}

async function signIn(origin: string, login: string): Promise<string> {
  for (;;) {
    const res = await fetch(`${origin}/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ login, password: PASSWORD }) });
    if (res.ok) return (res.headers.get('set-cookie') ?? '').split(';')[0]!;
    await res.text();
    await sleep(50); // four sign-ins at a time: wait for the door
  }
}

type Result = { ok: true; data: unknown } | { ok: false; error: { code: string; message: string; messageEn: string } };

async function drive(engine: string, origin: string, pool: VisitRef[], districts: number): Promise<Omit<EngineRun, 'lost' | 'loadBefore' | 'loadAfter'>> {
  const cookies: string[] = [];
  for (let u = 0; u <= USERS; u++) cookies.push(await signIn(origin, `bench.${u}`));
  const samples = new Map<Call, number[]>();
  const errors = new Map<string, number>();
  const applied: AppliedMove[] = [];
  let conflicts = 0;
  let conflictsNamingWho = 0;
  let ruleRefusals = 0;
  let calls = 0;
  const unanswered = new Set<string>();
  const call = async (cookie: string, district: number, name: Call, method: string, input: unknown): Promise<Result> => {
    const start = performance.now();
    let body: Result;
    try {
      const res = await fetch(`${origin}/api/${method}`, { method: 'POST', headers: { 'Content-Type': 'application/json', Cookie: cookie, 'X-Asuhan-District': String(district) }, body: JSON.stringify(input) });
      body = (await res.json()) as Result;
    } catch (error) {
      // No answer (a connection reset): counted, never retried, and a move's outcome is then unknown.
      const code = ((error as { cause?: { code?: string } }).cause?.code ?? 'no answer').toString();
      errors.set(`${method} ${code}`, (errors.get(`${method} ${code}`) ?? 0) + 1);
      if (method === 'visits:move') unanswered.add(`${district}:${(input as { id: number }).id}`);
      return { ok: false, error: { code, message: code, messageEn: code } };
    }
    const ms = performance.now() - start;
    calls++;
    (samples.get(name) ?? samples.set(name, []).get(name)!).push(ms);
    if (!body.ok && !(method === 'visits:move' && (body.error.code === 'CONFLICT' || body.error.code === 'RULE'))) errors.set(`${method} ${body.error.code}`, (errors.get(`${method} ${body.error.code}`) ?? 0) + 1);
    return body;
  };
  const deadline = performance.now() + SECONDS * 1000;
  const user = async (u: number) => {
    const cookie = cookies[u]!;
    const district = districtOf(u, districts);
    const mine = pool.filter((v) => v.district === district);
    await sleep(Math.random() * THINK_MS[1]); // people do not all click in the same millisecond
    while (performance.now() < deadline) {
      const month = await call(cookie, district, 'calendar month (visits:list)', 'visits:list', { from: '2026-03-01', to: '2026-03-31' });
      await think();
      if (month.ok && mine.length) {
        // Drag one pool visit, named with the version this user's calendar shows, a day or two along.
        const target = mine[Math.floor(Math.random() * mine.length)]!;
        const seen = (month.data as { id: number; version: number; date: string }[]).find((v) => v.id === target.id);
        if (seen) {
          const day = Number(seen.date.slice(8));
          const next = day >= 26 ? day - 2 : day + 1 + Math.floor(Math.random() * 2);
          const date = `2026-03-${String(next).padStart(2, '0')}`;
          const moved = await call(cookie, district, 'drag a visit (visits:move)', 'visits:move', { id: seen.id, version: seen.version, date });
          if (moved.ok) applied.push({ district, visitId: seen.id, read: seen.version, result: (moved.data as { version: number }).version, date: (moved.data as { date: string }).date });
          else if (moved.error.code === 'CONFLICT') {
            conflicts++;
            if (/bench\.\d+|Koordinator \d+/.test(moved.error.message) && /\d{2}[.:]\d{2}/.test(moved.error.message)) conflictsNamingWho++;
          } else if (moved.error.code === 'RULE') ruleRefusals++;
          await think();
        }
      }
      if (performance.now() >= deadline) break;
      await call(cookie, district, 'dashboard (reports:dashboard)', 'reports:dashboard', { month: '2026-02' });
      await think();
      await call(cookie, district, u % 2 === 0 ? 'puskesmas list' : 'specialists list', u % 2 === 0 ? 'puskesmas:list' : 'specialists:list', {});
      await think();
      await call(cookie, district, 'calendar week (visits:list)', 'visits:list', { from: '2026-03-09', to: '2026-03-15' });
      await think();
      await call(cookie, district, 'compliance report (reports:compliance)', 'reports:compliance', { month: '2026-01' });
      await think();
      if (seesProvince(u) && districts > 1) {
        await call(cookie, district, 'province view (province:summary)', 'province:summary', { month: '2026-02' });
        await think();
      }
    }
  };
  // The planner: one more coordinator plans April and saves it while the others work.
  const planner = async (): Promise<string> => {
    try {
      return await planApril();
    } catch (error) {
      return `planning April ended without an answer (${(error as Error).message})`;
    }
  };
  const planApril = async (): Promise<string> => {
    const cookie = cookies[USERS]!;
    const start = performance.now();
    const run = await fetch(`${origin}/api/plans:run`, { method: 'POST', headers: { 'Content-Type': 'application/json', Cookie: cookie, 'X-Asuhan-District': '1' }, body: JSON.stringify({ month: '2026-04' }) });
    const preview = (await run.json()) as Result;
    const runMs = performance.now() - start;
    if (!preview.ok) return `planning April failed: ${preview.error.code} ${preview.error.messageEn}`;
    const planId = (preview.data as { planId: number }).planId;
    const visits = (preview.data as { visits?: unknown[] }).visits?.length ?? 0;
    const applyStart = performance.now();
    const apply = (await (await fetch(`${origin}/api/plans:apply`, { method: 'POST', headers: { 'Content-Type': 'application/json', Cookie: cookie, 'X-Asuhan-District': '1' }, body: JSON.stringify({ planId }) })).json()) as Result;
    const applyMs = performance.now() - applyStart;
    return `planning April (${visits.toLocaleString('en')} visits) took ${(runMs / 1000).toFixed(1)} s, saving it ${apply.ok ? `${(applyMs / 1000).toFixed(1)} s` : `was refused: ${apply.error.code} ${apply.error.messageEn}`}`;
  };
  // Bounded: when April is not planned soon after the users stop, the benchmark says so and stops the server.
  const planBound = SECONDS + PLAN_GRACE_SECONDS;
  const plan = Promise.race([planner(), sleep(planBound * 1000).then(() => `planning April had not finished after ${planBound} s (stopped with the server)`)]);
  const [planned] = await Promise.all([plan, ...Array.from({ length: USERS }, (_, u) => user(u))]);
  return { engine, samples, errors, applied, unanswered, conflicts, conflictsNamingWho, ruleRefusals, plan: planned, calls };
}

/** Applied moves per visit, in the order of the versions they produced: each must have read the one before. */
async function lostWrites(open: (district: number) => Promise<AsuhanDb>, pool: VisitRef[], applied: AppliedMove[], unanswered: Set<string>): Promise<number> {
  let lost = 0;
  for (const district of [...new Set(pool.map((v) => v.district))]) {
    const db = await open(district);
    try {
      for (const start of pool.filter((visit) => visit.district === district && !unanswered.has(`${district}:${visit.id}`))) {
        const moves = applied.filter((m) => m.district === district && m.visitId === start.id).sort((a, b) => a.result - b.result);
        let version = start.version;
        let date = start.date;
        for (const move of moves) {
          if (move.read !== version) lost++; // it overwrote a change it never saw
          version = move.result;
          date = move.date;
        }
        const row = await db.kysely.selectFrom('visit').select(['version', 'date']).where('id', '=', start.id).executeTakeFirstOrThrow();
        if (row.version !== version || row.date !== date) lost++;
      }
    } finally {
      await db.close();
    }
  }
  return lost;
}

async function measureEngine(engine: string, open: (district: number) => Promise<AsuhanDb>, districts: number, serveArgs: string[], dir: string): Promise<EngineRun> {
  const pool = await movePool(open, districts);
  const loadBefore = load();
  phase(`${engine}: starting the server`);
  const { child, origin } = await startServer(serveArgs, dir);
  phase(`${engine}: signing in and working`);
  let run;
  try {
    run = await drive(engine, origin, pool, districts);
    if (child.exitCode !== null || child.signalCode !== null) run.plan += `; the server process ended during the run (${child.exitCode ?? child.signalCode})`;
  } finally {
    await stopServer(child);
  }
  const loadAfter = load();
  phase(`${engine}: server stopped, checking the moves`);
  return { ...run, lost: await lostWrites(open, pool, run.applied, run.unanswered), loadBefore, loadAfter };
}

function settingsOf(district: number) {
  return { programmeName: 'Puskesmas Asuhan Spesialistik', districtName: `Kabupaten Uji ${district}`, province: 'Jawa Timur', city: `Kota Uji ${district}`, officeName: `Dinas Kesehatan Kabupaten Uji ${district}`, officeAddress: 'Jl. Uji 1', signatoryTitle: 'Kepala Dinas', signatoryName: 'dr. Uji', signatoryNip: '' };
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'asuhan-bench-server-'));
  const file = path.join(dir, 'district.db');
  const pgName = `asuhan_bench_server_${process.pid}`;
  let pgVersion: string | null = null;
  try {
    const buildStart = performance.now();
    const built = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'scripts', 'bench', 'scale.ts'), '--puskesmas', String(PUSKESMAS_PER_DISTRICT), '--specialists', String(SPECIALISTS_PER_DISTRICT), '--from', HISTORY_FROM, '--keep', file], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
    if (built.status !== 0) throw new Error(`building the district database failed (exit ${built.status})`);
    const buildMs = performance.now() - buildStart;
    phase('district built');
    const sqliteDb = await openDatabase(file);
    // scale.ts makes no district identity; the server would open on its setup screen.
    await createApi(createContext(sqliteDb, () => NOW)).client['settings:update']({ changes: settingsOf(1) });
    // Its 100,000 audit entries stay in the SQLite file; each PostgreSQL district keeps the newest few thousand.
    const dump = await exportDistrict(sqliteDb, NOW);
    dump.tables.audit_log = dump.tables.audit_log.slice(-AUDIT_PER_DISTRICT);
    const counts = (await sqliteDb.kysely
      .selectNoFrom((eb) => [
        eb.selectFrom('puskesmas').select(eb.fn.countAll<number>().as('n')).as('puskesmas'),
        eb.selectFrom('specialist').select(eb.fn.countAll<number>().as('n')).as('specialists'),
        eb.selectFrom('visit').select(eb.fn.countAll<number>().as('n')).as('visits'),
        eb.selectFrom('visit_log').select(eb.fn.countAll<number>().as('n')).as('logs'),
        eb.selectFrom('visit').select(eb.fn.countAll<number>().as('n')).where('date', '>=', '2026-03-01').where('date', '<=', '2026-03-31').as('march'),
      ])
      .executeTakeFirstOrThrow()) as Record<string, number>;
    const rows = Object.values(dump.tables).reduce((sum, table) => sum + table.length, 0);
    await addUsers(sqliteDb, 1);
    await sqliteDb.close();

    const moveStart = performance.now();
    await admin(`CREATE DATABASE ${pgName} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'`);
    const pgUrl = databaseUrlFor(pgName);
    const backupDir = path.join(dir, 'backups');
    const home = await openPostgresDatabase(pgUrl, { backupDir });
    const schemas = new Map<number, string>([[HOME_DISTRICT_ID, 'public']]);
    const openSchema = (schema: string) => openPostgresDatabase(pgUrl, { schema, maxConnections: 2, backupDir });
    for (let district = 1; district <= DISTRICTS; district++) {
      let db: ServerDb = home;
      if (district !== HOME_DISTRICT_ID) {
        const record = await addDistrict(home, `Kabupaten Uji ${district}`, async (schema) => openSchema(schema));
        schemas.set(record.id, record.schemaName);
        db = await openSchema(record.schemaName);
      }
      const own = structuredClone(dump);
      await importDistrict(db, own);
      await createApi(createContext(db, () => NOW)).client['settings:update']({ changes: settingsOf(district) });
      if (db !== home) await db.close();
      if (district % 10 === 0) phase(`${district} districts imported`);
    }
    pgVersion = await analyze(home);
    await addUsers(home, DISTRICTS);
    await home.close();
    const moveMs = performance.now() - moveStart;
    phase('province in PostgreSQL');

    const runs: EngineRun[] = [];
    const openPgDistrict = (district: number) => openPostgresDatabase(pgUrl, { schema: schemas.get(district)!, maxConnections: 2, backupDir });
    runs.push(await measureEngine('PostgreSQL', openPgDistrict, DISTRICTS, ['--database-url', pgUrl], dir));
    runs.push(await measureEngine('SQLite', () => openDatabase(file), 1, ['--accounts', '--db', file], dir));

    const names = [...new Set(runs.flatMap((r) => [...r.samples.keys()]))];
    const tableRows = names.map((name) => {
      const cells = runs.map((r) => {
        const s = r.samples.get(name) ?? [];
        if (s.length === 0) return '- | - | - | -';
        return `${s.length} | ${percentile(s, 50).toFixed(0)} | ${percentile(s, 95).toFixed(0)} | ${percentile(s, 95) < BUDGET_MS ? 'yes' : '**no**'}`;
      });
      return `| ${name} | ${cells.join(' | ')} |`;
    });
    const out = [
      '## Server: many users on one database',
      '',
      `A province on PostgreSQL ${pgVersion ?? ''}: ${DISTRICTS} districts in one database, each a schema of its own, each a copy of one synthetic district`,
      `from \`scale.ts\` (${counts.puskesmas!.toLocaleString('en')} puskesmas, ${counts.specialists!.toLocaleString('en')} specialists, visits ${HISTORY_FROM} to 2026-03 with their logs:`,
      `${counts.visits!.toLocaleString('en')} visits, ${counts.logs!.toLocaleString('en')} logged, ${counts.march!.toLocaleString('en')} in March 2026), under its own name; together`,
      `${(counts.puskesmas! * DISTRICTS).toLocaleString('en')} puskesmas, ${(counts.specialists! * DISTRICTS).toLocaleString('en')} specialists, ${(counts.visits! * DISTRICTS).toLocaleString('en')} visits. Each district keeps its newest ${AUDIT_PER_DISTRICT.toLocaleString('en')} audit entries`,
      `(${rows.toLocaleString('en')} rows a district). The district was built as a SQLite file in ${(buildMs / 1000).toFixed(0)} s and imported into the ${DISTRICTS} schemas`,
      `(\`districts add\`, \`district import\`) in ${(moveMs / 1000).toFixed(0)} s. The SQLite side is that one district as a file (with all 100,000 audit entries), served with \`--accounts\`.`,
      '',
      `Each engine is served by \`asuhan serve\` (accounts on) in its own process, which solves plans on its own thread; ${USERS} coordinators, each signed in with their own session,`,
      `work over loopback HTTP for ${SECONDS} s, waiting ${THINK_MS[0] / 1000}-${THINK_MS[1] / 1000} s between calls. On PostgreSQL coordinator u works in district (u mod ${DISTRICTS}) + 1, so each district has ${Math.floor(USERS / DISTRICTS)}${USERS % DISTRICTS ? ` or ${Math.ceil(USERS / DISTRICTS)}` : ''}`,
      `coordinators; on SQLite all ${USERS} share the one district. Each opens the month's calendar of their district, drags one of its ${POOL} shared March visits a day or two along`,
      '(`visits:move` with the version their calendar showed), the dashboard, the puskesmas or specialists list, a week of the calendar, the compliance report;',
      `every fifth coordinator is also given every district and opens the province view (\`province:summary\`: each district's compliance report, one district after another, on one connection).`,
      'Meanwhile one more coordinator plans April in district 1 (`plans:run`) and saves it (`plans:apply`).',
      `The load generator runs in the benchmark's process on the same ${os.cpus().length} cores (${os.cpus()[0]?.model.trim() ?? 'CPU'}), which other work shares.`,
      'Times are from request to parsed answer, in ms.',
      '',
      `| call | ${runs.map((r) => `${r.engine} calls | p50 | p95 | p95 < ${BUDGET_MS} ms`).join(' | ')} |`,
      `| --- | ${runs.map(() => '---: | ---: | ---: | ---').join(' | ')} |`,
      ...tableRows,
      '',
      '| | ' + runs.map((r) => r.engine).join(' | ') + ' |',
      '| --- | ' + runs.map(() => '---').join(' | ') + ' |',
      `| calls answered | ${runs.map((r) => r.calls.toLocaleString('en')).join(' | ')} |`,
      `| moves applied | ${runs.map((r) => r.applied.length).join(' | ')} |`,
      `| moves refused as CONFLICT (stale version) | ${runs.map((r) => r.conflicts).join(' | ')} |`,
      `| of those, naming who changed it and when | ${runs.map((r) => r.conflictsNamingWho).join(' | ')} |`,
      `| moves refused by a hard rule | ${runs.map((r) => r.ruleRefusals).join(' | ')} |`,
      `| visits whose move got no answer (outcome unknown, not checked) | ${runs.map((r) => r.unanswered.size).join(' | ')} |`,
      `| lost writes (checked against the database) | ${runs.map((r) => (r.lost === 0 ? '0' : `**${r.lost}**`)).join(' | ')} |`,
      `| other errors | ${runs.map((r) => (r.errors.size === 0 ? 'none' : [...r.errors].map(([k, n]) => `${k} ×${n}`).join(', '))).join(' | ')} |`,
      `| the planner | ${runs.map((r) => r.plan).join(' | ')} |`,
      `| load average before / after | ${runs.map((r) => `${r.loadBefore} / ${r.loadAfter}`).join(' | ')} |`,
      '',
    ];
    process.stdout.write(`${out.join('\n')}\n`);
  } finally {
    await admin(`DROP DATABASE IF EXISTS ${pgName} WITH (FORCE)`).catch(() => {});
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Fresh statistics after the bulk import (as autovacuum gathers soon after); the server's version. */
async function analyze(db: AsuhanDb): Promise<string | null> {
  await sql`ANALYZE`.execute(db.kysely);
  return (await sql<{ v: string }>`SELECT current_setting('server_version') AS v`.execute(db.kysely)).rows[0]?.v ?? null;
}

await main();
process.exit(0); // a planner still waiting on a stopped server keeps nothing alive
