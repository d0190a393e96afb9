// Many districts in one PostgreSQL database (issue 15, point 2): each district its own schema with
// its own settings, zone and letterhead; a user sees and changes only the districts given to them
// (a refused call writes nothing); the province view adds up every district the caller may open,
// each row equal to that district's own compliance report. Over real HTTP, signed in.
import path from 'node:path';
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_CALLER } from '../../src/app/caller';
import type { Api } from '../../src/app/api';
import type { ProvinceSummary } from '../../src/contract/districts';
import { createUser, shellAccounts } from '../../src/server/accounts';
import { serverDistrictRouter, type DistrictRouter } from '../../src/server/district-router';
import { feedByToken } from '../../src/server/feeds';
import { startWebShell, type WebShell } from '../../src/server/web-shell';
import { main } from '../../src/cli/main';
import { restoreServerDatabase } from '../../src/db/postgres-restore';
import type { ServerDb } from '../../src/db/postgres';
import { dumpServerDatabase, findPgDump } from '../../src/db/server-backup';
import { seedMadeUpDistrict, setUpDistrict, WITA_DISTRICT } from '../fixtures/district';
import { createTestDb, ON_POSTGRES, TEST_TODAY, type TestDb } from '../fixtures/temp-db';
import { shellRequest, type Reply } from '../reliability/support/shell-request';
import { TEST_COST } from './fixtures';

let t: TestDb;
let router: DistrictRouter;
let shell: WebShell;
let second: Api;
let secondId: number;

const now = () => TEST_TODAY;
/** Connections of each further district: fewer than the calls at once below. */
const DISTRICT_CONNECTIONS = 2;

beforeAll(async () => {
  t = await createTestDb({ demo: true });
  router = serverDistrictRouter(t.db, now, undefined, { districtConnections: DISTRICT_CONNECTIONS });
  const home = await router.apiFor('districts:create', LOCAL_CALLER, undefined);
  const made = await home.client['districts:create']({ label: 'Kab. Lembah Kenari' });
  secondId = made.id;
  second = await router.apiFor('settings:get', LOCAL_CALLER, String(secondId));
  await setUpDistrict(second, WITA_DISTRICT);
  await seedMadeUpDistrict(second);
  const k = t.db.kysely;
  await createUser(k, { login: 'koor-kenari', displayName: 'Koordinator Kenari', role: 'coordinator', specialistId: null, password: 'rahasia-kenari-1' }, { now: now(), cost: TEST_COST, districtIds: [secondId] });
  await createUser(k, { login: 'lihat-semua', displayName: 'Pemantau Provinsi', role: 'viewer', specialistId: null, password: 'rahasia-lihat-1' }, { now: now(), cost: TEST_COST, districtIds: [1, secondId] });
  await createUser(k, { login: 'admin', displayName: 'Admin', role: 'admin', specialistId: null, password: 'rahasia-admin-1' }, { now: now(), cost: TEST_COST });
  const staticDir = path.join(t.dir, 'renderer');
  fs.mkdirSync(staticDir, { recursive: true });
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>Asuhan</title>');
  shell = await startWebShell({
    api: t.api,
    router,
    staticDir,
    port: 0,
    accounts: shellAccounts(t.db.kysely, now),
    feeds: (token) => router.feed(token, (db) => feedByToken(db.kysely, token, now())),
  });
}, 120_000);

afterAll(async () => {
  await shell?.close();
  await router?.close();
  await t?.close();
});

async function signIn(login: string, password: string): Promise<string> {
  const reply = await shellRequest(shell, 'POST', '/auth/login', JSON.stringify({ login, password }));
  expect(reply.status, reply.body).toBe(200);
  return String(reply.headers['set-cookie']).split(';')[0]!;
}

type Json = { ok: boolean; data?: any; error?: { code: string; message: string; messageEn: string } };
async function call(cookie: string, method: string, input: unknown, district?: number): Promise<Json & { status: number }> {
  const reply: Reply = await shellRequest(shell, 'POST', `/api/${method}`, JSON.stringify(input), { Cookie: cookie, ...(district !== undefined ? { 'X-Asuhan-District': String(district) } : {}) });
  return { ...(JSON.parse(reply.body) as Json), status: reply.status };
}

