// Where the database lives: the per-user app data folder, the same one Electron's
// app.getPath('userData') gives for productName "Asuhan".
import os from 'node:os';
import path from 'node:path';

export const PRODUCT_NAME = 'Asuhan';
export const DB_FILE_NAME = 'asuhan.db';

export function userDataDir(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env, home = os.homedir()): string {
  if (platform === 'win32') return path.win32.join(env.APPDATA ?? path.win32.join(home, 'AppData', 'Roaming'), PRODUCT_NAME);
  if (platform === 'darwin') return path.posix.join(home, 'Library', 'Application Support', PRODUCT_NAME);
  return path.posix.join(env.XDG_CONFIG_HOME ?? path.posix.join(home, '.config'), PRODUCT_NAME);
}

/** `ASUHAN_DB` overrides the default, for scripts and tests. */
export function defaultDatabasePath(env: NodeJS.ProcessEnv = process.env): string {
  return env.ASUHAN_DB ?? path.join(userDataDir(process.platform, env), DB_FILE_NAME);
}
