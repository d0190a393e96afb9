// The desktop app's life: one instance, the database in the user data folder, the locked-down
// window, the IPC channels and the native dialogs; or, with a server address (connection.ts),
// a window on that server's web shell alone, with neither the local file nor the IPC bridge.
// Electron's API is passed in, so tests can drive all of it without the Electron binary.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { App, BrowserWindow, BrowserWindowConstructorOptions, Dialog, IpcMain, Session, WebFrameMain } from 'electron';
import { createApi, type Api } from '../../src/app/api';
import { createContext } from '../../src/app/context';
import { DB_FILE_NAME, PRODUCT_NAME } from '../../src/app/paths';
import { AsuhanError } from '../../src/contract/errors';
import type { DesktopShell, TransferFile, UpdateStatus } from '../../src/contract/desktop-shell';
import { backupDatabase, backupDirFor } from '../../src/db/backup';
import { openDatabase, type SqliteDb } from '../../src/db/connect';
import { todayOverride } from '../../src/domain/clock';
import { checkOutputFolder, readInputFile, writeFileSafely } from '../../src/files/guard';
import { ensureCoreSpecialties } from '../../src/seed/demo';
import { seedHolidays } from '../../src/seed/holidays';
import { chooseConnection, withoutConnectionSwitches, type Connection, type ConnectionSwitches } from './connection';
import { desktopSettingsPath } from './desktop-settings';
import { registerApi, registerShell } from './ipc';
import { hardenWebContents, isAppUrl, lockDownSession, secureWebPreferences } from './security';
import type { ServerAddress } from './server-address';
import { showServer } from './server-window';
import { createUpdateController, type UpdateController, type UpdateDeps } from './updates';

/** A picked file crosses the bridge as base64: imports are 10 MB at most, a backup a few hundred MB. */
const MAX_OPENED_FILE_BYTES = 300 * 1024 * 1024;

export interface ElectronDeps {
  app: Pick<App, 'requestSingleInstanceLock' | 'on' | 'whenReady' | 'getPath' | 'quit' | 'setAppUserModelId' | 'relaunch' | 'exit'>;
  BrowserWindow: new (options: BrowserWindowConstructorOptions) => BrowserWindow;
  ipcMain: Pick<IpcMain, 'handle'>;
  dialog: Pick<Dialog, 'showSaveDialog' | 'showOpenDialog' | 'showErrorBox'>;
  session: { defaultSession: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'webRequest'> };
  /** electron-updater and what it needs to know; absent, the app never looks for updates. */
  updates?: Omit<UpdateDeps, 'isEnabled' | 'backup'>;
}

export interface AppPaths {
  /** dist/renderer/index.html */
  rendererIndex: string;
  /** The bundled preload (CommonJS, the only kind a sandboxed preload can be). */
  preload: string;
  icon: string;
  /** Vite's dev server, when developing (ASUHAN_DEV_URL). */
  devServerUrl?: string | undefined;
}

export function databasePathFor(app: Pick<App, 'getPath'>): string {
  return path.join(app.getPath('userData'), DB_FILE_NAME);
}

/** Opens (or creates) the database and makes sure specialties and holidays exist. */
export async function openAppDatabase(file: string): Promise<SqliteDb> {
  const db = await openDatabase(file, { create: true });
  await ensureCoreSpecialties(db.kysely);
  await seedHolidays(db.kysely);
  return db;
}

/** The title after the page's own: which database this window shows. */
export function titleSuffix(server?: ServerAddress): string {
  return server ? `server ${server.host}` : 'file lokal';
}

export interface ServerWindowOptions {
  address: ServerAddress;
  /** The error page's "open the local file" link. */
  openLocal: () => void;
}

