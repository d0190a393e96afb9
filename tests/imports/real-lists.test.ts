// Lists as a new district's coordinator has them: everyday words for specialties, names with or
// without prefixes and with typos, note rows, several districts in one file, phones mangled by
// Excel. A made-up WITA district (tests/fixtures/district.ts).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../fixtures/temp-db';
import { setUpDistrict } from '../fixtures/district';
import { b64, csv, preview, xlsx } from './helpers';

let t: TestDb;
beforeEach(async () => {
  t = await createTestDb();
  await setUpDistrict(t.api);
});
afterEach(async () => {
  await t.close();
});

const hospital = (name: string) => t.api.client['hospitals:create']({ name });
const puskesmas = (name: string, code: string | null = null) => t.api.client['puskesmas:create']({ name, code });
const commit = (kind: Parameters<typeof preview>[1], file: Buffer, extra: { acceptSuggestions?: boolean; onlyValidRows?: boolean } = {}) =>
  t.api.client['imports:commit']({ kind, fileName: 'daftar.csv', base64: b64(file), ...extra });

describe('specialties', () => {
  it('are recognised by code, name, title and the words coordinators use', async () => {
    const words = {
      obgyn: ['obgyn', 'Obstetri dan Ginekologi', 'Kandungan', 'Obgyn', 'OBSGIN', 'Sp.OG', 'Sp.OG(K)', 'Sp. OG', 'Spesialis Obstetri dan Ginekologi', 'Kebidanan dan Kandungan'],
      pediatric: ['pediatric', 'Anak', 'Sp.A', 'Sp.A(K)', 'Pediatri', 'Spesialis Anak'],
    };
    const rows = Object.values(words).flat().map((word, i) => `dr. Dokter ${i};${word}`);
    const result = await preview(t.api, 'specialists', 'dokter.csv', csv(['Nama;Spesialisasi', ...rows]));
    expect(result.issues).toEqual([]);
    await commit('specialists', csv(['Nama;Spesialisasi', ...rows]));
    const specialties = await t.api.client['specialties:list']({});
    const codeOf = new Map(specialties.map((s) => [s.id, s.code]));
    const imported = await t.api.client['specialists:list']({});
    const byName = new Map(imported.map((s) => [s.name, codeOf.get(s.specialtyId)]));
    Object.entries(words).forEach(([code, list]) => list.forEach((word) => expect(byName.get(`dr. Dokter ${Object.values(words).flat().indexOf(word)}`), word).toBe(code)));
  });

  it('added as data, list their own aliases, which imports then recognise', async () => {
    const created = await t.api.client['specialties:create']({ code: 'cardiology', name: 'Jantung dan Pembuluh Darah', title: 'Sp.JP', aliases: ['Jantung', 'Kardiologi', 'Sp.JP(K)'] });
    expect(created.aliases).toEqual(['Jantung', 'Kardiologi', 'Sp.JP(K)']);
    const file = csv(['Nama;Spesialisasi', 'dr. Jantung Satu;Kardiologi', 'dr. Jantung Dua;Sp.JP(K)', 'dr. Jantung Tiga;jantung']);
    expect((await commit('specialists', file)).created).toBe(3);
    const list = await t.api.client['specialists:list']({});
    expect(list.filter((s) => s.specialtyId === created.id)).toHaveLength(3);
  });
});

