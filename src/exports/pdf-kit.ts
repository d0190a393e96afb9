// The printed page: A4 (landscape for rosters, portrait for the monthly report) with the office letterhead, tables whose header repeats on
// every page, a signature block and "Halaman i dari n". pdfkit's built-in Helvetica covers
// only Windows-1252 and is not embedded, so the shipped DejaVu Sans is used throughout.
import { fileURLToPath } from 'node:url';
import type PDFDocument from 'pdfkit';
import { lazyPackage } from '../domain/lazy-package';
import { formatDate } from '../domain/format-id';
import type { Settings } from '../domain/settings';

type Doc = PDFKit.PDFDocument;

const pdfkit = lazyPackage<typeof PDFDocument>('pdfkit');

const FONT_REGULAR = fileURLToPath(new URL('./fonts/DejaVuSans.ttf', import.meta.url));
const FONT_BOLD = fileURLToPath(new URL('./fonts/DejaVuSans-Bold.ttf', import.meta.url));

export const MARGIN = 36;
const FOOTER_SPACE = 22;
const CELL_PAD = 4;
const BODY_SIZE = 8.5;
const LINE = '#5f6b7a';
const HEADER_FILL = '#dfe7ef';
const BAND_FILL = '#f4f7fa';

export interface PdfColumn {
  header: string;
  width: number;
  align?: 'left' | 'center' | 'right';
}

export interface PdfRow {
  cells: string[];
  /** Starts a new group (date, puskesmas): a heavier rule above it. */
  groupStart?: boolean;
  /** Cells repeated only on a group's first row or after a page break (e.g. the date). */
  carry?: number[];
  shaded?: boolean;
}

export interface ColumnSpec {
  header: string;
  /** Share of the printable width when cells must wrap anyway. */
  share: number;
  align?: PdfColumn['align'];
  /** Takes the width left over once every column fits its longest cell (remarks, addresses). */
  grow?: boolean;
}

/**
 * Column widths that fit the content: each column gets the width of its longest cell (up to
 * twice its share), growing columns share what is left; if even that is too wide, all shrink
 * in proportion and cells wrap.
 */
export function fitColumns(doc: Doc, specs: ColumnSpec[], rows: string[][]): PdfColumn[] {
  const width = contentWidth(doc);
  const shareTotal = specs.reduce((sum, c) => sum + c.share, 0);
  if (rows.length === 0) return specs.map((spec) => ({ header: spec.header, width: (spec.share / shareTotal) * width, ...(spec.align ? { align: spec.align } : {}) }));
  const natural = specs.map((spec, i) => {
    doc.font('regular').fontSize(BODY_SIZE);
    const longestCell = Math.max(0, ...rows.map((row) => doc.widthOfString(row[i] ?? '')));
    doc.font('bold');
    const longestHeaderWord = Math.max(...spec.header.split(/\s+/).map((word) => doc.widthOfString(word)));
    const cap = (spec.share / shareTotal) * width * 2;
    return Math.min(cap, Math.max(longestCell, longestHeaderWord) + CELL_PAD * 2 + 1);
  });
  const used = natural.reduce((sum, w) => sum + w, 0);
  const growShare = specs.reduce((sum, c) => sum + (c.grow ? c.share : 0), 0);
  const widths =
    used <= width && growShare > 0
      ? natural.map((w, i) => w + (specs[i]!.grow ? ((width - used) * specs[i]!.share) / growShare : 0))
      : squeeze(natural, specs.map((c) => c.share), width);
  return specs.map((spec, i) => ({ header: spec.header, width: widths[i]!, ...(spec.align ? { align: spec.align } : {}) }));
}

/**
 * Too wide: columns that fit within their share of the width keep their natural width (a time
 * never wraps), and only the long ones share what is left, in proportion to their shares.
 */
function squeeze(natural: number[], shares: number[], width: number): number[] {
  const widths = [...natural];
  let open = natural.map((_, i) => i);
  let remaining = width;
  for (;;) {
    const shareSum = open.reduce((sum, i) => sum + shares[i]!, 0);
    const fitting = open.filter((i) => natural[i]! <= (remaining * shares[i]!) / shareSum);
    if (fitting.length === 0 || fitting.length === open.length) {
      for (const i of open) widths[i] = fitting.length === open.length ? natural[i]! : (remaining * shares[i]!) / shareSum;
      return widths;
    }
    for (const i of fitting) remaining -= natural[i]!;
    open = open.filter((i) => !fitting.includes(i));
  }
}

