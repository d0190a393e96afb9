// The main process's switches with Electron's API injected: `--smoke-test` runs without a
// window, lock or IPC and exits with its verdict; test mode (Playwright) is honoured only by an
// unpackaged build.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { databasePathFor } from '../../electron/main/desktop-app';
import { shellChannel } from '../../electron/main/ipc';
import { dialogsSavingInto, launch, readLaunchOptions, type LaunchDeps } from '../../electron/main/launch';
import type { RunningApp } from '../../electron/main/desktop-app';
import { SMOKE_FAILED } from '../../src/app/smoke-test';
import { tempDir } from '../fixtures/temp-db';
import { FakeApp, FakeBrowserWindow, FakeIpcMain, FakeSession } from './fakes';

const PATHS = { rendererIndex: '/app/dist/renderer/index.html', preload: '/app/dist-electron/preload/index.cjs', icon: '/app/build/icon.png' };
const dirs: string[] = [];
const closers: (() => Promise<void>)[] = [];

function dir(prefix?: string): string {
  const made = tempDir(prefix);
  dirs.push(made);
  return made;
}

function depsFor(app: FakeApp) {
  const ipcMain = new FakeIpcMain();
  const saveDialogs: unknown[] = [];
  const all = {
    app,
    BrowserWindow: FakeBrowserWindow,
    ipcMain,
    dialog: {
      showSaveDialog: async (...args: unknown[]) => {
        saveDialogs.push(args);
        return { canceled: true };
      },
      showOpenDialog: async () => ({ canceled: true, filePaths: [] }),
      showErrorBox: () => {},
    },
    session: { defaultSession: new FakeSession() },
  } as unknown as LaunchDeps;
  return { all, ipcMain, saveDialogs };
}

function recordingIo() {
  const lines = { out: [] as string[], err: [] as string[] };
  return { lines, io: { out: (line: string) => lines.out.push(line), err: (line: string) => lines.err.push(line) } };
}

afterEach(async () => {
  for (const close of closers.splice(0)) await close();
  for (const made of dirs.splice(0)) fs.rmSync(made, { recursive: true, force: true });
  FakeBrowserWindow.created = [];
});

describe('launch switches', () => {
  it('reads --smoke-test and its report and folder, with or without values', () => {
    expect(readLaunchOptions(['Asuhan.exe', '--smoke-test', '--smoke-report=C:\\Users\\Siti Nur\'aini\\smoke.txt', '--smoke-user-data=D:\\data dir'], {}, true)).toEqual({
      smokeTest: true,
      smokeReport: "C:\\Users\\Siti Nur'aini\\smoke.txt",
      smokeUserData: 'D:\\data dir',
      test: null,
    });
    expect(readLaunchOptions(['electron', '.'], {}, false)).toEqual({ smokeTest: false, smokeReport: undefined, smokeUserData: undefined, test: null });
    expect(readLaunchOptions(['electron', '.', '--smoke-report='], {}, false).smokeReport).toBeUndefined();
  });

  it('honours test mode only in an unpackaged build', () => {
    const env = { ASUHAN_TEST_MODE: '1', ASUHAN_TEST_USER_DATA: '/tmp/u', ASUHAN_TEST_SAVE_DIR: '/tmp/s', ASUHAN_TEST_DEMO: '1' };
    expect(readLaunchOptions(['electron', '.'], env, false).test).toEqual({ userData: '/tmp/u', saveDir: '/tmp/s', demo: true });
    expect(readLaunchOptions(['Asuhan.exe'], env, true).test).toBeNull();
    expect(readLaunchOptions(['electron', '.'], { ...env, ASUHAN_TEST_MODE: '0' }, false).test).toBeNull();
  });
});

describe('--smoke-test', () => {
  it('runs without a window, a lock or IPC, prints and writes one line, and exits non-zero with the reason', async () => {
    const app = new FakeApp(dir());
    const { all, ipcMain } = depsFor(app);
    const smokeData = dir("Siti Nur'aini ");
    fs.writeFileSync(path.join(smokeData, 'asuhan.db'), '');
    const report = path.join(dir(), 'laporan uji', 'smoke.txt');
    const { lines, io } = recordingIo();

    await launch(all, PATHS, ['Asuhan.exe', '--smoke-test', `--smoke-report=${report}`, `--smoke-user-data=${smokeData}`], {}, io);

    expect(app.exitCode).toBe(1);
    expect(lines.out).toEqual([]);
    expect(lines.err).toHaveLength(1);
    expect(lines.err[0]).toMatch(new RegExp(`^${SMOKE_FAILED} at folder: `));
    expect(fs.readFileSync(report, 'utf8')).toBe(`${lines.err[0]}\n`);
    expect(app.locksRequested).toBe(0);
    expect(FakeBrowserWindow.created).toHaveLength(0);
    expect(ipcMain.handlers.size).toBe(0);
    expect(fs.existsSync(path.join(app.userData, 'asuhan.db'))).toBe(false);
  });

  it('fails when the report cannot be written, even if the test itself passed its first steps', async () => {
    const app = new FakeApp(dir());
    const { all } = depsFor(app);
    const blocker = path.join(dir(), 'a-file');
    fs.writeFileSync(blocker, '');
    const smokeData = dir();
    fs.writeFileSync(path.join(smokeData, 'asuhan.db'), '');
    const { lines, io } = recordingIo();
    await launch(all, PATHS, ['Asuhan.exe', '--smoke-test', `--smoke-report=${path.join(blocker, 'smoke.txt')}`, `--smoke-user-data=${smokeData}`], {}, io);
    expect(app.exitCode).toBe(1);
    expect(lines.err.at(-1)).toContain('Cannot write the smoke report');
  });
});

