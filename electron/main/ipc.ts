// The only door between the renderer and the core: one channel per API method, registered
// through one typed wrapper that answers only the app's own window and page.
import type { IpcMain, IpcMainInvokeEvent, WebFrameMain } from 'electron';
import type { Api } from '../../src/app/api';
import { METHOD_NAMES, type ApiResult } from '../../src/contract/index';
import type { DesktopShell } from '../../src/contract/desktop-shell';

export const apiChannel = (method: string): string => `asuhan:api:${method}`;
export const shellChannel = (method: keyof DesktopShell): string => `asuhan:${method}`;

export type SenderCheck = (frame: WebFrameMain | null, senderId: number) => boolean;

const FORBIDDEN: ApiResult<never> = {
  ok: false,
  error: { code: 'INTERNAL', message: 'Permintaan ditolak: bukan dari jendela Asuhan.', messageEn: 'Request refused: not from the Asuhan window.' },
};

/** Registers a handler that first checks who is asking. */
export function handleTrusted<A extends unknown[], R>(
  ipcMain: Pick<IpcMain, 'handle'>,
  channel: string,
  isTrusted: SenderCheck,
  refused: R,
  handler: (...args: A) => Promise<R>,
): void {
  ipcMain.handle(channel, async (event: IpcMainInvokeEvent, ...args: unknown[]) => {
    if (!isTrusted(event.senderFrame, event.sender.id)) return refused;
    return handler(...(args as A));
  });
}

export function registerApi(ipcMain: Pick<IpcMain, 'handle'>, api: Pick<Api, 'invoke'>, isTrusted: SenderCheck): string[] {
  return METHOD_NAMES.map((method) => {
    const channel = apiChannel(method);
    handleTrusted(ipcMain, channel, isTrusted, FORBIDDEN, (input: unknown) => api.invoke(method, input));
    return channel;
  });
}

export function registerShell(ipcMain: Pick<IpcMain, 'handle'>, shell: DesktopShell, isTrusted: SenderCheck): string[] {
  handleTrusted(ipcMain, shellChannel('shell:save-file'), isTrusted, null, shell['shell:save-file']);
  handleTrusted(ipcMain, shellChannel('shell:save-files'), isTrusted, null, shell['shell:save-files']);
  handleTrusted(ipcMain, shellChannel('shell:open-file'), isTrusted, null, shell['shell:open-file']);
  handleTrusted(ipcMain, shellChannel('shell:print'), isTrusted, false, shell['shell:print']);
  const refusedUpdate = { state: 'error', message: 'Permintaan ditolak: bukan dari jendela Asuhan.', messageEn: 'Request refused: not from the Asuhan window.' } as const;
  handleTrusted(ipcMain, shellChannel('shell:update-status'), isTrusted, refusedUpdate, shell['shell:update-status']);
  handleTrusted(ipcMain, shellChannel('shell:update-check'), isTrusted, refusedUpdate, shell['shell:update-check']);
  handleTrusted(ipcMain, shellChannel('shell:update-install'), isTrusted, refusedUpdate, shell['shell:update-install']);
  return (['shell:save-file', 'shell:save-files', 'shell:open-file', 'shell:print', 'shell:update-status', 'shell:update-check', 'shell:update-install'] as const).map(shellChannel);
}
