// Text typed by the coordinator reaches calendar files, spreadsheets, PDFs and the screens.
// Hostile text (markup, SQL, CSV formulas, iCalendar line breaks and delimiters) must arrive as
// the same text, never as structure: no extra calendar events, no formulas, no markup.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import ICAL from 'ical.js';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { METHOD_NAMES } from '../../src/contract/index';
import { createSqliteTestDb, type SqliteTestDb } from '../fixtures/temp-db';
import { insertVisitBatch } from './rich-data';

const MONTH = '2026-03';
const SPECIALIST = 'dr. <script>alert(1)</script>; DROP TABLE visit; --, "Budi" \\ Sp.OG';
/** Notes may span lines; a line break must not end the calendar property and start a forged event. */
const NOTES = 'Bawa <b>leaflet</b>;\nEND:VEVENT\nBEGIN:VEVENT\nSUMMARY:palsu\r\nDTSTART:20260301T000000Z, selesai';
const FORMULAS = ['=HYPERLINK("http://evil.example";"klik")', '+cmd|\' /C calc\'!A0', '-2+3', '@SUM(1+1)'];
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

const has = (method: string) => (METHOD_NAMES as string[]).includes(method);
let t: SqliteTestDb;
let specialistId: number;
let visitsOfSpecialist: number;

beforeAll(async () => {
  t = await createSqliteTestDb({ demo: true });
  const primaries = t.db.sqlite.prepare("SELECT specialist_id AS s, puskesmas_id AS p FROM adoption WHERE role = 'primary' ORDER BY id").all() as { s: number; p: number }[];
  specialistId = primaries[0]!.s;
  await t.api.client['specialists:update']({ id: specialistId, changes: { name: SPECIALIST } });
  for (const [i, name] of FORMULAS.entries()) await t.api.client['puskesmas:update']({ id: primaries[i]!.p, changes: { name: `${name} ${i}` } });
  insertVisitBatch(t.db.sqlite, MONTH, 'escape');
  t.db.sqlite.prepare("UPDATE visit SET notes = ? WHERE uid LIKE 'escape-%'").run(NOTES);
  visitsOfSpecialist = (t.db.sqlite.prepare("SELECT count(*) AS n FROM visit WHERE specialist_id = ? AND date LIKE '2026-03-%'").get(specialistId) as { n: number }).n;
});
afterAll(() => t.close());

const bytesOf = (file: { base64: string }) => Buffer.from(file.base64, 'base64');

