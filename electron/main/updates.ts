// Updates from the GitHub releases through electron-updater, on the coordinator's terms: asked
// only from an installed build, when switched on in the settings and online; downloaded and
// installed only on request, and only after a backup of the database has been made. (The new
// version backs up again before it migrates: openDatabase never migrates without a backup.)
import type { UpdateStatus } from '../../src/contract/desktop-shell';

/** The part of electron-updater's autoUpdater this module drives. */
export interface Updater {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  checkForUpdates(): Promise<{ isUpdateAvailable: boolean; updateInfo: { version: string } } | null>;
  downloadUpdate(): Promise<unknown>;
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void;
  on(event: 'download-progress', listener: (progress: { percent: number }) => void): unknown;
}

export interface UpdateDeps {
  updater: Updater;
  /** app.isPackaged: a development run has no release to compare with. */
  isPackaged: boolean;
  currentVersion: string;
  /** Electron's net.isOnline(). */
  isOnline: () => boolean;
  /** The `checkForUpdates` setting, read at each check. */
  isEnabled: () => Promise<boolean>;
  /** Backs the database up; resolves with the backup file. */
  backup: () => Promise<string>;
  now?: () => number;
}

export interface UpdateController {
  status(): UpdateStatus;
  check(): Promise<UpdateStatus>;
  install(): Promise<UpdateStatus>;
}

/** A check younger than this is answered from memory (the window asks at every start). */
export const CHECK_REUSE_MS = 60 * 60 * 1000;

function failure(what: [string, string], error: unknown): UpdateStatus {
  const detail = error instanceof Error ? error.message : String(error);
  return { state: 'error', message: `${what[0]}: ${detail}`, messageEn: `${what[1]}: ${detail}` };
}

export function createUpdateController(deps: UpdateDeps): UpdateController {
  const now = deps.now ?? Date.now;
  const current = deps.currentVersion;
  let status: UpdateStatus = { state: 'idle' };
  let checkedAt = -Infinity;
  let checking: Promise<UpdateStatus> | null = null;
  let installing: Promise<UpdateStatus> | null = null;

  // Nothing happens behind the coordinator's back: no download at a check, no install at quit.
  deps.updater.autoDownload = false;
  deps.updater.autoInstallOnAppQuit = false;
  deps.updater.on('download-progress', (progress) => {
    if (status.state === 'downloading') status = { ...status, percent: Math.round(progress.percent) };
  });

  async function runCheck(): Promise<UpdateStatus> {
    if (!deps.isPackaged) return (status = { state: 'unavailable', reason: 'development' });
    if (!(await deps.isEnabled())) return (status = { state: 'unavailable', reason: 'disabled' });
    if (!deps.isOnline()) return (status = { state: 'unavailable', reason: 'offline' });
    status = { state: 'checking' };
    try {
      const result = await deps.updater.checkForUpdates();
      checkedAt = now();
      status = result?.isUpdateAvailable ? { state: 'available', current, version: result.updateInfo.version } : { state: 'up-to-date', current };
    } catch (error) {
      status = failure(['Pemeriksaan versi baru gagal', 'Checking for a new version failed'], error);
    }
    return status;
  }

  async function runInstall(version: string): Promise<UpdateStatus> {
    status = { state: 'downloading', current, version, percent: 0 };
    try {
      await deps.updater.downloadUpdate();
    } catch (error) {
      return (status = failure(['Unduhan versi baru gagal; tidak ada yang diubah', 'Downloading the new version failed; nothing was changed'], error));
    }
    let backupFile: string;
    try {
      backupFile = await deps.backup();
    } catch (error) {
      // No backup, no update: the installed version and the database stay as they are.
      return (status = failure(['Cadangan database gagal, jadi versi baru tidak dipasang', 'The database backup failed, so the new version was not installed'], error));
    }
    status = { state: 'installing', current, version, backupFile };
    deps.updater.quitAndInstall(false, true);
    return status;
  }

  return {
    status: () => status,
    check() {
      if (installing) return installing;
      if (status.state === 'downloading' || status.state === 'installing') return Promise.resolve(status);
      if ((status.state === 'available' || status.state === 'up-to-date') && now() - checkedAt < CHECK_REUSE_MS) return Promise.resolve(status);
      checking ??= runCheck().finally(() => {
        checking = null;
      });
      return checking;
    },
    install() {
      if (installing) return installing;
      if (status.state !== 'available') {
        return Promise.resolve<UpdateStatus>({ state: 'error', message: 'Belum ada versi baru yang ditemukan untuk dipasang.', messageEn: 'No newer version has been found to install.' });
      }
      installing = runInstall(status.version).finally(() => {
        installing = null;
      });
      return installing;
    },
  };
}
