// Secrets handed out by the server (session cookies, calendar feed links) are long random tokens;
// the database keeps only their SHA-256, so a copied database or backup opens no session or feed.
import crypto from 'node:crypto';

/** 256 random bits, URL-safe. */
export function newToken(): string {
  return crypto.randomBytes(32).toString('base64url');
}

export function tokenHash(token: string): string {
  return crypto.createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Only what newToken makes: anything else is not looked up at all. */
export function looksLikeToken(value: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(value);
}
