import fs from 'node:fs';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IMPORT_KINDS, type ImportKind } from '../../src/contract/imports';
import { ownBackups } from '../../src/db/database-backup';
import { buildTemplate, shippedTemplatePath } from '../../src/imports/templates';
import { parseDate, parseWeekdays } from '../../src/imports/values';
import { weekdayName } from '../../src/domain/format-id';
import { createTestDb, type TestDb } from '../fixtures/temp-db';
import { b64, commit, csv, preview, xlsx } from './helpers';

let t: TestDb;
beforeEach(async () => {
  t = await createTestDb({ demo: true });
});
afterEach(async () => {
  await t.close();
});

const specialistCount = async () => (await t.db.kysely.selectFrom('specialist').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
const backups = async () => (await ownBackups(t.db)).filter((b) => b.file.includes('before-import'));

describe('templates', () => {
  // In the order a new district fills them in, so each template's examples refer to the ones before.
  const ORDER: ImportKind[] = ['hospitals', 'puskesmas', 'specialists', 'adoptions', 'leave', 'holidays'];

  it.each(['csv', 'xlsx'] as const)('every .%s template ships with the app and imports into a new district without errors', async (format) => {
    expect([...ORDER].sort()).toEqual([...IMPORT_KINDS].sort());
    const blank = await createTestDb();
    try {
      for (const kind of ORDER) {
        const file = shippedTemplatePath(kind, format);
        expect(fs.existsSync(file), kind).toBe(true);
        if (format === 'csv') expect(fs.readFileSync(file), kind).toEqual(await buildTemplate(kind, 'csv'));
        const template = await blank.api.client['imports:template']({ kind, format });
        const result = await preview(blank.api, kind, template.fileName, Buffer.from(template.base64, 'base64'));
        expect(result.issues, kind).toEqual([]);
        expect(result.missingRequired, kind).toEqual([]);
        expect(result.validRows, kind).toBeGreaterThan(0);
        // Every field found its column by the header name alone.
        expect(Object.keys(result.mapping).sort(), kind).toEqual(result.fields.map((f) => f.key).sort());
        await blank.api.client['imports:commit']({ kind, fileName: template.fileName, base64: template.base64 });
      }
    } finally {
      await blank.close();
    }
  });
});

describe('round trip', () => {
  it('exports every kind in import format and imports it into an empty district unchanged', async () => {
    const target = await createTestDb();
    try {
      const order: ImportKind[] = ['hospitals', 'puskesmas', 'specialists', 'adoptions', 'leave', 'holidays'];
      for (const [i, kind] of order.entries()) {
        const format = i % 2 === 0 ? 'xlsx' : 'csv';
        const exported = await t.api.client['imports:template']({ kind, format, withData: true });
        const result = await target.api.client['imports:commit']({ kind, fileName: exported.fileName, base64: exported.base64 });
        expect(result.skipped, kind).toBe(0);
        // Importing the same file into the source changes nothing.
        const again = await t.api.client['imports:preview']({ kind, fileName: exported.fileName, base64: exported.base64 });
        expect(again.counts, kind).toEqual({ create: 0, update: 0, unchanged: again.totalRows });
      }
      const strip = <T extends { id: number }>(rows: T[]) => rows.map(({ id: _id, ...rest }) => rest);
      const names = async (api: TestDb['api']) => ({
        hospitals: strip(await api.client['hospitals:list']({ includeInactive: true })),
        puskesmas: strip(await api.client['puskesmas:list']({ includeInactive: true })).map(({ openingHours: _o, ...rest }) => rest),
        specialists: (await api.client['specialists:list']({ includeInactive: true })).map((s) => [s.name, s.phone, s.email, s.maxVisitsPerMonth, s.usualWeekdays, s.preferredWeekdays, s.notes, s.active]),
        adoptions: (await api.client['adoptions:list']({})).length,
        leave: (await api.client['unavailability:list']({})).map((u) => [u.startDate, u.endDate, u.kind, u.reason]),
      });
      expect(await names(target.api)).toEqual(await names(t.api));
      const holidays = async (api: TestDb['api']) => (await api.client['holidays:list']({})).map(({ id: _id, ...rest }) => rest);
      expect(await holidays(target.api)).toEqual(await holidays(t.api));
    } finally {
      await target.close();
    }
  });
});

describe('row errors', () => {
  const header = 'Nama;Spesialisasi;Rumah sakit;Telepon;Email;Hari kunjungan';
  const bad = csv([
    header,
    'dr. Baru Satu, Sp.OG;obgyn;RSUD Blambangan;0812 1111 0001;baru@example.org;Senin-Rabu',
    'dr. Baru Dua, Sp.A;kardiologi;;0812 1111 0002;;Senin',
    ';pediatric;;;;',
    'dr. Baru Tiga, Sp.A;pediatric;RS Tidak Ada;0812 1111 0003;bukan-email;Hari Raya',
    'dr. Baru Satu, Sp.OG;obgyn;;;;',
    '=HYPERLINK("http://x");pediatric;;;;',
  ]);

  it('names row, column and reason in both languages, and writes nothing', async () => {
    const before = await specialistCount();
    const result = await preview(t.api, 'specialists', 'dokter.csv', bad);
    // The row without a name is a note, not a record: a warning, not an error.
    expect(result.totalRows).toBe(5);
    expect(result.skipped.notes).toBe(1);
    expect(result.warnings.map((w) => w.message)).toContain('Baris 4 dilewati: catatan, bukan data ("pediatric").');
    expect(result.validRows).toBe(1);
    const at = (row: number) => result.issues.filter((i) => i.row === row);
    expect(at(3)[0]).toMatchObject({ column: 'Spesialisasi (kolom B)' });
    expect(at(3)[0]!.message).toMatch(/kardiologi.*tidak dikenal/);
    expect(at(3)[0]!.messageEn).toMatch(/not known/);
    expect(at(4)).toEqual([]);
    expect(at(5).map((i) => i.column).sort()).toEqual(['Email (kolom E)', 'Hari kunjungan (kolom F)', 'Rumah sakit (kolom C)']);
    expect(at(6)[0]!.message).toMatch(/sama dengan baris 2/);
    expect(at(7)[0]!.message).toMatch(/rumus/);

    const refused = await commit(t.api, 'specialists', 'dokter.csv', bad);
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.error.code).toBe('IMPORT');
      expect(refused.error.message).toMatch(/4 dari 5 baris tidak valid, jadi tidak ada yang diimpor\. Pertama, baris 3, Spesialisasi \(kolom B\)/);
      expect(refused.error.fields?.length).toBe(result.issues.length);
    }
    expect(await specialistCount()).toBe(before);
    expect(await backups()).toHaveLength(0);
  });

  it('imports only the valid rows when asked, after a backup, in one audited transaction', async () => {
    const before = await specialistCount();
    const done = await commit(t.api, 'specialists', 'dokter.csv', bad, true);
    expect(done.ok).toBe(true);
    if (done.ok) expect(done.data).toMatchObject({ created: 1, updated: 0, skipped: 4 });
    expect(await specialistCount()).toBe(before + 1);
    expect(await backups()).toHaveLength(1);
    const created = await t.db.kysely.selectFrom('specialist').selectAll().where('name', '=', 'dr. Baru Satu, Sp.OG').executeTakeFirstOrThrow();
    expect(JSON.parse(created.usual_weekdays)).toEqual([1, 2, 3]);
    const audit = await t.db.kysely.selectFrom('audit_log').select(['entity', 'action']).where('entity', '=', 'import').execute();
    expect(audit).toEqual([{ entity: 'import', action: 'import' }]);
  });

  it('updates existing records by name and keeps fields whose column is absent', async () => {
    const existing = await t.db.kysely.selectFrom('specialist').selectAll().orderBy('id').executeTakeFirstOrThrow();
    const file = csv(['Nama;HP', `${existing.name.toUpperCase()};0899-0000-111`]);
    const result = await preview(t.api, 'specialists', 'hp.csv', file);
    expect(result.missingRequired.map((f) => f.key)).toEqual(['specialty']);
    // With the specialty column present the row updates the phone alone.
    const full = csv(['Nama;HP;Spesialisasi', `${existing.name.toUpperCase()};0899-0000-111;${existing.specialty_id === 1 ? 'obgyn' : 'pediatric'}`]);
    const done = await t.api.client['imports:commit']({ kind: 'specialists', fileName: 'hp.csv', base64: b64(full) });
    expect(done).toMatchObject({ created: 0, updated: 1 });
    const after = await t.db.kysely.selectFrom('specialist').selectAll().where('id', '=', existing.id).executeTakeFirstOrThrow();
    expect(after.phone).toBe('0899-0000-111');
    expect(after.name).toBe(existing.name);
    expect(after.usual_weekdays).toBe(existing.usual_weekdays);
    expect(after.email).toBe(existing.email);
  });
});

