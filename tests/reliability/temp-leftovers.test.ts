// Issue 13, point 10: killed restores left full database copies in the shared temp folder (8
// seen), never cleaned. Now a restore's checked copy and an uploaded backup live in a private
// folder beside the database (0700, files 0600), never in the shared temp folder, and whatever a
// killed job leaves there is removed at the next start. Also point 7's other message: an option
// value the parser cannot read is explained in Indonesian, without the parser's English.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import type { CliIo } from '../../src/cli/command';
import { backupDatabase, backupDirFor } from '../../src/db/backup';
import { openDatabase } from '../../src/db/connect';
import { cleanStaleTemp, makePrivateTemp, privateTempRoot } from '../../src/db/private-temp';
import { restoreIntoOpenDatabase } from '../../src/db/restore';
import { createSqliteTestDb, tempDir, type SqliteTestDb } from '../fixtures/temp-db';
import { brokenInvariants } from './invariants';
import { bundleWriter, startWriter } from './support/bundle-writer';

const KILLS = 8;
let t: SqliteTestDb;
beforeAll(async () => {
  await bundleWriter();
  t = await createSqliteTestDb({ demo: true });
}, 60_000);
afterAll(() => t.close());

/**
 * The shared temp folder as this test's processes see it: a folder of its own (TMPDIR), so the
 * other engineers' test runs on this machine do not show up in it.
 */
