// An .xlsx file is a zip archive, and a zip of a few hundred KB can unpack to gigabytes (a zip
// bomb). Before a spreadsheet is parsed, its archive is read here: the central directory for the
// number of entries, their declared sizes and compression ratios; the local headers, so no entry
// hides outside the directory or overlaps another; then every entry is inflated with a hard cap
// at its declared size, so a size that lies is caught without ever holding more than the limit.
import zlib from 'node:zlib';
import { AsuhanError } from '../contract/errors';

export const XLSX_LIMITS = {
  /** A workbook has a few dozen parts; thousands is an attack or not a spreadsheet. */
  maxEntries: 1000,
  /** Everything unpacked together. */
  maxUncompressedBytes: 50 * 1024 * 1024,
  /** Worksheets compress about 5-20 times; far more than this is a bomb. */
  maxRatio: 200,
  /** The ratio is only judged for entries larger than this (tiny parts compress oddly). */
  ratioFromBytes: 1024 * 1024,
} as const;

export interface ArchiveSummary {
  entries: number;
  compressedBytes: number;
  uncompressedBytes: number;
}

function refuse(detailId: string, detailEn: string): AsuhanError {
  return new AsuhanError('IMPORT', `Berkas Excel ditolak: ${detailId}. Tidak ada yang diubah.`, `The Excel file was refused: ${detailEn}. Nothing was changed.`);
}

const damaged = () =>
  new AsuhanError('IMPORT', 'Berkas Excel rusak atau tidak bisa dibaca (arsipnya tidak lengkap). Simpan ulang dari Excel sebagai .xlsx.', 'The Excel file is damaged or unreadable (its archive is incomplete). Save it again from Excel as .xlsx.');
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const DESCRIPTOR = 0x08074b50;

interface Entry {
  name: string;
  method: number;
  flags: number;
  crc: number;
  /** DOS time and date, as stored. */
  time: number;
  date: number;
  compressed: number;
  uncompressed: number;
  offset: number;
}

function findEndOfDirectory(bytes: Buffer): number {
  const earliest = Math.max(0, bytes.length - 22 - 0xffff);
  for (let at = bytes.length - 22; at >= earliest; at--) if (bytes.readUInt32LE(at) === EOCD) return at;
  throw damaged();
}

