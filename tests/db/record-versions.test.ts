// Edits that never collide (issue 15, point 4): every record carries a version, an edit names the
// version it read, a stale one is refused with CONFLICT saying who changed the record and when,
// and nothing is written; a drafted plan is applied only if the month's visits are as it read them.
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrations } from '../../migrations/index';
import { AsuhanError } from '../../src/contract/errors';
import { openDatabase } from '../../src/db/connect';
import { openPostgresDatabase } from '../../src/db/postgres';
import { zoneAbbreviation } from '../../src/domain/zones';
import { freshPostgres, POSTGRES_TEST_URL } from '../fixtures/postgres';
import { createTestDb, tempDir, type TestDb } from '../fixtures/temp-db';
import { databaseDigest } from '../fixtures/database-digest';

const MARCH = '2026-03';
let t: TestDb;
let zone: string;

beforeAll(async () => {
  t = await createTestDb({ demo: true });
  zone = zoneAbbreviation((await t.api.client['settings:get']({})).timeZone);
  const draft = await t.api.client['plans:run']({ month: MARCH });
  await t.api.client['plans:apply']({ planId: draft.planId });
});
afterAll(async () => {
  await t.close();
});

async function refusal(promise: Promise<unknown>): Promise<AsuhanError> {
  const error = await promise.then(() => null).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(AsuhanError);
  return error as AsuhanError;
}

/** Runs a call that must be refused as stale, and checks that it wrote nothing at all. */
async function staleRefusal(call: () => Promise<unknown>): Promise<AsuhanError> {
  const before = await databaseDigest(t.db);
  const error = await refusal(call());
  expect(error.code).toBe('CONFLICT');
  expect(await databaseDigest(t.db)).toBe(before);
  return error;
}

/** "Rabu, 2 Desember 2026 14.12 WIB": who changed it and when, on the district's clock. */
const WHEN_ID = () => new RegExp(`oleh koordinator pada (Senin|Selasa|Rabu|Kamis|Jumat|Sabtu|Minggu), \\d{1,2} \\S+ \\d{4} \\d{2}\\.\\d{2} ${zone}`);
const WHEN_EN = () => new RegExp(`by koordinator on (Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),? \\d{1,2} \\S+ \\d{4} \\d{2}\\.\\d{2} ${zone}`);

const marchVisits = () => t.api.client['visits:list']({ from: '2026-03-01', to: '2026-03-31' });
const plannedVisit = async (skip = 0) => (await marchVisits()).filter((v) => v.status === 'planned' && !v.pinned)[skip]!;

describe('visits', () => {
  it('every read returns the version, and an edit with it bumps it by one', async () => {
    const visit = await plannedVisit();
    expect(visit.version).toBeGreaterThanOrEqual(1);
    const pinned = await t.api.client['visits:pin']({ id: visit.id, version: visit.version, pinned: true });
    expect(pinned.version).toBe(visit.version + 1);
    const unpinned = await t.api.client['visits:pin']({ id: visit.id, version: pinned.version, pinned: false });
    expect(unpinned.version).toBe(visit.version + 2);
    expect((await t.api.client['visit-log:get']({ visitId: visit.id })).visit.version).toBe(unpinned.version);
  });

  it('a stale pin, move or cancel is refused with CONFLICT naming who changed it and when, and writes nothing', async () => {
    const read = await plannedVisit(1);
    // Someone else pins it first.
    const theirs = await t.api.client['visits:pin']({ id: read.id, version: read.version, pinned: true });
    await t.api.client['visits:pin']({ id: read.id, version: theirs.version, pinned: false });

    const pin = await staleRefusal(() => t.api.client['visits:pin']({ id: read.id, version: read.version, pinned: true }));
    expect(pin.message).toMatch(/^Kunjungan ini sudah diubah oleh koordinator pada /);
    expect(pin.message).toMatch(WHEN_ID());
    expect(pin.message).toContain(`versi ${theirs.version + 1}; Anda membuka versi ${read.version}`);
    expect(pin.messageEn).toMatch(WHEN_EN());

    const move = await staleRefusal(() => t.api.client['visits:move']({ id: read.id, version: read.version, date: '2026-03-02' }));
    expect(move.message).toMatch(WHEN_ID());
    const cancel = await staleRefusal(() => t.api.client['visits:delete']({ id: read.id, version: read.version }));
    expect(cancel.message).toContain('Perubahan Anda tidak disimpan');
    expect((await t.api.client['visit-log:get']({ visitId: read.id })).visit.status).toBe('planned');
  });

  it('without a version (the CLI, scripts) the edit applies to the visit as it is now', async () => {
    const visit = await plannedVisit(2);
    const pinned = await t.api.client['visits:pin']({ id: visit.id, pinned: true });
    expect(pinned.version).toBe(visit.version + 1);
    await t.api.client['visits:pin']({ id: visit.id, pinned: false });
  });

  it('every writer bumps the version, not only the checked edits (the trigger: raw SQL, imports, undo)', async () => {
    const visit = await plannedVisit(3);
    await sql`UPDATE visit SET notes = 'ditulis langsung' WHERE id = ${visit.id}`.execute(t.db.kysely);
    const now = (await t.api.client['visit-log:get']({ visitId: visit.id })).visit;
    expect(now.version).toBe(visit.version + 1);
    const error = await staleRefusal(() => t.api.client['visits:pin']({ id: visit.id, version: visit.version, pinned: true }));
    expect(error.code).toBe('CONFLICT');
  });
});