async function withOwnTmpdir<T>(run: (tmp: string) => Promise<T>): Promise<T> {
  const previous = process.env.TMPDIR;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'asuhan-own-tmp-'));
  process.env.TMPDIR = tmp;
  try {
    return await run(tmp);
  } finally {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/** A process id that no longer runs: a job killed with -9 leaves exactly that behind. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '0']);
  const pid = child.pid!;
  await new Promise((resolve) => child.on('exit', resolve));
  return pid;
}

describe('temporary copies (point 10)', () => {
  it('are private: a folder beside the database, 0700, files 0600, nothing in the shared temp folder', async () => {
    await withOwnTmpdir(async (tmp) => {
      const temp = makePrivateTemp(t.file, 'restore');
      try {
        const copy = temp.copy(t.file, 'candidate.db');
        expect(path.dirname(path.dirname(copy))).toBe(privateTempRoot(t.file));
        expect(path.dirname(privateTempRoot(t.file))).toBe(t.dir);
        if (process.platform !== 'win32') {
          expect(fs.statSync(privateTempRoot(t.file)).mode & 0o777).toBe(0o700);
          expect(fs.statSync(temp.dir).mode & 0o777).toBe(0o700);
          expect(fs.statSync(copy).mode & 0o777).toBe(0o600);
          expect(fs.statSync(temp.write('uploaded.db', Buffer.from('x'))).mode & 0o777).toBe(0o600);
        }
      } finally {
        temp.dispose();
      }
      expect(fs.existsSync(privateTempRoot(t.file))).toBe(false); // gone with its last job
      // A whole restore and an upload: no copy in the shared temp folder at any point after.
      const backup = await backupDatabase(t.db.sqlite, backupDirFor(t.file), 'manual');
      await restoreIntoOpenDatabase(t.db, backup);
      await t.api.client['backups:restore']({ upload: { fileName: 'salinan.db', base64: fs.readFileSync(backup).toString('base64') } });
      expect(fs.readdirSync(tmp)).toEqual([]);
      expect(fs.existsSync(privateTempRoot(t.file))).toBe(false);
    });
  });

  it('what a killed job left is removed at the next start; a running job is left alone', async () => {
    const root = privateTempRoot(t.file);
    fs.mkdirSync(root, { recursive: true, mode: 0o700 });
    const killed = path.join(root, `restore-${await deadPid()}-abc123`);
    fs.mkdirSync(killed);
    fs.copyFileSync(t.file, path.join(killed, 'candidate.db'));
    const running = makePrivateTemp(t.file, 'upload'); // this process: alive
    const db = await openDatabase(t.file, { dailyBackup: false });
    await db.close();
    expect(fs.existsSync(killed)).toBe(false);
    expect(fs.existsSync(running.dir)).toBe(true);
    running.dispose();
    expect(fs.existsSync(root)).toBe(false);
  });

  it('a job killed before its own subfolder leaves only the empty folder: it goes too', async () => {
    fs.mkdirSync(privateTempRoot(t.file), { recursive: true, mode: 0o700 });
    const db = await openDatabase(t.file, { dailyBackup: false });
    await db.close();
    expect(fs.existsSync(privateTempRoot(t.file))).toBe(false);
  });

  it('copies older versions left in the shared temp folder (over a day old, ours) go too', () => {
    const old = fs.mkdtempSync(path.join(os.tmpdir(), 'asuhan-restore-'));
    const fresh = fs.mkdtempSync(path.join(os.tmpdir(), 'asuhan-restore-'));
    try {
      fs.writeFileSync(path.join(old, 'candidate.db'), 'a district');
      const dayAgo = new Date(Date.now() - 25 * 3600_000);
      fs.utimesSync(old, dayAgo, dayAgo);
      const removed = cleanStaleTemp(t.file);
      expect(removed).toContain(old);
      expect(fs.existsSync(old)).toBe(false);
      expect(fs.existsSync(fresh)).toBe(true); // may belong to a restore running right now
    } finally {
      fs.rmSync(old, { recursive: true, force: true });
      fs.rmSync(fresh, { recursive: true, force: true });
    }
  });

  it(`${KILLS} restores killed with SIGKILL: the database is sound each time, and no copy outlives the next start`, async () => {
    const k = await createSqliteTestDb({ demo: true });
    await k.db.close(); // the writers and the checks open it themselves
    await withOwnTmpdir(async (tmp) => {
      let leftBehind = 0;
      for (let round = 0; round < KILLS; round++) {
        const run = startWriter(k.file, 11 + round, 'Infinity', 'restore');
        await Promise.race([run.ready, run.exited]);
        await new Promise((resolve) => setTimeout(resolve, 150 + round * 97));
        run.child.kill('SIGKILL');
        await run.exited;
        if (fs.existsSync(privateTempRoot(k.file)) && fs.readdirSync(privateTempRoot(k.file)).length > 0) leftBehind++;
        const db = await openDatabase(k.file, { dailyBackup: false });
        try {
          expect(brokenInvariants(db.sqlite), `after kill ${round + 1}`).toEqual([]);
        } finally {
          await db.close();
        }
        expect(fs.existsSync(privateTempRoot(k.file)), `after kill ${round + 1}`).toBe(false);
      }
      expect(fs.readdirSync(tmp)).toEqual([]); // the writers' shared temp folder: never used
      console.info(`temp leftovers: ${KILLS} restores killed, ${leftBehind} left a copy behind, all removed at the next start`);
    });
    fs.rmSync(k.dir, { recursive: true, force: true });
  }, 180_000);
});

describe('messages in the coordinator\'s words (point 7)', () => {
  async function cli(args: string[]) {
    const err: string[] = [];
    const io: CliIo = { out: () => {}, err: (l) => err.push(l), env: {}, now: () => new Date() };
    return { code: await main(args, io), err: err.join('\n') };
  }

  it('log --visit -1 says what to do in Indonesian, without the parser\'s English', async () => {
    const dir = tempDir();
    try {
      const result = await cli(['log', '--visit', '-1', '--db', path.join(dir, 'asuhan.db')]);
      expect(result.code).toBe(2);
      expect(result.err).toBe('asuhan: Opsi tidak valid untuk "log": --visit perlu nilai; nilai yang diawali tanda minus ditulis --visit=-1. Lihat "asuhan log --help".');
      for (const args of [['status', '--bogus'], ['init', '--demo=ya'], ['status', 'lebih']]) {
        const other = await cli(args);
        expect(other.code).toBe(2);
        expect(other.err).not.toMatch(/Unknown option|Unexpected argument|does not take|ambiguous|To specify/);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
