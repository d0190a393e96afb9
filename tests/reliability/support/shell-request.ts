// Raw HTTP to a web shell as its own user's browser would call it: the path and headers go out
// exactly as written (no URL normalising), with the shell's secret cookie unless told otherwise.
import http from 'node:http';
import type { WebShell } from '../../../src/server/web-shell';

export interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface RawRequest {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
  /** Send the secret cookie (default true). */
  withSecret?: boolean;
}

export function secretCookie(shell: WebShell): string {
  return `asuhan-${shell.port}=${shell.token}`;
}

export function rawRequest(shell: WebShell, options: RawRequest): Promise<Reply> {
  const headers: Record<string, string> = { Host: `127.0.0.1:${shell.port}`, ...(options.withSecret === false ? {} : { Cookie: secretCookie(shell) }), ...options.headers };
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: shell.port, method: options.method ?? 'GET', path: options.path, headers, setHost: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

/** A JSON POST with the secret. */
export function shellRequest(shell: WebShell, method: string, path: string, body: string, headers: Record<string, string> = {}): Promise<Reply> {
  return rawRequest(shell, { method, path, body, headers: { 'Content-Type': 'application/json', ...headers } });
}