describe('master data', () => {
  it('a stale puskesmas update is refused with CONFLICT and writes nothing; the fresh one applies', async () => {
    const [read] = await t.api.client['puskesmas:list']({});
    const theirs = await t.api.client['puskesmas:update']({ id: read!.id, version: read!.version, changes: { notes: 'Ambulans baru' } });
    expect(theirs.version).toBe(read!.version + 1);
    const error = await staleRefusal(() => t.api.client['puskesmas:update']({ id: read!.id, version: read!.version, changes: { notes: 'Catatan saya' } }));
    expect(error.message).toMatch(/^Puskesmas ini sudah diubah oleh koordinator pada /);
    expect(error.message).toMatch(WHEN_ID());
    expect((await t.api.client['puskesmas:get']({ id: read!.id })).notes).toBe('Ambulans baru');
    const mine = await t.api.client['puskesmas:update']({ id: read!.id, version: theirs.version, changes: { notes: 'Catatan saya' } });
    expect(mine).toMatchObject({ notes: 'Catatan saya', version: read!.version + 2 });
  });

  it('a stale specialist update is refused with CONFLICT and writes nothing', async () => {
    const [read] = await t.api.client['specialists:list']({});
    await t.api.client['specialists:update']({ id: read!.id, version: read!.version, changes: { phone: '0812-1111-2222' } });
    const error = await staleRefusal(() => t.api.client['specialists:update']({ id: read!.id, version: read!.version, changes: { maxVisitsPerMonth: 1 } }));
    expect(error.message).toMatch(/^Dokter spesialis ini sudah diubah oleh koordinator pada /);
    expect(error.messageEn).toMatch(/^This specialist was changed by koordinator on /);
    expect((await t.api.client['specialists:get']({ id: read!.id })).maxVisitsPerMonth).toBe(read!.maxVisitsPerMonth);
  });

  it('stale leave, adoption and hospital edits are refused too', async () => {
    const [specialist] = await t.api.client['specialists:list']({});
    const leave = await t.api.client['unavailability:create']({ specialistId: specialist!.id, startDate: '2026-07-06', endDate: '2026-07-07', reason: 'Seminar' });
    await t.api.client['unavailability:update']({ id: leave.id, version: leave.version, changes: { reason: 'Seminar nasional' } });
    await staleRefusal(() => t.api.client['unavailability:update']({ id: leave.id, version: leave.version, changes: { endDate: '2026-07-09' } }));
    await staleRefusal(() => t.api.client['unavailability:delete']({ id: leave.id, version: leave.version }));
    const [adoption] = await t.api.client['adoptions:list']({});
    const changed = await t.api.client['adoptions:set']({ specialistId: adoption!.specialistId, puskesmasId: adoption!.puskesmasId, role: adoption!.role === 'primary' ? 'backup' : 'primary' });
    expect(changed.version).toBe(adoption!.version + 1);
    expect((await t.api.client['adoptions:list']({})).find((a) => a.id === adoption!.id)?.version).toBe(changed.version);
    await staleRefusal(() => t.api.client['adoptions:delete']({ id: adoption!.id, version: adoption!.version }));
    await t.api.client['adoptions:set']({ specialistId: adoption!.specialistId, puskesmasId: adoption!.puskesmasId, role: adoption!.role });
    const [hospital] = await t.api.client['hospitals:list']({});
    await t.api.client['hospitals:update']({ id: hospital!.id, changes: { town: 'Kota' } });
    await staleRefusal(() => t.api.client['hospitals:update']({ id: hospital!.id, version: hospital!.version, changes: { town: 'Desa' } }));
  });
});