/** The window on the bundled screens (or the dev server), or with `server` on that server's page, without the preload. */
export function createMainWindow(deps: Pick<ElectronDeps, 'BrowserWindow'>, paths: AppPaths, server?: ServerWindowOptions): BrowserWindow {
  const suffix = titleSuffix(server?.address);
  const window = new deps.BrowserWindow({
    width: 1360,
    height: 880,
    minWidth: 1000,
    minHeight: 640,
    title: `${PRODUCT_NAME} — ${suffix}`,
    icon: paths.icon,
    show: false,
    backgroundColor: '#f4f6f8',
    autoHideMenuBar: true,
    // A remote page gets no preload: no window.asuhan, so the screens talk HTTP to their server.
    webPreferences: secureWebPreferences(server ? undefined : paths.preload),
  });
  window.on('page-title-updated', (event, title) => {
    event.preventDefault();
    window.setTitle(`${title} — ${suffix}`);
  });
  const baseUrl = server?.address.url ?? paths.devServerUrl ?? pathToFileURL(paths.rendererIndex).href;
  hardenWebContents(window.webContents, baseUrl);
  window.once('ready-to-show', () => window.show());
  if (server) showServer(window, server.address, server.openLocal);
  else if (paths.devServerUrl) void window.loadURL(paths.devServerUrl);
  else void window.loadFile(paths.rendererIndex);
  return window;
}

