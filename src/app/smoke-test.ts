// The packaged app's self-test (`Asuhan --smoke-test`), runnable under plain Node too: in a
// fresh user-data folder it opens the database (loading the native SQLite module), migrates,
// seeds the demo district, plans next month, writes the PDF roster, the calendars and the Excel
// file, reads them back from disk and checks them. The result is one line; nothing is shown.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { migrations } from '../../migrations/index';
import { appliedMigrations, openDatabase, type SqliteDb } from '../db/connect';
import { addMonths, firstDayOfMonth, lastDayOfMonth, todayIn } from '../domain/dates';
import { writeExportFiles } from '../exports/export-file';
import { seedDemo } from '../seed/demo';
import { createApi } from './api';
import { createContext } from './context';
import { DB_FILE_NAME } from './paths';

export const SMOKE_OK = 'ASUHAN SMOKE OK';
export const SMOKE_FAILED = 'ASUHAN SMOKE FAILED';

/** A folder name like a Windows user's: a space, an apostrophe and a non-ASCII letter. */
export const SMOKE_FOLDER_PREFIX = "asuhan-smoke Siti Nur'aini Ç-";

export type SmokeStep = 'folder' | 'open' | 'migrate' | 'seed' | 'plan' | 'export' | 'check';

export interface SmokeOptions {
  /** The user-data folder (created when missing, kept afterwards); by default a fresh one in the temp folder, removed afterwards. */
  userDataDir?: string;
  /** Opens the database as the app does (the Electron main passes its own opener). */
  open?: (file: string) => Promise<SqliteDb>;
  now?: () => Date;
}

export interface SmokeResult {
  ok: boolean;
  /** The one line to print: `ASUHAN SMOKE OK ...` or `ASUHAN SMOKE FAILED at <step>: <reason>`. */
  line: string;
  failedStep?: SmokeStep;
  month?: string;
  visits?: number;
}

class StepFailure extends Error {
  constructor(
    readonly step: SmokeStep,
    message: string,
  ) {
    super(message);
  }
}

function check(step: SmokeStep, condition: boolean, message: string): void {
  if (!condition) throw new StepFailure(step, message);
}

async function step<T>(name: SmokeStep, run: () => Promise<T> | T): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof StepFailure) throw error;
    throw new StepFailure(name, error instanceof Error ? error.message : String(error));
  }
}

/** Pages of a PDF file, from its page objects; throws when it is not a whole PDF. */
export function checkPdf(bytes: Buffer): number {
  check('check', bytes.subarray(0, 5).toString('latin1') === '%PDF-', 'the PDF does not start with %PDF-');
  check('check', bytes.subarray(-1024).toString('latin1').includes('%%EOF'), 'the PDF has no %%EOF trailer (cut short?)');
  const pages = bytes.toString('latin1').match(/\/Type\s*\/Page(?!s)/g)?.length ?? 0;
  check('check', pages > 0, 'the PDF has no pages');
  return pages;
}

/** Events in one calendar file; throws unless every line ends with CRLF and the calendar is whole. */
export function checkIcs(text: string, name: string): number {
  check('check', text.startsWith('BEGIN:VCALENDAR\r\n'), `${name} does not start with BEGIN:VCALENDAR`);
  check('check', text.endsWith('END:VCALENDAR\r\n') || text.endsWith('END:VCALENDAR'), `${name} does not end with END:VCALENDAR`);
  check('check', !/(^|[^\r])\n/.test(text), `${name} has a line ending without CR (RFC 5545 wants CRLF)`);
  const begins = text.match(/^BEGIN:VEVENT\r$/gm)?.length ?? 0;
  const ends = text.match(/^END:VEVENT\r$/gm)?.length ?? 0;
  check('check', begins === ends, `${name} has ${begins} BEGIN:VEVENT but ${ends} END:VEVENT`);
  return begins;
}

/** Data rows on the first sheet of a workbook, read back with a real reader. */
export async function checkXlsx(bytes: Buffer): Promise<number> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (error) {
    throw new StepFailure('check', `the Excel file cannot be read (${error instanceof Error ? error.message : String(error)})`);
  }
  const sheet = workbook.worksheets[0];
  check('check', sheet !== undefined, 'the Excel file has no sheet');
  return Math.max(0, (sheet?.actualRowCount ?? 0) - 1);
}