describe('programme settings and topics', () => {
  it('a stale settings update is refused with CONFLICT and writes nothing; without a version it applies', async () => {
    const read = await t.api.client['settings:get']({});
    const theirs = await t.api.client['settings:update']({ version: read.version, changes: { visitMinutes: 150 } });
    expect(theirs.version).toBe(read.version + 1);
    const error = await staleRefusal(() => t.api.client['settings:update']({ version: read.version, changes: { visitMinutes: 90 } }));
    expect(error.message).toMatch(/^Pengaturan program sudah diubah oleh koordinator pada /);
    expect(error.messageEn).toMatch(/^The programme settings were changed by koordinator on /);
    expect((await t.api.client['settings:get']({})).visitMinutes).toBe(150);
    const cli = await t.api.client['settings:update']({ changes: { visitMinutes: read.visitMinutes } });
    expect(cli).toMatchObject({ visitMinutes: read.visitMinutes, version: read.version + 2 });
  });

  it('a stale topic update is refused with CONFLICT and writes nothing', async () => {
    const [topic] = await t.api.client['topics:list']({});
    const theirs = await t.api.client['topics:update']({ id: topic!.id, version: topic!.version, changes: { nameEn: 'Antenatal care (ANC)' } });
    // What comes back is what is stored, so the screen's next edit with it applies.
    expect(theirs.version).toBe(topic!.version + 1);
    expect((await t.api.client['topics:list']({})).find((x) => x.id === topic!.id)?.version).toBe(theirs.version);
    const error = await staleRefusal(() => t.api.client['topics:update']({ id: topic!.id, version: topic!.version, changes: { nameEn: 'ANC' } }));
    expect(error.message).toMatch(/^Topik ini sudah diubah oleh koordinator pada /);
  });
});

describe('visit log', () => {
  it('a stale save of a visit log is refused with CONFLICT and writes nothing', async () => {
    const visit = await plannedVisit(4);
    await t.api.client['visits:pin']({ id: visit.id, version: visit.version, pinned: true });
    const detail = await t.api.client['visit-log:get']({ visitId: visit.id });
    const stale = { visitId: visit.id, version: visit.version, outcome: 'cancelled' as const, reason: 'Dokter sakit' };
    const error = await staleRefusal(() => t.api.client['visit-log:save'](stale));
    expect(error.message).toMatch(/^Kunjungan ini sudah diubah oleh koordinator pada /);
    const saved = await t.api.client['visit-log:save']({ ...stale, version: detail.visit.version });
    expect(saved.log?.outcome).toBe('cancelled');
    expect(saved.visit.version).toBeGreaterThan(detail.visit.version);
    // The correction of a log that someone else corrected first is refused as well.
    await t.api.client['visit-log:save']({ ...stale, version: saved.visit.version, reason: 'Dokter sakit (demam)', replace: true });
    const late = await staleRefusal(() => t.api.client['visit-log:save']({ ...stale, version: saved.visit.version, reason: 'Hujan', replace: true }));
    expect(late.messageEn).toMatch(WHEN_EN());
  });
});

