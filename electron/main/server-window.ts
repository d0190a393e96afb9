// The window's life when it shows a server: the server's start page, and the local error page
// instead of a blank window when the server does not answer (again at each failed retry) or
// redirects the window to another origin.
import type { BrowserWindow } from 'electron';
import { isAppUrl } from './security';
import type { ServerAddress } from './server-address';
import { notAnswering, openLocalLink, redirectedElsewhere, serverErrorPage, type ServerProblem } from './server-error-page';

/** net::ERR_ABORTED: a navigation stopped on purpose (a refused one, a new one started), not a failure. */
const ERR_ABORTED = -3;

export function showServer(window: Pick<BrowserWindow, 'loadURL' | 'show' | 'webContents'>, address: ServerAddress, openLocal: () => void): void {
  const contents = window.webContents;
  const showProblem = (problem: ServerProblem) => {
    window.loadURL(serverErrorPage(address, problem)).catch(() => {});
    window.show();
  };
  contents.on('did-fail-load', (_event, code, description, url, isMainFrame) => {
    if (!isMainFrame || code === ERR_ABORTED || !isAppUrl(url, address.url)) return;
    showProblem(notAnswering(description || `error ${code}`));
  });
  contents.on('will-redirect', (_event, url, _isInPlace, isMainFrame) => {
    // hardenWebContents stops it (an http-to-https proxy, a login portal): say so instead of a blank window.
    if (!isMainFrame || isAppUrl(url, address.url)) return;
    setImmediate(() => showProblem(redirectedElsewhere(url)));
  });
  contents.on('will-navigate', (event, url) => {
    // Taken only from the error page: the server's own pages cannot send the window elsewhere.
    if (url !== openLocalLink(address) || !contents.getURL().startsWith('data:')) return;
    event.preventDefault();
    openLocal();
  });
  // A failure is reported through did-fail-load above.
  window.loadURL(address.url).catch(() => {});
}
