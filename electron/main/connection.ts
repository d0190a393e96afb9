// Which database the window shows: the local file, or an Asuhan server's web shell. Chosen at
// start from the switches, the environment and the saved setting, in that order:
//   --server-url=URL   connect to URL, and remember it (desktop-settings.json); also --server-url URL
//   --local            the local file this time; a remembered server stays remembered
//   --forget-server    forget the remembered server, and open the local file
//   ASUHAN_SERVER_URL  connect to it this time, over the remembered one
import { AsuhanError } from '../../src/contract/errors';
import { readDesktopSettings, writeDesktopSettings } from './desktop-settings';
import { parseServerAddress, type ServerAddress } from './server-address';

export interface ConnectionSwitches {
  serverUrl: string | undefined;
  local: boolean;
  forgetServer: boolean;
}

export type Connection = { kind: 'local' } | { kind: 'server'; address: ServerAddress };

const SERVER_URL_PREFIX = '--server-url=';

/** `--server-url=URL` or `--server-url URL` (a bare one at the end is an empty address, refused). */
function serverUrlOf(argv: readonly string[]): string | undefined {
  const joined = argv.find((arg) => arg.startsWith(SERVER_URL_PREFIX));
  if (joined !== undefined) return joined.slice(SERVER_URL_PREFIX.length);
  const bare = argv.indexOf('--server-url');
  return bare === -1 ? undefined : (argv[bare + 1] ?? '');
}

export function readConnectionSwitches(argv: readonly string[]): ConnectionSwitches {
  return { serverUrl: serverUrlOf(argv), local: argv.includes('--local'), forgetServer: argv.includes('--forget-server') };
}

/** The arguments again without the connection switches (to start the app anew with others). */
export function withoutConnectionSwitches(args: readonly string[]): string[] {
  const bare = args.indexOf('--server-url');
  const rest = bare === -1 ? args : [...args.slice(0, bare), ...args.slice(bare + 2)];
  return rest.filter((arg) => !arg.startsWith(SERVER_URL_PREFIX) && arg !== '--local' && arg !== '--forget-server');
}

function fromSettingsFile(file: string, error: unknown): never {
  if (!(error instanceof AsuhanError)) throw error;
  throw new AsuhanError(error.code, `${error.messageId} (Alamat ini tersimpan di ${file}; --forget-server menghapusnya.)`, `${error.messageEn} (This address is saved in ${file}; --forget-server clears it.)`);
}

/**
 * Decides, and saves what the switches ask to save. Throws a bilingual AsuhanError for an address
 * that is not accepted; then nothing is saved.
 */
export function chooseConnection(switches: ConnectionSwitches, envServerUrl: string | undefined, settingsFile: string): Connection {
  if (switches.serverUrl !== undefined && (switches.local || switches.forgetServer)) {
    throw new AsuhanError('VALIDATION', 'Pilih salah satu: --server-url atau --local/--forget-server.', 'Choose one: --server-url or --local/--forget-server.');
  }
  if (switches.forgetServer) {
    writeDesktopSettings(settingsFile, {});
    return { kind: 'local' };
  }
  if (switches.local) return { kind: 'local' };
  if (switches.serverUrl !== undefined) {
    const address = parseServerAddress(switches.serverUrl);
    writeDesktopSettings(settingsFile, { ...safeRead(settingsFile), serverUrl: address.url });
    return { kind: 'server', address };
  }
  if (envServerUrl) return { kind: 'server', address: parseServerAddress(envServerUrl) };
  const saved = readDesktopSettings(settingsFile).serverUrl;
  if (saved === undefined) return { kind: 'local' };
  try {
    return { kind: 'server', address: parseServerAddress(saved) };
  } catch (error) {
    return fromSettingsFile(settingsFile, error);
  }
}

/** The settings to keep beside a new address: a damaged file is replaced. */
function safeRead(file: string) {
  try {
    return readDesktopSettings(file);
  } catch {
    return {};
  }
}
