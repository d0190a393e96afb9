// Updates: when the app may ask GitHub, what it tells the coordinator, that it installs only on
// request and only after a backup, and that the new version never migrates without a backup.
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { startDesktopApp, type ElectronDeps, type RunningApp } from '../../electron/main/desktop-app';
import { shellChannel } from '../../electron/main/ipc';
import { CHECK_REUSE_MS, createUpdateController, type UpdateDeps, type Updater } from '../../electron/main/updates';
import { migrations } from '../../migrations/index';
import { DB_FILE_NAME } from '../../src/app/paths';
import { backupDirFor, listBackups } from '../../src/db/backup';
import { APPLICATION_ID, appliedMigrations } from '../../src/db/connect';
import { tempDir } from '../fixtures/temp-db';
import { FakeApp, FakeBrowserWindow, FakeIpcMain, FakeSession } from './fakes';

class FakeUpdater implements Updater {
  autoDownload = true;
  autoInstallOnAppQuit = true;
  readonly calls: string[] = [];
  latest = '0.2.0';
  failCheck: Error | null = null;
  failDownload: Error | null = null;
  progress: ((p: { percent: number }) => void) | null = null;
  async checkForUpdates() {
    this.calls.push('check');
    if (this.failCheck) throw this.failCheck;
    return { isUpdateAvailable: this.latest !== '0.1.0', updateInfo: { version: this.latest } };
  }
  async downloadUpdate() {
    this.calls.push('download');
    this.progress?.({ percent: 42.4 });
    if (this.failDownload) throw this.failDownload;
    return [];
  }
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean) {
    this.calls.push(`quitAndInstall(${isSilent},${isForceRunAfter})`);
  }
  on(_event: 'download-progress', listener: (p: { percent: number }) => void) {
    this.progress = listener;
    return this;
  }
}

function controller(overrides: Partial<UpdateDeps> = {}) {
  const updater = new FakeUpdater();
  let clock = 1_000_000;
  const deps: UpdateDeps = {
    updater,
    isPackaged: true,
    currentVersion: '0.1.0',
    isOnline: () => true,
    isEnabled: async () => true,
    backup: async () => {
      updater.calls.push('backup');
      return '/data/backups/asuhan-before-update.db';
    },
    now: () => clock,
    ...overrides,
  };
  return { updates: createUpdateController(deps), updater: deps.updater as FakeUpdater, advance: (ms: number) => (clock += ms) };
}

describe('update checks', () => {
  it('never download or install on their own', () => {
    const { updater } = controller();
    expect(updater.autoDownload).toBe(false);
    expect(updater.autoInstallOnAppQuit).toBe(false);
  });

  it('do not ask the network from a development build, when switched off, or offline', async () => {
    for (const [overrides, reason] of [
      [{ isPackaged: false }, 'development'],
      [{ isEnabled: async () => false }, 'disabled'],
      [{ isOnline: () => false }, 'offline'],
    ] as const) {
      const { updates, updater } = controller(overrides);
      expect(await updates.check()).toEqual({ state: 'unavailable', reason });
      expect(updater.calls).toEqual([]);
    }
  });

  it('tell of a newer release, reuse the answer for an hour, and ask again after', async () => {
    const { updates, updater, advance } = controller();
    expect(updates.status()).toEqual({ state: 'idle' });
    expect(await updates.check()).toEqual({ state: 'available', current: '0.1.0', version: '0.2.0' });
    advance(CHECK_REUSE_MS - 1);
    await updates.check();
    expect(updater.calls).toEqual(['check']);
    advance(2);
    await updates.check();
    expect(updater.calls).toEqual(['check', 'check']);
  });

  it('say up to date when nothing is newer, ask once for simultaneous checks, and report failures in both languages', async () => {
    const { updates, updater } = controller();
    updater.latest = '0.1.0';
    const [first, second] = await Promise.all([updates.check(), updates.check()]);
    expect(first).toEqual({ state: 'up-to-date', current: '0.1.0' });
    expect(second).toBe(first);
    expect(updater.calls).toEqual(['check']);

    const failing = controller();
    failing.updater.failCheck = new Error('net::ERR_NAME_NOT_RESOLVED');
    expect(await failing.updates.check()).toEqual({
      state: 'error',
      message: 'Pemeriksaan versi baru gagal: net::ERR_NAME_NOT_RESOLVED',
      messageEn: 'Checking for a new version failed: net::ERR_NAME_NOT_RESOLVED',
    });
  });
});