export function createPdf(title: string, orientation: 'landscape' | 'portrait' = 'landscape'): Doc {
  const doc = new (pdfkit())({
    size: 'A4',
    layout: orientation,
    margins: { top: MARGIN, bottom: MARGIN + FOOTER_SPACE, left: MARGIN, right: MARGIN },
    bufferPages: true,
    info: { Title: title, Creator: 'Asuhan', Producer: 'Asuhan (pdfkit)' },
    lang: 'id-ID',
  });
  doc.registerFont('regular', FONT_REGULAR);
  doc.registerFont('bold', FONT_BOLD);
  doc.font('regular').fontSize(BODY_SIZE).fillColor('black');
  return doc;
}

export function contentWidth(doc: Doc): number {
  return doc.page.width - doc.page.margins.left - doc.page.margins.right;
}

export function pageBottom(doc: Doc): number {
  return doc.page.height - doc.page.margins.bottom;
}

function logoBuffer(dataUrl: string): Buffer | null {
  const match = /^data:image\/(png|jpe?g);base64,([A-Za-z0-9+/=\s]+)$/.exec(dataUrl);
  return match?.[2] ? Buffer.from(match[2], 'base64') : null;
}

/** Kop surat: logo, office name, address and contacts, closed by a double rule. */
export function drawLetterhead(doc: Doc, settings: Settings): void {
  const left = doc.page.margins.left;
  const top = doc.page.margins.top;
  const width = contentWidth(doc);
  const logo = logoBuffer(settings.logoDataUrl);
  let textLeft = left;
  if (logo) {
    try {
      doc.image(logo, left, top, { fit: [56, 56] });
      textLeft = left + 66;
    } catch {
      // A damaged logo must not stop the roster; the letterhead is printed without it.
    }
  }
  const textWidth = width - (textLeft - left) * 2;
  doc.font('bold').fontSize(10).text(`PEMERINTAH ${settings.districtName.toUpperCase()}`, textLeft, top, { width: textWidth, align: 'center' });
  doc.font('bold').fontSize(14).text(settings.officeName.toUpperCase(), textLeft, doc.y + 1, { width: textWidth, align: 'center' });
  const contacts = [settings.officeAddress, settings.officePhone && `Telp. ${settings.officePhone}`, settings.officeEmail && `Email: ${settings.officeEmail}`]
    .filter(Boolean)
    .join(' · ');
  doc.font('regular').fontSize(8.5).text(contacts, textLeft, doc.y + 2, { width: textWidth, align: 'center' });
  const ruleY = Math.max(doc.y + 5, logo ? top + 60 : 0);
  doc.moveTo(left, ruleY).lineTo(left + width, ruleY).lineWidth(1.6).strokeColor('black').stroke();
  doc.moveTo(left, ruleY + 2.5).lineTo(left + width, ruleY + 2.5).lineWidth(0.5).stroke();
  doc.y = ruleY + 10;
  doc.x = left;
}

export function drawTitle(doc: Doc, title: string, subtitle: string): void {
  const left = doc.page.margins.left;
  doc.font('bold').fontSize(12.5).fillColor('black').text(title, left, doc.y, { width: contentWidth(doc), align: 'center' });
  if (subtitle) doc.font('regular').fontSize(9).text(subtitle, left, doc.y + 2, { width: contentWidth(doc), align: 'center' });
  doc.y += 8;
}

/** A smaller heading, e.g. a specialist's name above their sheet. */
export function drawHeading(doc: Doc, heading: string, detail = ''): void {
  // A heading never ends a page: it needs room for itself, a table header and a few rows.
  if (doc.y + 90 > pageBottom(doc)) doc.addPage();
  const left = doc.page.margins.left;
  doc.font('bold').fontSize(10.5).fillColor('black').text(heading, left, doc.y, { width: contentWidth(doc) });
  if (detail) doc.font('regular').fontSize(8.5).text(detail, left, doc.y + 1, { width: contentWidth(doc) });
  doc.y += 5;
}

function cellHeight(doc: Doc, text: string, width: number, bold: boolean): number {
  doc.font(bold ? 'bold' : 'regular').fontSize(BODY_SIZE);
  return doc.heightOfString(text || ' ', { width: width - CELL_PAD * 2, lineGap: 0.5 });
}