describe('test mode', () => {
  it('uses the given user-data folder, seeds the demo into the empty database, and saves exports into the given folder', async () => {
    const app = new FakeApp(dir());
    const userData = path.join(dir(), "Siti Nur'aini", 'AppData', 'Roaming', 'Asuhan');
    const saveDir = dir();
    const { all, ipcMain, saveDialogs } = depsFor(app);
    const env = { ASUHAN_TEST_MODE: '1', ASUHAN_TEST_USER_DATA: userData, ASUHAN_TEST_SAVE_DIR: saveDir, ASUHAN_TEST_DEMO: '1' };

    const running = (await launch(all, PATHS, ['electron', '.'], env)) as RunningApp | null;
    if (!running) throw new Error('not started');
    closers.push(() => running.db.close());

    expect(running.db.path).toBe(databasePathFor(app));
    expect(path.dirname(running.db.path)).toBe(userData);
    expect((await running.api.client['app:info']()).counts.puskesmas).toBe(45);
    const [window] = FakeBrowserWindow.created;
    if (!window) throw new Error('no window');
    const saved = await ipcMain.invoke(shellChannel('shell:save-file'), { frameUrl: 'file:///app/dist/renderer/index.html', senderId: window.webContents.id }, { fileName: 'jadwal-2026-03.pdf', mimeType: 'application/pdf', base64: Buffer.from('%PDF-1.3').toString('base64') });
    expect(saved).toBe(path.join(saveDir, 'jadwal-2026-03.pdf'));
    expect(fs.readFileSync(path.join(saveDir, 'jadwal-2026-03.pdf'), 'latin1')).toBe('%PDF-1.3');
    expect(saveDialogs).toHaveLength(0);
  });

  it('is ignored by a packaged build: the real folder and the real dialog', async () => {
    const app = new FakeApp(dir());
    app.isPackaged = true;
    const { all, ipcMain, saveDialogs } = depsFor(app);
    const running = (await launch(all, PATHS, ['Asuhan.exe'], { ASUHAN_TEST_MODE: '1', ASUHAN_TEST_USER_DATA: dir(), ASUHAN_TEST_SAVE_DIR: dir(), ASUHAN_TEST_DEMO: '1' })) as RunningApp | null;
    if (!running) throw new Error('not started');
    closers.push(() => running.db.close());
    expect(app.setPaths.size).toBe(0);
    expect(path.dirname(running.db.path)).toBe(app.userData);
    expect((await running.api.client['app:info']()).counts.puskesmas).toBe(0);
    const [window] = FakeBrowserWindow.created;
    const saved = await ipcMain.invoke(shellChannel('shell:save-file'), { frameUrl: 'file:///app/dist/renderer/index.html', senderId: window!.webContents.id }, { fileName: 'a.pdf', mimeType: 'application/pdf', base64: '' });
    expect(saved).toBeNull();
    expect(saveDialogs).toHaveLength(1);
  });

  it('stubs folder dialogs too, and passes file-open dialogs through', async () => {
    const opened: unknown[] = [];
    const real = { showSaveDialog: async () => ({ canceled: true }), showOpenDialog: async (...args: unknown[]) => (opened.push(args), { canceled: true, filePaths: [] }), showErrorBox: () => {} } as unknown as LaunchDeps['dialog'];
    const stub = dialogsSavingInto('/out', real);
    expect(await stub.showOpenDialog({ properties: ['openDirectory', 'createDirectory'] })).toEqual({ canceled: false, filePaths: ['/out'] });
    expect(await stub.showOpenDialog({ properties: ['openFile'] })).toEqual({ canceled: true, filePaths: [] });
    expect(opened).toHaveLength(1);
    expect(await stub.showSaveDialog({ defaultPath: '/home/x/Documents/roster.pdf' })).toEqual({ canceled: false, filePath: path.join('/out', 'roster.pdf') });
  });
});