export async function runSmokeTest(options: SmokeOptions = {}): Promise<SmokeResult> {
  const started = Date.now();
  const now = options.now ?? (() => new Date());
  const open = options.open ?? ((file: string) => openDatabase(file, { create: true }));
  let ownFolder: string | undefined;
  let db: SqliteDb | undefined;
  try {
    const dir = await step('folder', () => {
      if (options.userDataDir === undefined) return (ownFolder = fs.mkdtempSync(path.join(os.tmpdir(), SMOKE_FOLDER_PREFIX)));
      fs.mkdirSync(options.userDataDir, { recursive: true });
      return options.userDataDir;
    });
    const dbFile = path.join(dir, DB_FILE_NAME);
    check('folder', !fs.existsSync(dbFile), `${dbFile} already exists: the smoke test needs a fresh folder`);

    db = await step('open', () => open(dbFile));
    const opened = db;
    const applied = await step('migrate', () => appliedMigrations(opened.sqlite));
    const known = Object.keys(migrations).sort();
    check('migrate', applied.join() === known.join(), `migrations applied: ${applied.join(', ') || 'none'}; expected ${known.join(', ')}`);

    const ctx = createContext(opened, now);
    const api = createApi(ctx);
    const seeded = await step('seed', async () => {
      const settings = await api.client['settings:get']({});
      return seedDemo(opened.kysely, todayIn(settings.timeZone, now()));
    });
    check('seed', seeded.puskesmas > 0 && seeded.specialists > 0, 'the demo district was not seeded');

    const settings = await api.client['settings:get']({});
    const month = addMonths(todayIn(settings.timeZone, now()).slice(0, 7), 1);
    const plan = await step('plan', async () => {
      const preview = await api.client['plans:run']({ month, mode: 'replan' });
      await api.client['plans:apply']({ planId: preview.planId });
      return preview;
    });
    const visits = (await api.client['visits:list']({ from: firstDayOfMonth(month), to: lastDayOfMonth(month) })).length;
    check('plan', visits > 0, `the plan for ${month} saved no visits`);

    const written = await step('export', async () => {
      const pdf = await api.client['exports:pdf']({ month, layout: 'by-date' });
      const ics = await api.client['exports:ics']({ month, onlyChanges: false });
      const xlsx = await api.client['exports:xlsx']({ month, kind: 'roster' });
      return writeExportFiles(path.join(dir, 'ekspor'), [pdf, ...ics.files, xlsx]);
    });

    const pdfFiles = written.filter((file) => file.endsWith('.pdf'));
    const icsFiles = written.filter((file) => file.endsWith('.ics'));
    const xlsxFiles = written.filter((file) => file.endsWith('.xlsx'));
    check('export', pdfFiles.length === 1 && icsFiles.length > 0 && xlsxFiles.length === 1, `unexpected files written: ${written.map((f) => path.basename(f)).join(', ')}`);
    const pages = checkPdf(fs.readFileSync(pdfFiles[0]!));
    const events = icsFiles.map((file) => checkIcs(fs.readFileSync(file, 'utf8'), path.basename(file)));
    // One calendar per specialist plus one for the whole district: each visit is in two files.
    const perSpecialist = events.reduce((sum, n) => sum + n, 0) - Math.max(...events);
    check('check', Math.max(...events) === visits && perSpecialist === visits, `calendars hold ${events.join('+')} events for ${visits} visits`);
    const rows = await step('check', () => checkXlsx(fs.readFileSync(xlsxFiles[0]!)));
    check('check', rows === visits, `the Excel roster has ${rows} rows for ${visits} visits`);

    const runtime = process.versions.electron ? `Electron ${process.versions.electron}` : `Node ${process.versions.node}`;
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    const line = [
      SMOKE_OK,
      `${runtime} (ABI ${process.versions.modules}), SQLite ${String(opened.sqlite.prepare('SELECT sqlite_version() AS v').pluck().get())}`,
      `${applied.length} migrations`,
      `demo ${seeded.puskesmas} puskesmas, ${seeded.specialists} specialists`,
      `plan ${month}: ${visits} visits (${plan.solverStatus})`,
      `PDF ${pages} pages, ${icsFiles.length} calendars, Excel ${rows} rows`,
      `${seconds} s`,
    ].join(' · ');
    return { ok: true, line, month, visits };
  } catch (error) {
    const failure = error instanceof StepFailure ? error : new StepFailure('check', error instanceof Error ? error.message : String(error));
    return { ok: false, line: `${SMOKE_FAILED} at ${failure.step}: ${failure.message.replace(/\s+/g, ' ')}`, failedStep: failure.step };
  } finally {
    await db?.close();
    if (ownFolder) fs.rmSync(ownFolder, { recursive: true, force: true });
  }
}
