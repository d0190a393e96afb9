// The monthly programme report, printed: A4 portrait in Bahasa Indonesia with the letterhead,
// key figures, and charts drawn as vector shapes (bars carry their numbers, so the page reads
// in black and white too), closed by the signature block.
import { formatDate, formatMonth } from '../domain/format-id';
import type { Settings } from '../domain/settings';
import type { ProgrammeReport } from '../reports/programme-report';
import { puskesmasLabel } from './labels';
import { contentWidth, createPdf, drawFooters, drawHeading, drawLetterhead, drawSignature, drawTitle, pageBottom, pdfBuffer, SIGNATURE_HEIGHT } from './pdf-kit';

type Doc = PDFKit.PDFDocument;

const INK = '#1f2933';
const MUTED = '#5f6b7a';
const GRID = '#c9d2dc';
const PLANNED = '#9fb8d0';
const DONE = '#1f5f99';
const STATE_FILL = { met: '#cfe8d5', partial: '#fbe3b0', none: '#f4c7c3' } as const;

export function programmeReportTitle(month: string): string {
  return `Laporan Bulanan Program Kunjungan Dokter Spesialis, ${formatMonth(month)}`;
}

function percent(ratio: number | null): string {
  return ratio === null ? '–' : `${Math.round(ratio * 100)}%`;
}

/** "Mar 26": a month short enough for a column of the trend chart. */
function shortMonth(month: string): string {
  return `${formatMonth(month).slice(0, 3)} ${month.slice(2, 4)}`;
}

function ensureRoom(doc: Doc, height: number): void {
  if (doc.y + height > pageBottom(doc)) {
    doc.addPage();
    doc.y = doc.page.margins.top;
  }
}

function drawKeyFigures(doc: Doc, figures: { label: string; value: string; detail: string }[]): void {
  const left = doc.page.margins.left;
  const gap = 8;
  const width = (contentWidth(doc) - gap * (figures.length - 1)) / figures.length;
  const top = doc.y;
  const height = 58;
  figures.forEach((figure, i) => {
    const x = left + i * (width + gap);
    doc.roundedRect(x, top, width, height, 4).lineWidth(0.6).strokeColor(GRID).stroke();
    doc.font('regular').fontSize(7.5).fillColor(MUTED).text(figure.label, x + 6, top + 6, { width: width - 12 });
    doc.font('bold').fontSize(16).fillColor(INK).text(figure.value, x + 6, top + 20, { width: width - 12 });
    doc.font('regular').fontSize(7).fillColor(MUTED).text(figure.detail, x + 6, top + 40, { width: width - 12 });
  });
  doc.fillColor('black');
  doc.y = top + height + 14;
  doc.x = left;
}

/** Coverage per month as columns, each with its percentage above it. */
function drawTrend(doc: Doc, trend: ProgrammeReport['trend']): void {
  const height = 120;
  ensureRoom(doc, height + 40);
  const left = doc.page.margins.left + 28;
  const width = contentWidth(doc) - 28;
  const top = doc.y + 10;
  const base = top + height;
  doc.font('regular').fontSize(7).fillColor(MUTED);
  for (const level of [0, 0.5, 1]) {
    const y = base - level * height;
    doc.moveTo(left, y).lineTo(left + width, y).lineWidth(0.4).strokeColor(GRID).stroke();
    doc.text(`${level * 100}%`, doc.page.margins.left, y - 4, { width: 24, align: 'right' });
  }
  const slot = width / trend.length;
  trend.forEach((m, i) => {
    const x = left + i * slot + slot * 0.2;
    const barWidth = slot * 0.6;
    if (m.ratio !== null && m.ratio > 0) {
      const h = m.ratio * height;
      doc.rect(x, base - h, barWidth, h).fillColor(i === trend.length - 1 ? DONE : PLANNED).fill();
    }
    doc.font('bold').fontSize(7).fillColor(INK).text(percent(m.ratio), x - 6, base - (m.ratio ?? 0) * height - 10, { width: barWidth + 12, align: 'center' });
    doc.font('regular').fontSize(7).fillColor(MUTED).text(shortMonth(m.month), x - 8, base + 3, { width: barWidth + 16, align: 'center' });
  });
  doc.fillColor('black');
  doc.y = base + 18;
  doc.x = doc.page.margins.left;
}

