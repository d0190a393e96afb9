// Stands in for the `electron` package when tests run the bundled main process under plain Node
// (build/build-electron.mjs --alias electron=...): the fakes, with app.exit ending the process.
import os from 'node:os';
import path from 'node:path';
import { FakeApp, FakeBrowserWindow, FakeIpcMain, FakeSession } from '../fakes';

class StandInApp extends FakeApp {
  override exit(code = 0): void {
    process.exit(code);
  }
  getVersion(): string {
    return '0.0.0-stand-in';
  }
}

export const app = new StandInApp(process.env.ASUHAN_STAND_IN_USER_DATA ?? path.join(os.tmpdir(), 'asuhan-stand-in'));
app.isPackaged = true;
export const BrowserWindow = FakeBrowserWindow;
export const ipcMain = new FakeIpcMain();
export const session = { defaultSession: new FakeSession() };
export const net = { isOnline: () => false };
export const dialog = {
  showSaveDialog: async () => ({ canceled: true }),
  showOpenDialog: async () => ({ canceled: true, filePaths: [] }),
  showErrorBox: (title: string, content: string) => process.stderr.write(`${title}: ${content}\n`),
};
