// Kill -9 a writer at random moments, many times: the database always opens, passes
// integrity_check, and every change is whole or absent.
import fs from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { METHOD_NAMES } from '../../src/contract/index';
import { openDatabase } from '../../src/db/connect';
import { createSqliteTestDb, tempDir, type SqliteTestDb } from '../fixtures/temp-db';
import { brokenInvariants } from './invariants';
import { fillRichData, insertVisitBatch } from './rich-data';
import { bundleWriter, startWriter } from './support/bundle-writer';

const KILLS = 12;

let t: SqliteTestDb;
beforeAll(async () => {
  await bundleWriter();
  t = await createSqliteTestDb({ demo: true });
  await fillRichData(t.db.sqlite, t.api);
  await t.db.close(); // the writers and the checks open it themselves
});
afterAll(() => fs.rmSync(t.dir, { recursive: true, force: true }));

async function runAndKill(file: string, seed: number, delayMs: number, ops: string): Promise<string[]> {
  const run = startWriter(file, seed, 'Infinity', ops);
  await Promise.race([run.ready, run.exited]);
  setTimeout(() => run.child.kill('SIGKILL'), delayMs);
  const { signal } = await run.exited;
  if (signal !== 'SIGKILL') throw new Error(`writer ended without being killed: ${run.stderr().slice(0, 2000)}`);
  return run.lines;
}

describe('crash safety', () => {
  it(`survives ${KILLS} kills in the middle of edits, visit batches, visit logs, imports, restores and plan saves`, async () => {
    const done = new Map<string, number>();
    let seed = 7;
    for (let round = 0; round < KILLS; round++) {
      seed = (seed * 48271) % 2147483647;
      // Mostly quick writes; every fourth round plan saves alone (a solve, then one big transaction).
      const ops = round % 4 === 3 ? 'plan' : round % 4 === 2 ? 'edit,batch,restore' : 'edit,batch,log,import';
      // Restores check the whole file first (schema against the migrations): give them time to land.
      const delay = ops === 'plan' ? 1500 + (seed % 3000) : ops.includes('restore') ? 400 + (seed % 1500) : 30 + (seed % 600);
      for (const op of await runAndKill(t.file, seed, delay, ops)) done.set(op, (done.get(op) ?? 0) + 1);

      const db = await openDatabase(t.file, { dailyBackup: false });
      try {
        expect(brokenInvariants(db.sqlite), `after kill ${round + 1}`).toEqual([]);
      } finally {
        await db.close();
      }
    }
    // The kills landed among real work: every kind of write committed somewhere along the way.
    expect(done.get('edit') ?? 0).toBeGreaterThan(0);
    expect(done.get('batch') ?? 0).toBeGreaterThan(0);
    if ((METHOD_NAMES as string[]).includes('visit-log:save')) expect(done.get('log') ?? 0).toBeGreaterThan(0);
    if ((METHOD_NAMES as string[]).includes('plans:apply')) expect(done.get('plan') ?? 0).toBeGreaterThan(0);
    if ((METHOD_NAMES as string[]).includes('imports:commit')) expect(done.get('import') ?? 0).toBeGreaterThan(0);
    expect(done.get('restore') ?? 0).toBeGreaterThan(0);
    console.info(`crash safety: ${KILLS} kills, committed before the kills: ${JSON.stringify(Object.fromEntries(done))}`);
  }, 120_000);

  it('the invariants do notice a half-written change', async () => {
    const dir = tempDir();
    try {
      const file = `${dir}/copy.db`;
      fs.copyFileSync(t.file, file);
      const sqlite = new BetterSqlite3(file);
      insertVisitBatch(sqlite, '2026-10', 'crash-probe');
      expect(brokenInvariants(sqlite)).toEqual([]);
      sqlite.prepare("DELETE FROM visit WHERE uid = 'crash-probe-0'").run();
      sqlite.prepare("UPDATE hospital SET town = 'tanpa audit' WHERE id = (SELECT min(id) FROM hospital)").run();
      sqlite.prepare("INSERT INTO audit_log (entity, entity_id, action, after) SELECT 'hospital', id, 'update', json_object('town', 'lain') FROM hospital WHERE id = (SELECT min(id) FROM hospital)").run();
      const broken = brokenInvariants(sqlite);
      expect(broken.join('\n')).toMatch(/partial visit batches/);
      expect(broken.join('\n')).toMatch(/disagrees with its audit/);
      sqlite.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
