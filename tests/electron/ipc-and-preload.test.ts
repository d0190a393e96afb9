// The IPC channels and the preload bridge wired together in memory over a real database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiChannel, registerApi, registerShell, shellChannel } from '../../electron/main/ipc';
import { createBridge } from '../../electron/preload/bridge';
import { METHOD_NAMES } from '../../src/contract/index';
import { asApiError } from '../../renderer/src/api-error';
import { createTestDb, type TestDb } from '../fixtures/temp-db';
import { FakeIpcMain } from './fakes';

const APP_URL = 'file:///app/dist/renderer/index.html';
const WINDOW_ID = 7;
const trusted = (frame: { url: string; parent: unknown } | null, senderId: number) => senderId === WINDOW_ID && frame !== null && frame.parent === null && frame.url.startsWith(APP_URL);

let testDb: TestDb;
let ipcMain: FakeIpcMain;

beforeAll(async () => {
  testDb = await createTestDb({ demo: true });
  ipcMain = new FakeIpcMain();
  registerApi(ipcMain, testDb.api, trusted as never);
  registerShell(
    ipcMain,
    {
      'shell:save-file': async (file) => `/saved/${file.fileName}`,
      'shell:save-files': async () => '/saved',
      'shell:open-file': async () => null,
      'shell:print': async () => true,
      'shell:update-status': async () => ({ state: 'up-to-date', current: '0.1.0' }),
      'shell:update-check': async () => ({ state: 'available', current: '0.1.0', version: '0.2.0' }),
      'shell:update-install': async () => ({ state: 'installing', current: '0.1.0', version: '0.2.0', backupFile: '/backups/before-update.db' }),
    },
    trusted as never,
  );
});

afterAll(async () => {
  await testDb.close();
});

describe('IPC channels', () => {
  it('has one channel per API method and per shell method, nothing else', () => {
    const shell = ['shell:save-file', 'shell:save-files', 'shell:open-file', 'shell:print', 'shell:update-status', 'shell:update-check', 'shell:update-install'] as const;
    const expected = [...METHOD_NAMES.map(apiChannel), ...shell.map(shellChannel)];
    expect([...ipcMain.handlers.keys()].sort()).toEqual(expected.sort());
  });

  it('answers the app window with the API result', async () => {
    const result = (await ipcMain.invoke(apiChannel('puskesmas:list'), { frameUrl: `${APP_URL}#/data`, senderId: WINDOW_ID }, {})) as { ok: boolean; data: unknown[] };
    expect(result.ok).toBe(true);
    expect(result.data).toHaveLength(45);
  });

  it('refuses other windows, subframes and foreign pages without running the method', async () => {
    const before = (await testDb.api.client['hospitals:list']({})).length;
    const input = { name: 'RS Palsu' };
    for (const sender of [
      { frameUrl: APP_URL, senderId: 99 },
      { frameUrl: APP_URL, senderId: WINDOW_ID, subframe: true },
      { frameUrl: 'https://evil.example/', senderId: WINDOW_ID },
    ]) {
      const result = (await ipcMain.invoke(apiChannel('hospitals:create'), sender, input)) as { ok: boolean };
      expect(result.ok).toBe(false);
      expect(await ipcMain.invoke(shellChannel('shell:print'), sender)).toBe(false);
      expect(await ipcMain.invoke(shellChannel('shell:update-install'), sender)).toMatchObject({ state: 'error', messageEn: 'Request refused: not from the Asuhan window.' });
    }
    expect(await testDb.api.client['hospitals:list']({})).toHaveLength(before);
  });
});

describe('preload bridge', () => {
  const bridge = () => createBridge({ invoke: (channel: string, ...args: unknown[]) => ipcMain.invoke(channel, { frameUrl: APP_URL, senderId: WINDOW_ID }, ...args) } as never);

  it('exposes exactly the API methods and the seven shell methods', () => {
    const shell = ['shell:open-file', 'shell:print', 'shell:save-file', 'shell:save-files', 'shell:update-status', 'shell:update-check', 'shell:update-install'];
    expect(Object.keys(bridge()).sort()).toEqual([...METHOD_NAMES, ...shell].sort());
    expect(Object.isFrozen(bridge())).toBe(true);
  });

  it('returns data and carries bilingual errors through the bridge', async () => {
    const api = bridge();
    const specialists = await api['specialists:list']({});
    expect(specialists.length).toBeGreaterThan(30);
    const failure = await api['specialists:create']({ name: '', specialtyId: 1 }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(Error);
    // The renderer turns the marker message back into the payload.
    const decoded = asApiError(failure);
    expect(decoded.payload.code).toBe('VALIDATION');
    expect(decoded.payload.fields?.[0]?.path).toBe('name');
    expect(decoded.payload.messageEn).toContain('required');
  });

  it('passes files to the save dialog channel', async () => {
    expect(await bridge()['shell:save-file']({ fileName: 'roster.pdf', mimeType: 'application/pdf', base64: 'JVBERi0=' })).toBe('/saved/roster.pdf');
  });

  it('carries update requests to their channels', async () => {
    expect(await bridge()['shell:update-check']()).toEqual({ state: 'available', current: '0.1.0', version: '0.2.0' });
    expect(await bridge()['shell:update-install']()).toMatchObject({ state: 'installing', version: '0.2.0' });
  });
});
