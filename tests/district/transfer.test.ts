// Moving a district: the demo district with a year of logs, a moved visit, a saved plan and sent
// calendars goes from its SQLite file to a PostgreSQL server database and back to a new SQLite
// file, and every table (the report facts the triggers rebuild included) reads the same in all three.
import path from 'node:path';
import { CompiledQuery } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { AsuhanError } from '../../src/contract/errors';
import { openAnyDatabase, type AsuhanDb } from '../../src/db/connect';
import { DISTRICT_TABLES, exportDistrict, importDistrict, type DistrictDump } from '../../src/db/district-transfer';
import { generateVisitLogHistory } from '../../src/seed/visit-log-history';
import { freshPostgres, POSTGRES_TEST_URL, type TestPostgres } from '../fixtures/postgres';
import { createSqliteTestDb, tempDir, type SqliteTestDb } from '../fixtures/temp-db';

const FACTS = ['SELECT * FROM topic_fact ORDER BY 1, 2, 3, 4', 'SELECT * FROM attendance_fact ORDER BY attendee_id'];
const facts = async (db: AsuhanDb) => Promise.all(FACTS.map(async (query) => (await db.kysely.executeQuery(CompiledQuery.raw(query))).rows));
const through = (dump: DistrictDump): unknown => JSON.parse(JSON.stringify(dump));

describe.skipIf(!POSTGRES_TEST_URL)('moving a district between SQLite and PostgreSQL', () => {
  let source: SqliteTestDb;
  let back: SqliteTestDb;
  let server: TestPostgres;
  let serverDb: AsuhanDb;
  let original: DistrictDump;

  beforeAll(async () => {
    source = await createSqliteTestDb({ demo: true });
    generateVisitLogHistory(source.db.sqlite, { from: '2025-09', to: '2026-02', today: '2026-02-18', seed: 5 });
    const api = source.api.client;
    const plan = await api['plans:run']({ month: '2026-03' });
    await api['plans:apply']({ planId: plan.planId });
    const [march] = await api['visits:list']({ from: '2026-03-01', to: '2026-03-31' });
    await api['visit-log:save']({ visitId: march!.id, outcome: 'moved', reason: 'Banjir', movedTo: { date: '2026-03-27' } });
    await api['exports:ics']({ month: '2026-03', onlyChanges: false });
    original = await exportDistrict(source.db);

    server = await freshPostgres({ template: null });
    serverDb = await openAnyDatabase({ file: path.join(tempDir(), 'unused.db'), url: server.url });
    back = await createSqliteTestDb();
  }, 180_000);
  afterAll(async () => {
    await source?.close();
    await back?.close();
    await serverDb?.close();
    await server?.drop();
  });

  it('carries every row of every table there and back, and the triggers rebuild the same report facts', async () => {
    expect(original.tables.visit.some((v) => v.moved_to_visit_id !== null)).toBe(true);
    expect(original.tables.ics_sent.length).toBeGreaterThan(0);
    expect(original.tables.followup.some((f) => f.status === 'closed')).toBe(true);
    for (const table of DISTRICT_TABLES) if (table !== 'distance' && table !== 'puskesmas_requirement') expect(original.tables[table].length, table).toBeGreaterThan(0);

    const there = await importDistrict(serverDb, through(original));
    expect(there.byTable.visit).toBe(original.tables.visit.length);
    const onServer = await exportDistrict(serverDb);
    for (const table of DISTRICT_TABLES) expect(onServer.tables[table], table).toEqual(original.tables[table]);
    expect(await facts(serverDb)).toEqual(await facts(source.db));

    await importDistrict(back.db, through(onServer));
    const home = await exportDistrict(back.db);
    for (const table of DISTRICT_TABLES) expect(home.tables[table], table).toEqual(original.tables[table]);
    expect(await facts(back.db)).toEqual(await facts(source.db));
  });

  it('keeps working on the server after the move: new rows get new ids', async () => {
    const maxId = Math.max(...original.tables.hospital.map((h) => Number(h.id)));
    const added = await serverDb.kysely.insertInto('hospital').values({ name: 'RSUD Baru', kind: 'RSUD', town: 'Kota', address: '' }).returning('id').executeTakeFirstOrThrow();
    expect(added.id).toBe(maxId + 1);
  });

  it('refuses a database that already holds a district, and a file that is not an export, changing nothing', async () => {
    const before = await exportDistrict(serverDb);
    const held = await importDistrict(serverDb, through(original)).catch((error: unknown) => error);
    expect((held as AsuhanError).code).toBe('CONFLICT');
    const bad = await importDistrict(serverDb, { ...through(original) as object, format: 'something-else' }).catch((error: unknown) => error);
    expect((bad as AsuhanError).code).toBe('VALIDATION');
    expect((await exportDistrict(serverDb)).tables).toEqual(before.tables);
  });

  it('moves through the CLI: district export from the file, init and district import on the server', async () => {
    const target = await freshPostgres({ template: null });
    try {
      const lines: string[] = [];
      const io = { out: (l: string) => lines.push(l), err: (l: string) => lines.push(l), env: {}, now: () => new Date('2026-02-18T03:00:00Z') };
      const file = path.join(tempDir(), 'kabupaten.json');
      expect(await main(['district', 'export', file, '--db', source.file, '--json'], io)).toBe(0);
      expect(await main(['init', '--database-url', target.url, '--json'], io)).toBe(0);
      expect(await main(['district', 'import', file, '--database-url', target.url, '--json'], io)).toBe(0);
      lines.length = 0;
      expect(await main(['status', '--json', '--db', source.file], io)).toBe(0);
      expect(await main(['status', '--json', '--database-url', target.url], io)).toBe(0);
      const status = (line: string) => ({ ...(JSON.parse(line) as object), databasePath: undefined });
      expect(status(lines[1]!)).toEqual(status(lines[0]!));
      expect(await main(['district', 'import', file, '--database-url', target.url], io)).not.toBe(0);
      expect(lines.at(-1)).toMatch(/sudah berisi data kabupaten/);
    } finally {
      await target.drop();
    }
  });
});