function drawRow(doc: Doc, columns: PdfColumn[], cells: string[], y: number, height: number, options: { bold?: boolean; fill?: string }): void {
  let x = doc.page.margins.left;
  const total = columns.reduce((sum, c) => sum + c.width, 0);
  if (options.fill) doc.rect(x, y, total, height).fillColor(options.fill).fill();
  doc.fillColor('black').font(options.bold ? 'bold' : 'regular').fontSize(BODY_SIZE);
  columns.forEach((column, i) => {
    doc.text(cells[i] ?? '', x + CELL_PAD, y + CELL_PAD, { width: column.width - CELL_PAD * 2, align: column.align ?? 'left', lineGap: 0.5 });
    x += column.width;
  });
  // Vertical rules, then the rules above and below the row (a fill must not hide them).
  x = doc.page.margins.left;
  doc.lineWidth(0.4).strokeColor(LINE);
  doc.moveTo(x, y).lineTo(x + total, y).stroke();
  for (const column of columns) {
    doc.moveTo(x, y).lineTo(x, y + height).stroke();
    x += column.width;
  }
  doc.moveTo(x, y).lineTo(x, y + height).stroke();
  doc.moveTo(doc.page.margins.left, y + height).lineTo(x, y + height).stroke();
}

/**
 * Rows flow down the page; a row that does not fit moves whole to the next page, where the
 * header is drawn again and carried cells (the group's date or puskesmas) are repeated.
 */
export interface TableOptions {
  emptyText?: string;
  /** Room needed below the table (a signature): the last rows move with it rather than leave it alone on a page. */
  reserveAfter?: number;
}

const ROWS_KEPT_WITH_SIGNATURE = 3;

export function drawTable(doc: Doc, columns: PdfColumn[], rows: PdfRow[], options: TableOptions = {}): void {
  const emptyText = options.emptyText ?? 'Tidak ada data.';
  const left = doc.page.margins.left;
  const total = columns.reduce((sum, c) => sum + c.width, 0);
  const headerCells = columns.map((c) => c.header);
  const headerHeight = Math.max(...columns.map((c) => cellHeight(doc, c.header, c.width, true))) + CELL_PAD * 2;

  const drawHeader = () => {
    const y = doc.y;
    drawRow(doc, columns, headerCells, y, headerHeight, { bold: true, fill: HEADER_FILL });
    doc.lineWidth(0.8).strokeColor('black').moveTo(left, y).lineTo(left + total, y).stroke();
    doc.y = y + headerHeight;
  };

  // Header plus at least one row must fit, or the table starts on a fresh page.
  const firstHeight = rows[0] ? Math.max(...columns.map((c, i) => cellHeight(doc, rows[0]!.cells[i] ?? '', c.width, false))) + CELL_PAD * 2 : 0;
  if (doc.y + headerHeight + firstHeight > pageBottom(doc)) doc.addPage();
  drawHeader();
  if (rows.length === 0) {
    const y = doc.y;
    const h = cellHeight(doc, emptyText, total, false) + CELL_PAD * 2;
    drawRow(doc, [{ header: '', width: total, align: 'center' }], [emptyText], y, h, {});
    doc.y = y + h;
  }
  let lastGroupCells: string[] = [];
  const rowHeight = (cells: string[]) => Math.max(...columns.map((c, i) => cellHeight(doc, cells[i] ?? '', c.width, false))) + CELL_PAD * 2;
  // As many of the last rows (up to three) as fit on one page together with what follows.
  const usable = pageBottom(doc) - doc.page.margins.top - headerHeight;
  const heightOf = (from: number) => rows.slice(from).reduce((sum, row) => sum + rowHeight(row.cells), 0);
  let tailStart = Math.max(0, rows.length - ROWS_KEPT_WITH_SIGNATURE);
  while (tailStart < rows.length - 1 && heightOf(tailStart) + (options.reserveAfter ?? 0) > usable) tailStart++;
  const tailHeight = options.reserveAfter && heightOf(tailStart) + options.reserveAfter <= usable ? heightOf(tailStart) : 0;
  for (const [index, row] of rows.entries()) {
    if (tailHeight && index === tailStart && index > 0 && doc.y + tailHeight + (options.reserveAfter ?? 0) > pageBottom(doc)) {
      doc.addPage();
      drawHeader();
      if (!row.groupStart) row.cells = row.cells.map((cell, i) => (row.carry?.includes(i) ? (lastGroupCells[i] ?? cell) : cell));
      row.groupStart = true;
    }
    const carried = row.groupStart ? row.cells : lastGroupCells;
    if (row.groupStart) lastGroupCells = row.cells;
    let cells = row.groupStart ? row.cells : row.cells.map((cell, i) => (row.carry?.includes(i) ? '' : cell));
    const height = () => Math.max(...columns.map((c, i) => cellHeight(doc, cells[i] ?? '', c.width, false))) + CELL_PAD * 2;
    if (doc.y + height() > pageBottom(doc)) {
      doc.addPage();
      drawHeader();
      // After a break the group's carried cells are written again, so no page starts blank.
      cells = row.cells.map((cell, i) => (row.carry?.includes(i) && !row.groupStart ? (carried[i] ?? cell) : cell));
    }
    const y = doc.y;
    const h = height();
    drawRow(doc, columns, cells, y, h, row.shaded ? { fill: BAND_FILL } : {});
    if (row.groupStart) doc.lineWidth(0.9).strokeColor('black').moveTo(left, y).lineTo(left + total, y).stroke();
    doc.y = y + h;
  }
  doc.lineWidth(0.8).strokeColor('black').moveTo(left, doc.y).lineTo(left + total, doc.y).stroke();
  doc.x = left;
}