describe('plans', () => {
  it('a draft is not applied after a visit of its month changed: CONFLICT names the visit, who and when, and offers to re-plan', async () => {
    const draft = await t.api.client['plans:run']({ month: MARCH });
    const visit = await plannedVisit(5);
    await t.api.client['visits:pin']({ id: visit.id, version: visit.version, pinned: true });
    const error = await staleRefusal(() => t.api.client['plans:apply']({ planId: draft.planId }));
    expect(error.message).toContain('Rencana tidak disimpan: 1 kunjungan Maret 2026 berubah sejak rencana disusun');
    expect(error.message).toContain(`${visit.specialistName} di ${visit.puskesmasName}`);
    expect(error.message).toMatch(WHEN_ID());
    expect(error.message).toContain('Susun ulang rencana');
    expect(error.messageEn).toContain('Re-plan');
    expect((await t.api.client['plans:get']({ id: draft.planId })).status).toBe('draft');
    await t.api.client['visits:pin']({ id: visit.id, pinned: false });
  });

  it('a draft is not applied after what it was made from changed: new leave, a puskesmas edit; each named', async () => {
    const draft = await t.api.client['plans:run']({ month: MARCH });
    const [specialist] = await t.api.client['specialists:list']({});
    await t.api.client['unavailability:create']({ specialistId: specialist!.id, startDate: '2026-03-25', endDate: '2026-03-26', reason: 'Pelatihan' });
    const [puskesmas] = await t.api.client['puskesmas:list']({});
    await t.api.client['puskesmas:update']({ id: puskesmas!.id, version: puskesmas!.version, changes: { notes: 'Jam buka berubah' } });
    // A hospital is not part of what a plan reads: changing one does not stop it.
    const [hospital] = await t.api.client['hospitals:list']({});
    await t.api.client['hospitals:update']({ id: hospital!.id, changes: { address: 'Jl. Baru 1' } });
    const error = await staleRefusal(() => t.api.client['plans:apply']({ planId: draft.planId }));
    expect(error.message).toContain('Rencana tidak disimpan: 2 data yang dipakai rencana berubah sejak rencana disusun');
    expect(error.message).toMatch(new RegExp(`Cuti/tugas ${specialist!.name.replace(/[.()]/g, '\\$&')} 25–26 Maret 2026 ditambahkan oleh koordinator pada `));
    expect(error.message).toContain(`${puskesmas!.name} diubah oleh koordinator pada `);
    expect(error.messageEn).toContain('2 records the plan uses changed since the plan was made');
  });

  it('a visit added to the month since the draft is named as added; a new draft then applies', async () => {
    const draft = await t.api.client['plans:run']({ month: MARCH });
    const [specialist] = await t.api.client['specialists:list']({});
    const [adoption] = await t.api.client['adoptions:list']({ specialistId: specialist!.id });
    const taken = new Set((await marchVisits()).filter((v) => v.specialistId === specialist!.id && v.status !== 'cancelled').map((v) => v.date));
    let added = false;
    for (let day = 2; day <= 31 && !added; day++) {
      const date = `2026-03-${String(day).padStart(2, '0')}`;
      if (taken.has(date)) continue;
      const check = await t.api.client['visits:check']({ specialistId: specialist!.id, puskesmasId: adoption!.puskesmasId, date });
      if (!check.ok) continue;
      await t.api.client['visits:create']({ specialistId: specialist!.id, puskesmasId: adoption!.puskesmasId, date });
      added = true;
    }
    expect(added).toBe(true);
    const error = await staleRefusal(() => t.api.client['plans:apply']({ planId: draft.planId }));
    expect(error.message).toMatch(new RegExp(`${specialist!.name} di .* ditambahkan oleh koordinator pada `));
    const again = await t.api.client['plans:run']({ month: MARCH });
    await expect(t.api.client['plans:apply']({ planId: again.planId })).resolves.toMatchObject({ planId: again.planId });
    // Applied once: the same draft again is refused, not applied twice.
    expect((await refusal(t.api.client['plans:apply']({ planId: again.planId }))).code).toBe('CONFLICT');
  });
});

/** A small deterministic generator, so a failing sequence can be replayed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

interface EditTarget {
  entity: string;
  records: () => Promise<{ id: number; version: number }[]>;
  current: (id: number) => Promise<{ version: number; mark: string }>;
  /** Writes `mark` (or a change of its own) with the version the client holds; returns the mark now stored. */
  update: (id: number, version: number, mark: string, round: number) => Promise<{ version: number; mark: string }>;
  /** The mark an audit entry's `after` carries. */
  markOf: (after: unknown) => string;
}