describe.skipIf(!ON_POSTGRES)('many districts in one PostgreSQL database', () => {
  it('keeps each district in its own schema, with its own settings, zone and records', async () => {
    const schemas = await t.all<{ schema_name: string }>("SELECT schema_name FROM information_schema.schemata WHERE schema_name LIKE 'district_%'");
    expect(schemas.map((s) => s.schema_name)).toEqual([`district_${secondId}`]);
    const admin = await signIn('admin', 'rahasia-admin-1');
    const listed = (await call(admin, 'districts:list', {})).data as { id: number; name: string; timeZone: string; current: boolean }[];
    expect(listed.map((d) => [d.id, d.timeZone])).toEqual([
      [1, 'Asia/Jakarta'],
      [secondId, 'Asia/Makassar'],
    ]);
    expect(listed[1]!.name).toBe(WITA_DISTRICT.districtName);
    const homePuskesmas = (await call(admin, 'puskesmas:list', {}, 1)).data as { name: string }[];
    const kenariPuskesmas = (await call(admin, 'puskesmas:list', {}, secondId)).data as { name: string }[];
    expect(homePuskesmas).toHaveLength(45);
    expect(kenariPuskesmas.map((p) => p.name)).toContain('Puskesmas Kenari Utara');
    expect(homePuskesmas.map((p) => p.name)).not.toContain('Puskesmas Kenari Utara');
    expect(((await call(admin, 'settings:get', {}, secondId)).data as { officeName: string }).officeName).toBe(WITA_DISTRICT.officeName);
  });

  it('gives a coordinator their district only: the other is refused and nothing is written there', async () => {
    const cookie = await signIn('koor-kenari', 'rahasia-kenari-1');
    const listed = (await call(cookie, 'districts:list', {})).data as { id: number; current: boolean }[];
    expect(listed).toEqual([expect.objectContaining({ id: secondId, current: true })]);
    // Without a header the call runs in the coordinator's first district: Kenari, not the server's first.
    const mine = (await call(cookie, 'puskesmas:list', {})).data as { name: string }[];
    expect(mine.map((p) => p.name)).toContain('Puskesmas Kenari Utara');
    const before = await t.all<{ n: number }>('SELECT count(*) AS n FROM puskesmas');
    const refused = await call(cookie, 'puskesmas:create', { name: 'Puskesmas Selundup' }, 1);
    expect(refused.status).toBe(403);
    expect(refused.error).toMatchObject({ code: 'FORBIDDEN' });
    expect(refused.error!.message).toContain('kabupaten/kota nomor 1');
    expect(await t.all<{ n: number }>('SELECT count(*) AS n FROM puskesmas')).toEqual(before);
    expect((await call(cookie, 'puskesmas:list', {}, 1)).status).toBe(403);
    // In its own district it writes, and the change stays there.
    const made = await call(cookie, 'puskesmas:create', { name: 'Puskesmas Tanjung Baru', lat: -4.2, lon: 122.6 }, secondId);
    expect(made.ok, JSON.stringify(made.error)).toBe(true);
    expect(await t.all("SELECT id FROM puskesmas WHERE name = 'Puskesmas Tanjung Baru'")).toEqual([]);
    // Users are the admin's, whatever district is named.
    expect((await call(cookie, 'users:list', {}, secondId)).status).toBe(403);
  });

  it('adds up the province from each district\'s own compliance report', async () => {
    const cookie = await signIn('lihat-semua', 'rahasia-lihat-1');
    const summary = (await call(cookie, 'province:summary', { month: '2026-02' })).data as ProvinceSummary;
    expect(summary.districts.map((d) => d.districtId)).toEqual([1, secondId]);
    for (const row of summary.districts) {
      const own = (await call(cookie, 'reports:compliance', { month: '2026-02' }, row.districtId)).data as { totals: { required: number; done: number; planned: number; puskesmasCount: number } };
      expect([row.required, row.done, row.planned, row.puskesmasCount]).toEqual([own.totals.required, own.totals.done, own.totals.planned, own.totals.puskesmasCount]);
    }
    expect(summary.totals.required).toBe(summary.districts.reduce((sum, d) => sum + d.required, 0));
    expect(summary.totals.puskesmasCount).toBe(summary.districts.reduce((sum, d) => sum + d.puskesmasCount, 0));
    expect(summary.totals.districtCount).toBe(2);
    // A viewer reads, never writes.
    expect((await call(cookie, 'puskesmas:create', { name: 'Puskesmas Lain' }, secondId)).status).toBe(403);
  });

  it('gives each row the coverage of that district\'s Dasbor (a second visit covers nothing more)', async () => {
    const summary = await (await router.apiFor('province:summary', LOCAL_CALLER, '1')).client['province:summary']({ month: '2026-02' });
    for (const row of summary.districts) {
      const dashboard = await (await router.apiFor('reports:dashboard', LOCAL_CALLER, String(row.districtId))).client['reports:dashboard']({ month: '2026-02' });
      if (row.required > 0) expect(row.coverage).toBeCloseTo(dashboard.coverage.ratio, 12);
      expect(row.covered).toBeLessThanOrEqual(Math.min(row.done, row.required));
    }
    expect(summary.totals.covered).toBe(summary.districts.reduce((sum, d) => sum + d.covered, 0));
  });

  it('serves a calendar feed made in any district', async () => {
    const admin = await signIn('admin', 'rahasia-admin-1');
    const feed = (await call(admin, 'feeds:create', { specialistId: null }, secondId)).data as { path: string };
    const reply = await shellRequest(shell, 'GET', feed.path, '');
    expect(reply.status).toBe(200);
    expect(reply.body).toContain('BEGIN:VCALENDAR');
  });

  it('reaches the second district from the CLI with --district, and lists both', async () => {
    const out: string[] = [];
    const io = { out: (line: string) => out.push(line), err: (line: string) => out.push(line), env: { ...process.env, ...t.cliEnv }, now };
    expect(await main(['districts', 'list', ...t.cliArgs], io)).toBe(0);
    expect(out.join('\n')).toContain(WITA_DISTRICT.districtName);
    out.length = 0;
    const file = path.join(t.dir, 'kenari.json');
    expect(await main(['district', 'export', file, ...t.cliArgs, '--district', String(secondId)], io), out.join('\n')).toBe(0);
    const dump = JSON.parse(fs.readFileSync(file, 'utf8')) as { tables: { puskesmas: { name: string }[] } };
    expect(dump.tables.puskesmas.map((p) => p.name)).toContain('Puskesmas Kenari Utara');
    expect(dump.tables.puskesmas).toHaveLength(7);
    expect(await main(['status', ...t.cliArgs, '--district', '99'], io)).toBe(2);
    expect(out.at(-1)).toContain('nomor 99');
  });

  it('backs up every district with pg_dump and refuses to restore one unchecked', async () => {
    if (!findPgDump()) return;
    const db = t.db as ServerDb;
    const dump = await dumpServerDatabase(db, 'manual');
    const before = await t.all<{ n: number }>('SELECT count(*) AS n FROM puskesmas');
    await expect(restoreServerDatabase(db, dump, { otherDistrict: true })).rejects.toThrow(/lebih dari satu kabupaten\/kota \(skema district_\d+\)/);
    expect(await t.all<{ n: number }>('SELECT count(*) AS n FROM puskesmas')).toEqual(before);
  });

  it('serves many districts at once on a few connections each, each call seeing its own district only', { timeout: 120_000 }, async () => {
    const home = await router.apiFor('districts:create', LOCAL_CALLER, undefined);
    const ids = [secondId];
    for (let i = 0; i < 6; i++) ids.push((await home.client['districts:create']({ label: `Kab. Uji ${i}` })).id);
    for (const id of ids) await (await router.apiFor('puskesmas:create', LOCAL_CALLER, String(id))).client['puskesmas:create']({ name: `Puskesmas Penanda ${id}` });
    // More calls at once than each district has connections: they wait their turn, in their district.
    const rounds = await Promise.all(
      Array.from({ length: 5 }, () =>
        Promise.all(ids.map(async (id) => ({ id, names: (await (await router.apiFor('puskesmas:list', LOCAL_CALLER, String(id))).client['puskesmas:list']({})).map((p) => p.name) }))),
      ),
    );
    for (const round of rounds) {
      for (const { id, names } of round) {
        expect(names.filter((name) => name.startsWith('Puskesmas Penanda'))).toEqual([`Puskesmas Penanda ${id}`]);
      }
    }
    await (await router.apiFor('province:summary', LOCAL_CALLER, '1')).client['province:summary']({ month: '2026-02' });
    const [connections] = await t.all<{ n: number }>("SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND backend_type = 'client backend'");
    // The first district's pool (10), each further one's, and this test's own connection (four each held 38 here).
    expect(connections!.n).toBeLessThanOrEqual(10 + DISTRICT_CONNECTIONS * ids.length + 1);
  });
});
