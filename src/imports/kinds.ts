// What each import kind reads: its columns (with the header names coordinators use, in
// Bahasa Indonesia and English), how names in cells become references, how an existing
// record is recognised (so importing the same list twice updates rather than duplicates),
// and how a row is written.
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { changesOf } from '../contract/fields';
import { IMPORT_KINDS, type ImportKind } from '../contract/imports';
import { adoptionFields, holidayFields, hospitalFields, puskesmasFields, specialistFields, unavailabilityFields } from '../contract/master-data';
import { audit } from '../db/audit';
import { type EntityDef, HOLIDAY, HOSPITAL, insertEntity, listEntities, PUSKESMAS, SPECIALIST, SPECIALTY, UNAVAILABILITY, updateEntity } from '../db/entities';
import { toAdoption } from '../db/mappers';
import type { Database } from '../db/schema';
import { getSettings } from '../db/settings.repository';
import { weekdayName } from '../domain/format-id';
import { isCalendarDate } from '../domain/dates';
import type { Adoption, Holiday, HolidayKind, Hospital, Puskesmas, Specialist, Specialty, Unavailability } from '../domain/types';
import { bareName, closestNames, matchName, suggestionText } from './names';
import { type DayOfYear, normalise, type Parsed, parseBoolean, parseChoice, parseDate, parseHolidayDates, parseName, parseNumber, parsePhone, parseText, parseWeekdays } from './values';

export { IMPORT_KINDS, type ImportKind };

export interface FieldDef {
  key: string;
  label: string;
  labelEn: string;
  /** Other header names that mean this field (normalised when compared). */
  aliases: string[];
  required: boolean;
  hint: string;
  hintEn: string;
  parse: (raw: string) => Parsed<unknown>;
}

export interface References {
  specialties: Specialty[];
  hospitals: Hospital[];
  specialists: Specialist[];
  puskesmas: Puskesmas[];
  adoptions: Adoption[];
  leave: Unavailability[];
  holidays: Holiday[];
}

export interface ReferenceError {
  field: string;
  message: string;
  messageEn: string;
  /** One close name was found: accepting the suggestions would resolve it. */
  suggestion?: boolean;
}

/** What resolving a row may need besides its cells, and what it tells about the row. */
export interface ResolveContext {
  acceptSuggestions: boolean;
  /** Things done to the row that the coordinator should see (a suggestion taken). */
  notes: ReferenceError[];
  /** Holidays: the year in the sheet's title, and the section (libur / cuti bersama) the row is in. */
  year: number | null;
  section: HolidayKind | null;
}

type Db = Kysely<Database>;

export interface KindDef {
  kind: ImportKind;
  label: string;
  labelEn: string;
  fields: FieldDef[];
  createSchema: z.ZodType;
  updateSchema: z.ZodType;
  /** The fields that say what a row is; a row without them (or with a placeholder) is a note. */
  keyFields: string[];
  /** Cell values (parsed, only mapped and non-empty) to the API's input, resolving names to ids. */
  resolve(values: Record<string, unknown>, refs: References, context: ResolveContext): { input: Record<string, unknown>; errors: ReferenceError[] };
  /** One row that stands for several records (a holiday over "20-21 Maret"). */
  expand?(input: Record<string, unknown>): Record<string, unknown>[];
  /** Existing records whose name is close to a new row's (a typo would create a twin). */
  similarExisting?(input: Record<string, unknown>, refs: References): { id: number; name: string }[];
  /** Two rows with the same identity in one file are a mistake. */
  identity(input: Record<string, unknown>): string;
  findExisting(input: Record<string, unknown>, refs: References): { id: number } | undefined;
  write(trx: Db, input: Record<string, unknown>, existingId: number | undefined): Promise<void>;
  /** Current records as template rows (export in import format: the round trip). */
  exportRows(refs: References): Record<string, string>[];
  examples: Record<string, string>[];
}