const SAFE_NAME = /[\\/:*?"<>|\u0000-\u001f]/g;

function isTransferFile(value: unknown): value is TransferFile {
  const file = value as TransferFile | null;
  return typeof file?.fileName === 'string' && typeof file.base64 === 'string' && typeof file.mimeType === 'string' && file.fileName.length <= 200;
}

const NO_UPDATES: UpdateStatus = { state: 'unavailable', reason: 'development' };

/** Native dialogs, printing and updates for the focused window. */
export function desktopShell(deps: Pick<ElectronDeps, 'dialog'>, window: () => BrowserWindow | null, app: Pick<App, 'getPath'>, updates?: UpdateController): DesktopShell {
  return {
    'shell:update-status': async () => updates?.status() ?? NO_UPDATES,
    'shell:update-check': async () => (updates ? updates.check() : NO_UPDATES),
    'shell:update-install': async () => (updates ? updates.install() : NO_UPDATES),
    'shell:save-file': async (file) => {
      const owner = window();
      if (!owner || !isTransferFile(file)) return null;
      const fileName = file.fileName.replace(SAFE_NAME, '_');
      const extension = path.extname(fileName).slice(1);
      const result = await deps.dialog.showSaveDialog(owner, {
        defaultPath: path.join(app.getPath('documents'), fileName),
        filters: extension ? [{ name: extension.toUpperCase(), extensions: [extension] }] : [],
      });
      if (result.canceled || !result.filePath) return null;
      writeFileSafely(result.filePath, Buffer.from(file.base64, 'base64'));
      return result.filePath;
    },
    'shell:save-files': async (files) => {
      const owner = window();
      if (!owner || !Array.isArray(files) || !files.every(isTransferFile) || files.length > 500) return null;
      const result = await deps.dialog.showOpenDialog(owner, { properties: ['openDirectory', 'createDirectory'], defaultPath: app.getPath('documents') });
      const folder = result.filePaths[0];
      if (result.canceled || !folder) return null;
      checkOutputFolder(folder);
      for (const file of files) writeFileSafely(path.join(folder, path.basename(file.fileName.replace(SAFE_NAME, '_'))), Buffer.from(file.base64, 'base64'));
      return folder;
    },
    'shell:open-file': async (filters) => {
      const owner = window();
      if (!owner) return null;
      const safeFilters = Array.isArray(filters) ? filters.filter((f) => typeof f?.name === 'string' && Array.isArray(f.extensions)).slice(0, 5) : [];
      const result = await deps.dialog.showOpenDialog(owner, { properties: ['openFile'], filters: safeFilters });
      const chosen = result.filePaths[0];
      if (result.canceled || !chosen) return null;
      const extension = path.extname(chosen).toLowerCase();
      const mimeType = extension === '.csv' ? 'text/csv' : extension === '.xlsx' ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'application/octet-stream';
      return { fileName: path.basename(chosen), mimeType, base64: readInputFile(chosen, { maxBytes: MAX_OPENED_FILE_BYTES }).toString('base64') };
    },
    'shell:print': async () => {
      const owner = window();
      if (!owner) return false;
      return new Promise<boolean>((resolve) => owner.webContents.print({ printBackground: true }, (success) => resolve(success)));
    },
  };
}

export interface RunningApp {
  mode: 'local';
  api: Api;
  db: SqliteDb;
  window: () => BrowserWindow | null;
  updates: UpdateController | undefined;
}

/** The app showing a server: no database, no IPC, no updates (they back the local file up first). */
export interface ConnectedApp {
  mode: 'server';
  address: ServerAddress;
  window: () => BrowserWindow | null;
}

/** What launch.ts read: the switches and the environment decide which database (connection.ts). */
export interface ConnectionRequest {
  switches: ConnectionSwitches;
  envServerUrl: string | undefined;
  /** process.argv, to start again on the local file. */
  argv: readonly string[];
}

function bilingual(error: unknown): string {
  if (error instanceof AsuhanError) return `${error.messageId}\n\n${error.messageEn}`;
  return error instanceof Error ? error.message : String(error);
}

/**
 * Starts the app. Returns null when another instance already runs: that one gets focused
 * through its 'second-instance' event and this one quits. Without a request it opens the local file.
 */
export async function startDesktopApp(deps: ElectronDeps, paths: AppPaths): Promise<RunningApp | null>;
export async function startDesktopApp(deps: ElectronDeps, paths: AppPaths, request: ConnectionRequest): Promise<RunningApp | ConnectedApp | null>;
export async function startDesktopApp(deps: ElectronDeps, paths: AppPaths, request?: ConnectionRequest): Promise<RunningApp | ConnectedApp | null> {
  if (!deps.app.requestSingleInstanceLock()) {
    deps.app.quit();
    return null;
  }
  let mainWindow: BrowserWindow | null = null;
  const currentWindow = () => (mainWindow && !mainWindow.isDestroyed() ? mainWindow : null);

  deps.app.on('second-instance', () => {
    const window = currentWindow();
    if (!window) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  deps.app.on('window-all-closed', () => deps.app.quit());
  deps.app.setAppUserModelId('id.asuhan.app');

  await deps.app.whenReady();
  // After the lock: a second instance started with --server-url saves nothing.
  let connection: Connection = { kind: 'local' };
  try {
    if (request) connection = chooseConnection(request.switches, request.envServerUrl, desktopSettingsPath(deps.app.getPath('userData')));
  } catch (error) {
    deps.dialog.showErrorBox('Asuhan', bilingual(error));
    deps.app.quit();
    return null;
  }
  if (connection.kind === 'server') {
    const { address } = connection;
    lockDownSession(deps.session.defaultSession, address.url);
    const openLocal = () => {
      // One process, one origin: the local file starts in a new instance with its own lock-down.
      deps.app.relaunch({ args: [...withoutConnectionSwitches((request?.argv ?? []).slice(1)), '--local'] });
      deps.app.exit(0);
    };
    mainWindow = createMainWindow(deps, paths, { address, openLocal });
    return { mode: 'server', address, window: currentWindow };
  }

  const baseUrl = paths.devServerUrl ?? pathToFileURL(paths.rendererIndex).href;
  lockDownSession(deps.session.defaultSession, baseUrl);

  let db: SqliteDb;
  try {
    todayOverride(process.env);
    db = await openAppDatabase(databasePathFor(deps.app));
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    deps.dialog.showErrorBox('Asuhan', `Database tidak bisa dibuka / The database cannot be opened:\n${text}`);
    deps.app.quit();
    return null;
  }
  deps.app.on('will-quit', () => void db.close());

  const api = createApi(createContext(db));
  // Only the main window's own pages may call the API: not subframes, not navigated-away pages.
  const isTrusted = (frame: WebFrameMain | null, senderId: number) => {
    const window = currentWindow();
    return window !== null && senderId === window.webContents.id && frame !== null && frame.parent === null && isAppUrl(frame.url, baseUrl);
  };
  registerApi(deps.ipcMain, api, isTrusted);
  const updates = deps.updates
    ? createUpdateController({
        ...deps.updates,
        isEnabled: async () => (await api.client['settings:get']({})).checkForUpdates,
        backup: () => backupDatabase(db.sqlite, backupDirFor(db.path), 'before-update'),
      })
    : undefined;
  registerShell(deps.ipcMain, desktopShell(deps, currentWindow, deps.app, updates), isTrusted);

  mainWindow = createMainWindow(deps, paths);
  return { mode: 'local', api, db, window: currentWindow, updates };
}
