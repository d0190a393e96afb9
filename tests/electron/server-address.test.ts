// Which server addresses the desktop app takes, and where it remembers one.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { chooseConnection, readConnectionSwitches, withoutConnectionSwitches } from '../../electron/main/connection';
import { desktopSettingsPath, readDesktopSettings } from '../../electron/main/desktop-settings';
import { isLoopbackOrPrivate, parseServerAddress } from '../../electron/main/server-address';
import { AsuhanError } from '../../src/contract/errors';
import { tempDir } from '../fixtures/temp-db';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function settingsFile(): string {
  const dir = tempDir();
  dirs.push(dir);
  return desktopSettingsPath(dir);
}

function refusal(run: () => unknown): AsuhanError {
  try {
    run();
  } catch (error) {
    if (error instanceof AsuhanError) return error;
    throw error;
  }
  throw new Error('not refused');
}

const NO_SWITCHES = { serverUrl: undefined, local: false, forgetServer: false };

describe('server address', () => {
  it('takes https anywhere, and keeps only the origin', () => {
    expect(parseServerAddress(' https://asuhan.dinkes.example:8443/ ')).toEqual({ url: 'https://asuhan.dinkes.example:8443/', origin: 'https://asuhan.dinkes.example:8443', host: 'asuhan.dinkes.example:8443' });
    expect(parseServerAddress('https://203.0.113.5').url).toBe('https://203.0.113.5/');
  });

  it('takes plain http only for this computer and private network addresses', () => {
    for (const url of ['http://127.0.0.1:5174', 'http://localhost:5174/', 'http://[::1]:5174', 'http://10.1.2.3', 'http://172.16.0.9:80', 'http://172.31.255.1', 'http://192.168.1.10:5174', 'http://169.254.3.4', 'http://[fd12:3456::1]:5174']) {
      expect(parseServerAddress(url).url.startsWith('http://'), url).toBe(true);
    }
    for (const host of ['8.8.8.8', '172.32.0.1', '192.169.0.1', 'asuhan.dinkes.example', 'server-dinkes', '[2001:db8::1]', '100.64.0.1']) {
      expect(isLoopbackOrPrivate(host), host).toBe(false);
      const error = refusal(() => parseServerAddress(`http://${host}:5174`));
      expect(error.code).toBe('VALIDATION');
      expect(error.messageId).toContain('http:// hanya untuk komputer ini atau alamat IP jaringan kantor');
      expect(error.messageId).toContain('pakai https://');
      expect(error.messageEn).toContain('use https://');
    }
  });

  it('refuses what is not a server address, saying what to write', () => {
    const cases: [string, RegExp][] = [
      ['', /kosong/],
      ['192.168.1.10:5174', /tidak bisa dibaca|harus diawali/],
      ['asuhan server', /tidak bisa dibaca/],
      ['ftp://192.168.1.10/', /harus diawali https:\/\//],
      ['file:///C:/Users/koordinator/asuhan.db', /harus diawali https:\/\//],
      ['javascript:alert(1)', /harus diawali https:\/\//],
      ['https://admin:rahasia@asuhan.dinkes.example/', /nama pengguna atau kata sandi/],
      ['https://asuhan.dinkes.example/asuhan/', /tanpa path/],
      ['http://127.0.0.1:5174/?token=abc', /tanpa path/],
      ['https://asuhan.dinkes.example/#/jadwal', /tanpa path/],
      [`https://${'a'.repeat(600)}.example/`, /terlalu panjang/],
    ];
    for (const [typed, message] of cases) {
      const error = refusal(() => parseServerAddress(typed));
      expect(error.messageId, typed).toMatch(message);
      expect(error.messageEn.length).toBeGreaterThan(10);
    }
  });
});

describe('connection choice', () => {
  it('reads the switches and drops them for a new start', () => {
    expect(readConnectionSwitches(['Asuhan.exe', '--server-url=https://a.example', '--local'])).toEqual({ serverUrl: 'https://a.example', local: true, forgetServer: false });
    expect(readConnectionSwitches(['Asuhan.exe'])).toEqual(NO_SWITCHES);
    expect(withoutConnectionSwitches(['.', '--server-url=https://a.example', '--forget-server', '--local', '--smoke-report=x'])).toEqual(['.', '--smoke-report=x']);
    expect(readConnectionSwitches(['Asuhan.exe', '--server-url', 'http://192.168.1.10:5174']).serverUrl).toBe('http://192.168.1.10:5174');
    expect(readConnectionSwitches(['Asuhan.exe', '--server-url']).serverUrl).toBe('');
    expect(withoutConnectionSwitches(['.', '--server-url', 'http://192.168.1.10:5174', '--smoke-report=x'])).toEqual(['.', '--smoke-report=x']);
  });

  it('opens the local file when nothing is set, and writes no settings file', () => {
    const file = settingsFile();
    expect(chooseConnection(NO_SWITCHES, undefined, file)).toEqual({ kind: 'local' });
    expect(fs.existsSync(file)).toBe(false);
  });

  it('remembers --server-url; ASUHAN_SERVER_URL wins for one start; --local skips it once; --forget-server clears it', () => {
    const file = settingsFile();
    const server = chooseConnection({ ...NO_SWITCHES, serverUrl: 'https://asuhan.dinkes.example' }, undefined, file);
    expect(server).toMatchObject({ kind: 'server', address: { url: 'https://asuhan.dinkes.example/' } });
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual({ serverUrl: 'https://asuhan.dinkes.example/' });

    expect(chooseConnection(NO_SWITCHES, undefined, file)).toMatchObject({ kind: 'server', address: { host: 'asuhan.dinkes.example' } });
    expect(chooseConnection(NO_SWITCHES, 'http://192.168.1.10:5174', file)).toMatchObject({ kind: 'server', address: { host: '192.168.1.10:5174' } });
    expect(readDesktopSettings(file).serverUrl).toBe('https://asuhan.dinkes.example/');
    expect(chooseConnection({ ...NO_SWITCHES, local: true }, 'http://192.168.1.10:5174', file)).toEqual({ kind: 'local' });
    expect(readDesktopSettings(file).serverUrl).toBe('https://asuhan.dinkes.example/');

    expect(chooseConnection({ ...NO_SWITCHES, forgetServer: true }, undefined, file)).toEqual({ kind: 'local' });
    expect(readDesktopSettings(file)).toEqual({});
    expect(chooseConnection(NO_SWITCHES, undefined, file)).toEqual({ kind: 'local' });
  });

  it('saves nothing for a refused address or contradictory switches', () => {
    const file = settingsFile();
    expect(refusal(() => chooseConnection({ ...NO_SWITCHES, serverUrl: 'http://203.0.113.5:5174' }, undefined, file)).messageId).toMatch(/pakai https/);
    expect(refusal(() => chooseConnection({ ...NO_SWITCHES, serverUrl: 'https://a.example', local: true }, undefined, file)).messageId).toBe('Pilih salah satu: --server-url atau --local/--forget-server.');
    expect(refusal(() => chooseConnection(NO_SWITCHES, 'ftp://a.example', file)).messageEn).toMatch(/must start with https/);
    expect(fs.existsSync(file)).toBe(false);
  });

  it('names the settings file when what is saved there is damaged or no longer accepted, and --forget-server repairs it', () => {
    const file = settingsFile();
    fs.writeFileSync(file, '{"serverUrl": 42');
    const damaged = refusal(() => chooseConnection(NO_SWITCHES, undefined, file));
    expect(damaged.messageId).toContain(`Berkas pengaturan ${file} rusak`);
    expect(damaged.messageEn).toContain('--forget-server');

    fs.writeFileSync(file, JSON.stringify({ serverUrl: 'http://asuhan.dinkes.example/' }));
    const saved = refusal(() => chooseConnection(NO_SWITCHES, undefined, file));
    expect(saved.messageId).toContain('pakai https://');
    expect(saved.messageId).toContain(`tersimpan di ${file}`);

    fs.writeFileSync(file, 'not json');
    expect(chooseConnection({ ...NO_SWITCHES, forgetServer: true }, undefined, file)).toEqual({ kind: 'local' });
    expect(readDesktopSettings(file)).toEqual({});
    expect(fs.readdirSync(path.dirname(file))).toEqual([path.basename(file)]);
  });
});