/**
 * Rounds of clients writing at once, each with the version it last saw (often stale). Every write
 * is applied or reported; of the clients that hold the record's current version exactly one wins,
 * stale ones never do; every applied write is one version step and one audit entry, in order.
 */
async function interleave(target: EditTarget, seed: number): Promise<{ sent: number; reported: number }> {
  const next = random(seed);
  const records = await target.records();
  const clients = Array.from({ length: 5 }, () => new Map(records.map((r) => [r.id, r.version])));
  const applied = new Map<number, string[]>(records.map((r) => [r.id, []]));
  const auditBefore = (await t.api.client['audit:list']({ limit: 1 }))[0]?.id ?? 0;
  let reported = 0;
  let sent = 0;
  for (let round = 0; round < 12; round++) {
    const batch = clients.filter(() => next() < 0.6).map((cache, index) => ({ cache, index, record: records[Math.floor(next() * records.length)]!.id }));
    const current = new Map(await Promise.all(records.map(async (r) => [r.id, (await target.current(r.id)).version] as const)));
    const outcomes = await Promise.all(
      batch.map(async ({ cache, index, record }) => {
        const held = cache.get(record)!;
        const fresh = held === current.get(record);
        const mark = `r${round}-c${index}`;
        sent++;
        try {
          const after = await target.update(record, held, mark, round);
          cache.set(record, after.version);
          applied.get(record)!.push(after.mark);
          return { record, fresh, ok: true };
        } catch (error) {
          expect((error as AsuhanError).code).toBe('CONFLICT');
          expect((error as AsuhanError).stale).toBe(true);
          reported++;
          cache.set(record, (await target.current(record)).version); // the screen reloads it
          return { record, fresh, ok: false };
        }
      }),
    );
    for (const record of new Set(batch.map((b) => b.record))) {
      const mine = outcomes.filter((o) => o.record === record);
      expect(mine.filter((o) => o.ok && !o.fresh)).toEqual([]);
      expect(mine.filter((o) => o.ok).length).toBe(mine.some((o) => o.fresh) ? 1 : 0);
    }
  }
  const appliedCount = [...applied.values()].reduce((sum, list) => sum + list.length, 0);
  expect(appliedCount + reported).toBe(sent);
  for (const record of records) {
    const now = await target.current(record.id);
    const mine = applied.get(record.id)!;
    expect(now.version).toBe(record.version + mine.length);
    if (mine.length > 0) expect(now.mark).toBe(mine.at(-1));
    const audits = await t.api.client['audit:list']({ entity: target.entity, entityId: String(record.id), limit: 1000 });
    const written = audits.filter((a) => a.action === 'update' && a.id > auditBefore).map((a) => target.markOf(a.after));
    expect(written.reverse()).toEqual(mine);
  }
  return { sent, reported };
}

describe('interleaved edits', () => {
  it('N interleaved puskesmas updates from clients holding random, often stale versions: each is applied or reported, none lost', async () => {
    const result = await interleave(
      {
        entity: 'puskesmas',
        records: async () => (await t.api.client['puskesmas:list']({})).slice(0, 3),
        current: async (id) => {
          const p = await t.api.client['puskesmas:get']({ id });
          return { version: p.version, mark: p.notes };
        },
        update: async (id, version, notes) => {
          const after = await t.api.client['puskesmas:update']({ id, version, changes: { notes } });
          return { version: after.version, mark: after.notes };
        },
        markOf: (after) => (after as { notes: string }).notes,
      },
      15,
    );
    expect(result.sent).toBeGreaterThan(20);
    expect(result.reported).toBeGreaterThan(0);
  });

  it('the same for visits pinned and unpinned at once: the audit log holds every applied pin, in order', async () => {
    // A pin is the same value twice in a row: the version each write made is its mark.
    const visits = (await marchVisits()).filter((v) => v.status === 'planned').slice(10, 13);
    const result = await interleave(
      {
        entity: 'visit',
        records: async () => visits.map((v) => ({ id: v.id, version: v.version })),
        current: async (id) => {
          const v = (await t.api.client['visit-log:get']({ visitId: id })).visit;
          return { version: v.version, mark: `v${v.version}` };
        },
        update: async (id, version, _mark, round) => {
          const after = await t.api.client['visits:pin']({ id, version, pinned: round % 2 === 0 });
          return { version: after.version, mark: `v${after.version}` };
        },
        markOf: (after) => `v${(after as { version: number }).version}`,
      },
      4,
    );
    expect(result.reported).toBeGreaterThan(0);
  });
});