describe('names', () => {
  it('ignore case, punctuation and the usual prefixes (Puskesmas, PKM, UPT/UPTD Puskesmas, RSUD, RSIA, RS)', async () => {
    await hospital('RSUD Kenari Sehat');
    const malin = await puskesmas('Puskesmas Lawa Deman');
    const utara = await puskesmas('Puskesmas Kenari Utara');
    const specialists = csv(['Nama;Spesialisasi;Rumah sakit', 'dr. Satu;obgyn;rsud kenari-sehat', 'dr. Dua;anak;Kenari Sehat']);
    expect((await commit('specialists', specialists)).created).toBe(2);
    const adoptions = csv(['Dokter;Puskesmas', 'dr. Satu;PKM Lawa Deman', 'dr. Dua;UPTD Puskesmas Kenari Utara', 'dr. Dua;upt. puskesmas lawa deman']);
    const result = await preview(t.api, 'adoptions', 'adopsi.csv', adoptions);
    expect(result.issues).toEqual([]);
    await commit('adoptions', adoptions);
    const list = await t.api.client['adoptions:list']({});
    expect(list.map((a) => a.puskesmasId).sort()).toEqual([malin.id, utara.id, malin.id].sort());
    // A puskesmas list that writes the prefix differently updates, never duplicates or renames.
    const again = await commit('puskesmas', csv(['Nama Puskesmas;Kecamatan', 'PKM Lawa Deman;Lawa', 'UPTD Puskesmas Kenari Utara;Kenari']));
    expect(again).toMatchObject({ created: 0, updated: 2 });
    expect((await t.api.client['puskesmas:get']({ id: malin.id })).name).toBe('Puskesmas Lawa Deman');
  });

  it('not found get the closest existing name as a suggestion, which the preview can accept', async () => {
    const barra = await hospital('RSIA Al-Marrah');
    await hospital('RSUD Kenari Sehat');
    const file = csv(['Nama;Spesialisasi;Rumah sakit', 'dr. Tiga;obgyn;RSIA Almarah', 'dr. Empat;obgyn;RS Jauh Sekali Berbeda']);
    const result = await preview(t.api, 'specialists', 'dokter.csv', file);
    const message = result.issues.find((i) => i.row === 2)!;
    expect(message.message).toBe('Rumah sakit: RSIA Almarah tidak ditemukan; maksud Anda RSIA Al-Marrah?');
    expect(message.messageEn).toBe('Hospital: RSIA Almarah not found; did you mean RSIA Al-Marrah?');
    expect(result.issues.find((i) => i.row === 3)!.message).toBe('Rumah sakit: Rumah sakit "RS Jauh Sekali Berbeda" tidak ditemukan');
    expect(result.suggestions).toBe(1);
    const refused = await t.api.invoke('imports:commit', { kind: 'specialists', fileName: 'd.csv', base64: b64(file) });
    expect(refused.ok).toBe(false);
    expect(await t.api.client['specialists:list']({})).toHaveLength(0);

    const accepted = await t.api.client['imports:preview']({ kind: 'specialists', fileName: 'd.csv', base64: b64(file), acceptSuggestions: true });
    expect(accepted.issues.map((i) => i.row)).toEqual([3]);
    expect(accepted.rowWarnings[0]).toMatchObject({ row: 2, message: 'Rumah sakit: "RSIA Almarah" dibaca sebagai RSIA Al-Marrah (saran diterima)' });
    const done = await commit('specialists', file, { acceptSuggestions: true, onlyValidRows: true });
    expect(done).toMatchObject({ created: 1, skipped: 1 });
    expect((await t.api.client['specialists:list']({}))[0]).toMatchObject({ name: 'dr. Tiga', hospitalId: barra.id });
  });

  it('close to an existing record are flagged before a twin is created, and accepting updates that record', async () => {
    const existing = await puskesmas('Puskesmas Kenari Hilir');
    const file = csv(['Nama;Kecamatan', 'Puskesmas Kenari Hilr;Hilir']);
    const result = await preview(t.api, 'puskesmas', 'p.csv', file);
    expect(result.counts.create).toBe(1);
    expect(result.rowWarnings[0]!.message).toMatch(/maksud Anda Puskesmas Kenari Hilir yang sudah ada\?/);
    expect(await commit('puskesmas', file, { acceptSuggestions: true })).toMatchObject({ created: 0, updated: 1 });
    const after = await t.api.client['puskesmas:get']({ id: existing.id });
    expect(after).toMatchObject({ name: 'Puskesmas Kenari Hilir', kecamatan: 'Hilir' });
  });
});

describe('note rows', () => {
  it('(parentheses only, "not found", "tidak ada", no key field) are warnings, never records', async () => {
    const file = csv([
      'No;Nama Puskesmas;Kecamatan;Alamat',
      '1;Puskesmas Kenari Utara;Kenari;Jl. Satu',
      '2;(17th puskesmas - name not found);;',
      '3;Tidak ada;;',
      '4;-;Sagu;',
      ';;;Keterangan: data per Desember',
      '6;Puskesmas Kenari Selatan;Kenari;Jl. Dua',
    ]);
    const result = await preview(t.api, 'puskesmas', 'p.csv', file);
    expect(result.issues).toEqual([]);
    expect(result.totalRows).toBe(2);
    expect(result.skipped.notes).toBe(4);
    expect(result.warnings.map((w) => w.message)).toContain('Baris 3 dilewati: catatan, bukan data ("2 · (17th puskesmas - name not found)").');
    await commit('puskesmas', file);
    expect((await t.api.client['puskesmas:list']({ includeInactive: true })).map((p) => p.name)).toEqual(['Puskesmas Kenari Selatan', 'Puskesmas Kenari Utara']);
  });
});

