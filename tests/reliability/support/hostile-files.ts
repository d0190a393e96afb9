// Hostile spreadsheets for the reliability suite and the benchmark: zip bombs that tell the
// truth about their size, bombs that lie, parts hidden outside the archive directory, too many
// parts, and a heavy but honest workbook. Built with a small zip writer, streaming the deflate
// so a 300 MB bomb never exists in memory.
import zlib from 'node:zlib';
import ExcelJS from 'exceljs';

export interface ZipPart {
  name: string;
  /** Deflated (method 8) or stored (method 0) bytes. */
  data: Buffer;
  method: 0 | 8;
  crc: number;
  /** The true unpacked size. */
  size: number;
  /** What the headers claim (default: the truth). */
  claimedSize?: number;
}

export function storedPart(name: string, content: Buffer | string): ZipPart {
  const data = Buffer.from(content);
  return { name, data, method: 0, crc: zlib.crc32(data), size: data.length };
}

export function deflatedPart(name: string, content: Buffer | string): ZipPart {
  const raw = Buffer.from(content);
  return { name, data: zlib.deflateRawSync(raw, { level: 9 }), method: 8, crc: zlib.crc32(raw), size: raw.length };
}

/** `total` bytes of `head`, `unit` repeated and `tail`, deflated as a stream (never all in memory). */
export async function repeatedPart(name: string, head: string, unit: string, total: number, tail: string): Promise<ZipPart> {
  const deflate = zlib.createDeflateRaw({ level: 9 });
  const chunks: Buffer[] = [];
  deflate.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<void>((resolve, reject) => {
    deflate.on('end', resolve);
    deflate.on('error', reject);
  });
  let crc = 0;
  let size = 0;
  const push = async (piece: Buffer) => {
    crc = zlib.crc32(piece, crc);
    size += piece.length;
    if (!deflate.write(piece)) await new Promise((resolve) => deflate.once('drain', resolve));
  };
  await push(Buffer.from(head));
  const block = Buffer.from(unit.repeat(Math.max(1, Math.floor((1024 * 1024) / unit.length))));
  while (size + block.length + tail.length < total) await push(block);
  const rest = total - size - tail.length;
  if (rest > 0) await push(Buffer.from(unit.repeat(Math.ceil(rest / unit.length)).slice(0, rest)));
  await push(Buffer.from(tail));
  deflate.end();
  await done;
  return { name, data: Buffer.concat(chunks), method: 8, crc, size };
}

/** A zip of `parts`; `hidden` parts get local headers but no directory entry. */
export function zipOf(parts: ZipPart[], options: { hidden?: ZipPart[]; sharedData?: boolean } = {}): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  const local = (part: ZipPart) => {
    const name = Buffer.from(part.name);
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(0x0800, 6); // UTF-8 names
    header.writeUInt16LE(part.method, 8);
    header.writeUInt32LE(part.crc >>> 0, 14);
    header.writeUInt32LE(part.data.length, 18);
    header.writeUInt32LE(part.claimedSize ?? part.size, 22);
    header.writeUInt16LE(name.length, 26);
    const at = offset;
    locals.push(header, name, part.data);
    offset += header.length + name.length + part.data.length;
    return at;
  };
  const entry = (part: ZipPart, at: number) => {
    const name = Buffer.from(part.name);
    const header = Buffer.alloc(46);
    header.writeUInt32LE(0x02014b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(20, 6);
    header.writeUInt16LE(0x0800, 8);
    header.writeUInt16LE(part.method, 10);
    header.writeUInt32LE(part.crc >>> 0, 16);
    header.writeUInt32LE(part.data.length, 20);
    header.writeUInt32LE(part.claimedSize ?? part.size, 24);
    header.writeUInt16LE(name.length, 28);
    header.writeUInt32LE(at, 42);
    central.push(header, name);
  };
  for (const part of parts) entry(part, local(part));
  for (const part of options.hidden ?? []) local(part);
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** The parts of a real one-sheet workbook (hospitals), as Excel would need them. */
export async function workbookParts(rows: string[][] = [['Nama', 'Jenis', 'Kota'], ['RS Uji', 'RSUD', 'Kota Uji']]): Promise<ZipPart[]> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Data');
  for (const row of rows) sheet.addRow(row);
  const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
  return partsOf(bytes);
}