interface BarRow {
  label: string;
  /** Rows of one group follow each other; its name is printed above the first. */
  group?: string;
  values: number[];
  note?: string;
}

/** Horizontal bars, one row per item; with two series the second is drawn over the first. */
function drawBars(doc: Doc, rows: BarRow[], series: { name: string; color: string }[], emptyText: string): void {
  const left = doc.page.margins.left;
  const labelWidth = 170;
  const numbersWidth = 96;
  const barLeft = left + labelWidth + 6;
  const barWidth = contentWidth(doc) - labelWidth - numbersWidth - 12;
  const rowHeight = 11;
  const max = Math.max(1, ...rows.flatMap((r) => r.values));
  // Legend first, so a reader knows the shades before the bars.
  let x = barLeft;
  doc.font('regular').fontSize(7.5);
  for (const s of series) {
    doc.rect(x, doc.y + 1, 8, 7).fillColor(s.color).fill();
    doc.fillColor(INK).text(s.name, x + 11, doc.y, { lineBreak: false });
    x += 11 + doc.widthOfString(s.name) + 14;
  }
  doc.y += 12;
  if (rows.length === 0) {
    doc.font('regular').fontSize(8.5).fillColor(MUTED).text(emptyText, left, doc.y);
    doc.y += 6;
  }
  let group: string | undefined;
  for (const row of rows) {
    if (row.group !== undefined && row.group !== group) {
      group = row.group;
      ensureRoom(doc, rowHeight * 3);
      doc.font('bold').fontSize(7.5).fillColor(MUTED).text(group, left, doc.y + 3, { width: labelWidth });
      doc.y += 1;
    }
    ensureRoom(doc, rowHeight);
    const y = doc.y;
    doc.font('regular').fontSize(7.5).fillColor(INK).text(row.label, left, y + 1.5, { width: labelWidth, height: rowHeight, ellipsis: true, lineBreak: false });
    row.values.forEach((value, i) => {
      const w = (value / max) * barWidth;
      if (w > 0) doc.rect(barLeft, y + 1 + i * 1.5, w, rowHeight - 3 - i * 3).fillColor(series[i]?.color ?? DONE).fill();
    });
    doc.font('regular').fontSize(7.5).fillColor(INK).text(row.note ?? row.values.join(' / '), barLeft + barWidth + 6, y + 1.5, { width: numbersWidth, align: 'right', lineBreak: false });
    doc.y = y + rowHeight;
  }
  doc.fillColor('black');
  doc.y += 10;
  doc.x = left;
}

