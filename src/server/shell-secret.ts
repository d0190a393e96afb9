// The web shell's secret: made when the shell starts, handed to its user once in the URL that
// `asuhan serve` prints (as Jupyter does), then kept by the browser in an HttpOnly,
// SameSite=Strict cookie. Another local process, another user of the PC or a page on another
// site does not have it, so it cannot call the API. With accounts (issue 15) a signed-in session
// replaces it (web-shell.ts); this stays the single-PC mode.
import crypto from 'node:crypto';
import { newToken } from './tokens';
import type http from 'node:http';

export const TOKEN_PARAM = 'token';

export interface ShellSecret {
  readonly token: string;
  /** One cookie per port: cookies ignore ports, and two shells may run side by side. */
  readonly cookieName: string;
  /** True when the request carries the secret (cookie, or `Authorization: Bearer` for scripts). */
  accepts(req: http.IncomingMessage): boolean;
  /** True when `candidate` (e.g. from the URL) is the secret. */
  matches(candidate: string | null | undefined): boolean;
  /** The Set-Cookie header value that keeps the secret in the browser. */
  cookie(): string;
}

export { newToken } from './tokens';

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && crypto.timingSafeEqual(left, right);
}

export function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim();
  }
  return undefined;
}

export function shellSecret(port: number, token: string = newToken()): ShellSecret {
  const cookieName = `asuhan-${port}`;
  const matches = (candidate: string | null | undefined) => typeof candidate === 'string' && candidate.length > 0 && sameText(candidate, token);
  return {
    token,
    cookieName,
    matches,
    accepts(req) {
      const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
      return matches(cookieValue(req.headers.cookie, cookieName)) || matches(bearer);
    },
    cookie: () => `${cookieName}=${token}; HttpOnly; SameSite=Strict; Path=/`,
  };
}
