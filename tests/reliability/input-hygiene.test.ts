// Issue 13, point 8: names that look like what they are. Right-to-left overrides and zero-width
// characters can make one name look like another on a printed roster; lone surrogates would be
// stored as U+FFFD without a word; patient names must not reach any printed free text. Every
// method gets the rule (it is checked before any schema), the web shell included; imports strip
// the invisible characters with a warning.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebShell, type WebShell } from '../../src/server/web-shell';
import { createSqliteTestDb, type SqliteTestDb } from '../fixtures/temp-db';
import { contentDigest } from './db-digest';
import { insertVisitBatch } from './rich-data';
import { shellRequest } from './support/shell-request';

let t: SqliteTestDb;
let shell: WebShell;
let specialistId: number;
let visitId: number;

beforeAll(async () => {
  t = await createSqliteTestDb({ demo: true });
  shell = await startWebShell({ api: t.api, staticDir: t.dir, port: 0 });
  specialistId = (t.db.sqlite.prepare('SELECT id FROM specialist ORDER BY id LIMIT 1').get() as { id: number }).id;
  insertVisitBatch(t.db.sqlite, '2026-02', 'hygiene', 1);
  visitId = (t.db.sqlite.prepare("SELECT id FROM visit WHERE date <= '2026-02-18' ORDER BY date DESC LIMIT 1").get() as { id: number }).id;
});
afterAll(async () => {
  await shell.close();
  await t.close();
});

/** The look-alikes of "dr. Sari, Sp.OG" a hostile or careless paste produces. */
const LOOK_ALIKES: [string, string][] = [
  ['right-to-left override', 'dr. \u202eGO.pS ,iraS'],
  ['left-to-right embedding', 'dr. \u202aSari, Sp.OG'],
  ['first-strong isolate', 'dr. Sari\u2068, Sp.OG'],
  ['zero-width space', 'dr. Sa\u200bri, Sp.OG'],
  ['zero-width joiner', 'dr. Sa\u200dri, Sp.OG'],
  ['right-to-left mark', 'dr. Sari\u200f, Sp.OG'],
  ['byte-order mark inside', 'dr. Sa\ufeffri, Sp.OG'],
  ['soft hyphen', 'dr. Sa\u00adri, Sp.OG'],
  ['tag character', 'dr. Sari\u{e0041}, Sp.OG'],
];

describe('names that look like what they are', () => {
  it.each(LOOK_ALIKES)('refuses a name with a %s, naming the character, and writes nothing', async (_what, name) => {
    const before = contentDigest(t.db.sqlite);
    const result = await t.api.invoke('specialists:update', { id: specialistId, changes: { name } });
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringMatching(/^Data tidak valid\. Nama: berisi karakter tak terlihat atau pembalik arah teks \(U\+[0-9A-F]{4,5}\)/), messageEn: expect.stringMatching(/invisible or text-direction character/) } });
    expect(contentDigest(t.db.sqlite)).toBe(before);
  });

  it('refuses lone surrogates instead of storing U+FFFD, in the API and over HTTP', async () => {
    const before = contentDigest(t.db.sqlite);
    for (const name of ['dr. Sari \ud800', 'dr. \udc00Sari', 'dr. Sari \udbff\ud800']) {
      const result = await t.api.invoke('specialists:update', { id: specialistId, changes: { name } });
      expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION', messageEn: expect.stringMatching(/lone surrogate/) } });
    }
    // JSON escapes reach the server as lone surrogates after JSON.parse.
    const reply = await shellRequest(shell, 'POST', '/api/specialists:update', `{"id":${specialistId},"changes":{"name":"dr. \\ud83d Sari"}}`);
    expect(reply.status).toBe(422);
    expect(JSON.parse(reply.body)).toMatchObject({ ok: false, error: { message: expect.stringMatching(/surrogate tunggal/) } });
    expect(contentDigest(t.db.sqlite)).toBe(before);
    // A whole pair (an emoji) is fine.
    expect(await t.api.invoke('specialists:update', { id: specialistId, changes: { name: 'dr. Sari 😀, Sp.OG' } })).toMatchObject({ ok: true });
  });

  it('applies the rule to fields outside the shared text schema: settings printed on the letterhead, import mappings', async () => {
    const before = contentDigest(t.db.sqlite);
    const settings = await t.api.invoke('settings:update', { changes: { officeName: 'Dinas Kesehatan \u202eKabupaten' } });
    expect(settings).toMatchObject({ ok: false, error: { code: 'VALIDATION', fields: [{ path: 'changes.officeName', message: expect.stringMatching(/^Nama kantor: .*U\+202E/) }] } });
    const mapping = await t.api.invoke('imports:preview', { kind: 'hospitals', fileName: 'rs.csv', base64: Buffer.from('Nama\nRS A\n').toString('base64'), mapping: { name: 'Na\u200bma' } });
    expect(mapping).toMatchObject({ ok: false, error: { code: 'VALIDATION', fields: [{ path: 'mapping.name' }] } });
    expect(contentDigest(t.db.sqlite)).toBe(before);
  });

  it('imports strip invisible characters from cells, with a warning that counts them', async () => {
    const csv = 'Nama;Jenis;Kota\nRS Sa\u200bri;RSUD;Genteng\nRS \u202eBaru;RSIA;Rogojampi\nRS Biasa;RS;Muncar\n';
    const preview = await t.api.client['imports:preview']({ kind: 'hospitals', fileName: 'rs.csv', base64: Buffer.from(csv).toString('base64') });
    expect(preview.warnings.map((w) => w.message)).toContain('2 sel berisi karakter tak terlihat atau pembalik arah teks; karakter itu dihapus. Periksa nama di pratinjau.');
    expect(preview.invalidRows).toBe(0);
    const result = await t.api.client['imports:commit']({ kind: 'hospitals', fileName: 'rs.csv', base64: Buffer.from(csv).toString('base64'), mapping: preview.mapping, onlyValidRows: false });
    expect(result.created).toBeGreaterThanOrEqual(2);
    const names = (t.db.sqlite.prepare("SELECT name FROM hospital WHERE name IN ('RS Sari', 'RS Baru')").all() as { name: string }[]).map((r) => r.name).sort();
    expect(names).toEqual(['RS Baru', 'RS Sari']);
  });
});

