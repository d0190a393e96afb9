// The web shell: the same API as the Electron preload, over HTTP on 127.0.0.1 (or, with accounts
// only, on an address of the office network: `--host`), plus the built renderer. POST /api/<method> with a JSON body answers with an ApiResult. Without
// accounts only the user who started it can call the API: every call must carry the shell's
// secret (shell-secret.ts). With accounts (issue 15) every call must carry a signed-in session
// (POST /auth/login) and runs as that user, whose role the dispatcher checks. Calendar feeds,
// GET /feeds/<token>.ics, need no session: the long random token is their secret.
import fs from 'node:fs';
import http from 'node:http';
import { isIP, type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Api } from '../app/api';
import { LOCAL_CALLER, type Caller } from '../app/caller';
import { CONTENT_SECURITY_DIRECTIVES } from '../app/content-security-policy';
import type { SessionInfo } from '../contract/accounts';
import { toErrorPayload, type ErrorCode } from '../contract/errors';
import type { ApiResult } from '../contract/index';
import { SESSION_HOURS, type ShellAccounts } from './accounts';
import { DISTRICT_HEADER, type DistrictRouter } from './district-router';
import { FEED_PATH } from './feeds';
import { cookieValue, shellSecret, TOKEN_PARAM, type ShellSecret } from './shell-secret';

export const MAX_BODY_BYTES = 32 * 1024 * 1024; // imports carry whole spreadsheets as base64

/** The app's policy, and no page may frame the shell (clickjacking). */
export const CONTENT_SECURITY_POLICY = [...CONTENT_SECURITY_DIRECTIVES, "frame-ancestors 'none'"].join('; ');

const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
};

const MIME_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
};

const STATUS_BY_CODE: Partial<Record<ErrorCode, number>> = {
  VALIDATION: 422,
  IMPORT: 422,
  RULE: 409,
  CONFLICT: 409,
  EMPTY: 409,
  NOT_FOUND: 404,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  UNKNOWN_METHOD: 404,
  INTERNAL: 500,
};

export interface WebShellOptions {
  api: Api;
  /** Folder with the built renderer (index.html and assets); missing means API only. */
  staticDir: string;
  port?: number;
  /** The address to listen on; 127.0.0.1 by default. Anything but loopback needs `accounts`. */
  host?: string;
  /** The secret; a new random one by default (tests may fix it). */
  token?: string;
  /** Sign-in required: every API call runs as a signed-in user (the secret is then not used). */
  accounts?: ShellAccounts;
  /** Calendar feeds by token: the .ics text, or null for an unknown or revoked token. */
  feeds?: (token: string) => Promise<string | null>;
  /** Several districts: each call runs in the one its X-Asuhan-District header names (else `api`). */
  router?: DistrictRouter;
}

export interface WebShell {
  server: http.Server;
  port: number;
  /** The address to open, with the secret (`?token=...`), as `asuhan serve` prints it. */
  url: string;
  /** The address without the secret. */
  origin: string;
  token: string;
  /** Every address other computers can open (empty when listening on loopback only). */
  networkUrls: string[];
  /** True when sign-in is required (then `url` carries no secret). */
  accounts: boolean;
  close(): Promise<void>;
}

/** Only names that reach this machine; anything else is DNS rebinding or a stray proxy. */
export function isLocalHost(hostHeader: string | undefined, port: number): boolean {
  if (!hostHeader) return false;
  return ['127.0.0.1', 'localhost', '[::1]'].some((name) => hostHeader === `${name}:${port}`);
}

/** The single-PC mode's only addresses. */
export function isLoopbackAddress(host: string): boolean {
  return host === '127.0.0.1' || host === '::1';
}

