// Electron's entry (bundled to dist-electron/main/index.mjs by build/build-electron.mjs).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, net, session } from 'electron';
import electronUpdater from 'electron-updater';
import { launch } from './launch';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');

void launch(
  {
    app,
    BrowserWindow,
    ipcMain,
    dialog,
    session,
    updates: { updater: electronUpdater.autoUpdater, isPackaged: app.isPackaged, currentVersion: app.getVersion(), isOnline: () => net.isOnline() },
  },
  {
    rendererIndex: path.join(root, 'dist', 'renderer', 'index.html'),
    preload: path.join(root, 'dist-electron', 'preload', 'index.cjs'),
    icon: path.join(root, 'build', 'icon.png'),
    devServerUrl: app.isPackaged ? undefined : process.env.ASUHAN_DEV_URL,
  },
);