describe('no patient names in free text that is printed or exported', () => {
  const PATIENT = 'Ny. Sari datang dengan perdarahan';

  it('refuses a patient name in a leave reason, specialist and puskesmas notes, and writes nothing', async () => {
    const before = contentDigest(t.db.sqlite);
    const puskesmasId = (t.db.sqlite.prepare('SELECT id FROM puskesmas ORDER BY id LIMIT 1').get() as { id: number }).id;
    const attempts = [
      t.api.invoke('unavailability:create', { specialistId, startDate: '2026-04-01', endDate: '2026-04-02', reason: `Menunggui ${PATIENT}` }),
      t.api.invoke('specialists:update', { id: specialistId, changes: { notes: `Pasien: Tn. Budi` } }),
      t.api.invoke('puskesmas:update', { id: puskesmasId, changes: { notes: 'nama pasien: Dewi' } }),
    ];
    for (const result of await Promise.all(attempts)) {
      expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringMatching(/nama pasien/), messageEn: expect.stringMatching(/patient name/) } });
    }
    expect(contentDigest(t.db.sqlite)).toBe(before);
  });

  it('refuses a patient name in a cancellation reason, visit notes, a follow-up action and a closing note', async () => {
    const visit = visitId;
    const before = contentDigest(t.db.sqlite);
    const attempts = [
      { visitId: visit, outcome: 'cancelled', reason: `Dokter menangani ${PATIENT}` },
      { visitId: visit, outcome: 'cancelled', reason: 'Banjir', notes: 'By. Ny. Ani dirujuk' },
      { visitId: visit, outcome: 'cancelled', reason: 'Banjir', followups: [{ action: 'Kunjungi rumah Tn. Hadi', owner: 'Bidan desa', dueDate: '2026-03-01' }] },
    ];
    for (const input of attempts) {
      const result = await t.api.invoke('visit-log:save', input);
      expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION', messageEn: expect.stringMatching(/patient name/) } });
    }
    const close = await t.api.invoke('followups:close', { id: 1, note: 'Sdr. Joko sudah sembuh' });
    expect(close).toMatchObject({ ok: false, error: { code: 'VALIDATION', messageEn: expect.stringMatching(/patient name/) } });
    expect(contentDigest(t.db.sqlite)).toBe(before);
    // Without a name, the same reason is accepted.
    expect(await t.api.invoke('visit-log:save', { visitId: visit, outcome: 'cancelled', reason: 'Dokter menangani perdarahan pascapersalinan' })).toMatchObject({ ok: true });
  });
});