describe('puskesmas', () => {
  it('are recognised by code or by name without the word "Puskesmas", and never renamed by that', async () => {
    const file = csv(['Nama;Kode;Rawat inap', 'Sempu;;ya', 'Nama Baru Dari Kode;P3510020101;tidak']);
    const before = await t.db.kysely.selectFrom('puskesmas').select(['name', 'code']).where('code', '=', 'P3510020101').executeTakeFirstOrThrow();
    const result = await t.api.client['imports:commit']({ kind: 'puskesmas', fileName: 'p.csv', base64: b64(file) });
    expect(result).toMatchObject({ created: 0, skipped: 0 });
    const sempu = await t.db.kysely.selectFrom('puskesmas').selectAll().where('name', '=', 'Puskesmas Sempu').executeTakeFirstOrThrow();
    expect(sempu.inpatient).toBe(1);
    // Matched by its code, the second row renames that puskesmas, as the file says.
    const byCode = await t.db.kysely.selectFrom('puskesmas').select('name').where('code', '=', before.code).executeTakeFirstOrThrow();
    expect(byCode.name).toBe('Nama Baru Dari Kode');
  });
});

describe('column mapping', () => {
  it('suggests fields from Indonesian and English headers and honours an explicit mapping', async () => {
    const file = csv(['Nama Dokter;Specialty;No HP;E-mail;Kolom Lain', 'dr. Map Satu, Sp.OG;Sp.OG;0812 3456 7890;map@example.org;x']);
    const result = await preview(t.api, 'specialists', 'map.csv', file);
    expect(result.mapping).toMatchObject({ name: 'Nama Dokter', specialty: 'Specialty', phone: 'No HP', email: 'E-mail' });
    expect(result.unmappedHeaders).toEqual(['Kolom Lain']);
    expect(result.validRows).toBe(1);

    const explicit = await preview(t.api, 'specialists', 'map.csv', file, { name: 'Kolom Lain', specialty: 'Specialty' });
    expect(explicit.sample[0]!.values.name).toBe('x');
    const wrong = await t.api.invoke('imports:preview', { kind: 'specialists', fileName: 'map.csv', base64: b64(file), mapping: { name: 'Tidak Ada' } });
    expect(wrong.ok).toBe(false);
    if (!wrong.ok) expect(wrong.error.message).toMatch(/Kolom "Tidak Ada" tidak ada di berkas/);
  });
});

