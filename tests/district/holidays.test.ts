// Holidays for any year: the five fixed-date national holidays hold whether or not a year's
// decree is stored, planning a month of a year without its decree says so, and the decree's
// table imports as published. A made-up WITA district.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedNationalHolidays } from '../../src/domain/holidays';
import { problemFromDatabase } from '../../src/scheduler/from-database';
import { setUpDistrict } from '../fixtures/district';
import { createTestDb, type TestDb } from '../fixtures/temp-db';
import { b64, xlsx } from '../imports/helpers';

let t: TestDb;
beforeEach(async () => {
  t = await createTestDb();
  await setUpDistrict(t.api);
});
afterEach(async () => {
  await t.close();
});

const THURSDAYS_AUG_2028 = ['2028-08-03', '2028-08-10', '2028-08-17', '2028-08-24', '2028-08-31'];

/** One puskesmas that needs five visits in August 2028 from a specialist who comes on Thursdays only. */
async function thursdayDistrict(): Promise<void> {
  const obgyn = (await t.api.client['specialties:list']({})).find((s) => s.code === 'obgyn')!;
  const hospital = await t.api.client['hospitals:create']({ name: 'RSUD Kenari Sehat', lat: -4.1, lon: 122.5 });
  const puskesmas = await t.api.client['puskesmas:create']({ name: 'Puskesmas Kenari Utara', lat: -4.12, lon: 122.52 });
  const specialist = await t.api.client['specialists:create']({ name: 'dr. Kamis, Sp.OG', specialtyId: obgyn.id, hospitalId: hospital.id, usualWeekdays: [4], maxVisitsPerMonth: 8 });
  await t.api.client['adoptions:set']({ specialistId: specialist.id, puskesmasId: puskesmas.id, role: 'primary' });
  await t.api.client['requirements:set']({ specialtyId: obgyn.id, puskesmasId: puskesmas.id, visitsPerMonth: 5 });
}

describe('holidays of any year', () => {
  it('include the five fixed-date national holidays of a year whose decree is not stored', async () => {
    const effective = await t.api.client['holidays:effective']({ from: '2028-01-01', to: '2028-12-31' });
    expect(effective.holidays.map((h) => h.date)).toEqual(fixedNationalHolidays(2028).map((h) => h.date));
    expect(effective.holidays.every((h) => h.fixed && h.kind === 'libur')).toBe(true);
    expect(effective.yearsWithoutDecree).toEqual([2028]);
    expect(effective.warnings[0]!.message).toMatch(/^Hari libur 2028 belum lengkap: impor SKB 2028/);
    // A seeded year is complete, and its stored rows are not doubled by the computed ones.
    const seeded = await t.api.client['holidays:effective']({ from: '2026-01-01', to: '2026-12-31' });
    expect(seeded.yearsWithoutDecree).toEqual([]);
    expect(seeded.holidays.filter((h) => h.date === '2026-08-17')).toEqual([expect.objectContaining({ fixed: false })]);
    expect(seeded.holidays.length).toBe(25);
  });

  it('keep the scheduler off 17 August 2028 and the plan warns that the year is incomplete', async () => {
    await thursdayDistrict();
    const problem = await problemFromDatabase(t.db.kysely, ['2028-08']);
    expect(problem.holidays.map((h) => h.date)).toEqual(['2028-08-17']);
    const preview = await t.api.client['plans:run']({ month: '2028-08' });
    const dates = preview.visits.map((v) => v.date).sort();
    expect(dates).toEqual(THURSDAYS_AUG_2028.filter((d) => d !== '2028-08-17'));
    expect(preview.uncovered.filter((u) => u.specialtyName === 'Obstetri dan Ginekologi').map((u) => u.missing)).toEqual([1]);
    expect(preview.warnings.map((w) => w.message)).toEqual([expect.stringMatching(/^Hari libur 2028 belum lengkap: impor SKB 2028/)]);
    expect((await t.api.client['plans:get']({ id: preview.planId })).warnings).toEqual(preview.warnings);
  });
});

describe('the decree’s table', () => {
  it('imports as published: a title with the year, Indonesian months, ranges, weekdays and a cuti bersama section', async () => {
    const file = await xlsx([
      ['LAMPIRAN SURAT KEPUTUSAN BERSAMA'],
      ['HARI LIBUR NASIONAL DAN CUTI BERSAMA TAHUN 2028'],
      [],
      ['No', 'Hari, Tanggal', 'Keterangan'],
      [1, 'Sabtu, 1 Januari', 'Tahun Baru 2028 Masehi'],
      [2, 'Rabu, 26 Januari', 'Tahun Baru Imlek 2579 Kongzili'],
      [3, 'Senin-Selasa, 13-14 Maret', 'Hari Raya Idul Fitri 1449 Hijriah'],
      [4, '31 Maret - 1 April', 'Libur contoh lintas bulan'],
      [5, 'Kamis, 17 Agustus', 'Proklamasi Kemerdekaan Republik Indonesia'],
      ['CUTI BERSAMA'],
      [1, 'Kamis, 27 Januari', 'Cuti Bersama Tahun Baru Imlek'],
      [2, '10, 15 dan 16 Maret', 'Cuti Bersama Idul Fitri'],
      ['*) tanggal contoh untuk pengujian'],
    ]);
    const preview = await t.api.client['imports:preview']({ kind: 'holidays', fileName: 'skb-2028.xlsx', base64: b64(file) });
    expect(preview.issues).toEqual([]);
    expect(preview.headerRow).toBe(4);
    const result = await t.api.client['imports:commit']({ kind: 'holidays', fileName: 'skb-2028.xlsx', base64: b64(file) });
    expect(result.created).toBe(11);
    const stored = await t.api.client['holidays:list']({ from: '2028-01-01', to: '2028-12-31' });
    expect(stored.map((h) => [h.date, h.kind])).toEqual([
      ['2028-01-01', 'libur'],
      ['2028-01-26', 'libur'],
      ['2028-01-27', 'cuti_bersama'],
      ['2028-03-10', 'cuti_bersama'],
      ['2028-03-13', 'libur'],
      ['2028-03-14', 'libur'],
      ['2028-03-15', 'cuti_bersama'],
      ['2028-03-16', 'cuti_bersama'],
      ['2028-03-31', 'libur'],
      ['2028-04-01', 'libur'],
      ['2028-08-17', 'libur'],
    ]);
    const effective = await t.api.client['holidays:effective']({ from: '2028-01-01', to: '2028-12-31' });
    expect(effective.yearsWithoutDecree).toEqual([]);
    expect(effective.warnings).toEqual([]);
  });

  it('takes the year from a year column, and refuses a date whose year is nowhere', async () => {
    const withYear = await xlsx([
      ['Tanggal', 'Nama', 'Tahun'],
      ['20-21 Maret', 'Libur Contoh', 2029],
    ]);
    const ok = await t.api.client['imports:commit']({ kind: 'holidays', fileName: 'l.xlsx', base64: b64(withYear) });
    expect(ok.created).toBe(2);
    const noYear = await xlsx([
      ['Tanggal', 'Nama'],
      ['20 Maret', 'Libur Tanpa Tahun'],
    ]);
    const refused = await t.api.invoke('imports:commit', { kind: 'holidays', fileName: 'l.xlsx', base64: b64(noYear) });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.message).toMatch(/tahunnya tidak diketahui/);
  });
});
