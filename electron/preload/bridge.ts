// The one object the preload exposes: every API method and the desktop shell's dialogs, each
// on its own channel. Errors keep their bilingual payload across contextBridge (see
// BRIDGE_ERROR_MARKER), which would otherwise keep only a message.
import type { IpcRenderer } from 'electron';
import { METHOD_NAMES, type ApiClient, type ApiResult } from '../../src/contract/index';
import { BRIDGE_ERROR_MARKER, type DesktopShell } from '../../src/contract/desktop-shell';
import { apiChannel, shellChannel } from '../main/ipc';

export type AsuhanBridge = ApiClient & DesktopShell;

export function createBridge(ipcRenderer: Pick<IpcRenderer, 'invoke'>): AsuhanBridge {
  const api = Object.fromEntries(
    METHOD_NAMES.map((method) => [
      method,
      async (input?: unknown) => {
        const result = (await ipcRenderer.invoke(apiChannel(method), input)) as ApiResult<unknown>;
        if (!result.ok) throw new Error(`${BRIDGE_ERROR_MARKER}${JSON.stringify(result.error)}`);
        return result.data;
      },
    ]),
  ) as ApiClient;
  const shell: DesktopShell = {
    'shell:save-file': (file) => ipcRenderer.invoke(shellChannel('shell:save-file'), file),
    'shell:save-files': (files) => ipcRenderer.invoke(shellChannel('shell:save-files'), files),
    'shell:open-file': (filters) => ipcRenderer.invoke(shellChannel('shell:open-file'), filters),
    'shell:print': () => ipcRenderer.invoke(shellChannel('shell:print')),
    'shell:update-status': () => ipcRenderer.invoke(shellChannel('shell:update-status')),
    'shell:update-check': () => ipcRenderer.invoke(shellChannel('shell:update-check')),
    'shell:update-install': () => ipcRenderer.invoke(shellChannel('shell:update-install')),
  };
  return Object.freeze({ ...api, ...shell }) satisfies AsuhanBridge;
}