export async function loadReferences(db: Db): Promise<References> {
  return {
    specialties: await listEntities(db, SPECIALTY),
    hospitals: await listEntities(db, HOSPITAL),
    specialists: await listEntities(db, SPECIALIST),
    puskesmas: await listEntities(db, PUSKESMAS),
    adoptions: (await db.selectFrom('adoption').selectAll().orderBy('id').execute()).map(toAdoption),
    leave: await listEntities(db, UNAVAILABILITY),
    holidays: await listEntities(db, HOLIDAY),
  };
}

function field(key: string, label: string, labelEn: string, parse: FieldDef['parse'], options: Partial<Pick<FieldDef, 'aliases' | 'required' | 'hint' | 'hintEn'>> = {}): FieldDef {
  return { key, label, labelEn, parse, aliases: options.aliases ?? [], required: options.required ?? false, hint: options.hint ?? '', hintEn: options.hintEn ?? '' };
}

const yesNo = (key: string, label: string, labelEn: string, aliases: string[] = []) =>
  field(key, label, labelEn, parseBoolean, { aliases, hint: 'ya / tidak', hintEn: 'yes / no' });
const activeField = yesNo('active', 'Aktif', 'Active', ['status aktif']);
const latField = field('lat', 'Lintang', 'Latitude', parseNumber, { aliases: ['lat', 'latitude', 'koordinat lintang'], hint: 'contoh -8,2192', hintEn: 'e.g. -8.2192' });
const lonField = field('lon', 'Bujur', 'Longitude', parseNumber, { aliases: ['lon', 'lng', 'long', 'longitude', 'koordinat bujur'], hint: 'contoh 114,3691', hintEn: 'e.g. 114.3691' });

const byName = <T extends { name: string }>(items: T[], name: string): T[] => {
  const key = normalise(name);
  return items.filter((item) => normalise(item.name) === key);
};

function notFoundError(fieldKey: string, whatId: string, whatEn: string, value: string): ReferenceError {
  return { field: fieldKey, message: `${whatId} "${value}" tidak ditemukan`, messageEn: `${whatEn} "${value}" not found` };
}

/**
 * A record by the name in a cell (case, punctuation and prefixes aside). Not found, the closest
 * names are suggested; with `acceptSuggestions` a single suggestion is taken, and said so.
 */
function lookup<T extends { id: number; name: string }>(
  items: readonly T[],
  value: string,
  fieldKey: string,
  what: readonly [string, string],
  context: ResolveContext,
  extraKeys?: (item: T) => string[],
): { id?: number; error?: ReferenceError } {
  const match = matchName(items, value, extraKeys);
  if (match.kind === 'found') return { id: match.item.id };
  if (match.kind === 'ambiguous') {
    const names = match.items.map((i) => i.name).join(', ');
    return { error: { field: fieldKey, message: `"${value}" cocok dengan ${match.items.length} data (${names}); tulis nama lengkapnya`, messageEn: `"${value}" matches ${match.items.length} records (${names}); write the full name` } };
  }
  const names = match.suggestions.map((i) => i.name);
  if (names.length === 1 && context.acceptSuggestions) {
    context.notes.push({ field: fieldKey, message: `"${value}" dibaca sebagai ${names[0]} (saran diterima)`, messageEn: `"${value}" read as ${names[0]} (suggestion accepted)` });
    return { id: match.suggestions[0]!.id };
  }
  if (names.length) {
    const text = suggestionText(names);
    return { error: { field: fieldKey, message: `${value} tidak ditemukan; ${text.id}`, messageEn: `${value} not found; ${text.en}`, suggestion: names.length === 1 } };
  }
  return { error: notFoundError(fieldKey, what[0], what[1], value) };
}

function findSpecialist(refs: References, name: string, fieldKey: string, context: ResolveContext): { id?: number; error?: ReferenceError } {
  return lookup(refs.specialists, name, fieldKey, ['Dokter spesialis', 'Specialist'], context);
}

/** By code, by name (with or without "Puskesmas", "PKM", "UPTD Puskesmas"...). */
function findPuskesmas(refs: References, value: string): Puskesmas | undefined {
  const key = normalise(value);
  const byCode = refs.puskesmas.find((p) => p.code && normalise(p.code) === key);
  if (byCode) return byCode;
  const match = matchName(refs.puskesmas, value);
  return match.kind === 'found' ? match.item : undefined;
}

