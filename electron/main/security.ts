// Locks the window down: isolated, sandboxed renderer without Node, a strict CSP, nothing from
// outside the app's one origin (the bundled files, or the server it was pointed at), no
// navigation away from it, no new windows, every permission refused.
import type { Session, WebContents, WebPreferences } from 'electron';
import { CONTENT_SECURITY_DIRECTIVES } from '../../src/app/content-security-policy';

/** The renderer is one local bundle: nothing may load from anywhere else. */
export const CONTENT_SECURITY_POLICY = CONTENT_SECURITY_DIRECTIVES.join('; ');

/** Without a preload path (a server's page) the page gets no bridge at all. */
export function secureWebPreferences(preloadPath?: string): WebPreferences {
  return {
    ...(preloadPath === undefined ? {} : { preload: preloadPath }),
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

/** True for the app's own pages: the bundled renderer folder, the dev server in development, or the server's origin. */
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
 * Only the app's own files load: `appBaseUrl` is the bundled renderer (file:), in development
 * Vite's dev server, or the Asuhan server the window shows; any other file on the disk, and
 * anything from another origin, is refused.
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
