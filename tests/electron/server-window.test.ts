// The desktop app pointed at a server, through launch() with Electron's API faked: the window
// shows the server's page and nothing else, the local file is never opened, the remote page gets
// no bridge, and a server that does not answer gives the local error page.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConnectedApp, RunningApp } from '../../electron/main/desktop-app';
import { DESKTOP_SETTINGS_FILE } from '../../electron/main/desktop-settings';
import { apiChannel, shellChannel } from '../../electron/main/ipc';
import { launch, type LaunchDeps } from '../../electron/main/launch';
import { DB_FILE_NAME } from '../../src/app/paths';
import { tempDir } from '../fixtures/temp-db';
import { FakeApp, FakeBrowserWindow, FakeIpcMain, FakeSession } from './fakes';

const PATHS = { rendererIndex: '/app/dist/renderer/index.html', preload: '/app/dist-electron/preload/index.cjs', icon: '/app/build/icon.png' };
const SERVER = 'https://asuhan.dinkes.example:8443/';
const dirs: string[] = [];
const closers: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const close of closers.splice(0)) await close();
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  FakeBrowserWindow.created = [];
});

function newUserData(): string {
  const made = tempDir();
  dirs.push(made);
  return made;
}

function started(argv: string[], env: NodeJS.ProcessEnv = {}, userData = newUserData()) {
  const app = new FakeApp(userData);
  const ipcMain = new FakeIpcMain();
  const session = new FakeSession();
  const errors: string[] = [];
  const deps = {
    app,
    BrowserWindow: FakeBrowserWindow,
    ipcMain,
    dialog: { showSaveDialog: async () => ({ canceled: true }), showOpenDialog: async () => ({ canceled: true, filePaths: [] }), showErrorBox: (_title: string, text: string) => errors.push(text) },
    session: { defaultSession: session },
  } as unknown as LaunchDeps;
  const running = launch(deps, PATHS, argv, env, { out: () => {}, err: () => {} }) as Promise<RunningApp | ConnectedApp | null>;
  return { app, ipcMain, session, errors, running, userData };
}

function onlyWindow(): FakeBrowserWindow {
  expect(FakeBrowserWindow.created).toHaveLength(1);
  return FakeBrowserWindow.created[0]!;
}

function cancelled(session: FakeSession, url: string): boolean | undefined {
  let cancel: boolean | undefined;
  session.requestListener?.({ url }, (response) => (cancel = response.cancel));
  return cancel;
}

function navigationPrevented(window: FakeBrowserWindow, url: string): boolean {
  let prevented = false;
  window.webContents.emit('will-navigate', { preventDefault: () => (prevented = true) }, url);
  return prevented;
}

const pageOf = (dataUrl: string) => decodeURIComponent(dataUrl.slice(dataUrl.indexOf(',') + 1));