const specialtyKeys = (s: Specialty) => [s.code, s.title, ...s.aliases].filter(Boolean);

/** Twins a new row would create: existing records whose bare name is a typo away. */
function similarByName<T extends { id: number; name: string }>(items: readonly T[], name: unknown): { id: number; name: string }[] {
  return typeof name === 'string' && name ? closestNames(items, name).map(({ id, name: n }) => ({ id, name: n })) : [];
}

/** The district (kabupaten/kota) column of a published list; rows of other districts are counted, not imported. */
const districtField = () =>
  field('district', 'Kabupaten/kota', 'District (kabupaten/kota)', parseText, {
    aliases: ['kabupaten/kota', 'kab/kota', 'kabupaten', 'kab', 'kabkota', 'kab kota', 'nama kabupaten', 'regency', 'regency/city', 'district/city'],
    hint: 'baris kabupaten/kota lain dilewati dan dihitung',
    hintEn: 'rows of other districts are skipped and counted',
  });

function pick(values: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.filter((k) => values[k] !== undefined).map((k) => [k, values[k]]));
}

const weekdaysText = (days: number[]) => days.map((d) => weekdayName(d)).join(', ');
const yes = (value: boolean) => (value ? 'ya' : 'tidak');
const num = (value: number | null) => (value === null ? '' : String(value).replace('.', ','));

async function writeEntity(trx: Db, def: EntityDef<{ id: number }>, input: Record<string, unknown>, existingId: number | undefined): Promise<void> {
  if (existingId === undefined) await insertEntity(trx, def, input);
  else await updateEntity(trx, def, existingId, input);
}