/** Puskesmas × specialty: done of required in each cell, the cell shaded by its state and marked in words. */
function drawCoverageGrid(doc: Doc, report: ProgrammeReport): void {
  const { compliance } = report;
  const left = doc.page.margins.left;
  const nameWidth = 150;
  const statusWidth = 70;
  const cellWidth = Math.min(90, (contentWidth(doc) - nameWidth - statusWidth) / Math.max(1, compliance.specialties.length));
  const rowHeight = 11;
  const header = () => {
    const y = doc.y;
    doc.font('bold').fontSize(7.5).fillColor(INK);
    const height = Math.max(10, ...compliance.specialties.map((s) => doc.heightOfString(s.name, { width: cellWidth - 4 })));
    doc.text('Puskesmas', left, y + height - 9, { width: nameWidth });
    compliance.specialties.forEach((s, i) => doc.text(s.name, left + nameWidth + i * cellWidth + 2, y, { width: cellWidth - 4, align: 'center' }));
    doc.text('Status', left + nameWidth + compliance.specialties.length * cellWidth, y + height - 9, { width: statusWidth, align: 'center' });
    doc.y = y + height + 3;
  };
  // Legend: colour and word together.
  const legend: [keyof typeof STATE_FILL, string][] = [
    ['met', 'terpenuhi'],
    ['partial', 'sebagian'],
    ['none', 'belum ada yang terlaksana'],
  ];
  let x = left;
  doc.font('regular').fontSize(7.5);
  for (const [state, label] of legend) {
    doc.rect(x, doc.y + 1, 8, 7).fillColor(STATE_FILL[state]).fill();
    doc.fillColor(INK).text(label, x + 11, doc.y, { lineBreak: false });
    x += 11 + doc.widthOfString(label) + 14;
  }
  doc.fillColor(MUTED).text('Angka: terlaksana / wajib', x, doc.y, { lineBreak: false });
  doc.y += 13;
  header();
  for (const p of compliance.puskesmas) {
    if (doc.y + rowHeight > pageBottom(doc)) {
      doc.addPage();
      doc.y = doc.page.margins.top;
      header();
    }
    const y = doc.y;
    doc.font('regular').fontSize(7.5).fillColor(INK).text(puskesmasLabel(p.puskesmasName), left, y + 1.5, { width: nameWidth - 4, lineBreak: false, ellipsis: true });
    compliance.specialties.forEach((s, i) => {
      const cell = p.bySpecialty.find((b) => b.specialtyId === s.id);
      const cx = left + nameWidth + i * cellWidth;
      if (!cell || cell.required === 0) {
        doc.fillColor(MUTED).text('–', cx, y + 1.5, { width: cellWidth, align: 'center' });
        return;
      }
      const state = cell.done >= cell.required ? 'met' : cell.done > 0 ? 'partial' : 'none';
      doc.rect(cx + 2, y + 0.5, cellWidth - 4, rowHeight - 1).fillColor(STATE_FILL[state]).fill();
      doc.fillColor(INK).text(`${cell.done} / ${cell.required}`, cx, y + 1.5, { width: cellWidth, align: 'center' });
    });
    doc.fillColor(INK).text(p.compliant ? 'Terpenuhi' : 'Belum', left + nameWidth + compliance.specialties.length * cellWidth, y + 1.5, { width: statusWidth, align: 'center' });
    doc.y = y + rowHeight;
  }
  doc.fillColor('black');
  doc.y += 10;
  doc.x = left;
}

function paragraph(doc: Doc, text: string): void {
  doc.font('regular').fontSize(8.5).fillColor(INK).text(text, doc.page.margins.left, doc.y, { width: contentWidth(doc) });
  doc.fillColor('black');
  doc.y += 6;
}