function centralDirectory(bytes: Buffer): { entries: Entry[]; directoryStart: number } {
  if (bytes.length < 22) throw damaged();
  const end = findEndOfDirectory(bytes);
  const count = bytes.readUInt16LE(end + 10);
  const size = bytes.readUInt32LE(end + 12);
  const start = bytes.readUInt32LE(end + 16);
  if (bytes.readUInt16LE(end + 4) !== 0 || bytes.readUInt16LE(end + 6) !== 0) throw refuse('arsip terbagi beberapa bagian tidak didukung', 'split archives are not supported');
  if (count === 0xffff || size === 0xffffffff || start === 0xffffffff) throw refuse('arsip ZIP64 (terlalu besar untuk daftar puskesmas atau dokter)', 'a ZIP64 archive (too large for a list of puskesmas or doctors)');
  if (count > XLSX_LIMITS.maxEntries) throw refuse(`berisi ${count} bagian (maksimal ${XLSX_LIMITS.maxEntries})`, `it holds ${count} parts (at most ${XLSX_LIMITS.maxEntries})`);
  if (start + size > end) throw damaged();
  const entries: Entry[] = [];
  let at = start;
  for (let i = 0; i < count; i++) {
    if (at + 46 > end || bytes.readUInt32LE(at) !== CENTRAL) throw damaged();
    const nameLength = bytes.readUInt16LE(at + 28);
    const extraLength = bytes.readUInt16LE(at + 30);
    const commentLength = bytes.readUInt16LE(at + 32);
    entries.push({
      flags: bytes.readUInt16LE(at + 8),
      method: bytes.readUInt16LE(at + 10),
      time: bytes.readUInt16LE(at + 12),
      date: bytes.readUInt16LE(at + 14),
      crc: bytes.readUInt32LE(at + 16),
      compressed: bytes.readUInt32LE(at + 20),
      uncompressed: bytes.readUInt32LE(at + 24),
      offset: bytes.readUInt32LE(at + 42),
      name: bytes.toString('utf8', at + 46, Math.min(at + 46 + nameLength, end)),
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return { entries, directoryStart: start };
}

function checkDeclared(entries: Entry[]): number {
  let total = 0;
  for (const entry of entries) {
    if (entry.flags & 0x1) throw refuse('berkas dilindungi kata sandi; simpan tanpa kata sandi', 'it is password-protected; save it without a password');
    if (entry.method !== 0 && entry.method !== 8) throw refuse(`cara kompresi ${entry.method} tidak dikenal`, `unknown compression method ${entry.method}`);
    if (entry.compressed === 0xffffffff || entry.uncompressed === 0xffffffff) throw refuse('bagian ZIP64 tidak didukung', 'ZIP64 parts are not supported');
    total += entry.uncompressed;
    if (total > XLSX_LIMITS.maxUncompressedBytes) {
      throw refuse(`isinya lebih dari ${mb(XLSX_LIMITS.maxUncompressedBytes)} setelah dibuka (bom zip?)`, `it unpacks to more than ${mb(XLSX_LIMITS.maxUncompressedBytes)} (a zip bomb?)`);
    }
    if (entry.uncompressed > XLSX_LIMITS.ratioFromBytes && entry.uncompressed > entry.compressed * XLSX_LIMITS.maxRatio) {
      throw refuse(
        `bagian ${entry.name} mengembang ${Math.round(entry.uncompressed / Math.max(entry.compressed, 1))} kali saat dibuka (maksimal ${XLSX_LIMITS.maxRatio}; bom zip?)`,
        `part ${entry.name} expands ${Math.round(entry.uncompressed / Math.max(entry.compressed, 1))} times (at most ${XLSX_LIMITS.maxRatio}; a zip bomb?)`,
      );
    }
  }
  return total;
}

/** Each entry's data, from its local header; no bytes outside a listed entry may hold another. */
function localData(bytes: Buffer, entries: Entry[], directoryStart: number): Buffer[] {
  const byOffset = entries.map((entry, index) => ({ entry, index })).sort((a, b) => a.entry.offset - b.entry.offset);
  const data: Buffer[] = new Array(entries.length);
  let cursor = 0;
  for (const { entry, index } of byOffset) {
    if (entry.offset < cursor) throw refuse('bagian-bagian arsip saling tumpang tindih (bom zip?)', 'the archive parts overlap (a zip bomb?)');
    if (bytes.subarray(cursor, entry.offset).includes(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) throw refuse('ada bagian tersembunyi di luar daftar arsip', 'a part is hidden outside the archive directory');
    const at = entry.offset;
    if (at + 30 > directoryStart || bytes.readUInt32LE(at) !== LOCAL) throw damaged();
    const start = at + 30 + bytes.readUInt16LE(at + 26) + bytes.readUInt16LE(at + 28);
    const stop = start + entry.compressed;
    if (stop > directoryStart) throw damaged();
    if (!(entry.flags & 0x8) && (bytes.readUInt32LE(at + 18) !== entry.compressed || bytes.readUInt32LE(at + 22) !== entry.uncompressed)) {
      throw refuse('ukuran bagian di arsip tidak cocok dengan daftarnya', 'part sizes in the archive do not match its directory');
    }
    data[index] = bytes.subarray(start, stop);
    cursor = stop;
    if (entry.flags & 0x8) {
      const signed = stop + 4 <= directoryStart && bytes.readUInt32LE(stop) === DESCRIPTOR;
      cursor += signed ? 16 : 12; // crc, sizes (and the optional signature)
    }
  }
  if (bytes.subarray(cursor, directoryStart).includes(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) throw refuse('ada bagian tersembunyi di luar daftar arsip', 'a part is hidden outside the archive directory');
  return data;
}

/** Inflates every entry, never past its declared size: a size that lies is refused. */
function checkActualSizes(entries: Entry[], data: Buffer[]): void {
  entries.forEach((entry, index) => {
    const packed = data[index] as Buffer;
    let size: number;
    if (entry.method === 0) size = packed.length;
    else {
      try {
        size = zlib.inflateRawSync(packed, { maxOutputLength: Math.max(entry.uncompressed, 1) }).length;
      } catch (error) {
        if (error instanceof RangeError || (error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
          throw refuse(`bagian ${entry.name} lebih besar daripada yang tertulis di arsip (bom zip?)`, `part ${entry.name} is larger than the archive says (a zip bomb?)`);
        }
        throw damaged();
      }
    }
    if (size !== entry.uncompressed) throw refuse(`bagian ${entry.name} tidak sebesar yang tertulis di arsip`, `part ${entry.name} is not the size the archive says`);
  });
}

/**
 * The cheap checks (directory, declared sizes and ratios, local headers): milliseconds even for a
 * bomb, so they run before any thread is started.
 */
export function inspectXlsxArchive(bytes: Buffer): ArchiveSummary {
  const { entries, directoryStart } = centralDirectory(bytes);
  const uncompressedBytes = checkDeclared(entries);
  localData(bytes, entries, directoryStart);
  return { entries: entries.length, compressedBytes: bytes.length, uncompressedBytes };
}

/** Throws a clear refusal unless `bytes` is an archive a spreadsheet reader can open safely. */
export function checkXlsxArchive(bytes: Buffer): ArchiveSummary {
  const { entries, directoryStart } = centralDirectory(bytes);
  const uncompressedBytes = checkDeclared(entries);
  checkActualSizes(entries, localData(bytes, entries, directoryStart));
  return { entries: entries.length, compressedBytes: bytes.length, uncompressedBytes };
}

/** The parts a worksheet needs, in the order the streaming reader must meet them. */
const READ_FIRST = ['[Content_Types].xml', '_rels/.rels', 'xl/_rels/workbook.xml.rels', 'xl/workbook.xml', 'xl/sharedStrings.xml', 'xl/styles.xml'];
const sheetNumber = (name: string) => Number(/^xl\/worksheets\/sheet(\d+)\.xml$/.exec(name)?.[1] ?? Infinity);
const rank = (name: string) => {
  const first = READ_FIRST.indexOf(name);
  return first !== -1 ? first : READ_FIRST.length + Math.min(sheetNumber(name), 1e9);
};

/**
 * The same archive (the same compressed bytes) with the workbook, its relations, shared strings
 * and styles first, then the worksheets in order. exceljs's streaming reader parses a worksheet
 * met before those from a temp file in the shared temp folder, and when the workbook comes last
 * (as exceljs itself writes it) it sometimes loses it and fails (exceljs issue #3064). In this
 * order every worksheet is parsed as it streams, and the last part is one nobody needs.
 * Call only after checkXlsxArchive.
 */
export function orderedForReading(bytes: Buffer): Buffer {
  const { entries, directoryStart } = centralDirectory(bytes);
  const data = localData(bytes, entries, directoryStart);
  const order = entries.map((entry, index) => ({ entry, index })).sort((a, b) => rank(a.entry.name) - rank(b.entry.name) || a.index - b.index);
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const { entry, index } of order) {
    const name = Buffer.from(entry.name, 'utf8');
    const packed = data[index] as Buffer;
    // Sizes and checksum in the local header; no data descriptor (bit 3), names in UTF-8 (bit 11).
    const flags = (entry.flags & ~0x8) | 0x800;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(LOCAL, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(entry.method, 8);
    local.writeUInt16LE(entry.time, 10);
    local.writeUInt16LE(entry.date, 12);
    local.writeUInt32LE(entry.crc, 14);
    local.writeUInt32LE(entry.compressed, 18);
    local.writeUInt32LE(entry.uncompressed, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, packed);
    const record = Buffer.alloc(46);
    record.writeUInt32LE(CENTRAL, 0);
    record.writeUInt16LE(20, 4);
    record.writeUInt16LE(20, 6);
    record.writeUInt16LE(flags, 8);
    record.writeUInt16LE(entry.method, 10);
    record.writeUInt16LE(entry.time, 12);
    record.writeUInt16LE(entry.date, 14);
    record.writeUInt32LE(entry.crc, 16);
    record.writeUInt32LE(entry.compressed, 20);
    record.writeUInt32LE(entry.uncompressed, 24);
    record.writeUInt16LE(name.length, 28);
    record.writeUInt32LE(offset, 42);
    central.push(record, name);
    offset += 30 + name.length + packed.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(EOCD, 0);
  end.writeUInt16LE(order.length, 8);
  end.writeUInt16LE(order.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}
