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
import type { Adoption, Holiday, Hospital, Puskesmas, Specialist, Specialty, Unavailability } from '../domain/types';
import { normalise, type Parsed, parseBoolean, parseChoice, parseDate, parseName, parseNumber, parseText, parseWeekdays } from './values';

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
}

type Db = Kysely<Database>;

export interface KindDef {
  kind: ImportKind;
  label: string;
  labelEn: string;
  fields: FieldDef[];
  createSchema: z.ZodType;
  updateSchema: z.ZodType;
  /** Cell values (parsed, only mapped and non-empty) to the API's input, resolving names to ids. */
  resolve(values: Record<string, unknown>, refs: References): { input: Record<string, unknown>; errors: ReferenceError[] };
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

function findSpecialist(refs: References, name: string, fieldKey: string): { id?: number; error?: ReferenceError } {
  const found = byName(refs.specialists, name);
  if (found.length === 1) return { id: found[0]!.id };
  if (found.length > 1) return { error: { field: fieldKey, message: `ada ${found.length} dokter bernama "${name}"; bedakan namanya dulu`, messageEn: `${found.length} specialists are named "${name}"; make the names distinct first` } };
  return { error: notFoundError(fieldKey, 'Dokter spesialis', 'Specialist', name) };
}

/** By code, by exact name, or by name without the word "Puskesmas". */
function findPuskesmas(refs: References, value: string): Puskesmas | undefined {
  const key = normalise(value);
  const bare = (name: string) => normalise(name.replace(/^puskesmas\s+/i, ''));
  return (
    refs.puskesmas.find((p) => p.code && normalise(p.code) === key) ??
    refs.puskesmas.find((p) => normalise(p.name) === key) ??
    refs.puskesmas.find((p) => bare(p.name) === bare(value))
  );
}

function findSpecialty(refs: References, value: string): Specialty | undefined {
  const key = normalise(value);
  return refs.specialties.find((s) => normalise(s.code) === key || normalise(s.name) === key || (s.title && normalise(s.title) === key));
}

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
    field('hospital', 'Rumah sakit', 'Hospital', parseName, { aliases: ['rs', 'rumah sakit asal', 'asal rs', 'home hospital'], hint: 'nama rumah sakit seperti tercatat di Asuhan', hintEn: 'hospital name as recorded in Asuhan' }),
    field('phone', 'Telepon', 'Phone', parseText, { aliases: ['hp', 'no hp', 'nomor hp', 'no telepon', 'telp', 'whatsapp', 'wa', 'mobile'] }),
    field('email', 'Email', 'Email', parseText, { aliases: ['e-mail', 'surel', 'alamat email'] }),
    field('maxVisitsPerMonth', 'Maks. kunjungan per bulan', 'Max visits per month', parseNumber, { aliases: ['maks kunjungan', 'kunjungan maksimal', 'max visits', 'kuota'], hint: 'angka 0-62', hintEn: 'number 0-62' }),
    field('usualWeekdays', 'Hari kunjungan', 'Usual weekdays', parseWeekdays, { aliases: ['hari', 'hari bisa', 'hari tersedia', 'weekdays', 'available days'], hint: 'contoh Senin-Jumat atau Senin, Rabu', hintEn: 'e.g. Monday-Friday or 1,3' }),
    field('preferredWeekdays', 'Hari pilihan', 'Preferred weekdays', parseWeekdays, { aliases: ['hari favorit', 'preferred days'] }),
    field('notes', 'Catatan', 'Notes', parseText, { aliases: ['keterangan', 'note', 'remarks'] }),
    activeField,
  ],
  createSchema: specialistFields,
  updateSchema: changesOf(specialistFields),
  resolve(values, refs) {
    const errors: ReferenceError[] = [];
    const input = pick(values, ['name', 'phone', 'email', 'maxVisitsPerMonth', 'usualWeekdays', 'preferredWeekdays', 'notes', 'active']);
    if (typeof values.specialty === 'string') {
      const specialty = findSpecialty(refs, values.specialty);
      if (specialty) input.specialtyId = specialty.id;
      else errors.push({ field: 'specialty', message: `spesialisasi "${values.specialty}" tidak dikenal (${refs.specialties.map((s) => s.code).join(', ')})`, messageEn: `specialty "${values.specialty}" is not known (${refs.specialties.map((s) => s.code).join(', ')})` });
    }
    if (typeof values.hospital === 'string') {
      const hospital = byName(refs.hospitals, values.hospital)[0];
      if (hospital) input.hospitalId = hospital.id;
      else errors.push(notFoundError('hospital', 'Rumah sakit', 'Hospital', values.hospital));
    }
    return { input, errors };
  },
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
    })),
  examples: [
    { name: 'dr. Ayu Kartika Sari, Sp.OG', specialty: 'obgyn', hospital: 'RSUD Blambangan', phone: '0812-3456-7890', email: 'ayu@example.org', maxVisitsPerMonth: '4', usualWeekdays: 'Senin-Jumat', preferredWeekdays: 'Selasa', notes: '', active: 'ya' },
    { name: 'dr. Bambang Setiawan, Sp.A', specialty: 'pediatric', hospital: '', phone: '0813-1111-2222', email: '', maxVisitsPerMonth: '3', usualWeekdays: 'Senin, Rabu, Kamis', preferredWeekdays: '', notes: 'Praktik sore', active: 'ya' },
  ],
};