export async function programmeReportPdf(report: ProgrammeReport, settings: Settings, options: { signedOn: string }): Promise<Buffer> {
  const title = programmeReportTitle(report.month);
  const doc = createPdf(title, 'portrait');
  const { compliance, cases, followups } = report;
  const totals = compliance.totals;
  // Every figure is named for its month, never 'bulan ini' (the report may be printed months later).
  const monthName = formatMonth(report.month);
  drawLetterhead(doc, settings);
  drawTitle(doc, title, `${settings.programmeName} · ${settings.districtName} · keadaan per ${formatDate(report.today)}`);

  drawKeyFigures(doc, [
    { label: 'Cakupan kunjungan wajib', value: percent(totals.required > 0 ? totals.coverage : null), detail: `${totals.done} terlaksana dari ${totals.required} wajib · ${totals.planned} direncanakan` },
    { label: 'Puskesmas memenuhi', value: `${totals.puskesmasCompliant} / ${totals.puskesmasCount}`, detail: 'semua spesialisasi terlaksana' },
    { label: 'Kasus dikonsultasikan', value: String(cases.total), detail: `${cases.referred} dirujuk · ${cases.managed} ditangani di puskesmas` },
    { label: 'Tindak lanjut', value: `${followups.opened} / ${followups.closed}`, detail: `dibuka / ditutup pada ${monthName} · ${followups.open} masih terbuka` },
  ]);

  drawHeading(doc, `1. Cakupan ${TREND_LABEL}`, 'Kunjungan wajib yang terlaksana, per bulan (dibatasi pada jumlah wajib tiap puskesmas dan spesialisasi).');
  drawTrend(doc, report.trend);

  drawHeading(doc, `2. Cakupan per puskesmas dan spesialisasi, ${formatMonth(report.month)}`);
  drawCoverageGrid(doc, report);

  drawHeading(doc, '3. Kunjungan per dokter spesialis', `Direncanakan dan terlaksana pada ${monthName}.`);
  drawBars(
    doc,
    [...compliance.specialists]
      .sort((a, b) => a.specialtyName.localeCompare(b.specialtyName, 'id') || a.specialistName.localeCompare(b.specialistName, 'id'))
      .map((s) => ({ label: s.specialistName, group: s.specialtyName, values: [s.planned, s.done], note: `${s.done} dari ${s.planned}` })),
    [
      { name: 'direncanakan', color: PLANNED },
      { name: 'terlaksana', color: DONE },
    ],
    `Tidak ada kunjungan pada ${monthName}.`,
  );

  drawHeading(doc, `4. Topik yang diajarkan, ${monthName}`, 'Jumlah kunjungan terlaksana yang membahas tiap topik; (wajib) = topik wajib program.');
  drawBars(
    doc,
    report.topics.filter((t) => t.visits > 0 || t.required).map((t) => ({ label: `${t.nameId}${t.required ? ' (wajib)' : ''}`, values: [t.visits], note: `${t.visits} kunjungan` })),
    [{ name: 'kunjungan', color: DONE }],
    'Belum ada topik yang dicatat.',
  );
  drawHeading(doc, `Topik wajib yang belum diberikan (${report.topicWindowMonths} bulan terakhir)`, 'Jumlah puskesmas yang belum menerima tiap topik wajib; daftar puskesmasnya ada di laporan topik (asuhan report topics).');
  if (report.missingRequiredTopics.length === 0) paragraph(doc, 'Setiap puskesmas telah menerima semua topik wajib.');
  else
    drawBars(
      doc,
      report.missingRequiredTopics.map((t) => ({ label: t.topicName, values: [t.puskesmas.length], note: `${t.puskesmas.length} puskesmas` })),
      [{ name: 'puskesmas tanpa topik ini', color: '#c0504d' }],
      '',
    );

  ensureRoom(doc, 120);
  drawHeading(doc, '5. Kasus dan tindak lanjut', `Kasus yang dikonsultasikan pada kunjungan terlaksana ${monthName}, dan tindak lanjut yang disepakati.`);
  drawBars(
    doc,
    [
      { label: 'Ditangani di puskesmas', values: [cases.managed] },
      { label: 'Dirujuk ke rumah sakit', values: [cases.referred] },
      { label: 'Dipantau (tindak lanjut)', values: [cases.follow_up] },
      { label: 'Tindak lanjut dibuka', values: [followups.opened] },
      { label: 'Tindak lanjut ditutup', values: [followups.closed] },
      { label: 'Masih terbuka', values: [followups.open], note: `${followups.open} (${followups.overdue} lewat tenggat)` },
    ],
    [{ name: 'jumlah', color: DONE }],
    '',
  );

  ensureRoom(doc, SIGNATURE_HEIGHT);
  drawSignature(doc, settings, options.signedOn);
  drawFooters(doc, `${title} · ${settings.officeName}`);
  return pdfBuffer(doc);
}

const TREND_LABEL = 'dua belas bulan terakhir';