describe('migration 0009 on data from earlier versions', () => {
  it('gives every existing row version 1, and every later update (by any writer) bumps it', async () => {
    const dir = tempDir();
    try {
      const file = path.join(dir, 'asuhan.db');
      const sqlite = new BetterSqlite3(file);
      const kysely = new Kysely<any>({ dialect: new SqliteDialect({ database: sqlite }) });
      await sql`CREATE TABLE IF NOT EXISTS schema_migration (name TEXT PRIMARY KEY NOT NULL, applied_at TEXT NOT NULL) STRICT`.execute(kysely);
      for (const name of Object.keys(migrations).sort().filter((n) => n < '0009')) {
        await migrations[name]!.up(kysely);
        await sql`INSERT INTO schema_migration (name, applied_at) VALUES (${name}, '2025-01-01T00:00:00Z')`.execute(kysely);
      }
      sqlite.exec(`INSERT INTO specialty (code, name) VALUES ('obgyn', 'Kandungan');
        INSERT INTO specialist (name, specialty_id) VALUES ('dr. Lama', 1);
        INSERT INTO puskesmas (name, opening_hours) VALUES ('PKM Lama', '{}');
        INSERT INTO visit (uid, date, start_time, end_time, specialist_id, puskesmas_id, specialty_id, status) VALUES ('u1', '2025-06-02', '09:00', '11:00', 1, 1, 1, 'planned');
        INSERT INTO setting (key, value) VALUES ('programme', '{}');`);
      await kysely.destroy();

      const db = await openDatabase(file, { dailyBackup: false });
      try {
        const versions = (table: string) => db.sqlite.prepare(`SELECT version FROM ${table}`).pluck().all();
        for (const table of ['specialty', 'specialist', 'puskesmas', 'visit', 'setting', 'topic']) expect(new Set(versions(table))).toEqual(new Set([1]));
        db.sqlite.exec("UPDATE visit SET notes = 'x'; UPDATE setting SET value = '{\"a\":1}'; UPDATE visit_log SET notes = 'y'");
        expect(versions('visit')).toEqual([2]);
        expect(versions('setting')).toEqual([2]);
        // An update that sets the version itself (the checked path) is not bumped twice.
        db.sqlite.exec('UPDATE visit SET version = 3, notes = \'z\' WHERE version = 2');
        expect(versions('visit')).toEqual([3]);
      } finally {
        await db.close();
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe.skipIf(!POSTGRES_TEST_URL)('migration 0009 on PostgreSQL', () => {
  it('adds the version, and the trigger bumps it on every update that does not set it', async () => {
    const database = await freshPostgres();
    const db = await openPostgresDatabase(database.url);
    try {
      const k = db.kysely as Kysely<any>;
      const puskesmas = await k.insertInto('puskesmas').values({ name: 'PKM Server', opening_hours: '{}' }).returning(['id', 'version']).executeTakeFirstOrThrow();
      expect(puskesmas.version).toBe(1);
      await k.updateTable('puskesmas').set({ notes: 'a' }).where('id', '=', puskesmas.id).execute();
      const bumped = await k.selectFrom('puskesmas').select('version').where('id', '=', puskesmas.id).executeTakeFirstOrThrow();
      expect(bumped.version).toBe(2);
      // The checked path: only the version read matches; a stale one updates nothing.
      const stale = await k.updateTable('puskesmas').set({ notes: 'b', version: 2 }).where('id', '=', puskesmas.id).where('version', '=', 1).executeTakeFirst();
      expect(Number(stale.numUpdatedRows)).toBe(0);
      const fresh = await k.updateTable('puskesmas').set({ notes: 'c', version: 3 }).where('id', '=', puskesmas.id).where('version', '=', 2).returning('version').executeTakeFirstOrThrow();
      expect(fresh.version).toBe(3);
    } finally {
      await db.close();
      await database.drop();
    }
  });
});