const specialists: KindDef = {
  kind: 'specialists',
  label: 'Dokter spesialis',
  labelEn: 'Specialists',
  fields: [
    field('name', 'Nama', 'Name', parseName, { required: true, aliases: ['nama dokter', 'nama lengkap', 'dokter', 'dokter spesialis', 'specialist', 'full name'], hint: 'nama lengkap dengan gelar, contoh dr. Ayu Sari, Sp.OG', hintEn: 'full name with titles' }),
    field('specialty', 'Spesialisasi', 'Specialty', parseName, { required: true, aliases: ['spesialis', 'keahlian', 'bidang', 'kode spesialisasi', 'speciality'], hint: 'kode (obgyn, pediatric), nama (Anak) atau gelar (Sp.OG)', hintEn: 'code (obgyn, pediatric), name or title (Sp.OG)' }),
    field('hospital', 'Rumah sakit', 'Hospital', parseName, { aliases: ['rs', 'rumah sakit asal', 'asal rs', 'rs asal', 'asal rumah sakit', 'tempat tugas', 'unit kerja', 'instansi', 'home hospital'], hint: 'nama rumah sakit seperti tercatat di Asuhan', hintEn: 'hospital name as recorded in Asuhan' }),
    field('phone', 'Telepon', 'Phone', parsePhone, { aliases: ['hp', 'no hp', 'nomor hp', 'no telepon', 'telp', 'whatsapp', 'wa', 'mobile'], hint: 'contoh 0812-3456-7890 atau +62 812 3456 7890', hintEn: 'e.g. 0812-3456-7890 or +62 812 3456 7890' }),
    field('email', 'Email', 'Email', parseText, { aliases: ['e-mail', 'surel', 'alamat email'] }),
    field('maxVisitsPerMonth', 'Maks. kunjungan per bulan', 'Max visits per month', parseNumber, { aliases: ['maks kunjungan', 'kunjungan maksimal', 'max visits', 'kuota'], hint: 'angka 0-62', hintEn: 'number 0-62' }),
    field('usualWeekdays', 'Hari kunjungan', 'Usual weekdays', parseWeekdays, { aliases: ['hari', 'hari bisa', 'hari tersedia', 'weekdays', 'available days'], hint: 'contoh Senin-Jumat atau Senin, Rabu', hintEn: 'e.g. Monday-Friday or 1,3' }),
    field('preferredWeekdays', 'Hari pilihan', 'Preferred weekdays', parseWeekdays, { aliases: ['hari favorit', 'preferred days'] }),
    field('notes', 'Catatan', 'Notes', parseText, { aliases: ['keterangan', 'note', 'remarks'] }),
    activeField,
    districtField(),
  ],
  keyFields: ['name'],
  createSchema: specialistFields,
  updateSchema: changesOf(specialistFields),
  resolve(values, refs, context) {
    const errors: ReferenceError[] = [];
    const input = pick(values, ['name', 'phone', 'email', 'maxVisitsPerMonth', 'usualWeekdays', 'preferredWeekdays', 'notes', 'active']);
    if (typeof values.specialty === 'string') {
      const found = lookup(refs.specialties, values.specialty, 'specialty', ['Spesialisasi', 'Specialty'], context, specialtyKeys);
      if (found.id) input.specialtyId = found.id;
      if (found.error) {
        const known = refs.specialties.map((s) => s.code).join(', ');
        errors.push(found.error.suggestion !== undefined || found.error.message.includes('cocok') ? found.error : { field: 'specialty', message: `spesialisasi "${values.specialty}" tidak dikenal (${known})`, messageEn: `specialty "${values.specialty}" is not known (${known})` });
      }
    }
    if (typeof values.hospital === 'string') {
      const found = lookup(refs.hospitals, values.hospital, 'hospital', ['Rumah sakit', 'Hospital'], context);
      if (found.id) input.hospitalId = found.id;
      if (found.error) errors.push(found.error);
    }
    return { input, errors };
  },
  similarExisting: (input, refs) => similarByName(refs.specialists, input.name),
  identity: (input) => normalise(String(input.name ?? '')),
  findExisting: (input, refs) => byName(refs.specialists, String(input.name ?? ''))[0],
  write: (trx, input, id) => writeEntity(trx, SPECIALIST, input, id),
  exportRows: (refs) =>
    refs.specialists.map((s) => ({
      name: s.name,
      specialty: refs.specialties.find((x) => x.id === s.specialtyId)?.code ?? '',
      hospital: refs.hospitals.find((h) => h.id === s.hospitalId)?.name ?? '',
      phone: s.phone,
      email: s.email,
      maxVisitsPerMonth: String(s.maxVisitsPerMonth),
      usualWeekdays: weekdaysText(s.usualWeekdays),
      preferredWeekdays: weekdaysText(s.preferredWeekdays),
      notes: s.notes,
      active: yes(s.active),
      district: '',
    })),
  examples: [
    { name: 'dr. Ayu Kartika Sari, Sp.OG', specialty: 'obgyn', hospital: 'RSUD Contoh Sehat', phone: '0812-3456-7890', email: 'ayu@example.org', maxVisitsPerMonth: '4', usualWeekdays: 'Senin-Jumat', preferredWeekdays: 'Selasa', notes: '', active: 'ya', district: '' },
    { name: 'dr. Bambang Setiawan, Sp.A', specialty: 'pediatric', hospital: '', phone: '0813-1111-2222', email: '', maxVisitsPerMonth: '3', usualWeekdays: 'Senin, Rabu, Kamis', preferredWeekdays: '', notes: 'Praktik sore', active: 'ya', district: '' },
  ],
};

