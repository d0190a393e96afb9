// What a coordinator's Windows PC does differently, exercised on every platform (the release
// workflow runs this on windows-latest too): a data folder under a user name with a space, an
// apostrophe and non-ASCII letters; files held open by another process while a backup or a
// restore runs (Windows cannot rename or replace them); a damaged database moved aside; no
// temporary copies left behind; CSV and ICS line endings that do not follow the platform's.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAppDatabase } from '../../electron/main/desktop-app';
import { createApi, type Api } from '../../src/app/api';
import { createContext } from '../../src/app/context';
import { DB_FILE_NAME, userDataDir } from '../../src/app/paths';
import type { SqliteDb } from '../../src/db/connect';
import { restoreDatabaseFile } from '../../src/db/restore';
import { fileBytes, writeExportFiles } from '../../src/exports/export-file';
import { seedDemo } from '../../src/seed/demo';
import { tempDir, TEST_TODAY } from '../fixtures/temp-db';

const root = path.resolve(import.meta.dirname, '..', '..');
const USER = "Siti Nur'aini Ñoño 佐藤";
const TEMP_VARS = ['TMPDIR', 'TEMP', 'TMP'] as const;
const savedTemp = new Map<string, string | undefined>();

let base: string;
let privateTemp: string;
let dataDir: string;
let db: SqliteDb;
let api: Api;

/** Another process holding the database open, as a second window of the CLI would. */
function holder(file: string) {
  const script = `
    const Database = require('better-sqlite3');
    const db = new Database(process.argv[1]);
    const count = () => db.prepare('SELECT count(*) AS n FROM hospital').get().n;
    console.log('open ' + count());
    require('readline').createInterface({ input: process.stdin }).on('line', () => console.log('count ' + count()));
  `;
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, ['-e', script, file], { cwd: root });
  const lines = createInterface({ input: child.stdout });
  const queue: string[] = [];
  const waiting: ((line: string) => void)[] = [];
  lines.on('line', (line) => {
    const next = waiting.shift();
    if (next) next(line);
    else queue.push(line);
  });
  const nextLine = () => new Promise<string>((resolve) => (queue.length > 0 ? resolve(queue.shift()!) : waiting.push(resolve)));
  return {
    nextLine,
    ask: async () => {
      child.stdin.write('count\n');
      return nextLine();
    },
    stop: () => new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.stdin.end();
      child.kill();
    }),
  };
}

beforeAll(async () => {
  base = tempDir('asuhan-windows-');
  // Temporary copies made by restores land here, where the test can see what is left behind.
  privateTemp = path.join(base, USER, 'AppData', 'Local', 'Temp');
  fs.mkdirSync(privateTemp, { recursive: true });
  for (const name of TEMP_VARS) {
    savedTemp.set(name, process.env[name]);
    process.env[name] = privateTemp;
  }
  dataDir = path.join(base, USER, 'AppData', 'Roaming', 'Asuhan');
  db = await openAppDatabase(path.join(dataDir, DB_FILE_NAME));
  await seedDemo(db.kysely, '2026-02-18');
  api = createApi(createContext(db, () => TEST_TODAY));
  // A planned month to export (an empty month exports nothing).
  await api.client['plans:apply']({ planId: (await api.client['plans:run']({ month: '2026-03', mode: 'replan' })).planId });
});

afterAll(async () => {
  await db?.close();
  for (const [name, value] of savedTemp) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  fs.rmSync(base, { recursive: true, force: true });
});

describe('a Windows user name in the data folder', () => {
  it('is where the app puts its data on Windows', () => {
    const appData = `C:\\Users\\${USER}\\AppData\\Roaming`;
    expect(userDataDir('win32', { APPDATA: appData })).toBe(`${appData}\\Asuhan`);
    expect(userDataDir('win32', {}, `C:\\Users\\${USER}`)).toBe(`C:\\Users\\${USER}\\AppData\\Roaming\\Asuhan`);
  });

  it('holds the database, its backups and its exports, all readable back', async () => {
    expect(db.path).toBe(path.join(dataDir, DB_FILE_NAME));
    const backup = await api.client['backups:create']({});
    const listed = await api.client['backups:list']({});
    expect(listed.folder.startsWith(dataDir)).toBe(true);
    expect(listed.backups.map((b) => b.name)).toContain(backup.name);
    expect(fs.statSync(path.join(listed.folder, backup.name)).size).toBe(backup.bytes);

    const csv = await api.client['exports:csv']({ month: '2026-03', kind: 'roster', delimiter: ';' });
    const [written] = writeExportFiles(path.join(dataDir, 'ekspor', `Jadwal ${USER}`), [csv]);
    expect(fs.readFileSync(written!)).toEqual(fileBytes(csv));
  });
});