describe('sheets as offices keep them', () => {
  it('finds the header below a title and counts rows as Excel does', async () => {
    const file = await xlsx([
      ['DAFTAR CUTI DOKTER SPESIALIS KABUPATEN BANYUWANGI'],
      [],
      ['Per 1 Maret 2026'],
      ['No', 'Nama Dokter', 'Dari', 'Sampai', 'Jenis', 'Keterangan'],
      [1, 'dr. Ayu Kartika Sari, Sp.OG', '2026-03-09', '2026-03-13', 'cuti', 'Umroh'],
      [2, 'dr. Tidak Dikenal', '2026-03-09', '2026-03-10', 'cuti', ''],
    ]);
    const result = await preview(t.api, 'leave', 'cuti.xlsx', file);
    expect(result.headerRow).toBe(4);
    expect(result.mapping).toMatchObject({ specialist: 'Nama Dokter', startDate: 'Dari', endDate: 'Sampai', kind: 'Jenis', reason: 'Keterangan' });
    expect(result.sample.map((r) => [r.row, r.action])).toEqual([[5, 'create'], [6, 'invalid']]);
    expect(result.issues).toEqual([expect.objectContaining({ row: 6, column: 'Nama Dokter (kolom B)', message: 'Dokter spesialis: Dokter spesialis "dr. Tidak Dikenal" tidak ditemukan' })]);
  });
});

