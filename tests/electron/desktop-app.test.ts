// The desktop app's start-up with Electron's API injected: one instance, the database in the
// user data folder, the locked-down window, native dialogs.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createMainWindow, databasePathFor, desktopShell, startDesktopApp, type ElectronDeps } from '../../electron/main/desktop-app';
import { apiChannel } from '../../electron/main/ipc';
import { DB_FILE_NAME } from '../../src/app/paths';
import { tempDir } from '../fixtures/temp-db';
import { FakeApp, FakeBrowserWindow, FakeIpcMain, FakeSession } from './fakes';

const PATHS = { rendererIndex: '/app/dist/renderer/index.html', preload: '/app/dist-electron/preload/index.cjs', icon: '/app/build/icon.png' };
const dirs: string[] = [];
const closers: (() => Promise<void>)[] = [];

function deps(app: FakeApp, dialog: Partial<ElectronDeps['dialog']> = {}) {
  const ipcMain = new FakeIpcMain();
  const session = new FakeSession();
  const errors: string[] = [];
  const all = {
    app,
    BrowserWindow: FakeBrowserWindow,
    ipcMain,
    dialog: { showSaveDialog: async () => ({ canceled: true }), showOpenDialog: async () => ({ canceled: true, filePaths: [] }), showErrorBox: (_t: string, text: string) => errors.push(text), ...dialog },
    session: { defaultSession: session },
  } as unknown as ElectronDeps;
  return { all, ipcMain, session, errors };
}

afterEach(async () => {
  for (const close of closers.splice(0)) await close();
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  FakeBrowserWindow.created = [];
});

describe('desktop app start-up', () => {
  it('quits at once when another instance holds the lock', async () => {
    const app = new FakeApp(tempDir(), false);
    dirs.push(app.userData);
    const { all } = deps(app);
    expect(await startDesktopApp(all, PATHS)).toBeNull();
    expect(app.quits).toBe(1);
    expect(FakeBrowserWindow.created).toHaveLength(0);
    expect(fs.existsSync(path.join(app.userData, DB_FILE_NAME))).toBe(false);
  });

  it('creates the database in the user data folder, registers the API and opens one locked-down window', async () => {
    const app = new FakeApp(tempDir());
    dirs.push(app.userData);
    const { all, ipcMain, session } = deps(app);
    const running = await startDesktopApp(all, PATHS);
    if (!running) throw new Error('not started');
    closers.push(() => running.db.close());

    expect(databasePathFor(app as never)).toBe(path.join(app.userData, DB_FILE_NAME));
    expect(running.db.path).toBe(path.join(app.userData, DB_FILE_NAME));
    expect(fs.existsSync(running.db.path)).toBe(true);
    expect(session.permissionRequest).not.toBeNull();

    const [window] = FakeBrowserWindow.created;
    if (!window) throw new Error('no window');
    expect(window.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, preload: PATHS.preload });
    expect(window.loadedFile).toBe(PATHS.rendererIndex);
    expect(window.webContents.windowOpenHandler?.({ url: 'https://x' })).toEqual({ action: 'deny' });

    const info = (await ipcMain.invoke(apiChannel('app:info'), { frameUrl: 'file:///app/dist/renderer/index.html#/jadwal', senderId: window.webContents.id }, {})) as { ok: boolean; data: { counts: { holidays: number } } };
    expect(info.ok).toBe(true);
    expect(info.data.counts.holidays).toBeGreaterThan(0);
    const foreign = (await ipcMain.invoke(apiChannel('app:info'), { frameUrl: 'file:///tmp/other.html', senderId: window.webContents.id }, {})) as { ok: boolean };
    expect(foreign.ok).toBe(false);
  });

  it('focuses the running window when a second instance starts', async () => {
    const app = new FakeApp(tempDir());
    dirs.push(app.userData);
    const running = await startDesktopApp(deps(app).all, PATHS);
    if (!running) throw new Error('not started');
    closers.push(() => running.db.close());
    const [window] = FakeBrowserWindow.created;
    if (!window) throw new Error('no window');
    window.minimized = true;
    app.emit('second-instance');
    expect(window.restored).toBe(1);
    expect(window.focused).toBe(1);
    app.emit('window-all-closed');
    expect(app.quits).toBe(1);
  });

  it('tells the user and quits when the database cannot be opened', async () => {
    const userData = tempDir();
    dirs.push(userData);
    fs.writeFileSync(path.join(userData, DB_FILE_NAME), 'not a database at all, just text '.repeat(100));
    const app = new FakeApp(userData);
    const { all, errors } = deps(app);
    expect(await startDesktopApp(all, PATHS)).toBeNull();
    expect(errors[0]).toMatch(/Database tidak bisa dibuka/);
    expect(app.quits).toBe(1);
  });

  it('loads the dev server when one is given', () => {
    const window = createMainWindow({ BrowserWindow: FakeBrowserWindow as never }, { ...PATHS, devServerUrl: 'http://localhost:5173/' }) as unknown as FakeBrowserWindow;
    expect(window.loadedUrl).toBe('http://localhost:5173/');
    expect(window.loadedFile).toBeNull();
  });
});

describe('native dialogs', () => {
  it('writes an export where the save dialog says, with a safe default name', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const target = path.join(dir, 'roster.pdf');
    let defaultPath = '';
    const window = new FakeBrowserWindow({});
    const shell = desktopShell(
      {
        dialog: {
          showSaveDialog: async (_owner: unknown, options: { defaultPath?: string }) => {
            defaultPath = options.defaultPath ?? '';
            return { canceled: false, filePath: target };
          },
        } as never,
      },
      () => window as never,
      new FakeApp(dir) as never,
    );
    const saved = await shell['shell:save-file']({ fileName: '../jadwal:Maret.pdf', mimeType: 'application/pdf', base64: Buffer.from('%PDF-1.3').toString('base64') });
    expect(saved).toBe(target);
    expect(fs.readFileSync(target, 'utf8')).toBe('%PDF-1.3');
    expect(path.basename(defaultPath)).toBe('.._jadwal_Maret.pdf');
    expect(await shell['shell:save-file']({ fileName: 42 } as never)).toBeNull();
  });

  it('writes several exports into one chosen folder', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const window = new FakeBrowserWindow({});
    const shell = desktopShell({ dialog: { showOpenDialog: async () => ({ canceled: false, filePaths: [dir] }) } as never }, () => window as never, new FakeApp(dir) as never);
    const files = ['a.ics', 'b.ics', '../c.ics'].map((fileName) => ({ fileName, mimeType: 'text/calendar', base64: Buffer.from(`BEGIN:VCALENDAR ${fileName}`).toString('base64') }));
    expect(await shell['shell:save-files'](files)).toBe(dir);
    expect(fs.readdirSync(dir).sort()).toEqual(['.._c.ics', 'a.ics', 'b.ics']);
  });

  it('reads a chosen import file and prints through the window', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const file = path.join(dir, 'puskesmas.csv');
    fs.writeFileSync(file, 'nama;kecamatan\n');
    const window = new FakeBrowserWindow({});
    const shell = desktopShell({ dialog: { showOpenDialog: async () => ({ canceled: false, filePaths: [file] }) } as never }, () => window as never, new FakeApp(dir) as never);
    const opened = await shell['shell:open-file']([{ name: 'CSV', extensions: ['csv'] }]);
    expect(opened).toEqual({ fileName: 'puskesmas.csv', mimeType: 'text/csv', base64: Buffer.from('nama;kecamatan\n').toString('base64') });
    expect(await shell['shell:print']()).toBe(true);
    expect(window.webContents.printed).toBe(1);
  });
});
