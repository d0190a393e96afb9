// How the main process starts: `--smoke-test` runs the self-test without a window and exits;
// otherwise the app starts, on the local file or a server (--server-url, --local, --forget-server,
// ASUHAN_SERVER_URL: connection.ts), in test mode (unpackaged builds only, for the Playwright test) with
// its user-data folder, demo data and save dialog set from the environment.
import fs from 'node:fs';
import path from 'node:path';
import type { App, BaseWindow, OpenDialogOptions, SaveDialogOptions } from 'electron';
import { createApi } from '../../src/app/api';
import { createContext } from '../../src/app/context';
import { runSmokeTest, type SmokeResult } from '../../src/app/smoke-test';
import { now } from '../../src/domain/clock';
import { todayIn } from '../../src/domain/dates';
import { seedDemo } from '../../src/seed/demo';
import { readConnectionSwitches } from './connection';
import { databasePathFor, openAppDatabase, startDesktopApp, type AppPaths, type ConnectedApp, type ElectronDeps, type RunningApp } from './desktop-app';

export interface LaunchDeps extends ElectronDeps {
  app: ElectronDeps['app'] & Pick<App, 'setPath' | 'isPackaged'>;
}

export interface TestModeOptions {
  /** ASUHAN_TEST_USER_DATA: the user-data folder instead of the user's own. */
  userData: string | undefined;
  /** ASUHAN_TEST_SAVE_DIR: save dialogs answer at once with this folder. */
  saveDir: string | undefined;
  /** ASUHAN_TEST_DEMO=1: the demo district is seeded into an empty database. */
  demo: boolean;
}

export interface LaunchOptions {
  smokeTest: boolean;
  /** --smoke-report=FILE: the result line is also written there (a GUI build's stdout can get lost). */
  smokeReport: string | undefined;
  /** --smoke-user-data=DIR: run the smoke test in this (new or empty) folder and keep it. */
  smokeUserData: string | undefined;
  /** Only for an unpackaged build with ASUHAN_TEST_MODE=1: an installed app ignores all of it. */
  test: TestModeOptions | null;
}

export interface LaunchIo {
  out(line: string): void;
  err(line: string): void;
}

const STD_IO: LaunchIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

function switchValue(argv: readonly string[], name: string): string | undefined {
  const prefix = `--${name}=`;
  const found = argv.find((arg) => arg.startsWith(prefix));
  return found === undefined || found.length === prefix.length ? undefined : found.slice(prefix.length);
}

export function readLaunchOptions(argv: readonly string[], env: NodeJS.ProcessEnv, isPackaged: boolean): LaunchOptions {
  const testMode = !isPackaged && env.ASUHAN_TEST_MODE === '1';
  return {
    smokeTest: argv.includes('--smoke-test'),
    smokeReport: switchValue(argv, 'smoke-report'),
    smokeUserData: switchValue(argv, 'smoke-user-data'),
    test: testMode ? { userData: env.ASUHAN_TEST_USER_DATA || undefined, saveDir: env.ASUHAN_TEST_SAVE_DIR || undefined, demo: env.ASUHAN_TEST_DEMO === '1' } : null,
  };
}

/** Save dialogs that answer at once with a file of the suggested name in `dir`, folder dialogs with `dir`. */
export function dialogsSavingInto(dir: string, dialog: ElectronDeps['dialog']): ElectronDeps['dialog'] {
  const optionsOf = <T>(first: BaseWindow | T, second: T | undefined): T => (second ?? first) as T;
  return {
    showErrorBox: (title, content) => dialog.showErrorBox(title, content),
    showSaveDialog: async (first: BaseWindow | SaveDialogOptions, second?: SaveDialogOptions) => ({
      canceled: false,
      filePath: path.join(dir, path.basename(optionsOf(first, second).defaultPath ?? 'asuhan-export')),
    }),
    showOpenDialog: async (first: BaseWindow | OpenDialogOptions, second?: OpenDialogOptions) => {
      const options = optionsOf(first, second);
      if (options.properties?.includes('openDirectory')) return { canceled: false, filePaths: [dir] };
      return second ? dialog.showOpenDialog(first as BaseWindow, second) : dialog.showOpenDialog(options);
    },
  };
}

async function seedDemoIfEmpty(file: string): Promise<void> {
  const db = await openAppDatabase(file);
  try {
    const api = createApi(createContext(db));
    if ((await api.client['app:info']()).counts.puskesmas > 0) return;
    const settings = await api.client['settings:get']({});
    await seedDemo(db.kysely, todayIn(settings.timeZone, now()));
  } finally {
    await db.close();
  }
}

async function smokeTest(deps: LaunchDeps, options: LaunchOptions, io: LaunchIo): Promise<SmokeResult> {
  const result = await runSmokeTest({ userDataDir: options.smokeUserData, open: openAppDatabase });
  let code = result.ok ? 0 : 1;
  (result.ok ? io.out : io.err)(result.line);
  if (options.smokeReport) {
    try {
      fs.mkdirSync(path.dirname(path.resolve(options.smokeReport)), { recursive: true });
      fs.writeFileSync(options.smokeReport, `${result.line}\n`);
    } catch (error) {
      io.err(`Cannot write the smoke report ${options.smokeReport}: ${error instanceof Error ? error.message : String(error)}`);
      code = 1;
    }
  }
  deps.app.exit(code);
  return result;
}

export async function launch(deps: LaunchDeps, paths: AppPaths, argv: readonly string[] = process.argv, env: NodeJS.ProcessEnv = process.env, io: LaunchIo = STD_IO): Promise<RunningApp | ConnectedApp | SmokeResult | null> {
  const options = readLaunchOptions(argv, env, deps.app.isPackaged);
  if (options.smokeTest) return smokeTest(deps, options, io);
  let started: LaunchDeps = deps;
  if (options.test) {
    // Before anything reads the folder: the single-instance lock lives there too.
    if (options.test.userData) deps.app.setPath('userData', options.test.userData);
    if (options.test.demo) await seedDemoIfEmpty(databasePathFor(deps.app));
    if (options.test.saveDir) started = { ...deps, dialog: dialogsSavingInto(options.test.saveDir, deps.dialog) };
  }
  return startDesktopApp(started, paths, { switches: readConnectionSwitches(argv), envServerUrl: env.ASUHAN_SERVER_URL || undefined, argv });
}