const puskesmas: KindDef = {
  kind: 'puskesmas',
  label: 'Puskesmas',
  labelEn: 'Puskesmas',
  fields: [
    field('name', 'Nama', 'Name', parseName, { required: true, aliases: ['nama puskesmas', 'puskesmas', 'health centre', 'health center'], hint: 'contoh Puskesmas Contoh Utara (awalan Puskesmas/PKM/UPTD boleh ada atau tidak)', hintEn: 'e.g. Puskesmas Contoh Utara (with or without Puskesmas/PKM/UPTD)' }),
    field('code', 'Kode', 'Code', parseName, { aliases: ['kode puskesmas', 'kode kemenkes', 'kemenkes code', 'kode faskes'], hint: 'kode Kemenkes, contoh P9999010101', hintEn: 'Ministry of Health code' }),
    field('kecamatan', 'Kecamatan', 'Kecamatan', parseText, { aliases: ['kec', 'district', 'subdistrict', 'sub-district'] }),
    field('address', 'Alamat', 'Address', parseText, { aliases: ['alamat lengkap', 'jalan'] }),
    latField,
    lonField,
    yesNo('poned', 'PONED', 'PONED', ['puskesmas poned', 'bemonc']),
    yesNo('inpatient', 'Rawat inap', 'Inpatient', ['ranap', 'rawat inap', 'inpatient care']),
    field('notes', 'Catatan', 'Notes', parseText, { aliases: ['keterangan', 'note', 'remarks'] }),
    activeField,
    districtField(),
  ],
  keyFields: ['name'],
  createSchema: puskesmasFields,
  updateSchema: changesOf(puskesmasFields),
  resolve: (values) => ({ input: pick(values, ['name', 'code', 'kecamatan', 'address', 'lat', 'lon', 'poned', 'inpatient', 'notes', 'active']), errors: [] }),
  identity: (input) => (input.code ? `code:${normalise(String(input.code))}` : `name:${bareName(String(input.name ?? ''))}`),
  findExisting: (input, refs) => {
    if (input.code) {
      const byCode = refs.puskesmas.find((p) => p.code && normalise(p.code) === normalise(String(input.code)));
      if (byCode) return byCode;
    }
    return findPuskesmas(refs, String(input.name ?? ''));
  },
  similarExisting: (input, refs) => similarByName(refs.puskesmas, input.name),
  write: async (trx, input, id) =>
    writeEntity(trx, PUSKESMAS, id === undefined && input.openingHours === undefined ? { ...input, openingHours: (await getSettings(trx)).defaultOpeningHours } : input, id),
  exportRows: (refs) =>
    refs.puskesmas.map((p) => ({ name: p.name, code: p.code ?? '', kecamatan: p.kecamatan, address: p.address, lat: num(p.lat), lon: num(p.lon), poned: yes(p.poned), inpatient: yes(p.inpatient), notes: p.notes, active: yes(p.active), district: '' })),
  examples: [
    { name: 'Puskesmas Contoh Utara', code: 'P9999010101', kecamatan: 'Contoh Utara', address: 'Jl. Raya Contoh No. 1', lat: '-4,1203', lon: '122,5120', poned: 'ya', inpatient: 'ya', notes: '', active: 'ya', district: '' },
    { name: 'Puskesmas Contoh Baru', code: 'P9999010201', kecamatan: 'Contoh Selatan', address: 'Jl. Contoh No. 2', lat: '', lon: '', poned: 'tidak', inpatient: 'tidak', notes: 'Baru dibuka', active: 'ya', district: '' },
  ],
};

const hospitals: KindDef = {
  kind: 'hospitals',
  label: 'Rumah sakit',
  labelEn: 'Hospitals',
  fields: [
    field('name', 'Nama', 'Name', parseName, { required: true, aliases: ['nama rumah sakit', 'nama rs', 'rumah sakit', 'rs', 'hospital'] }),
    field('kind', 'Jenis', 'Kind', parseText, { aliases: ['jenis rs', 'tipe', 'kelas', 'type'], hint: 'contoh RSUD, RS Swasta', hintEn: 'e.g. public, private' }),
    field('town', 'Kota', 'Town', parseText, { aliases: ['kota kecamatan', 'lokasi', 'city', 'location'] }),
    field('address', 'Alamat', 'Address', parseText, { aliases: ['alamat lengkap'] }),
    latField,
    lonField,
    activeField,
    districtField(),
  ],
  keyFields: ['name'],
  createSchema: hospitalFields,
  updateSchema: changesOf(hospitalFields),
  resolve: (values) => ({ input: pick(values, ['name', 'kind', 'town', 'address', 'lat', 'lon', 'active']), errors: [] }),
  identity: (input) => bareName(String(input.name ?? '')),
  findExisting: (input, refs) => {
    const match = matchName(refs.hospitals, String(input.name ?? ''));
    return match.kind === 'found' ? match.item : undefined;
  },
  similarExisting: (input, refs) => similarByName(refs.hospitals, input.name),
  write: (trx, input, id) => writeEntity(trx, HOSPITAL, input, id),
  exportRows: (refs) => refs.hospitals.map((h) => ({ name: h.name, kind: h.kind, town: h.town, address: h.address, lat: num(h.lat), lon: num(h.lon), active: yes(h.active), district: '' })),
  examples: [{ name: 'RSUD Contoh Sehat', kind: 'RSUD', town: 'Kota Contoh', address: 'Jl. Contoh Raya No. 49', lat: '-4,1140', lon: '122,5700', active: 'ya', district: '' }],
};