describe('installing an update', () => {
  it('is refused before a newer release was found', async () => {
    const { updates, updater } = controller();
    expect(await updates.install()).toMatchObject({ state: 'error', messageEn: 'No newer version has been found to install.' });
    expect(updater.calls).toEqual([]);
  });

  it('downloads, backs the database up, and only then quits into the installer', async () => {
    const { updates, updater } = controller();
    await updates.check();
    const installing = updates.install();
    expect(updates.status()).toMatchObject({ state: 'downloading', version: '0.2.0' });
    expect(await installing).toEqual({ state: 'installing', current: '0.1.0', version: '0.2.0', backupFile: '/data/backups/asuhan-before-update.db' });
    expect(updater.calls).toEqual(['check', 'download', 'backup', 'quitAndInstall(false,true)']);
  });

  it('shows the download progress', async () => {
    const updater = new FakeUpdater();
    let release: () => void = () => {};
    updater.downloadUpdate = async () => {
      await new Promise<void>((resolve) => (release = resolve));
      return [];
    };
    const { updates } = controller({ updater });
    await updates.check();
    const installing = updates.install();
    // The controller subscribed at creation; fire the event electron-updater would.
    updater.progress?.({ percent: 42.4 });
    expect(updates.status()).toMatchObject({ state: 'downloading', percent: 42 });
    release();
    expect(await installing).toMatchObject({ state: 'installing' });
  });

  it('does not install when the backup fails, and says why', async () => {
    const { updates, updater } = controller({
      backup: async () => {
        throw new Error('ENOSPC: no space left on device');
      },
    });
    await updates.check();
    expect(await updates.install()).toEqual({
      state: 'error',
      message: 'Cadangan database gagal, jadi versi baru tidak dipasang: ENOSPC: no space left on device',
      messageEn: 'The database backup failed, so the new version was not installed: ENOSPC: no space left on device',
    });
    expect(updater.calls).toEqual(['check', 'download']);
  });

  it('does not back up or install when the download fails', async () => {
    const { updates, updater } = controller();
    updater.failDownload = new Error('sha512 checksum mismatch');
    await updates.check();
    expect(await updates.install()).toMatchObject({ state: 'error', messageEn: 'Downloading the new version failed; nothing was changed: sha512 checksum mismatch' });
    expect(updater.calls).toEqual(['check', 'download']);
  });
});

// ---- the desktop app wired to the updater, on a real database ----

const PATHS = { rendererIndex: '/app/dist/renderer/index.html', preload: '/app/dist-electron/preload/index.cjs', icon: '/app/build/icon.png' };
const APP_URL = 'file:///app/dist/renderer/index.html';
const dirs: string[] = [];
const closers: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const close of closers.splice(0)) await close();
  for (const made of dirs.splice(0)) fs.rmSync(made, { recursive: true, force: true });
  FakeBrowserWindow.created = [];
});

function desktop(userData: string, updater = new FakeUpdater()) {
  const app = new FakeApp(userData);
  const ipcMain = new FakeIpcMain();
  const errors: string[] = [];
  const deps = {
    app,
    BrowserWindow: FakeBrowserWindow,
    ipcMain,
    dialog: { showSaveDialog: async () => ({ canceled: true }), showOpenDialog: async () => ({ canceled: true, filePaths: [] }), showErrorBox: (_t: string, text: string) => errors.push(text) },
    session: { defaultSession: new FakeSession() },
    updates: { updater, isPackaged: true, currentVersion: '0.1.0', isOnline: () => true },
  } as unknown as ElectronDeps;
  return { deps, app, ipcMain, errors, updater };
}

async function started(deps: ElectronDeps): Promise<RunningApp> {
  const running = await startDesktopApp(deps, PATHS);
  if (!running) throw new Error('not started');
  closers.push(() => running.db.close());
  return running;
}

