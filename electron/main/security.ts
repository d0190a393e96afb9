// Locks the window down: isolated, sandboxed renderer without Node, a strict CSP, no remote
// content, no navigation away from the app, no new windows, every permission refused.
import type { Session, WebContents, WebPreferences } from 'electron';
import { CONTENT_SECURITY_DIRECTIVES } from '../../src/app/content-security-policy';

/** The renderer is one local bundle: nothing may load from anywhere else. */
export const CONTENT_SECURITY_POLICY = CONTENT_SECURITY_DIRECTIVES.join('; ');

export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
  };
}

/** True for the app's own pages: the bundled renderer folder (or the dev server in development). */
export function isAppUrl(url: string, appBaseUrl: string): boolean {
  try {
    const target = new URL(url);
    const base = new URL(appBaseUrl);
    if (base.protocol === 'file:') return target.protocol === 'file:' && target.pathname.startsWith(base.pathname.replace(/[^/]*$/, ''));
    return target.origin === base.origin;
  } catch {
    return false;
  }
}

export function hardenWebContents(contents: Pick<WebContents, 'on' | 'setWindowOpenHandler'>, appBaseUrl: string): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url, appBaseUrl)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url, appBaseUrl)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/**
 * Only the app's own files load: `appBaseUrl` is the bundled renderer (file:) or, in development,
 * Vite's dev server; any other file on the disk, and anything remote, is refused.
 */
export function lockDownSession(session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'webRequest'>, appBaseUrl: string): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
  session.webRequest.onBeforeRequest((details, callback) => {
    const allowed = /^(data|blob|devtools):/.test(details.url) || isAppUrl(details.url, appBaseUrl);
    callback({ cancel: !allowed });
  });
}