describe('desktop app on a server', () => {
  it('loads the server page without the preload, opens no local file, registers no IPC, and remembers the address', async () => {
    const { running, ipcMain, userData } = started(['Asuhan.exe', `--server-url=${SERVER}`]);
    const app = await running;
    expect(app).toMatchObject({ mode: 'server', address: { url: SERVER, host: 'asuhan.dinkes.example:8443' } });
    const window = onlyWindow();
    expect(window.loadedUrl).toBe(SERVER);
    expect(window.loadedFile).toBeNull();
    expect(window.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });
    expect(window.options.webPreferences).not.toHaveProperty('preload');
    expect(ipcMain.handlers.size).toBe(0);
    expect(fs.existsSync(path.join(userData, DB_FILE_NAME))).toBe(false);
    expect(JSON.parse(fs.readFileSync(path.join(userData, DESKTOP_SETTINGS_FILE), 'utf8'))).toEqual({ serverUrl: SERVER });
  });

  it('says in the title which server it shows, after the page title', async () => {
    await started(['Asuhan.exe'], { ASUHAN_SERVER_URL: 'http://192.168.1.10:5174' }).running;
    const window = onlyWindow();
    expect(window.title).toBe('Asuhan — server 192.168.1.10:5174');
    let prevented = false;
    window.emit('page-title-updated', { preventDefault: () => (prevented = true) }, 'Jadwal · Asuhan');
    expect(prevented).toBe(true);
    expect(window.title).toBe('Jadwal · Asuhan — server 192.168.1.10:5174');
  });

  it("locks the session and the window to the server's origin and denies every permission", async () => {
    const { running, session } = started(['Asuhan.exe', `--server-url=${SERVER}`]);
    await running;
    const window = onlyWindow();
    expect(cancelled(session, SERVER)).toBe(false);
    expect(cancelled(session, `${SERVER}assets/index-abc.js`)).toBe(false);
    expect(cancelled(session, `${SERVER}api/visits:list`)).toBe(false);
    expect(cancelled(session, 'data:image/png;base64,AAAA')).toBe(false);
    expect(cancelled(session, 'blob:https://asuhan.dinkes.example:8443/1234')).toBe(false);
    for (const foreign of ['https://asuhan.dinkes.example/', 'http://asuhan.dinkes.example:8443/', 'https://evil.example/x.js', `file://${PATHS.rendererIndex}`, 'file:///C:/Users/koordinator/AppData/Roaming/Asuhan/asuhan.db']) {
      expect(cancelled(session, foreign), foreign).toBe(true);
    }
    expect(navigationPrevented(window, `${SERVER}#/jadwal`)).toBe(false);
    expect(navigationPrevented(window, 'https://evil.example/')).toBe(true);
    expect(navigationPrevented(window, `file://${PATHS.rendererIndex}`)).toBe(true);
    expect(window.webContents.windowOpenHandler?.({ url: `${SERVER}x` })).toEqual({ action: 'deny' });
    const granted: boolean[] = [];
    session.permissionRequest?.(null, 'media', (value) => granted.push(value));
    expect(granted).toEqual([false]);
    expect(session.permissionCheck?.()).toBe(false);
  });

  it('shows a local error page, Indonesian first, when the server does not answer, and again after a failed retry', async () => {
    const { running } = started(['Asuhan.exe', `--server-url=${SERVER}`]);
    await running;
    const window = onlyWindow();
    // A stopped navigation and a failed subframe are not the server being down.
    window.webContents.emit('did-fail-load', {}, -3, 'ERR_ABORTED', SERVER, true);
    window.webContents.emit('did-fail-load', {}, -102, 'ERR_CONNECTION_REFUSED', SERVER, false);
    expect(window.loadedUrl).toBe(SERVER);

    window.webContents.emit('did-fail-load', {}, -102, 'ERR_CONNECTION_REFUSED', SERVER, true);
    expect(window.loadedUrl?.startsWith('data:text/html')).toBe(true);
    const page = pageOf(window.loadedUrl!);
    expect(page).toContain('<html lang="id">');
    expect(page.indexOf('Server Asuhan tidak bisa dihubungi')).toBeGreaterThan(-1);
    expect(page.indexOf('Server Asuhan tidak bisa dihubungi')).toBeLessThan(page.indexOf('The Asuhan server cannot be reached'));
    expect(page).toContain(`<code>${SERVER}</code>`);
    expect(page).toContain('ERR_CONNECTION_REFUSED');
    expect(page).toContain(`href="${SERVER}">Coba lagi / Try again</a>`);
    expect(page).toContain('>Buka file lokal / Open the local file</a>');
    expect(page).not.toContain('<script');

    // Try again: the server's page, allowed; failing again shows the error page again.
    expect(navigationPrevented(window, SERVER)).toBe(false);
    window.loadedUrl = SERVER;
    window.webContents.url = SERVER;
    window.webContents.emit('did-fail-load', {}, -105, 'ERR_NAME_NOT_RESOLVED', SERVER, true);
    expect(pageOf(window.loadedUrl).includes('ERR_NAME_NOT_RESOLVED')).toBe(true);
  });

  it('says so, instead of a blank window, when the server redirects the window to another origin', async () => {
    const { running } = started(['Asuhan.exe', '--server-url=http://192.168.1.10:5174']);
    await running;
    const window = onlyWindow();
    let prevented = false;
    window.webContents.emit('will-redirect', { preventDefault: () => (prevented = true) }, 'http://192.168.1.10:5174/#/jadwal', false, true);
    window.webContents.emit('will-redirect', { preventDefault: () => (prevented = true) }, 'https://portal.example/login', false, false);
    await new Promise((done) => setImmediate(done));
    expect(prevented).toBe(true);
    expect(window.loadedUrl).toBe('http://192.168.1.10:5174/');

    window.webContents.emit('will-redirect', { preventDefault: () => {} }, 'https://asuhan.dinkes.example/', false, true);
    await new Promise((done) => setImmediate(done));
    const page = pageOf(window.loadedUrl!);
    expect(page).toContain('tetapi server itu mengalihkan ke alamat lain (https://asuhan.dinkes.example/), yang tidak dibuka jendela ini.');
    expect(page).toContain('but it redirects to another address (https://asuhan.dinkes.example/), which this window does not open.');
  });

  it("opens the local file from the error page in a new start (--local, the address kept), and never from the server's own pages", async () => {
    const { running, app } = started(['Asuhan.exe', `--server-url=${SERVER}`, '--smoke-report=x']);
    await running;
    const window = onlyWindow();
    const openLocal = 'https://asuhan.dinkes.example:8443/?asuhan-desktop=open-local';

    // The server's page asking for it is just a page of the server.
    expect(navigationPrevented(window, openLocal)).toBe(false);
    expect(app.relaunchedWith).toBeNull();

    window.webContents.emit('did-fail-load', {}, -7, 'ERR_TIMED_OUT', SERVER, true);
    expect(pageOf(window.loadedUrl!)).toContain(`href="${openLocal}"`);
    expect(navigationPrevented(window, openLocal)).toBe(true);
    expect(app.relaunchedWith).toEqual({ args: ['--smoke-report=x', '--local'] });
    expect(app.exitCode).toBe(0);
  });

  it('refuses an address it does not accept, with the bilingual message, and starts nothing', async () => {
    const { running, app, errors, userData, ipcMain } = started(['Asuhan.exe', '--server-url=http://203.0.113.5:5174']);
    expect(await running).toBeNull();
    expect(errors).toHaveLength(1);
    const [indonesian, english] = errors[0]!.split('\n\n');
    expect(indonesian).toMatch(/^http:\/\/ hanya untuk komputer ini .* Untuk 203\.0\.113\.5:5174 pakai https:\/\/\.$/);
    expect(english).toMatch(/^Plain http:\/\/ is only for this computer .* use https:\/\/\.$/);
    expect(app.quits).toBe(1);
    expect(FakeBrowserWindow.created).toHaveLength(0);
    expect(ipcMain.handlers.size).toBe(0);
    expect(fs.readdirSync(userData)).toEqual([]);
  });
});

