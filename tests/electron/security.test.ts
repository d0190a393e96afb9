import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, hardenWebContents, isAppUrl, lockDownSession, secureWebPreferences } from '../../electron/main/security';
import { FakeSession, FakeWebContents } from './fakes';

const APP = 'file:///opt/Asuhan/resources/app.asar/dist/renderer/index.html';

describe('window security', () => {
  it('isolates and sandboxes the renderer without Node', () => {
    const prefs = secureWebPreferences('/x/preload.cjs');
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, webviewTag: false, allowRunningInsecureContent: false, preload: '/x/preload.cjs' });
  });

  it('knows the app pages from anything else', () => {
    expect(isAppUrl('file:///opt/Asuhan/resources/app.asar/dist/renderer/index.html#/jadwal', APP)).toBe(true);
    expect(isAppUrl('file:///etc/passwd', APP)).toBe(false);
    expect(isAppUrl('https://example.com/', APP)).toBe(false);
    expect(isAppUrl('http://localhost:5173/#/data', 'http://localhost:5173/')).toBe(true);
    expect(isAppUrl('http://localhost:5174/', 'http://localhost:5173/')).toBe(false);
    expect(isAppUrl('not a url', APP)).toBe(false);
  });

  it('blocks navigation away, redirects, webviews and new windows', () => {
    const contents = new FakeWebContents();
    hardenWebContents(contents as never, APP);
    const prevented: string[] = [];
    const event = (name: string) => ({ preventDefault: () => prevented.push(name) });
    contents.emit('will-navigate', event('remote'), 'https://evil.example/');
    contents.emit('will-navigate', event('own'), `${APP}#/data`);
    contents.emit('will-redirect', event('redirect'), 'http://evil.example/');
    contents.emit('will-attach-webview', event('webview'));
    expect(prevented).toEqual(['remote', 'redirect', 'webview']);
    expect(contents.windowOpenHandler?.({ url: 'https://example.com' })).toEqual({ action: 'deny' });
  });

  it('refuses every permission, sets the CSP and loads nothing remote', () => {
    const session = new FakeSession();
    lockDownSession(session as never, APP);
    const granted: boolean[] = [];
    session.permissionRequest?.(null, 'media', (value) => granted.push(value));
    session.permissionRequest?.(null, 'notifications', (value) => granted.push(value));
    expect(granted).toEqual([false, false]);
    expect(session.permissionCheck?.()).toBe(false);

    let headers: Record<string, string[]> | undefined;
    session.headersListener?.({ responseHeaders: { 'X-Test': ['1'] } }, (response) => (headers = response.responseHeaders));
    expect(headers?.['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');

    const cancelled = (url: string) => {
      let cancel: boolean | undefined;
      session.requestListener?.({ url }, (response) => (cancel = response.cancel));
      return cancel;
    };
    expect(cancelled('https://cdn.example/lib.js')).toBe(true);
    expect(cancelled('http://localhost:5173/src/main.tsx')).toBe(true);
    expect(cancelled(`${APP}`)).toBe(false);
    expect(cancelled('file:///opt/Asuhan/resources/app.asar/dist/renderer/assets/index.js')).toBe(false);
    expect(cancelled('data:image/png;base64,AAAA')).toBe(false);
    // Other files on the disk are not the app's, even through `..`.
    expect(cancelled('file:///etc/passwd')).toBe(true);
    expect(cancelled('file:///opt/Asuhan/resources/app.asar/dist/renderer/../../../secrets.txt')).toBe(true);
    expect(cancelled('file:///C:/Users/koordinator/AppData/Roaming/Asuhan/asuhan.db')).toBe(true);
  });

  it('allows the dev server only when it is configured', () => {
    const session = new FakeSession();
    lockDownSession(session as never, 'http://localhost:5173/');
    let remote: boolean | undefined;
    session.requestListener?.({ url: 'file:///etc/passwd' }, (response) => (remote = response.cancel));
    expect(remote).toBe(true);
    let cancel: boolean | undefined;
    session.requestListener?.({ url: 'http://localhost:5173/src/main.tsx' }, (response) => (cancel = response.cancel));
    expect(cancel).toBe(false);
  });
});
