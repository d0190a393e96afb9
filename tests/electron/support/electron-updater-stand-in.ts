// Stands in for `electron-updater` in the bundled main under Node: an updater that is never asked.
const autoUpdater = {
  autoDownload: true,
  autoInstallOnAppQuit: true,
  checkForUpdates: () => Promise.reject(new Error('stand-in: no network')),
  downloadUpdate: () => Promise.reject(new Error('stand-in: no network')),
  quitAndInstall: () => undefined,
  on: () => autoUpdater,
};

export default { autoUpdater };
