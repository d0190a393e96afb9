// The web shell: the same API as the Electron preload, over HTTP on 127.0.0.1 only, plus the
// built renderer. POST /api/<method> with a JSON body answers with an ApiResult. Only the user
// who started it can call the API: every call must carry the shell's secret (shell-secret.ts).
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Api } from '../app/api';
import type { ApiResult } from '../contract/index';
import type { ErrorCode } from '../contract/errors';
import { CONTENT_SECURITY_DIRECTIVES } from '../app/content-security-policy';
import { shellSecret, TOKEN_PARAM, type ShellSecret } from './shell-secret';

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
  UNKNOWN_METHOD: 404,
  INTERNAL: 500,
};

export interface WebShellOptions {
  api: Api;
  /** Folder with the built renderer (index.html and assets); missing means API only. */
  staticDir: string;
  port?: number;
  /** The secret; a new random one by default (tests may fix it). */
  token?: string;
}

export interface WebShell {
  server: http.Server;
  port: number;
  /** The address to open, with the secret (`?token=...`), as `asuhan serve` prints it. */
  url: string;
  /** The address without the secret. */
  origin: string;
  token: string;
  close(): Promise<void>;
}

/** Only names that reach this machine; anything else is DNS rebinding or a stray proxy. */
export function isLocalHost(hostHeader: string | undefined, port: number): boolean {
  if (!hostHeader) return false;
  return ['127.0.0.1', 'localhost', '[::1]'].some((name) => hostHeader === `${name}:${port}`);
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

async function handleApi(api: Api, method: string, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  if (req.method !== 'POST') {
    send(res, 405, JSON.stringify(failure('VALIDATION', 'Gunakan POST.', 'Use POST.')), 'application/json; charset=utf-8', { Allow: 'POST' });
    return;
  }
  // A JSON content type cannot be sent by a plain cross-site form, so this also blocks CSRF.
  if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
    send(res, 415, JSON.stringify(failure('VALIDATION', 'Isi permintaan harus JSON.', 'The request body must be JSON.')), 'application/json; charset=utf-8');
    return;
  }
  const body = await readBody(req);
  if (body === null) {
    send(res, 413, JSON.stringify(failure('VALIDATION', 'Permintaan terlalu besar.', 'The request is too large.')), 'application/json; charset=utf-8');
    return;
  }
  let input: unknown;
  try {
    input = body.length === 0 ? undefined : JSON.parse(body);
  } catch {
    sendResult(res, failure('VALIDATION', 'Isi permintaan bukan JSON yang benar.', 'The request body is not valid JSON.'));
    return;
  }
  sendResult(res, await api.invoke(method, input));
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

export function createRequestHandler(options: { api: Api; staticDir: string; port: () => number; secret: () => ShellSecret }) {
  return async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    try {
      if (!isLocalHost(req.headers.host, options.port())) {
        send(res, 421, 'Host tidak diizinkan / Host not allowed', 'text/plain; charset=utf-8');
        return;
      }
      const origin = req.headers.origin;
      if (origin && !isLocalHost(origin.replace(/^http:\/\//, ''), options.port())) {
        send(res, 403, 'Origin tidak diizinkan / Origin not allowed', 'text/plain; charset=utf-8');
        return;
      }
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (url.pathname.startsWith('/api/')) {
        // Before the body is read or anything runs: without the secret there is no API.
        if (!options.secret().accepts(req)) {
          // The body is never read; closing the connection keeps it from being taken for the next request.
          send(res, 401, JSON.stringify(UNAUTHORIZED), 'application/json; charset=utf-8', { Connection: 'close' });
          return;
        }
      } else if (url.searchParams.has(TOKEN_PARAM)) {
        acceptTokenLink(options.secret(), url, res);
        return;
      }
      const apiMatch = /^\/api\/([a-z0-9:-]+)$/i.exec(url.pathname);
      if (apiMatch?.[1]) {
        await handleApi(options.api, apiMatch[1], req, res);
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

/** Starts the web shell on 127.0.0.1 (port 0 picks a free one). */
export function startWebShell(options: WebShellOptions): Promise<WebShell> {
  let port = options.port ?? 0;
  let secret = shellSecret(port, options.token);
  const server = http.createServer(createRequestHandler({ api: options.api, staticDir: options.staticDir, port: () => port, secret: () => secret }));
  server.requestTimeout = 10 * 60_000; // planning a province can take minutes
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      port = (server.address() as AddressInfo).port;
      secret = shellSecret(port, secret.token);
      const origin = `http://127.0.0.1:${port}/`;
      resolve({
        server,
        port,
        url: `${origin}?${TOKEN_PARAM}=${secret.token}`,
        origin,
        token: secret.token,
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