/** Reads a (well-formed) zip back into parts, to rebuild it with changes. */
export function partsOf(zip: Buffer): ZipPart[] {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const parts: ZipPart[] = [];
  for (let i = 0; i < count; i++) {
    const method = zip.readUInt16LE(at + 10) as 0 | 8;
    const compressed = zip.readUInt32LE(at + 20);
    const size = zip.readUInt32LE(at + 24);
    const nameLength = zip.readUInt16LE(at + 28);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    const offset = zip.readUInt32LE(at + 42);
    const start = offset + 30 + zip.readUInt16LE(offset + 26) + zip.readUInt16LE(offset + 28);
    parts.push({ name, data: zip.subarray(start, start + compressed), method, crc: zip.readUInt32LE(at + 16), size });
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return parts;
}

const SHEET_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
const SHEET_TAIL = '</sheetData></worksheet>';
const BOMB_ROW = '<row><c t="inlineStr"><is><t>Puskesmas</t></is></c></row>';

/** The attack: a small .xlsx whose first sheet unpacks to `unpacked` bytes (300 MB in the trial). */
export async function zipBomb(unpacked: number, options: { lie?: boolean } = {}): Promise<Buffer> {
  const parts = (await workbookParts()).filter((p) => p.name !== 'xl/worksheets/sheet1.xml');
  const bomb = await repeatedPart('xl/worksheets/sheet1.xml', SHEET_HEAD, BOMB_ROW, unpacked, SHEET_TAIL);
  if (options.lie) bomb.claimedSize = 900_000; // says it is under a megabyte
  return zipOf([...parts, bomb]);
}

/** A real workbook plus a bomb that only a reader of local headers would find. */
export async function hiddenPartBomb(unpacked: number): Promise<Buffer> {
  const parts = await workbookParts();
  return zipOf(parts, { hidden: [await repeatedPart('xl/worksheets/sheet2.xml', SHEET_HEAD, BOMB_ROW, unpacked, SHEET_TAIL)] });
}

/** A workbook with thousands of (tiny) parts. */
export async function manyPartsWorkbook(count: number): Promise<Buffer> {
  const parts = await workbookParts();
  for (let i = 0; i < count; i++) parts.push(storedPart(`xl/media/p${i}.bin`, 'x'));
  return zipOf(parts);
}

/**
 * An honest, heavy workbook inside every limit (about `unpacked` bytes of shared strings and a
 * sheet of 4,900 rows): real work for the parser, which must not stop the app from answering.
 */
export async function heavyWorkbook(unpacked: number): Promise<Buffer> {
  const parts = await workbookParts();
  const strings = Math.floor(unpacked / 80);
  const sst: string[] = [`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${strings}" uniqueCount="${strings}">`];
  for (let i = 0; i < strings; i++) sst.push(`<si><t>Nama rumah sakit nomor ${i.toString(36).padStart(8, '0')} ${'x'.repeat(20)}</t></si>`);
  sst.push('</sst>');
  const rows = ['<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>Jenis</t></is></c></row>'];
  for (let r = 2; r <= 4900; r++) rows.push(`<row r="${r}"><c r="A${r}" t="s"><v>${r}</v></c><c r="B${r}" t="inlineStr"><is><t>RSUD</t></is></c></row>`);
  const rebuilt = parts.filter((p) => p.name !== 'xl/worksheets/sheet1.xml' && p.name !== 'xl/sharedStrings.xml');
  return zipOf([
    ...rebuilt,
    deflatedPart('xl/sharedStrings.xml', sst.join('')),
    deflatedPart('xl/worksheets/sheet1.xml', `${SHEET_HEAD}${rows.join('')}${SHEET_TAIL}`),
  ]);
}