/** A database as an older version left it: the first `level` migrations, as migrateToLatest applies them. */
async function databaseAtLevel(file: string, level: number): Promise<string[]> {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new BetterSqlite3(file);
  sqlite.pragma('journal_mode = WAL');
  const kysely = new Kysely<unknown>({ dialect: new SqliteDialect({ database: sqlite }) });
  const names = Object.keys(migrations).sort().slice(0, level);
  await sql`CREATE TABLE IF NOT EXISTS schema_migration (name TEXT PRIMARY KEY NOT NULL, applied_at TEXT NOT NULL) STRICT`.execute(kysely);
  for (const name of names) {
    await kysely.transaction().execute(async (trx) => {
      await migrations[name]!.up(trx as never);
      await sql`INSERT INTO schema_migration (name, applied_at) VALUES (${name}, '2025-01-01T00:00:00Z')`.execute(trx);
    });
  }
  await kysely.destroy();
  return names;
}

describe('updates in the desktop app', () => {
  it('follow the checkForUpdates setting, and back up the real database before installing', async () => {
    const userData = tempDir();
    dirs.push(userData);
    const { deps, ipcMain, updater } = desktop(userData);
    const running = await started(deps);
    const window = FakeBrowserWindow.created[0]!;
    const ask = (channel: 'shell:update-check' | 'shell:update-install' | 'shell:update-status') => ipcMain.invoke(shellChannel(channel), { frameUrl: APP_URL, senderId: window.webContents.id });

    await running.api.client['settings:update']({ changes: { checkForUpdates: false } });
    expect(await ask('shell:update-check')).toEqual({ state: 'unavailable', reason: 'disabled' });
    expect(updater.calls).toEqual([]);

    await running.api.client['settings:update']({ changes: { checkForUpdates: true } });
    expect(await ask('shell:update-check')).toEqual({ state: 'available', current: '0.1.0', version: '0.2.0' });
    const installing = (await ask('shell:update-install')) as { state: string; backupFile: string };
    expect(installing.state).toBe('installing');
    expect(updater.calls).toEqual(['check', 'download', 'quitAndInstall(false,true)']);
    expect(listBackups(backupDirFor(running.db.path)).map((b) => b.reason)).toContain('before-update');
    // The backup is a whole copy of the database as it was.
    const copy = new BetterSqlite3(installing.backupFile, { readonly: true });
    expect(appliedMigrations(copy)).toEqual(Object.keys(migrations).sort());
    copy.close();
    expect(await ask('shell:update-status')).toMatchObject({ state: 'installing' });
  });

  it('the new version backs up the old database before it migrates it', async () => {
    const userData = tempDir();
    dirs.push(userData);
    const file = path.join(userData, DB_FILE_NAME);
    const older = await databaseAtLevel(file, Object.keys(migrations).length - 1);
    const running = await started(desktop(userData).deps);

    expect(appliedMigrations(running.db.sqlite)).toEqual(Object.keys(migrations).sort());
    const before = listBackups(backupDirFor(file)).filter((b) => b.reason.startsWith('before-migration'));
    expect(before).toHaveLength(1);
    const copy = new BetterSqlite3(before[0]!.file, { readonly: true });
    expect(appliedMigrations(copy)).toEqual(older);
    expect(copy.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    copy.close();
  });

  it('the new version does not migrate, and does not start, when that backup cannot be made', async () => {
    const userData = tempDir();
    dirs.push(userData);
    const file = path.join(userData, DB_FILE_NAME);
    const older = await databaseAtLevel(file, Object.keys(migrations).length - 1);
    // A file where the backups folder should be: every backup fails.
    fs.mkdirSync(path.dirname(backupDirFor(file)), { recursive: true });
    fs.writeFileSync(backupDirFor(file), 'in the way');
    const { deps, errors, app } = desktop(userData);

    expect(await startDesktopApp(deps, PATHS)).toBeNull();
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/bukan folder .*Tidak ada data yang hilang/);
    expect(app.quits).toBe(1);
    const sqlite = new BetterSqlite3(file, { readonly: true });
    expect(appliedMigrations(sqlite)).toEqual(older);
    sqlite.close();
  });
});
