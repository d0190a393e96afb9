// The app and the CLI (or a second process) writing the same database at once: WAL and the busy
// timeout serialise them; nothing is corrupted and every write that reported success is there.
import fs from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupDatabase, backupDirFor } from '../../src/db/backup';
import { restoreIntoOpenDatabase } from '../../src/db/restore';
import { TEST_TODAY, createSqliteTestDb, type SqliteTestDb } from '../fixtures/temp-db';
import { contentDigest, integrity } from './db-digest';
import { brokenInvariants } from './invariants';
import { fillRichData, insertVisitBatch } from './rich-data';
import { bundleWriter, startWriter } from './support/bundle-writer';

let t: SqliteTestDb;
beforeAll(async () => {
  await bundleWriter();
  t = await createSqliteTestDb({ demo: true });
  await fillRichData(t.db.sqlite, t.api);
});
afterAll(() => t.close());

const count = (lines: string[], op: string) => lines.filter((l) => l === op).length;

describe('concurrency', () => {
  it('two writer processes and the app write at once; all writes land, the file stays sound', async () => {
    const sqlite = t.db.sqlite;
    const batchSize = (sqlite.prepare("SELECT count(*) AS n FROM adoption WHERE role = 'primary'").get() as { n: number }).n;
    const auditsBefore = (sqlite.prepare("SELECT count(*) AS n FROM audit_log WHERE entity = 'hospital' AND action = 'update'").get() as { n: number }).n;
    const logsBefore = (sqlite.prepare('SELECT count(*) AS n FROM visit_log').get() as { n: number }).n;

    const writers = [startWriter(t.file, 11, 40, 'edit,batch,log'), startWriter(t.file, 23, 40, 'edit,batch,log')];
    await Promise.all(writers.map((w) => w.ready));
    // Meanwhile the app keeps writing through its own connection.
    let appEdits = 0;
    let appBatches = 0;
    const hospitals = await t.api.client['hospitals:list']({});
    let running = true;
    const finished = Promise.all(writers.map((w) => w.exited)).finally(() => (running = false));
    while (running) {
      await t.api.client['hospitals:update']({ id: hospitals[appEdits % hospitals.length]!.id, changes: { town: `app-${appEdits}` } });
      appEdits++;
      if (appEdits % 5 === 0) {
        insertVisitBatch(sqlite, '2026-11', `crash-app-${appBatches}`);
        appBatches++;
      }
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const exits = await finished;
    for (const [i, exit] of exits.entries()) expect(exit, writers[i]!.stderr().slice(0, 2000)).toEqual({ code: 0, signal: null });

    const lines = writers.flatMap((w) => w.lines);
    const batches = (sqlite.prepare("SELECT count(*) AS n FROM visit WHERE uid LIKE 'crash-%'").get() as { n: number }).n;
    expect(batches).toBe((count(lines, 'batch') + appBatches) * batchSize);
    const audits = (sqlite.prepare("SELECT count(*) AS n FROM audit_log WHERE entity = 'hospital' AND action = 'update'").get() as { n: number }).n;
    expect(audits - auditsBefore).toBe(count(lines, 'edit') + appEdits);
    const logs = (sqlite.prepare('SELECT count(*) AS n FROM visit_log').get() as { n: number }).n;
    expect(logs - logsBefore).toBe(count(lines, 'log'));
    expect(appEdits).toBeGreaterThan(0);
    expect(count(lines, 'edit') + count(lines, 'batch')).toBeGreaterThan(30);
    expect(brokenInvariants(sqlite)).toEqual([]);
    expect(fs.existsSync(`${t.file}-wal`)).toBe(true);
  }, 90_000);

  it('a write that cannot get the lock in time is refused clearly (CONFLICT), not an internal error', async () => {
    const before = contentDigest(t.db.sqlite);
    const holder = new BetterSqlite3(t.file);
    holder.exec('BEGIN IMMEDIATE');
    t.db.sqlite.pragma('busy_timeout = 50');
    try {
      const result = await t.api.invoke('hospitals:create', { name: 'RS Menunggu Kunci' });
      expect(result).toMatchObject({ ok: false, error: { code: 'CONFLICT', messageEn: expect.stringMatching(/busy in another process/) } });
    } finally {
      t.db.sqlite.pragma('busy_timeout = 5000');
      holder.exec('ROLLBACK');
      holder.close();
    }
    expect(contentDigest(t.db.sqlite)).toBe(before);
  });

  it('a restore while another process writes: the writer waits, nothing breaks, the restored data is there', async () => {
    const sqlite = t.db.sqlite;
    const backup = await backupDatabase(sqlite, backupDirFor(t.file), 'manual', TEST_TODAY);
    const marker = 'RS Hanya Sebelum Pemulihan';
    await t.api.client['hospitals:create']({ name: marker });
    const writer = startWriter(t.file, 5, 30, 'edit,batch');
    await writer.ready;
    await restoreIntoOpenDatabase(t.db, backup, { now: TEST_TODAY });
    const exit = await writer.exited;
    expect(exit, writer.stderr().slice(0, 2000)).toEqual({ code: 0, signal: null });
    expect(sqlite.prepare('SELECT count(*) AS n FROM hospital WHERE name = ?').get(marker)).toEqual({ n: 0 });
    expect(integrity(sqlite)).toBe('ok');
    expect(brokenInvariants(sqlite)).toEqual([]);
  }, 60_000);
});