/** Host and Origin checks: on loopback only this computer's names; on a network address any name, but the Origin must be the page's own. */
function hostAllowed(req: http.IncomingMessage, port: number, network: boolean): boolean {
  if (!network) {
    if (!isLocalHost(req.headers.host, port)) return false;
    const origin = req.headers.origin;
    return !origin || isLocalHost(origin.replace(/^http:\/\//, ''), port);
  }
  // Reached by whatever name or address the office uses; a session cookie only ever goes back to
  // the name it came from, so a rebinding name has no session. A page of another site is refused.
  const host = req.headers.host;
  if (!host) return false;
  const origin = req.headers.origin;
  // Behind a TLS proxy (https://host forwarded to this port with its Host kept) the page's origin is https.
  return !origin || origin === `http://${host}` || origin === `https://${host}` || isLocalHost(origin.replace(/^http:\/\//, ''), port);
}

function urlHost(address: string): string {
  return isIP(address) === 6 ? `[${address}]` : address;
}

/** The addresses to print for a shell bound to `host`: the host itself, or every interface's for 0.0.0.0 / ::. */
function networkAddresses(host: string): string[] {
  if (isLoopbackAddress(host)) return [];
  if (host !== '0.0.0.0' && host !== '::') return [host];
  const all = Object.values(os.networkInterfaces()).flatMap((list) => list ?? []);
  return all.filter((a) => !a.internal && (host === '::' || a.family === 'IPv4') && !a.address.startsWith('fe80:')).map((a) => a.address);
}

function send(res: http.ServerResponse, status: number, body: string | Buffer, contentType: string, extra: Record<string, string> = {}): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': contentType, 'Cache-Control': 'no-store', ...extra });
  res.end(body);
}

function sendResult(res: http.ServerResponse, result: ApiResult<unknown>): void {
  const status = result.ok ? 200 : (STATUS_BY_CODE[result.error.code] ?? 400);
  send(res, status, JSON.stringify(result), 'application/json; charset=utf-8');
}

function failure(code: ErrorCode, message: string, messageEn: string): ApiResult<unknown> {
  return { ok: false, error: { code, message, messageEn } };
}

function readBody(req: http.IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > MAX_BODY_BYTES) {
      resolve(null);
      req.resume();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(tooLarge ? null : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

const NO_INPUT = Symbol('no input');

/** A POST with a JSON body, parsed; on anything else the answer is sent and NO_INPUT returned. */
async function readJsonPost(req: http.IncomingMessage, res: http.ServerResponse): Promise<unknown> {
  if (req.method !== 'POST') {
    send(res, 405, JSON.stringify(failure('VALIDATION', 'Gunakan POST.', 'Use POST.')), 'application/json; charset=utf-8', { Allow: 'POST' });
    return NO_INPUT;
  }
  // A JSON content type cannot be sent by a plain cross-site form, so this also blocks CSRF.
  if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
    send(res, 415, JSON.stringify(failure('VALIDATION', 'Isi permintaan harus JSON.', 'The request body must be JSON.')), 'application/json; charset=utf-8');
    return NO_INPUT;
  }
  const body = await readBody(req);
  if (body === null) {
    send(res, 413, JSON.stringify(failure('VALIDATION', 'Permintaan terlalu besar.', 'The request is too large.')), 'application/json; charset=utf-8');
    return NO_INPUT;
  }
  try {
    return body.length === 0 ? undefined : JSON.parse(body);
  } catch {
    sendResult(res, failure('VALIDATION', 'Isi permintaan bukan JSON yang benar.', 'The request body is not valid JSON.'));
    return NO_INPUT;
  }
}

async function handleApi(api: Api, router: DistrictRouter | undefined, method: string, req: http.IncomingMessage, res: http.ServerResponse, caller: Caller | undefined): Promise<void> {
  const input = await readJsonPost(req, res);
  if (input === NO_INPUT) return;
  if (!router) {
    sendResult(res, await api.invoke(method, input, caller));
    return;
  }
  const header = req.headers[DISTRICT_HEADER];
  let districtApi: Api;
  try {
    districtApi = await router.apiFor(method, caller ?? LOCAL_CALLER, Array.isArray(header) ? header[0] : header);
  } catch (error) {
    sendResult(res, { ok: false, error: toErrorPayload(error) });
    return;
  }
  sendResult(res, await districtApi.invoke(method, input, caller));
}

function serveStatic(staticDir: string, urlPath: string, res: http.ServerResponse): void {
  const root = path.resolve(staticDir);
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    send(res, 400, 'Bad request', 'text/plain; charset=utf-8'); // malformed %-escape
    return;
  }
  let file = path.resolve(root, `.${decoded}`);
  if (file !== root && !file.startsWith(root + path.sep)) {
    send(res, 403, 'Forbidden', 'text/plain; charset=utf-8');
    return;
  }
  // The renderer is a single page: unknown paths without an extension get index.html.
  if (!fs.existsSync(file) || fs.statSync(file).isDirectory()) {
    if (path.extname(decoded)) {
      send(res, 404, 'Not found', 'text/plain; charset=utf-8');
      return;
    }
    file = path.join(root, 'index.html');
  }
  if (!fs.existsSync(file)) {
    send(res, 503, 'Tampilan belum dibangun: jalankan "npm run build:renderer". / The renderer is not built: run "npm run build:renderer".', 'text/plain; charset=utf-8');
    return;
  }
  const type = MIME_TYPES[path.extname(file)] ?? 'application/octet-stream';
  const cache: Record<string, string> = file.includes(`${path.sep}assets${path.sep}`) ? { 'Cache-Control': 'public, max-age=31536000, immutable' } : {};
  send(res, 200, fs.readFileSync(file), type, cache);
}

const UNAUTHORIZED = failure(
  'UNAUTHORIZED',
  'Tidak diizinkan: buka alamat lengkap yang dicetak oleh "asuhan serve" (dengan ?token=...).',
  'Not allowed: open the full address printed by "asuhan serve" (with ?token=...).',
);

const NOT_SIGNED_IN = failure('UNAUTHORIZED', 'Belum masuk, atau sesi sudah berakhir: masuk lagi dengan nama pengguna dan kata sandi.', 'Not signed in, or the session has ended: sign in again with your login name and password.');

const SESSION_MAX_AGE_SECONDS = SESSION_HOURS * 3600;

function sessionCookieName(port: number): string {
  return `asuhan-session-${port}`;
}

function sessionCookie(port: number, token: string, maxAge: number): string {
  return `${sessionCookieName(port)}=${token}; HttpOnly; SameSite=Strict; Path=/; Max-Age=${maxAge}`;
}

/** The session token the request carries (cookie, or `Authorization: Bearer` for scripts). */
function sessionTokenOf(req: http.IncomingMessage, port: number): string | undefined {
  const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
  return cookieValue(req.headers.cookie, sessionCookieName(port)) ?? bearer;
}

function publicUser(caller: Caller): NonNullable<SessionInfo['user']> {
  return { login: caller.login, displayName: caller.displayName, role: caller.role, specialistId: caller.specialistId };
}

/** /auth/session, /auth/login and /auth/logout. */
async function handleAuth(action: string, accounts: ShellAccounts | undefined, secret: ShellSecret, port: number, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const json = 'application/json; charset=utf-8';
  if (action === 'session') {
    let info: SessionInfo;
    if (accounts) {
      const token = sessionTokenOf(req, port);
      const caller = token ? await accounts.session(token) : null;
      info = { accountsRequired: true, user: caller ? publicUser(caller) : null };
    } else {
      info = { accountsRequired: false, user: secret.accepts(req) ? publicUser(LOCAL_CALLER) : null };
    }
    sendResult(res, { ok: true, data: info });
    return;
  }
  if (!accounts || (action !== 'login' && action !== 'logout')) {
    send(res, 404, JSON.stringify(failure('UNKNOWN_METHOD', 'Tidak ada akun di server ini.', 'This server has no accounts.')), json);
    return;
  }
  const input = await readJsonPost(req, res);
  if (input === NO_INPUT) return;
  if (action === 'logout') {
    const token = sessionTokenOf(req, port);
    if (token) await accounts.signOut(token);
    send(res, 200, JSON.stringify({ ok: true, data: { signedOut: true } }), json, { 'Set-Cookie': sessionCookie(port, '', 0) });
    return;
  }
  const fields = (input ?? {}) as { login?: unknown; password?: unknown };
  if (typeof fields.login !== 'string' || typeof fields.password !== 'string' || fields.login.length > 64 || fields.password.length > 256 || !fields.login || !fields.password) {
    sendResult(res, failure('VALIDATION', 'Isi nama pengguna dan kata sandi.', 'Enter your login name and password.'));
    return;
  }
  const outcome = await accounts.signIn(fields.login, fields.password);
  if (!outcome.ok) {
    sendResult(res, { ok: false, error: outcome.error.toPayload() });
    return;
  }
  send(res, 200, JSON.stringify({ ok: true, data: { user: publicUser(outcome.caller) } }), json, { 'Set-Cookie': sessionCookie(port, outcome.token, SESSION_MAX_AGE_SECONDS) + (req.headers['x-forwarded-proto'] === 'https' ? '; Secure' : '') });
}

async function handleFeed(feeds: WebShellOptions['feeds'], token: string, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    send(res, 405, 'Method not allowed', 'text/plain; charset=utf-8', { Allow: 'GET, HEAD' });
    return;
  }
  const text = feeds ? await feeds(token) : null;
  if (text === null) {
    send(res, 404, 'Tautan kalender tidak dikenal atau sudah dicabut. / Unknown or revoked calendar link.', 'text/plain; charset=utf-8');
    return;
  }
  // The token is in the URL: no referrer leaves with it (SECURITY_HEADERS), and no cache keeps it.
  send(res, 200, text, 'text/calendar; charset=utf-8', { 'Content-Disposition': 'inline; filename="asuhan.ics"' });
}

/**
 * The link with the secret: a valid one stores it in the cookie and redirects to the same page
 * without it (so it does not stay in the address bar or history); a wrong one is refused.
 */
function acceptTokenLink(secret: ShellSecret, url: URL, res: http.ServerResponse): void {
  if (!secret.matches(url.searchParams.get(TOKEN_PARAM))) {
    send(res, 401, 'Tautan tidak berlaku: buka alamat yang dicetak oleh "asuhan serve". / Invalid link: open the address printed by "asuhan serve".', 'text/plain; charset=utf-8');
    return;
  }
  url.searchParams.delete(TOKEN_PARAM);
  const rest = url.searchParams.toString();
  send(res, 303, '', 'text/plain; charset=utf-8', { Location: `${url.pathname}${rest ? `?${rest}` : ''}`, 'Set-Cookie': secret.cookie() });
}

export function createRequestHandler(options: {
  api: Api;
  staticDir: string;
  port: () => number;
  /** True when listening beyond loopback (then only with accounts). */
  network?: boolean;
  secret: () => ShellSecret;
  accounts?: ShellAccounts | undefined;
  feeds?: WebShellOptions['feeds'];
  router?: DistrictRouter | undefined;
}) {
  return async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    try {
      // With accounts, a TLS reverse proxy in front of a loopback server (X-Forwarded-Proto: https,
      // the office's name kept as Host) is answered as on a network address: any name, and an
      // Origin that must be the page's own. A rebinding page over plain http cannot pass that check.
      const proxiedTls = options.accounts !== undefined && req.headers['x-forwarded-proto'] === 'https';
      const network = (options.network === true || proxiedTls) && options.accounts !== undefined;
      if (!network && !isLocalHost(req.headers.host, options.port())) {
        send(res, 421, 'Host tidak diizinkan / Host not allowed', 'text/plain; charset=utf-8');
        return;
      }
      if (!hostAllowed(req, options.port(), network)) {
        send(res, 403, 'Origin tidak diizinkan / Origin not allowed', 'text/plain; charset=utf-8');
        return;
      }
      // Joined, not resolved: a path such as "//" would otherwise be read as another host and throw.
      const url = new URL(`http://127.0.0.1${req.url?.startsWith('/') ? req.url : '/'}`);
      const feedMatch = FEED_PATH.exec(url.pathname);
      if (feedMatch?.[1]) {
        await handleFeed(options.feeds, feedMatch[1], req, res);
        return;
      }
      const authMatch = /^\/auth\/([a-z]+)$/.exec(url.pathname);
      if (authMatch?.[1]) {
        await handleAuth(authMatch[1], options.accounts, options.secret(), options.port(), req, res);
        return;
      }
      let caller: Caller | undefined;
      if (url.pathname.startsWith('/api/') && options.accounts) {
        // Before the body is read or anything runs: without a session there is no API.
        const token = sessionTokenOf(req, options.port());
        const signedIn = token ? await options.accounts.session(token) : null;
        if (!signedIn) {
          send(res, 401, JSON.stringify(NOT_SIGNED_IN), 'application/json; charset=utf-8', { Connection: 'close' });
          return;
        }
        caller = signedIn;
      } else if (url.pathname.startsWith('/api/')) {
        // Before the body is read or anything runs: without the secret there is no API.
        if (!options.secret().accepts(req)) {
          // The body is never read; closing the connection keeps it from being taken for the next request.
          send(res, 401, JSON.stringify(UNAUTHORIZED), 'application/json; charset=utf-8', { Connection: 'close' });
          return;
        }
      } else if (url.searchParams.has(TOKEN_PARAM) && !options.accounts) {
        acceptTokenLink(options.secret(), url, res);
        return;
      }
      const apiMatch = /^\/api\/([a-z0-9:-]+)$/i.exec(url.pathname);
      if (apiMatch?.[1]) {
        await handleApi(options.api, options.router, apiMatch[1], req, res, caller);
        return;
      }
      if (url.pathname.startsWith('/api/')) {
        sendResult(res, failure('UNKNOWN_METHOD', 'Perintah API tidak dikenal.', 'Unknown API method.'));
        return;
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        send(res, 405, 'Method not allowed', 'text/plain; charset=utf-8', { Allow: 'GET, HEAD' });
        return;
      }
      serveStatic(options.staticDir, url.pathname, res);
    } catch {
      if (!res.headersSent) send(res, 500, 'Internal error', 'text/plain; charset=utf-8');
      else res.end();
    }
  };
}

/** Starts the web shell on 127.0.0.1, or on `host` with accounts (port 0 picks a free one). */
export function startWebShell(options: WebShellOptions): Promise<WebShell> {
  const host = options.host ?? '127.0.0.1';
  const network = !isLoopbackAddress(host);
  // The secret link is for the one person at this PC; on a network everyone must sign in.
  if (network && !options.accounts) return Promise.reject(new Error(`web shell: listening on ${host} needs accounts`));
  let port = options.port ?? 0;
  let secret = shellSecret(port, options.token);
  const server = http.createServer(
    createRequestHandler({ api: options.api, staticDir: options.staticDir, port: () => port, network, secret: () => secret, accounts: options.accounts, feeds: options.feeds, router: options.router }),
  );
  server.requestTimeout = 10 * 60_000; // planning a province can take minutes
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      port = (server.address() as AddressInfo).port;
      secret = shellSecret(port, secret.token);
      // On every interface, this computer still reaches it on 127.0.0.1.
      const origin = host === '0.0.0.0' || host === '::' ? `http://127.0.0.1:${port}/` : `http://${urlHost(host)}:${port}/`;
      resolve({
        server,
        port,
        url: options.accounts ? origin : `${origin}?${TOKEN_PARAM}=${secret.token}`,
        origin,
        token: secret.token,
        networkUrls: networkAddresses(host).map((address) => `http://${urlHost(address)}:${port}/`),
        accounts: options.accounts !== undefined,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}

/** dist/renderer beside src/ (the Vite build output). */
export const DEFAULT_STATIC_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist', 'renderer');