const ROLES = { utama: 'primary', primary: 'primary', pengampu: 'primary', pengampuutama: 'primary', cadangan: 'backup', backup: 'backup', pengganti: 'backup', pengampucadangan: 'backup' } as const;

const adoptions: KindDef = {
  kind: 'adoptions',
  label: 'Adopsi (puskesmas binaan)',
  labelEn: 'Adoptions',
  fields: [
    field('specialist', 'Dokter spesialis', 'Specialist', parseName, { required: true, aliases: ['dokter', 'nama dokter', 'spesialis', 'specialist name'] }),
    field('puskesmas', 'Puskesmas', 'Puskesmas', parseName, { required: true, aliases: ['nama puskesmas', 'kode puskesmas', 'puskesmas binaan', 'health centre'], hint: 'nama atau kode puskesmas', hintEn: 'puskesmas name or code' }),
    field('role', 'Peran', 'Role', (raw) => parseChoice(raw, ROLES, 'utama atau cadangan', 'primary or backup'), { aliases: ['peran dokter', 'jenis'], hint: 'utama / cadangan', hintEn: 'primary / backup' }),
  ],
  keyFields: ['specialist', 'puskesmas'],
  createSchema: adoptionFields,
  updateSchema: changesOf(adoptionFields),
  resolve(values, refs, context) {
    const errors: ReferenceError[] = [];
    const input: Record<string, unknown> = pick(values, ['role']);
    if (typeof values.specialist === 'string') {
      const found = findSpecialist(refs, values.specialist, 'specialist', context);
      if (found.id) input.specialistId = found.id;
      if (found.error) errors.push(found.error);
    }
    if (typeof values.puskesmas === 'string') {
      const byCode = refs.puskesmas.find((p) => p.code && normalise(p.code) === normalise(String(values.puskesmas)));
      const found = byCode ? { id: byCode.id } : lookup(refs.puskesmas, values.puskesmas, 'puskesmas', ['Puskesmas', 'Puskesmas'], context);
      if (found.id) input.puskesmasId = found.id;
      if ('error' in found && found.error) errors.push(found.error);
    }
    return { input, errors };
  },
  identity: (input) => `${input.specialistId}:${input.puskesmasId}`,
  findExisting: (input, refs) => refs.adoptions.find((a) => a.specialistId === input.specialistId && a.puskesmasId === input.puskesmasId),
  async write(trx, input, existingId) {
    const role: 'primary' | 'backup' = input.role === 'backup' ? 'backup' : 'primary';
    const values = { specialist_id: Number(input.specialistId), puskesmas_id: Number(input.puskesmasId), role };
    // Without a role column an existing adoption keeps its role.
    const row = await trx
      .insertInto('adoption')
      .values(values)
      .onConflict((oc) => oc.columns(['specialist_id', 'puskesmas_id']).doUpdateSet(input.role === undefined ? { specialist_id: values.specialist_id } : { role }))
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit(trx, { entity: 'adoption', entityId: row.id, action: existingId ? 'update' : 'create', after: toAdoption(row) });
  },
  exportRows: (refs) =>
    refs.adoptions.map((a) => ({
      specialist: refs.specialists.find((s) => s.id === a.specialistId)?.name ?? '',
      puskesmas: refs.puskesmas.find((p) => p.id === a.puskesmasId)?.name ?? '',
      role: a.role === 'primary' ? 'utama' : 'cadangan',
    })),
  examples: [
    { specialist: 'dr. Ayu Kartika Sari, Sp.OG', puskesmas: 'Puskesmas Contoh Utara', role: 'utama' },
    { specialist: 'dr. Ayu Kartika Sari, Sp.OG', puskesmas: 'P9999010201', role: 'cadangan' },
  ],
};