describe('hostile text stays text', () => {
  it('is stored as given (the schema allows it; escaping is the writers\' job), but names stay on one line', async () => {
    expect((await t.api.client['specialists:get']({ id: specialistId })).name).toBe(SPECIALIST);
    const multiLine = await t.api.invoke('specialists:update', { id: specialistId, changes: { name: 'dr. A\nEND:VCALENDAR' } });
    expect(multiLine).toMatchObject({ ok: false, error: { code: 'VALIDATION', messageEn: expect.stringMatching(/single line/) } });
    expect(t.db.sqlite.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'visit'").get()).toEqual({ n: 1 });
  });

  it('calendar files: escaped per RFC 5545, folded, and parse back to the same text with no extra events', async () => {
    if (!has('exports:ics')) return;
    const result = (await t.api.invoke('exports:ics', { month: MONTH, specialistId })) as { ok: true; data: { files: { base64: string; fileName: string }[] } };
    expect(result.ok).toBe(true);
    const [file] = result.data.files;
    const text = bytesOf(file!).toString('utf8');
    // Every line is a property, a component boundary or a folded continuation; none longer than 75 octets.
    for (const line of text.split('\r\n').filter((l) => l.length > 0)) {
      expect(line, line).toMatch(/^([A-Z][A-Z0-9-]*[;:]| )/);
      expect(Buffer.byteLength(line, 'utf8'), line).toBeLessThanOrEqual(75);
    }
    expect(text).not.toMatch(/[^\r]\n/); // bare line feeds would split a value into new properties
    expect(text).not.toMatch(/\r\n(SUMMARY:palsu|DTSTART:20260301T000000Z)/);
    const calendar = new ICAL.Component(ICAL.parse(text));
    // ical.js hands back unknown X- properties raw: undo RFC 5545 TEXT escaping by hand.
    const unescapeText = (value: string) => value.replace(/\\([\\;,nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
    expect(unescapeText(String(calendar.getFirstPropertyValue('x-wr-calname')))).toContain(SPECIALIST);
    expect(unescapeText(String(calendar.getFirstPropertyValue('name')))).toContain(SPECIALIST);
    const events = calendar.getAllSubcomponents('vevent');
    expect(events).toHaveLength(visitsOfSpecialist);
    const fields = events.flatMap((e: ICAL.Component) => ['summary', 'description', 'location'].map((p) => String(e.getFirstPropertyValue(p) ?? '')));
    expect(fields.some((value) => value.includes(SPECIALIST))).toBe(true);
    expect(fields.some((value) => value.includes(NOTES.replace(/\r\n/g, '\n')))).toBe(true);
    expect(fileNameIsSafe(file!.fileName)).toBe(true);
  });

  it('CSV and Excel: cells that would start a formula are made inert', async () => {
    if (!has('exports:csv')) return;
    const csv = (await t.api.invoke('exports:csv', { month: MONTH, kind: 'roster' })) as { ok: true; data: { base64: string } };
    expect(csv.ok).toBe(true);
    const rows = Papa.parse<string[]>(bytesOf(csv.data).toString('utf8').replace(/^\uFEFF/, ''), { delimiter: ';' }).data;
    const cells = rows.flat();
    for (const formula of FORMULAS) expect(cells.some((c) => c.includes(formula)), formula).toBe(true);
    expect(cells.filter((c) => /^[=+\-@\t\r]/.test(c))).toEqual([]);
    expect(cells.some((c) => c.includes(SPECIALIST))).toBe(true);

    if (!has('exports:xlsx')) return;
    const xlsx = (await t.api.invoke('exports:xlsx', { month: MONTH, kind: 'roster' })) as { ok: true; data: { base64: string } };
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytesOf(xlsx.data) as unknown as ArrayBuffer);
    const values: ExcelJS.Cell[] = [];
    workbook.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => values.push(cell))));
    expect(values.filter((c) => c.type === ExcelJS.ValueType.Formula)).toEqual([]);
    for (const formula of FORMULAS) expect(values.some((c) => String(c.value).includes(formula)), formula).toBe(true);
  });

  it('PDF: the text is drawn as text and the file stays well-formed', async () => {
    if (!has('exports:pdf')) return;
    const pdf = (await t.api.invoke('exports:pdf', { month: MONTH, layout: 'per-specialist' })) as { ok: true; data: { base64: string } };
    expect(pdf.ok).toBe(true);
    const file = path.join(t.dir, 'roster.pdf');
    fs.writeFileSync(file, bytesOf(pdf.data));
    expect(execFileSync('pdfinfo', [file]).toString()).toMatch(/Pages:\s+\d+/);
    const text = execFileSync('pdftotext', ['-layout', file, '-']).toString().replace(/\s+/g, ' ');
    expect(text).toContain('<script>alert(1)</script>');
    expect(text).toContain('DROP TABLE visit');
  });

  it('the renderer never writes HTML from data', () => {
    const sources = listFiles(path.join(ROOT, 'renderer')).filter((f) => /\.(tsx?|jsx?)$/.test(f) && !f.includes('node_modules'));
    if (sources.length === 0) return;
    const offenders = sources.filter((f) => /dangerouslySetInnerHTML|\.innerHTML\s*=|\.outerHTML\s*=|insertAdjacentHTML|document\.write\(/.test(fs.readFileSync(f, 'utf8')));
    expect(offenders).toEqual([]);
  });
});

function fileNameIsSafe(name: string): boolean {
  return !/[\\/:*?"<>|\u0000-\u001f]/.test(name) && !name.startsWith('.');
}

function listFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.name === 'node_modules' || entry.name === 'dist') return [];
    return entry.isDirectory() ? listFiles(full) : [full];
  });
}