describe('files held open by another process', () => {
  it('backs up and restores in place while another process has the database open, which then sees the restored data', async () => {
    const other = holder(db.path);
    try {
      const before = Number((await other.nextLine()).split(' ')[1]);
      const backup = await api.client['backups:create']({});
      await api.client['hospitals:create']({ name: 'RS Sesudah Cadangan', kind: 'RS swasta', town: 'Kota Uji' });
      expect(await other.ask()).toBe(`count ${before + 1}`);

      const outcome = await api.client['backups:restore']({ file: backup.name });
      expect(outcome.safetyBackup).not.toBeNull();
      expect(await other.ask()).toBe(`count ${before}`);
      expect((await api.client['hospitals:list']({})).some((h) => h.name === 'RS Sesudah Cadangan')).toBe(false);
    } finally {
      await other.stop();
    }
    expect(fs.readdirSync(privateTemp)).toEqual([]);
  });

  it('restores an uploaded copy while the database is held open, and leaves no temporary copy', async () => {
    const other = holder(db.path);
    try {
      await other.nextLine();
      const backup = await api.client['backups:create']({});
      const bytes = fs.readFileSync(path.join((await api.client['backups:list']({})).folder, backup.name));
      const outcome = await api.client['backups:restore']({ upload: { fileName: `salinan ${USER}.db`, base64: bytes.toString('base64') } });
      expect(outcome.restoredFrom).toBe(`salinan ${USER}.db`);
    } finally {
      await other.stop();
    }
    expect(fs.readdirSync(privateTemp)).toEqual([]);
  });
});

describe('a damaged database', () => {
  it('is moved aside whole, never deleted, and replaced by the backup; nothing is left in the temp folder', async () => {
    const folder = path.join(base, USER, 'rusak');
    fs.mkdirSync(folder, { recursive: true });
    const target = path.join(folder, DB_FILE_NAME);
    const damaged = Buffer.concat([Buffer.from('SQLite format 3\u0000'), Buffer.alloc(4096, 0x5a)]);
    fs.writeFileSync(target, damaged);
    const backup = await api.client['backups:create']({});
    const source = path.join((await api.client['backups:list']({})).folder, backup.name);

    const result = await restoreDatabaseFile(target, source, { now: new Date('2026-02-18T03:00:00Z') });

    expect(result.setAside).not.toBeNull();
    expect(fs.readFileSync(result.setAside!)).toEqual(damaged);
    expect(path.dirname(result.setAside!)).toBe(folder);
    const restored = await openAppDatabase(target);
    try {
      expect((await createApi(createContext(restored)).client['app:info']()).counts.puskesmas).toBe(45);
    } finally {
      await restored.close();
    }
    expect(fs.readdirSync(privateTemp)).toEqual([]);
  });
});

describe('line endings', () => {
  it('CSV exports end every line with CRLF, whatever the platform', async () => {
    const csv = fileBytes(await api.client['exports:csv']({ month: '2026-03', kind: 'roster', delimiter: ';' })).toString('utf8');
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv).not.toMatch(/(^|[^\r])\n/);
    expect(csv.split('\r\n').length).toBeGreaterThan(2);
  });

  it('calendar files end every line with CRLF', async () => {
    await api.client['plans:apply']({ planId: (await api.client['plans:run']({ month: '2026-03', mode: 'replan' })).planId });
    const { files } = await api.client['exports:ics']({ month: '2026-03', onlyChanges: false });
    expect(files.length).toBeGreaterThan(1);
    for (const file of files) {
      const text = fileBytes(file).toString('utf8');
      expect(text, file.fileName).not.toMatch(/(^|[^\r])\n/);
      expect(text.split('\r\n').length, file.fileName).toBeGreaterThan(10);
    }
  }, 120_000);

  it('the files the app reads are checked out byte for byte as committed (no autocrlf)', () => {
    expect(fs.readFileSync(path.join(root, '.gitattributes'), 'utf8')).toMatch(/^\* -text$/m);
    const template = fs.readFileSync(path.join(root, 'src/imports/templates/templat-hospitals.csv'), 'utf8');
    expect(template).not.toMatch(/(^|[^\r])\n/);
    const source = fs.readFileSync(path.join(root, 'src/app/smoke-test.ts'), 'utf8');
    expect(source).not.toContain('\r\n');
  });
});
