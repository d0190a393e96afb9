// Password hashing behind one small interface, so callers never see the algorithm: argon2id
// (@node-rs/argon2, prebuilt for Windows and Linux, no compiler needed) at OWASP's recommended
// cost. The stored text is the PHC string (`$argon2id$v=19$m=19456,t=2,p=1$salt$hash`), which
// names its own cost, so hashes made at an older cost keep verifying after a change.
import crypto from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

export interface PasswordCost {
  /** Memory in KiB. */
  memoryKiB: number;
  /** Passes over the memory (argon2's t). */
  passes: number;
}

/** OWASP Password Storage Cheat Sheet: argon2id, m = 19 MiB, t = 2, p = 1. */
export const DEFAULT_COST: PasswordCost = { memoryKiB: 19_456, passes: 2 };
// A tampered row must not make the server spend minutes or gigabytes on one sign-in.
const MAX_MEMORY_KIB = 262_144;
const MAX_PASSES = 10;

export async function hashPassword(password: string, cost: PasswordCost = DEFAULT_COST): Promise<string> {
  // The package's default algorithm is argon2id (its const enum cannot be named under verbatimModuleSyntax).
  return hash(password.normalize('NFC'), { memoryCost: cost.memoryKiB, timeCost: cost.passes, parallelism: 1 });
}

function withinLimits(stored: string): boolean {
  const match = /^\$argon2id\$v=19\$m=(\d{1,7}),t=(\d{1,2}),p=(\d{1,2})\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+$/.exec(stored);
  if (!match) return false;
  const [memory, passes, lanes] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return memory >= 8 && memory <= MAX_MEMORY_KIB && passes >= 1 && passes <= MAX_PASSES && lanes >= 1 && lanes <= 4;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  if (!withinLimits(stored)) return false;
  try {
    return await verify(stored, password.normalize('NFC'));
  } catch {
    return false; // a malformed hash matches no password
  }
}

/** A hash no password matches, verified for unknown logins so they take as long as known ones. */
let decoy: Promise<string> | undefined;
export function decoyHash(): Promise<string> {
  decoy ??= hashPassword(crypto.randomBytes(24).toString('base64url'));
  return decoy;
}