const LEAVE_KINDS = { cuti: 'leave', leave: 'leave', cutitahunan: 'leave', tugas: 'duty', dinas: 'duty', tugasdinas: 'duty', duty: 'duty', jaga: 'duty', pelatihan: 'training', training: 'training', seminar: 'training', kursus: 'training', lainnya: 'other', lain: 'other', other: 'other' } as const;
const LEAVE_LABEL: Record<string, string> = { leave: 'cuti', duty: 'tugas', training: 'pelatihan', other: 'lainnya' };

const leave: KindDef = {
  kind: 'leave',
  label: 'Cuti dan tugas dokter',
  labelEn: 'Leave and duties',
  fields: [
    field('specialist', 'Dokter spesialis', 'Specialist', parseName, { required: true, aliases: ['dokter', 'nama dokter', 'nama', 'specialist name'] }),
    field('startDate', 'Tanggal mulai', 'Start date', parseDate, { required: true, aliases: ['mulai', 'dari', 'dari tanggal', 'from', 'start'], hint: 'contoh 2026-03-02 atau 02/03/2026', hintEn: 'e.g. 2026-03-02 or 02/03/2026' }),
    field('endDate', 'Tanggal selesai', 'End date', parseDate, { required: true, aliases: ['selesai', 'sampai', 'sampai tanggal', 'hingga', 'to', 'end', 'until'] }),
    field('kind', 'Jenis', 'Kind', (raw) => parseChoice(raw, LEAVE_KINDS, 'cuti, tugas, pelatihan atau lainnya', 'leave, duty, training or other'), { aliases: ['jenis cuti', 'type'], hint: 'cuti / tugas / pelatihan / lainnya', hintEn: 'leave / duty / training / other' }),
    field('reason', 'Alasan', 'Reason', parseText, { aliases: ['keterangan', 'catatan', 'notes'] }),
  ],
  keyFields: ['specialist'],
  createSchema: unavailabilityFields,
  updateSchema: unavailabilityFields,
  resolve(values, refs, context) {
    const errors: ReferenceError[] = [];
    const input: Record<string, unknown> = pick(values, ['startDate', 'endDate', 'kind', 'reason']);
    if (typeof values.specialist === 'string') {
      const found = findSpecialist(refs, values.specialist, 'specialist', context);
      if (found.id) input.specialistId = found.id;
      if (found.error) errors.push(found.error);
    }
    return { input, errors };
  },
  identity: (input) => `${input.specialistId}:${input.startDate}:${input.endDate}`,
  findExisting: (input, refs) => refs.leave.find((u) => u.specialistId === input.specialistId && u.startDate === input.startDate && u.endDate === input.endDate),
  write: async (trx, input, id) => {
    if (id === undefined) await insertEntity(trx, UNAVAILABILITY, input);
    else await updateEntity(trx, UNAVAILABILITY, id, { kind: input.kind, reason: input.reason });
  },
  exportRows: (refs) =>
    refs.leave.map((u) => ({ specialist: refs.specialists.find((s) => s.id === u.specialistId)?.name ?? '', startDate: u.startDate, endDate: u.endDate, kind: LEAVE_LABEL[u.kind] ?? u.kind, reason: u.reason })),
  examples: [{ specialist: 'dr. Ayu Kartika Sari, Sp.OG', startDate: '2026-03-09', endDate: '2026-03-13', kind: 'cuti', reason: 'Cuti tahunan' }],
};

const HOLIDAY_KINDS = { libur: 'libur', liburnasional: 'libur', hariliburnasional: 'libur', holiday: 'libur', publicholiday: 'libur', cutibersama: 'cuti_bersama', jointleave: 'cuti_bersama', collectiveleave: 'cuti_bersama' } as const;

/** The decree's own words for its two tables; a title naming both ("Hari Libur Nasional dan Cuti
 * Bersama") starts with the first. */
export function holidaySection(text: string): HolidayKind | null {
  const cuti = text.search(/cuti\s*bersama/i);
  const libur = text.search(/libur\s*nasional|hari\s*libur/i);
  if (cuti < 0 && libur < 0) return null;
  return cuti >= 0 && (libur < 0 || cuti < libur) ? 'cuti_bersama' : 'libur';
}

