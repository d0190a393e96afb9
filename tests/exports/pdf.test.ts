import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { compliancePdf, rosterPdf } from '../../src/exports/pdf';
import { loadRoster } from '../../src/exports/roster-data';
import { complianceReport } from '../../src/reports/compliance';
import { createTestDb, type TestDb } from '../fixtures/temp-db';
import { seedMonthVisits, TEST_MONTH } from './fixtures';
import { pdfFonts, pdfImageCount, pdfPages, pdfPageSize, pdfText, pngDataUrl, writeTemp } from './pdf-check';

let t: TestDb;
beforeEach(async () => {
  t = await createTestDb({ demo: true });
});
afterEach(async () => {
  await t.close();
});

const signedOn = '2026-03-02';

describe('PDF roster', () => {
  it('prints the month by date on A4 landscape with letterhead, Indonesian dates, page numbers, repeated header and signature', async () => {
    const seeded = await seedMonthVisits(t.db.kysely);
    const roster = await loadRoster(t.db.kysely, TEST_MONTH);
    const file = writeTemp(t.dir, 'roster-by-date.pdf', await rosterPdf(roster, 'by-date', { signedOn }));
    const pages = pdfPages(file);
    expect(pdfPageSize(file)).toMatch(/^841\.89 x 595\.28 pts \(A4\)/);
    expect(pages).toBeGreaterThan(1);
    expect(pdfFonts(file)).toMatch(/DejaVuSans\s.*yes/);

    const first = pdfText(file, 1);
    expect(first).toContain('DINAS KESEHATAN KABUPATEN BANYUWANGI');
    expect(first).toContain('Jadwal Kunjungan Dokter Spesialis ke Puskesmas, Maret 2026');
    expect(first).toContain(`${seeded} kunjungan`);
    expect(first).toMatch(/Senin, 2 Maret 2026/);
    expect(first).toMatch(/09\.00-12\.00 WIB/);
    for (let page = 1; page <= pages; page++) {
      const text = pdfText(file, page);
      expect(text, `page ${page}`).toContain(`Halaman ${page} dari ${pages}`);
      expect(text, `header on page ${page}`).toMatch(/Hari, Tanggal\s+Jam\s+Puskesmas\s+Kecamatan\s+Dokter Spesialis/);
      // A page never starts a group without its date: the first data row carries a weekday.
      const firstRow = text.split('\n').find((line) => /^\s*\d+\s+\S/.test(line) && !/Halaman/.test(line));
      expect(firstRow, `first row on page ${page}`).toMatch(/(Senin|Selasa|Rabu|Kamis|Jumat|Sabtu|Minggu),/);
    }
    const last = pdfText(file, pages);
    expect(last).toContain('Banyuwangi, 2 Maret 2026');
    expect(last).toContain('Kepala Dinas Kesehatan');
    expect(last).toContain('NIP.');
    // Every visit is numbered exactly once.
    const all = pdfText(file);
    expect(all).toMatch(new RegExp(`\\n\\s*${seeded}\\s+`));
  });

  it('prints by puskesmas and per specialist, and an empty month says so', async () => {
    await seedMonthVisits(t.db.kysely);
    const roster = await loadRoster(t.db.kysely, TEST_MONTH);
    const byPuskesmas = writeTemp(t.dir, 'roster-by-puskesmas.pdf', await rosterPdf(roster, 'by-puskesmas', { signedOn }));
    expect(pdfText(byPuskesmas, 1)).toMatch(/Puskesmas\s+Kecamatan\s+Hari, Tanggal/);
    expect(pdfText(byPuskesmas)).toContain('Puskesmas Kebondalem');

    const perSpecialist = writeTemp(t.dir, 'roster-per-specialist.pdf', await rosterPdf(roster, 'per-specialist', { signedOn }));
    const specialists = new Set(roster.visits.map((v) => v.specialistId)).size;
    expect(pdfPages(perSpecialist)).toBeGreaterThanOrEqual(specialists);
    const text = pdfText(perSpecialist);
    for (const name of new Set(roster.visits.map((v) => v.specialistName))) expect(text).toContain(name);
    // Each sheet goes to one specialist: numbered on its own, under its own letterhead.
    expect(text.match(/Halaman 1 dari 1\b/g)).toHaveLength(specialists);
    expect(text.match(/DINAS KESEHATAN KABUPATEN BANYUWANGI/g)).toHaveLength(specialists);

    const empty = await loadRoster(t.db.kysely, '2027-01');
    const emptyFile = writeTemp(t.dir, 'roster-empty.pdf', await rosterPdf(empty, 'by-date', { signedOn }));
    expect(pdfPages(emptyFile)).toBe(1);
    expect(pdfText(emptyFile)).toContain('Belum ada kunjungan terjadwal untuk bulan ini.');
  });

  it('prints characters beyond Windows-1252 and survives a damaged logo', async () => {
    await seedMonthVisits(t.db.kysely, TEST_MONTH, 3);
    await t.api.client['settings:update']({ changes: { signatoryName: 'dr. Ṡiti Ŋurhaliza, M.Kes', logoDataUrl: 'data:image/png;base64,AAAA' } });
    const roster = await loadRoster(t.db.kysely, TEST_MONTH);
    const file = writeTemp(t.dir, 'roster-unicode.pdf', await rosterPdf(roster, 'by-date', { signedOn }));
    expect(pdfText(file)).toContain('dr. Ṡiti Ŋurhaliza, M.Kes');
  });

  it('keeps every row on one page when notes are as long as allowed', async () => {
    await seedMonthVisits(t.db.kysely, TEST_MONTH, 40);
    const long = 'Catatan panjang tentang kunjungan ini, termasuk rencana bimbingan kasus rujukan. '.repeat(25).slice(0, 2000);
    await t.db.kysely.updateTable('visit').set({ notes: long, status: 'confirmed' }).execute();
    const roster = await loadRoster(t.db.kysely, TEST_MONTH);
    const file = writeTemp(t.dir, 'roster-long-notes.pdf', await rosterPdf(roster, 'by-date', { signedOn }));
    const pages = pdfPages(file);
    for (let page = 1; page <= pages; page++) {
      const text = pdfText(file, page);
      expect(text, `page ${page}`).toContain(`Halaman ${page} dari ${pages}`);
      expect(text, `page ${page}`).toMatch(/Hari, Tanggal/);
    }
    expect(pdfText(file)).toContain('Dikonfirmasi; Catatan');
    expect(pdfText(file, pages)).toContain('NIP.');
    // The signature never stands alone: the last page also holds table rows.
    expect(pdfText(file, pages)).toMatch(/Dikonfirmasi/);
  });

  it('prints the logo from the settings on the letterhead', async () => {
    await seedMonthVisits(t.db.kysely, TEST_MONTH, 3);
    await t.api.client['settings:update']({ changes: { logoDataUrl: pngDataUrl(48, 48, [0, 120, 60]) } });
    const roster = await loadRoster(t.db.kysely, TEST_MONTH);
    const file = writeTemp(t.dir, 'roster-logo.pdf', await rosterPdf(roster, 'by-date', { signedOn }));
    expect(pdfImageCount(file)).toBe(1);
  });
});

describe('PDF compliance report', () => {
  it('prints totals, the puskesmas table and the specialist table', async () => {
    await seedMonthVisits(t.db.kysely);
    const report = await complianceReport(t.db.kysely, TEST_MONTH, { today: '2026-03-15' });
    const roster = await loadRoster(t.db.kysely, TEST_MONTH);
    const file = writeTemp(t.dir, 'compliance.pdf', await compliancePdf(report, roster.settings, { signedOn: '2026-04-01' }));
    const text = pdfText(file);
    expect(text).toContain('Laporan Kepatuhan Kunjungan Dokter Spesialis, Maret 2026');
    expect(text).toContain('A. Per puskesmas');
    expect(text).toContain('B. Per dokter spesialis');
    expect(text).toContain('Banyuwangi, 1 April 2026');
    const pages = pdfPages(file);
    expect(pdfText(file, pages)).toContain(`Halaman ${pages} dari ${pages}`);
  });
});
