// The page the window shows when the server cannot be reached or sends the window elsewhere:
// a local data: page (no script, nothing loaded), Indonesian first, naming the address, with two
// links the main process handles: try again (the server's own page) and open the local file instead.
import type { ServerAddress } from './server-address';

/**
 * The "open the local file" link: an address on the server's own origin, so the window's lock
 * lets the click through to `will-navigate`, where the main process takes it (and the server
 * never sees it; if it ever did, it would only serve its start page).
 */
export function openLocalLink(address: ServerAddress): string {
  return `${address.origin}/?asuhan-desktop=open-local`;
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** What went wrong, said after "the server ...": in Indonesian and in English. */
export interface ServerProblem {
  id: string;
  en: string;
}

/** Chromium's error name for a failed load (ERR_CONNECTION_REFUSED, ERR_CERT_AUTHORITY_INVALID, ...). */
export function notAnswering(errorName: string): ServerProblem {
  return { id: `tidak menjawab (${errorName})`, en: `does not answer (${errorName})` };
}

export function redirectedElsewhere(target: string): ServerProblem {
  return { id: `mengalihkan ke alamat lain (${target}), yang tidak dibuka jendela ini`, en: `redirects to another address (${target}), which this window does not open` };
}

export function serverErrorPage(address: ServerAddress, problem: ServerProblem): string {
  const where = escapeHtml(address.url);
  const html = `<!doctype html>
<html lang="id"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>Asuhan: server tidak bisa dihubungi</title>
<style>
body{font:16px/1.5 system-ui,sans-serif;background:#f4f6f8;color:#1b2733;margin:0;display:flex;min-height:100vh;align-items:center;justify-content:center}
main{background:#fff;border-radius:8px;padding:32px 40px;max-width:640px;box-shadow:0 1px 4px #0002}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:24px 0 4px;color:#44525f}
code{background:#eef1f4;padding:1px 4px;border-radius:3px;word-break:break-all}
nav{margin-top:24px;display:flex;gap:12px;flex-wrap:wrap}
a{display:inline-block;padding:8px 16px;border-radius:6px;text-decoration:none;border:1px solid #1f5f99;color:#1f5f99}
a.primary{background:#1f5f99;color:#fff}
</style></head><body><main>
<h1>Server Asuhan tidak bisa dihubungi</h1>
<p>Jendela ini tersambung ke server <code>${where}</code>, tetapi server itu ${escapeHtml(problem.id)}.
Periksa jaringan, alamatnya dan apakah server menyala, lalu coba lagi. File lokal adalah database lain di komputer ini, bukan data server.</p>
<h2 lang="en">The Asuhan server cannot be reached</h2>
<p lang="en">This window is connected to the server <code>${where}</code>, but it ${escapeHtml(problem.en)}.
Check the network, the address and whether the server is running, then try again. The local file is another database on this computer, not the server's data.</p>
<nav><a class="primary" href="${where}">Coba lagi / Try again</a>
<a href="${escapeHtml(openLocalLink(address))}">Buka file lokal / Open the local file</a></nav>
</main></body></html>`;
  return `data:text/html;charset=utf-8,${encodeURIComponent(html)}`;
}
