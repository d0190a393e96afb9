// The monthly programme report for the Kepala Dinas: its figures agree with the compliance and
// topic reports of the same month, and the printed A4 pages carry them with the letterhead.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { programmeReportPdf } from '../../src/exports/report-pdf';
import { complianceReport } from '../../src/reports/compliance';
import { programmeReport, TREND_MONTHS } from '../../src/reports/programme-report';
import { topicReport } from '../../src/reports/topics';
import { generateVisitLogHistoryOn } from '../../src/seed/visit-log-history';
import { getSettings } from '../../src/db/settings.repository';
import { createTestDb, type TestDb } from '../fixtures/temp-db';
import { fileBytes } from '../../src/exports/export-file';
import { pdfPageSize, pdfPages, pdfText, writeTemp } from './pdf-check';

const MONTH = '2026-01';
const TODAY = '2026-02-18';
let t: TestDb;
beforeAll(async () => {
  t = await createTestDb({ demo: true });
  await generateVisitLogHistoryOn(t.db, { from: '2025-03', to: '2026-02', today: TODAY, seed: 7 });
});
afterAll(async () => t.close());

describe('monthly programme report', () => {
  it('agrees with the compliance and topic reports of its month', async () => {
    const report = await programmeReport(t.db.kysely, MONTH, { today: TODAY });
    const compliance = await complianceReport(t.db.kysely, MONTH, { today: TODAY });
    const topics = await topicReport(t.db.kysely, { from: MONTH, to: MONTH, windowMonths: 6, lookbackMonths: 6 });
    expect(report.compliance.totals).toEqual(compliance.totals);
    expect(report.trend).toHaveLength(TREND_MONTHS);
    expect(report.trend.at(-1)).toMatchObject({ month: MONTH, required: compliance.totals.required, done: compliance.totals.done });
    expect(report.trend[0]!.month).toBe('2025-02');
    expect(report.cases.total).toBe(topics.cases.managed + topics.cases.referred + topics.cases.follow_up);
    expect(report.cases.total).toBeGreaterThan(0);
    const gaps = topics.puskesmas.flatMap((p) => p.requiredGaps.map((g) => `${g.nameId}|${p.puskesmasName}`)).sort();
    expect(report.missingRequiredTopics.flatMap((t) => t.puskesmas.map((name) => `${t.topicName}|${name}`)).sort()).toEqual(gaps);
    const [opened] = await t.all<{ n: number }>(`SELECT count(*) AS n FROM followup f JOIN visit v ON v.id = f.visit_id WHERE v.date BETWEEN '2026-01-01' AND '2026-01-31'`);
    expect(report.followups.opened).toBe(opened!.n);
    expect(report.followups.overdue).toBeLessThanOrEqual(report.followups.open);
  });

  it('prints A4 portrait pages in Bahasa Indonesia with letterhead, figures, charts and signature', async () => {
    const settings = await getSettings(t.db.kysely);
    const report = await programmeReport(t.db.kysely, MONTH, { today: TODAY });
    const file = writeTemp(t.dir, 'laporan-bulanan.pdf', await programmeReportPdf(report, settings, { signedOn: TODAY }));
    expect(pdfPageSize(file)).toMatch(/^595\.28 x 841\.89 pts \(A4\)/);
    const text = pdfText(file);
    expect(text).not.toMatch(/bulan ini/i);
    expect(text).toContain('Direncanakan dan terlaksana pada Januari 2026.');
    expect(text).toContain(`DINAS KESEHATAN ${settings.districtName.toUpperCase()}`);
    expect(text).toContain('Laporan Bulanan Program Kunjungan Dokter Spesialis, Januari 2026');
    const { totals } = report.compliance;
    expect(text).toContain(`${totals.done} terlaksana dari ${totals.required} wajib`);
    expect(text).toContain(`${totals.puskesmasCompliant} / ${totals.puskesmasCount}`);
    for (const heading of ['1. Cakupan dua belas bulan terakhir', '2. Cakupan per puskesmas dan spesialisasi, Januari 2026', '3. Kunjungan per dokter spesialis', '4. Topik yang diajarkan', 'Topik wajib yang belum diberikan', '5. Kasus dan tindak lanjut']) {
      expect(text).toContain(heading);
    }
    // The trend's months and every puskesmas and specialist appear.
    expect(text).toMatch(/Feb 25[\s\S]*Jan 26/);
    for (const p of report.compliance.puskesmas.slice(0, 5)) expect(text).toContain(p.puskesmasName.replace(/^Puskesmas /, ''));
    expect(text).toContain(report.compliance.specialists[0]!.specialistName);
    expect(text).toContain(settings.signatoryName);
    const pages = pdfPages(file);
    expect(pdfText(file, pages)).toContain(`Halaman ${pages} dari ${pages}`);
  });

  it('comes from the exports API with an Indonesian file name, and needs a letterhead', async () => {
    const pdf = await t.api.client['exports:pdf']({ month: MONTH, layout: 'report' });
    expect(pdf.fileName).toBe(`laporan-bulanan-${MONTH}.pdf`);
    expect(fileBytes(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    const blank = await createTestDb();
    try {
      const refused = await blank.api.invoke('exports:pdf', { month: MONTH, layout: 'report' });
      expect(refused).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('Pengaturan') } });
    } finally {
      await blank.close();
    }
  });
});