describe('hostile and odd files', () => {
  const holidayLines = ['Tanggal;Nama;Jenis', '2027-12-24;Cuti bersama Natal é;cuti bersama'];

  it('reads UTF-16 (Excel "Unicode text") and Windows-1252 files', async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(holidayLines.join('\r\n').replaceAll(';', '\t'), 'utf16le')]);
    const a = await preview(t.api, 'holidays', 'libur.txt', utf16);
    expect(a.sample[0]!.values.name).toBe('Cuti bersama Natal é');
    expect(a.validRows).toBe(1);
    const latin1 = Buffer.from(holidayLines.join('\r\n'), 'latin1');
    const b = await preview(t.api, 'holidays', 'libur.csv', latin1);
    expect(b.sample[0]!.values.name).toBe('Cuti bersama Natal é');
    expect(b.warnings[0]?.message).toMatch(/Windows-1252/);
  });

  it('takes the computed value of a formula cell in .xlsx, never the formula', async () => {
    const file = await xlsx([
      ['Tanggal', 'Nama', 'Jenis'],
      [new Date(Date.UTC(2027, 11, 24)), { formula: 'CONCAT("Cuti ","bersama")', result: 'Cuti bersama' }, 'cuti bersama'],
      ['2027-12-26', { formula: 'NOW()' }, 'libur'],
    ]);
    const result = await preview(t.api, 'holidays', 'libur.xlsx', file);
    expect(result.sample[0]!.values).toMatchObject({ date: '2027-12-24', name: 'Cuti bersama' });
    expect(result.issues).toEqual([expect.objectContaining({ row: 3, field: 'name', message: 'Nama: wajib diisi' })]);
  });

  it('refuses missing columns, junk, old .xls, damaged .xlsx, oversized files and huge sheets quickly, changing nothing', async () => {
    const before = await specialistCount();
    const cases: [string, Buffer, RegExp][] = [
      ['kolom.csv', csv(['Telepon;Email', '0812;a@b.c']), /Kolom wajib tidak ditemukan di berkas: Nama, Spesialisasi/],
      ['acak.csv', Buffer.from(Array.from({ length: 4000 }, (_, i) => (i * 7919 + 13) % 256)), /bukan tabel CSV atau Excel|Kolom wajib/],
      ['lama.xls', Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512)]), /\.xls\) tidak didukung/],
      ['rusak.xlsx', Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(300, 7)]), /rusak atau tidak bisa dibaca/],
      ['kosong.csv', Buffer.alloc(0), /kosong/],
    ];
    for (const [name, bytes, expected] of cases) {
      const result = await commit(t.api, 'specialists', name, bytes);
      expect(result.ok, name).toBe(false);
      if (!result.ok) expect(result.error.message, name).toMatch(expected);
    }
    const huge = await t.api.invoke('imports:preview', { kind: 'specialists', fileName: 'besar.csv', base64: 'A'.repeat(14_000_001) });
    expect(huge.ok).toBe(false);
    if (!huge.ok) expect(huge.error.message).toMatch(/terlalu besar/);

    const lines = ['Nama;Spesialisasi', ...Array.from({ length: 100_000 }, (_, i) => `dr. Massal ${i}, Sp.A;pediatric`)];
    const started = performance.now();
    const many = await commit(t.api, 'specialists', 'massal.csv', csv(lines));
    const csvMs = performance.now() - started;
    expect(many.ok).toBe(false);
    if (!many.ok) expect(many.error.message).toMatch(/lebih dari 5\.000 baris/);
    expect(csvMs).toBeLessThan(3000);

    // 20,000 rows keep the test quick to build; the reader stops at the limit either way
    // (scripts/bench/exports.ts measures a 100,000-row workbook).
    const manyXlsx = await xlsx([['Nama', 'Spesialisasi'], ...Array.from({ length: 20_000 }, (_, i) => [`dr. Massal ${i}, Sp.A`, 'pediatric'])]);
    const startedXlsx = performance.now();
    const manyX = await commit(t.api, 'specialists', 'massal.xlsx', manyXlsx);
    const xlsxMs = performance.now() - startedXlsx;
    expect(manyX.ok).toBe(false);
    if (!manyX.ok) expect(manyX.error.message).toMatch(/lebih dari 5\.000 baris/);
    expect(xlsxMs).toBeLessThan(5000);
    console.info(`Refused: 100,000-row CSV in ${csvMs.toFixed(0)} ms, 20,000-row XLSX in ${xlsxMs.toFixed(0)} ms`);

    expect(await specialistCount()).toBe(before);
    expect(await backups()).toHaveLength(0);
  });
});

describe('cell readers', () => {
  it('read any set of weekdays written as Indonesian names', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 7 }), fc.constantFrom(', ', ';', ' dan ', ' '), (days, separator) => {
        const parsed = parseWeekdays(days.map((d) => weekdayName(d)).join(separator));
        expect(parsed).toEqual({ ok: true, value: [...days].sort() });
      }),
    );
    expect(parseWeekdays('Senin - Jumat')).toEqual({ ok: true, value: [1, 2, 3, 4, 5] });
  });

  it('read dates as ISO, day/month/year, Indonesian words or an Excel serial, and refuse impossible ones', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true }), (day) => {
        const iso = day.toISOString().slice(0, 10);
        const [y, m, d] = iso.split('-');
        expect(parseDate(iso)).toEqual({ ok: true, value: iso });
        expect(parseDate(`${d}/${m}/${y}`)).toEqual({ ok: true, value: iso });
      }),
    );
    expect(parseDate('Senin, 2 Maret 2026')).toEqual({ ok: true, value: '2026-03-02' });
    expect(parseDate('46083')).toEqual({ ok: true, value: '2026-03-02' });
    expect(parseDate('30/02/2026').ok).toBe(false);
  });
});