const SIGNATURE_WIDTH = 250;
export const SIGNATURE_HEIGHT = 136;

/** "Lembah Kenari, 2 Maret 2026", the office head's title, room to sign, name and NIP. */
export function drawSignature(doc: Doc, settings: Settings, signedOn: string): void {
  if (doc.y + SIGNATURE_HEIGHT > pageBottom(doc)) doc.addPage();
  const x = doc.page.margins.left + contentWidth(doc) - SIGNATURE_WIDTH;
  let y = doc.y + 18;
  const line = (text: string, bold = false, gap = 2) => {
    doc.font(bold ? 'bold' : 'regular').fontSize(9.5).fillColor('black').text(text, x, y, { width: SIGNATURE_WIDTH, align: 'center' });
    y = doc.y + gap;
  };
  line(`${settings.city}, ${formatDate(signedOn)}`);
  const titleHasDistrict = settings.signatoryTitle.toLowerCase().includes(settings.districtName.toLowerCase());
  line(settings.signatoryTitle, false, titleHasDistrict ? 52 : 0);
  if (!titleHasDistrict) line(settings.districtName, false, 52);
  line(settings.signatoryName || '(nama pejabat)', true, 0);
  const nameWidth = Math.min(SIGNATURE_WIDTH, doc.widthOfString(settings.signatoryName || '(nama pejabat)'));
  doc.lineWidth(0.6).strokeColor('black').moveTo(x + (SIGNATURE_WIDTH - nameWidth) / 2, y).lineTo(x + (SIGNATURE_WIDTH + nameWidth) / 2, y).stroke();
  y += 2;
  line(settings.signatoryNip ? `NIP. ${settings.signatoryNip}` : 'NIP. -');
  doc.x = doc.page.margins.left;
}

/** The page index where the next page will land (for numbering sections separately). */
export function nextPageIndex(doc: Doc): number {
  const range = doc.bufferedPageRange();
  return range.start + range.count;
}

/**
 * Page numbers on every page, written last when the count is known. With `sectionStarts`
 * (page indexes), each section is numbered on its own: a specialist's sheet is "1 dari 1"
 * however many sheets the file holds.
 */
export function drawFooters(doc: Doc, leftText: string, sectionStarts: number[] = [0]): void {
  const range = doc.bufferedPageRange();
  const end = range.start + range.count;
  for (let i = range.start; i < end; i++) {
    const sectionStart = Math.max(...sectionStarts.filter((start) => start <= i), range.start);
    const sectionEnd = Math.min(...sectionStarts.filter((start) => start > i), end);
    doc.switchToPage(i);
    const bottomMargin = doc.page.margins.bottom;
    // Writing inside the bottom margin would otherwise make pdfkit open a new page.
    doc.page.margins.bottom = 0;
    const y = doc.page.height - MARGIN - 10;
    const width = contentWidth(doc);
    doc.font('regular').fontSize(7.5).fillColor('#444444');
    doc.text(leftText, doc.page.margins.left, y, { width: width * 0.7, lineBreak: false });
    doc.text(`Halaman ${i - sectionStart + 1} dari ${sectionEnd - sectionStart}`, doc.page.margins.left + width * 0.7, y, { width: width * 0.3, align: 'right', lineBreak: false });
    doc.page.margins.bottom = bottomMargin;
  }
  doc.fillColor('black');
}

export function pdfBuffer(doc: Doc): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}
