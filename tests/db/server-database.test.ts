// What differs on a server database: it says its engine and schema level, backs up with pg_dump
// (a dump pg_restore reads, with its record beside it), and every CLI command reaches it through
// --database-url or ASUHAN_DATABASE_URL. Restoring a dump: tests/db/server-restore.test.ts.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApi } from '../../src/app/api';
import { createContext } from '../../src/app/context';
import { main } from '../../src/cli/main';
import { AsuhanError } from '../../src/contract/errors';
import { LATEST_MIGRATION, openAnyDatabase, type AsuhanDb } from '../../src/db/connect';
import { findPgDump } from '../../src/db/server-backup';
import { seedDemo } from '../../src/seed/demo';
import { freshPostgres, POSTGRES_TEST_URL, type TestPostgres } from '../fixtures/postgres';
import { TEST_TODAY, tempDir } from '../fixtures/temp-db';

function cliIo(env: NodeJS.ProcessEnv = {}) {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l), env, now: () => TEST_TODAY }, out, err };
}

describe.skipIf(!POSTGRES_TEST_URL)('a server database', () => {
  let server: TestPostgres;
  let db: AsuhanDb;
  let dir: string;
  beforeAll(async () => {
    server = await freshPostgres({ template: null });
    dir = tempDir();
    db = await openAnyDatabase({ file: path.join(dir, 'unused.db'), url: server.url }, { backupDir: path.join(dir, 'backups') });
    await seedDemo(db.kysely, '2026-02-18');
  }, 120_000);
  afterAll(async () => {
    await db?.close();
    await server?.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('says its engine, where it is (no password) and its schema level', async () => {
    expect(db.engine).toBe('postgres');
    const info = await createApi(createContext(db, () => TEST_TODAY)).client['app:info']();
    expect(info.schemaVersion).toBe(LATEST_MIGRATION);
    expect(info.databasePath).toMatch(/^postgres(ql)?:\/\//);
    expect(info.counts.puskesmas).toBeGreaterThan(0);
    // The file named beside the URL is never created.
    expect(fs.existsSync(path.join(dir, 'unused.db'))).toBe(false);
  });

  it.skipIf(!findPgDump())('backs up with pg_dump into its folder and lists it', async () => {
    const api = createApi(createContext(db, () => TEST_TODAY)).client;
    const made = await api['backups:create']({});
    expect(made.name).toMatch(/^asuhan-\d{8}-\d{6}-manual\.dump$/);
    expect(made.district).toBeTruthy();
    const file = path.join(dir, 'backups', made.name);
    // A real custom-format dump: pg_restore lists its tables.
    const listing = execFileSync(path.join(path.dirname(findPgDump()!), 'pg_restore'), ['--list', file], { encoding: 'utf8' });
    expect(listing).toMatch(/TABLE DATA public visit /);
    expect(listing).toMatch(/TRIGGER public visit_topic topic_fact_sync/);
    const list = await api['backups:list']({});
    expect(list.folder).toBe(path.join(dir, 'backups'));
    expect(list.backups.map((b) => b.name)).toEqual([made.name]);
    // A name not in the list is not looked for elsewhere.
    const unknown = await api['backups:restore']({ file: 'asuhan-20200101-000000-manual.dump' }).catch((error: unknown) => error);
    expect((unknown as AsuhanError).code).toBe('NOT_FOUND');
  });

  it('is what every CLI command opens with --database-url or ASUHAN_DATABASE_URL', async () => {
    const byOption = cliIo();
    expect(await main(['status', '--json', '--database-url', server.url, '--db', path.join(dir, 'unused.db')], byOption.io)).toBe(0);
    const status = JSON.parse(byOption.out.join('\n')) as { counts: { puskesmas: number } };
    expect(status.counts.puskesmas).toBeGreaterThan(0);

    const byEnv = cliIo({ ASUHAN_DATABASE_URL: server.url });
    expect(await main(['status', '--json', '--db', path.join(dir, 'unused.db')], byEnv.io)).toBe(0);
    expect(JSON.parse(byEnv.out.join('\n'))).toEqual(status);
    expect(fs.existsSync(path.join(dir, 'unused.db'))).toBe(false);

    if (findPgDump()) {
      const env = { ASUHAN_BACKUP_DIR: path.join(dir, 'cli-backups') };
      const made = cliIo(env);
      expect(await main(['backup', '--json', '--database-url', server.url], made.io)).toBe(0);
      const { file } = JSON.parse(made.out.join('\n')) as { file: string };
      expect(path.dirname(file)).toBe(path.join(dir, 'cli-backups', `postgres-${new URL(server.url).pathname.slice(1)}`));
      const listed = cliIo(env);
      expect(await main(['backups', '--json', '--database-url', server.url], listed.io)).toBe(0);
      expect((JSON.parse(listed.out.join('\n')) as { backups: { file: string }[] }).backups.map((b) => b.file)).toEqual([file]);
      const toFile = cliIo(env);
      expect(await main(['backup', '--out', path.join(dir, 'x.db'), '--database-url', server.url], toFile.io)).not.toBe(0);
      expect(toFile.err.join('\n')).toMatch(/pg_dump/);
    }

    const restore = cliIo();
    expect(await main(['restore', 'x.dump', '--database-url', server.url], restore.io)).not.toBe(0);
    expect(restore.err.join('\n')).toMatch(/x\.dump tidak ditemukan/);

    const notPostgres = cliIo({ ASUHAN_DATABASE_URL: 'mysql://x@y/z' });
    expect(await main(['status'], notPostgres.io)).not.toBe(0);
    expect(notPostgres.err.join('\n')).toMatch(/postgres:\/\//);
  });
});