const puskesmas: KindDef = {
  kind: 'puskesmas',
  label: 'Puskesmas',
  labelEn: 'Puskesmas',
  fields: [
    field('name', 'Nama', 'Name', parseName, { required: true, aliases: ['nama puskesmas', 'puskesmas', 'health centre', 'health center'], hint: 'contoh Puskesmas Sempu', hintEn: 'e.g. Puskesmas Sempu' }),
    field('code', 'Kode', 'Code', parseName, { aliases: ['kode puskesmas', 'kode kemenkes', 'kemenkes code', 'kode faskes'], hint: 'kode Kemenkes, contoh P3510020101', hintEn: 'Ministry of Health code' }),
    field('kecamatan', 'Kecamatan', 'Kecamatan', parseText, { aliases: ['kec', 'district', 'subdistrict', 'sub-district'] }),
    field('address', 'Alamat', 'Address', parseText, { aliases: ['alamat lengkap', 'jalan'] }),
    latField,
    lonField,
    yesNo('poned', 'PONED', 'PONED', ['puskesmas poned', 'bemonc']),
    yesNo('inpatient', 'Rawat inap', 'Inpatient', ['ranap', 'rawat inap', 'inpatient care']),
    field('notes', 'Catatan', 'Notes', parseText, { aliases: ['keterangan', 'note', 'remarks'] }),
    activeField,
  ],
  createSchema: puskesmasFields,
  updateSchema: changesOf(puskesmasFields),
  resolve: (values) => ({ input: pick(values, ['name', 'code', 'kecamatan', 'address', 'lat', 'lon', 'poned', 'inpatient', 'notes', 'active']), errors: [] }),
  identity: (input) => (input.code ? `code:${normalise(String(input.code))}` : `name:${normalise(String(input.name ?? '').replace(/^puskesmas\s+/i, ''))}`),
  findExisting: (input, refs) => {
    if (input.code) {
      const byCode = refs.puskesmas.find((p) => p.code && normalise(p.code) === normalise(String(input.code)));
      if (byCode) return byCode;
    }
    return findPuskesmas(refs, String(input.name ?? ''));
  },
  write: async (trx, input, id) =>
    writeEntity(trx, PUSKESMAS, id === undefined && input.openingHours === undefined ? { ...input, openingHours: (await getSettings(trx)).defaultOpeningHours } : input, id),
  exportRows: (refs) =>
    refs.puskesmas.map((p) => ({ name: p.name, code: p.code ?? '', kecamatan: p.kecamatan, address: p.address, lat: num(p.lat), lon: num(p.lon), poned: yes(p.poned), inpatient: yes(p.inpatient), notes: p.notes, active: yes(p.active) })),
  examples: [
    { name: 'Puskesmas Sempu', code: 'P3510090101', kecamatan: 'Sempu', address: 'Jl. Raya Sempu No. 1', lat: '-8,3203', lon: '114,2120', poned: 'ya', inpatient: 'ya', notes: '', active: 'ya' },
    { name: 'Puskesmas Contoh Baru', code: '', kecamatan: 'Glagah', address: 'Jl. Contoh No. 2', lat: '', lon: '', poned: 'tidak', inpatient: 'tidak', notes: 'Baru dibuka', active: 'ya' },
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
  ],
  createSchema: hospitalFields,
  updateSchema: changesOf(hospitalFields),
  resolve: (values) => ({ input: pick(values, ['name', 'kind', 'town', 'address', 'lat', 'lon', 'active']), errors: [] }),
  identity: (input) => normalise(String(input.name ?? '')),
  findExisting: (input, refs) => byName(refs.hospitals, String(input.name ?? ''))[0],
  write: (trx, input, id) => writeEntity(trx, HOSPITAL, input, id),
  exportRows: (refs) => refs.hospitals.map((h) => ({ name: h.name, kind: h.kind, town: h.town, address: h.address, lat: num(h.lat), lon: num(h.lon), active: yes(h.active) })),
  examples: [{ name: 'RSUD Blambangan', kind: 'RSUD', town: 'Banyuwangi', address: 'Jl. Letkol Istiqlah No. 49', lat: '-8,2140', lon: '114,3700', active: 'ya' }],
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
  createSchema: adoptionFields,
  updateSchema: changesOf(adoptionFields),
  resolve(values, refs) {
    const errors: ReferenceError[] = [];
    const input: Record<string, unknown> = pick(values, ['role']);
    if (typeof values.specialist === 'string') {
      const found = findSpecialist(refs, values.specialist, 'specialist');
      if (found.id) input.specialistId = found.id;
      if (found.error) errors.push(found.error);
    }
    if (typeof values.puskesmas === 'string') {
      const found = findPuskesmas(refs, values.puskesmas);
      if (found) input.puskesmasId = found.id;
      else errors.push(notFoundError('puskesmas', 'Puskesmas', 'Puskesmas', values.puskesmas));
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
    { specialist: 'dr. Ayu Kartika Sari, Sp.OG', puskesmas: 'Puskesmas Sempu', role: 'utama' },
    { specialist: 'dr. Ayu Kartika Sari, Sp.OG', puskesmas: 'P3510020101', role: 'cadangan' },
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
  createSchema: unavailabilityFields,
  updateSchema: unavailabilityFields,
  resolve(values, refs) {
    const errors: ReferenceError[] = [];
    const input: Record<string, unknown> = pick(values, ['startDate', 'endDate', 'kind', 'reason']);
    if (typeof values.specialist === 'string') {
      const found = findSpecialist(refs, values.specialist, 'specialist');
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

const holidays: KindDef = {
  kind: 'holidays',
  label: 'Hari libur',
  labelEn: 'Holidays',
  fields: [
    field('date', 'Tanggal', 'Date', parseDate, { required: true, aliases: ['tgl', 'hari tanggal'], hint: 'contoh 2026-03-19', hintEn: 'e.g. 2026-03-19' }),
    field('name', 'Nama', 'Name', parseName, { required: true, aliases: ['nama hari libur', 'keterangan', 'hari libur', 'holiday'] }),
    field('kind', 'Jenis', 'Kind', (raw) => parseChoice(raw, HOLIDAY_KINDS, 'libur atau cuti bersama', 'holiday or joint leave (cuti bersama)'), { aliases: ['jenis libur', 'type'], hint: 'libur / cuti bersama', hintEn: 'holiday / joint leave' }),
  ],
  createSchema: holidayFields,
  updateSchema: changesOf(holidayFields),
  resolve: (values) => ({ input: pick(values, ['date', 'name', 'kind']), errors: [] }),
  identity: (input) => `${input.date}:${normalise(String(input.name ?? ''))}`,
  findExisting: (input, refs) => refs.holidays.find((h) => h.date === input.date && normalise(h.name) === normalise(String(input.name ?? ''))),
  write: (trx, input, id) => writeEntity(trx, HOLIDAY, input, id),
  exportRows: (refs) => refs.holidays.map((h) => ({ date: h.date, name: h.name, kind: h.kind === 'libur' ? 'libur' : 'cuti bersama' })),
  examples: [
    { date: '2026-03-19', name: 'Hari Suci Nyepi (Tahun Baru Saka 1948)', kind: 'libur' },
    { date: '2026-03-18', name: 'Cuti bersama Nyepi', kind: 'cuti bersama' },
  ],
};

export const KINDS: Record<ImportKind, KindDef> = { specialists, puskesmas, hospitals, adoptions, leave, holidays };