function isoOf(day: DayOfYear, year: number): string {
  return `${year}-${String(day.month).padStart(2, '0')}-${String(day.day).padStart(2, '0')}`;
}

const holidays: KindDef = {
  kind: 'holidays',
  label: 'Hari libur',
  labelEn: 'Holidays',
  fields: [
    field('date', 'Tanggal', 'Date', parseHolidayDates, { required: true, aliases: ['tgl', 'hari tanggal', 'hari/tanggal', 'tanggal libur'], hint: 'contoh 2026-03-19, 1 Januari, 20-21 Maret 2026', hintEn: 'e.g. 2026-03-19, 1 Januari, 20-21 Maret 2026' }),
    field('name', 'Nama', 'Name', parseName, { required: true, aliases: ['nama hari libur', 'keterangan', 'hari libur', 'holiday', 'uraian'] }),
    field('kind', 'Jenis', 'Kind', (raw) => parseChoice(raw, HOLIDAY_KINDS, 'libur atau cuti bersama', 'holiday or joint leave (cuti bersama)'), { aliases: ['jenis libur', 'type'], hint: 'libur / cuti bersama (tanpa kolom ini: dari nama atau judul tabel)', hintEn: 'holiday / joint leave (without it: from the name or the table title)' }),
    field('year', 'Tahun', 'Year', parseNumber, { aliases: ['thn'], hint: 'tanpa kolom ini: dari tanggal atau judul tabel ("Tahun 2028")', hintEn: 'without it: from the date or the table title ("Tahun 2028")' }),
  ],
  keyFields: ['date', 'name'],
  createSchema: holidayFields,
  updateSchema: changesOf(holidayFields),
  resolve(values, _refs, context) {
    const errors: ReferenceError[] = [];
    const input: Record<string, unknown> = pick(values, ['name', 'kind']);
    if (input.kind === undefined) input.kind = holidaySection(String(values.name ?? '')) === 'cuti_bersama' ? 'cuti_bersama' : (context.section ?? 'libur');
    const days = values.date as DayOfYear[] | undefined;
    if (days) {
      const year = typeof values.year === 'number' ? values.year : context.year;
      const dates = days.map((d) => (d.year ?? year) === null ? null : isoOf(d, (d.year ?? year) as number));
      if (dates.some((d) => d === null)) errors.push({ field: 'date', message: 'tahunnya tidak diketahui: tulis tahunnya, tambahkan kolom Tahun, atau judul tabel seperti "Tahun 2028"', messageEn: 'the year is unknown: write it, add a Year column, or a table title such as "Tahun 2028"' });
      else if (dates.some((d) => !isCalendarDate(d as string))) errors.push({ field: 'date', message: `${dates.find((d) => !isCalendarDate(d as string))} bukan tanggal yang ada`, messageEn: `${dates.find((d) => !isCalendarDate(d as string))} is not a real date` });
      else input.date = dates;
    }
    return { input, errors };
  },
  expand: (input) => (Array.isArray(input.date) ? input.date.map((date) => ({ ...input, date })) : [input]),
  identity: (input) => `${input.date}:${normalise(String(input.name ?? ''))}`,
  findExisting: (input, refs) => refs.holidays.find((h) => h.date === input.date && normalise(h.name) === normalise(String(input.name ?? ''))),
  write: (trx, input, id) => writeEntity(trx, HOLIDAY, input, id),
  exportRows: (refs) => refs.holidays.map((h) => ({ date: h.date, name: h.name, kind: h.kind === 'libur' ? 'libur' : 'cuti bersama', year: '' })),
  examples: [
    { date: '2026-03-19', name: 'Hari Suci Nyepi (Tahun Baru Saka 1948)', kind: 'libur', year: '' },
    { date: '2026-03-18', name: 'Cuti bersama Nyepi', kind: 'cuti bersama', year: '' },
  ],
};

export const KINDS: Record<ImportKind, KindDef> = { specialists, puskesmas, hospitals, adoptions, leave, holidays };