describe('a file of several districts', () => {
  it('imports only this district’s rows and counts the others in the preview', async () => {
    const file = csv([
      'Nama RS;Kelas;Kabupaten/Kota',
      'RSUD Kenari Sehat;C;KAB. LEMBAH KENARI',
      'RS Bakti Kenari;D;Lembah Kenari',
      'RSUD Kota Kenari;B;Kota Lembah Kenari',
      'RSUD Teluk;C;Kabupaten Teluk Jauh',
      'RS Teluk Dua;D;Kab. Teluk Jauh',
    ]);
    const result = await preview(t.api, 'hospitals', 'rs.csv', file);
    expect(result.mapping.district).toBe('Kabupaten/Kota');
    expect(result.totalRows).toBe(2);
    expect(result.skipped.otherDistrict).toBe(3);
    expect(result.skipped.otherDistricts).toEqual([
      { name: 'Kota Lembah Kenari', rows: 1 },
      { name: 'Kabupaten Teluk Jauh', rows: 1 },
      { name: 'Kab. Teluk Jauh', rows: 1 },
    ]);
    expect(result.warnings.at(-1)!.message).toBe('3 baris dari kabupaten/kota lain dilewati: Kota Lembah Kenari (1), Kabupaten Teluk Jauh (1), Kab. Teluk Jauh (1).');
    await commit('hospitals', file);
    expect((await t.api.client['hospitals:list']({})).map((h) => h.name)).toEqual(['RS Bakti Kenari', 'RSUD Kenari Sehat']);
  });

  it('is refused while this district has no name, changing nothing', async () => {
    await t.api.client['settings:update']({ changes: { districtName: '' } });
    const result = await t.api.invoke('imports:preview', { kind: 'hospitals', fileName: 'rs.csv', base64: b64(csv(['Nama;Kabupaten', 'RS Satu;Lembah Kenari'])) });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toMatch(/nama kabupaten\/kota ini belum diisi di Pengaturan/);
  });
});

describe('phones', () => {
  it('that lost their leading 0 in Excel are restored with a warning; wrong lengths are refused', async () => {
    const file = await xlsx([
      ['Nama', 'Spesialisasi', 'No HP'],
      ['dr. Satu', 'obgyn', 81299112345],
      ['dr. Dua', 'obgyn', '+62 812-9911-2346'],
      ['dr. Tiga', 'obgyn', '0812-9911-2347'],
      ['dr. Empat', 'obgyn', '0812 12'],
      ['dr. Lima', 'obgyn', '08129911234567890'],
      ['dr. Enam', 'obgyn', '(0401) 312345'],
    ]);
    const result = await t.api.client['imports:preview']({ kind: 'specialists', fileName: 'hp.xlsx', base64: b64(file) });
    expect(result.rowWarnings).toEqual([
      expect.objectContaining({ row: 2, field: 'phone', message: 'Telepon: nomor 81299112345 ditulis 081299112345 (angka 0 di depan hilang, biasanya karena Excel)' }),
    ]);
    expect(result.issues.map((i) => [i.row, i.field])).toEqual([[5, 'phone'], [6, 'phone']]);
    expect(result.issues[0]!.message).toBe('Telepon: "0812 12" punya 6 angka; nomor HP (08xx) Indonesia 10-13 angka');
    await t.api.client['imports:commit']({ kind: 'specialists', fileName: 'hp.xlsx', base64: b64(file), onlyValidRows: true });
    const phones = (await t.api.client['specialists:list']({})).map((s) => [s.name, s.phone]);
    expect(phones).toEqual([
      ['dr. Dua', '+62 812-9911-2346'],
      ['dr. Enam', '(0401) 312345'],
      ['dr. Satu', '081299112345'],
      ['dr. Tiga', '0812-9911-2347'],
    ]);
  });
});
