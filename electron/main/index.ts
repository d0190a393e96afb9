// Electron's entry (bundled to dist-electron/main/index.mjs by build/build-electron.mjs).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, session } from 'electron';
import { startDesktopApp } from './desktop-app';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');

void startDesktopApp(
  { app, BrowserWindow, ipcMain, dialog, session },
  {
    rendererIndex: path.join(root, 'dist', 'renderer', 'index.html'),
    preload: path.join(root, 'dist-electron', 'preload', 'index.cjs'),
    icon: path.join(root, 'build', 'icon.png'),
    devServerUrl: app.isPackaged ? undefined : process.env.ASUHAN_DEV_URL,
  },
);