describe('desktop app on its local file', () => {
  it('is unchanged without a server address, and says "file lokal" in the title', async () => {
    const { running, ipcMain } = started(['Asuhan.exe']);
    const app = (await running) as RunningApp;
    closers.push(() => app.db.close());
    expect(app.mode).toBe('local');
    const window = onlyWindow();
    expect(window.loadedFile).toBe(PATHS.rendererIndex);
    expect(window.options.webPreferences).toMatchObject({ preload: PATHS.preload });
    expect(window.title).toBe('Asuhan — file lokal');
    window.emit('page-title-updated', { preventDefault: () => {} }, 'Dasbor · Asuhan');
    expect(window.title).toBe('Dasbor · Asuhan — file lokal');
    expect(ipcMain.handlers.size).toBeGreaterThan(0);
  });

  it('refuses an IPC call from a server page, even in the app window', async () => {
    const { running, ipcMain } = started(['Asuhan.exe']);
    const app = (await running) as RunningApp;
    closers.push(() => app.db.close());
    const window = onlyWindow();
    const fromServer = { frameUrl: `${SERVER}#/jadwal`, senderId: window.webContents.id };
    expect(await ipcMain.invoke(apiChannel('app:info'), fromServer, {})).toMatchObject({ ok: false, error: { message: 'Permintaan ditolak: bukan dari jendela Asuhan.' } });
    expect(await ipcMain.invoke(shellChannel('shell:save-file'), fromServer, { fileName: 'a.pdf', mimeType: 'application/pdf', base64: '' })).toBeNull();
    expect(await ipcMain.invoke(apiChannel('app:info'), { frameUrl: `file://${PATHS.rendererIndex}`, senderId: window.webContents.id }, {})).toMatchObject({ ok: true });
  });

  it('--local opens the local file this time and keeps the remembered server; --forget-server clears it', async () => {
    const userData = newUserData();
    const settings = path.join(userData, DESKTOP_SETTINGS_FILE);
    fs.writeFileSync(settings, JSON.stringify({ serverUrl: SERVER }));
    const local = (await started(['Asuhan.exe', '--local'], { ASUHAN_SERVER_URL: SERVER }, userData).running) as RunningApp;
    expect(local.mode).toBe('local');
    expect(onlyWindow().loadedFile).toBe(PATHS.rendererIndex);
    await local.db.close();
    expect(JSON.parse(fs.readFileSync(settings, 'utf8'))).toEqual({ serverUrl: SERVER });

    FakeBrowserWindow.created = [];
    const again = (await started(['Asuhan.exe', '--forget-server'], {}, userData).running) as RunningApp;
    closers.push(() => again.db.close());
    expect(again.mode).toBe('local');
    expect(JSON.parse(fs.readFileSync(settings, 'utf8'))).toEqual({});
  });
});
