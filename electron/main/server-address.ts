// The address of an Asuhan server the desktop window may show instead of its own file. Only
// http(s) and only the server's root: the window is then locked to that one origin. Plain http
// carries passwords unencrypted, so it is taken only for this computer and an office network's
// private addresses (IP literals: a name could resolve anywhere); every other address needs https.
import { BlockList, isIP } from 'node:net';
import { AsuhanError } from '../../src/contract/errors';

export interface ServerAddress {
  /** The page to load: the origin and `/`. */
  url: string;
  origin: string;
  /** Host and port, for the window title and messages. */
  host: string;
}

const EXAMPLE = 'https://asuhan.dinkes.example atau http://192.168.1.10:5174';
const EXAMPLE_EN = 'https://asuhan.dinkes.example or http://192.168.1.10:5174';
const MAX_LENGTH = 500;

const PLAIN_HTTP_ALLOWED = new BlockList();
PLAIN_HTTP_ALLOWED.addSubnet('127.0.0.0', 8, 'ipv4');
PLAIN_HTTP_ALLOWED.addSubnet('10.0.0.0', 8, 'ipv4');
PLAIN_HTTP_ALLOWED.addSubnet('172.16.0.0', 12, 'ipv4');
PLAIN_HTTP_ALLOWED.addSubnet('192.168.0.0', 16, 'ipv4');
PLAIN_HTTP_ALLOWED.addSubnet('169.254.0.0', 16, 'ipv4');
PLAIN_HTTP_ALLOWED.addAddress('::1', 'ipv6');
PLAIN_HTTP_ALLOWED.addSubnet('fc00::', 7, 'ipv6');
PLAIN_HTTP_ALLOWED.addSubnet('fe80::', 10, 'ipv6');

function refuse(messageId: string, messageEn: string): AsuhanError {
  return new AsuhanError('VALIDATION', messageId, messageEn);
}

/** True for localhost, loopback and private-network IP addresses (10/8, 172.16/12, 192.168/16, link-local, fc00::/7). */
export function isLoopbackOrPrivate(hostname: string): boolean {
  const bare = hostname.replace(/^\[(.*)\]$/, '$1');
  if (bare === 'localhost') return true;
  const family = isIP(bare);
  return family !== 0 && PLAIN_HTTP_ALLOWED.check(bare, family === 4 ? 'ipv4' : 'ipv6');
}

/** Checks a server address as typed; throws a bilingual VALIDATION error saying what to write instead. */
export function parseServerAddress(text: string): ServerAddress {
  const typed = text.trim();
  if (typed.length === 0 || typed.length > MAX_LENGTH) {
    throw refuse(`Alamat server kosong atau terlalu panjang. Tulis misalnya ${EXAMPLE}.`, `The server address is empty or too long. Write for example ${EXAMPLE_EN}.`);
  }
  let url: URL;
  try {
    url = new URL(typed);
  } catch {
    throw refuse(`Alamat server "${typed}" tidak bisa dibaca. Tulis lengkap, misalnya ${EXAMPLE}.`, `The server address "${typed}" cannot be read. Write it in full, for example ${EXAMPLE_EN}.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw refuse(`Alamat server harus diawali https:// (atau http:// di jaringan kantor), bukan ${url.protocol}//.`, `The server address must start with https:// (or http:// on an office network), not ${url.protocol}//.`);
  }
  if (url.username || url.password) {
    throw refuse('Alamat server tidak boleh memuat nama pengguna atau kata sandi: masuk di layar login server.', "The server address must not carry a user name or password: sign in on the server's login screen.");
  }
  if (url.pathname !== '/' || url.search || url.hash) {
    throw refuse(`Tulis alamat servernya saja, tanpa path atau ?...: ${url.origin}`, `Write only the server's address, without a path or ?...: ${url.origin}`);
  }
  if (url.protocol === 'http:' && !isLoopbackOrPrivate(url.hostname)) {
    throw refuse(
      `http:// hanya untuk komputer ini atau alamat IP jaringan kantor (10.x, 172.16-31.x, 192.168.x), karena kata sandi terkirim tanpa enkripsi. Untuk ${url.host} pakai https://.`,
      `Plain http:// is only for this computer or an office network IP address (10.x, 172.16-31.x, 192.168.x), because passwords cross unencrypted. For ${url.host} use https://.`,
    );
  }
  return { url: `${url.origin}/`, origin: url.origin, host: url.host };
}
