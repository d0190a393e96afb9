// What each master-data table shows and edits. The API validates every value; the form only shapes it.
import type { ApiClient } from '../../../../src/contract/index';
import type { Adoption, Holiday, Hospital, Puskesmas, Specialist, Unavailability } from '../../../../src/domain/types';
import { formatTimeRange } from '../../../../src/domain/format-id';
import { call } from '../../api';
import type { Translate } from '../../i18n';
import type { RefData } from '../../ref-data';
import { Swatch } from '../../ui/components';
import type { EntityConfig } from './entity-table';
import type { FieldSpec, FormValues } from './entity-form';

type InputOf<K extends keyof ApiClient> = NonNullable<Parameters<ApiClient[K]>[0]>;

const WEEKDAY_SHORT_ID = ['Sen', 'Sel', 'Rab', 'Kam', 'Jum', 'Sab', 'Min'];
const WEEKDAY_SHORT_EN = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const days = (list: number[], t: Translate) => list.map((d) => t(WEEKDAY_SHORT_ID[d - 1] ?? '', WEEKDAY_SHORT_EN[d - 1] ?? '')).join(', ');
const activeBadge = (active: boolean, t: Translate) => (active ? <span className="badge badge-ok">{t('Aktif', 'Active')}</span> : <span className="badge">{t('Nonaktif', 'Inactive')}</span>);

const specialistOptions = (ref: RefData) => ref.specialists.filter((s) => s.active).map((s) => ({ value: s.id, label: s.name }));
const puskesmasOptions = (ref: RefData) => ref.puskesmas.filter((p) => p.active).map((p) => ({ value: p.id, label: `${p.name} (${p.kecamatan})` }));

export const specialistsConfig: EntityConfig<Specialist> = {
  importKind: 'specialists',
  title: ['Dokter spesialis', 'Specialists'],
  singular: ['Dokter spesialis', 'Specialist'],
  load: (includeInactive) => call('specialists:list', { includeInactive }),
  columns: (ref, t) => [
    { header: ['Nama', 'Name'], cell: (s) => <strong>{s.name}</strong> },
    {
      header: ['Spesialisasi', 'Specialty'],
      cell: (s) => {
        const sp = ref.specialtyById.get(s.specialtyId);
        return (
          <>
            <Swatch color={sp?.color ?? '#999'} />
            {sp?.name ?? '—'}
          </>
        );
      },
    },
    { header: ['Rumah sakit', 'Hospital'], cell: (s) => (s.hospitalId ? (ref.hospitalById.get(s.hospitalId)?.name ?? '—') : '—') },
    { header: ['Hari kunjungan', 'Usual days'], cell: (s) => days(s.usualWeekdays, t) },
    { header: ['Maks./bulan', 'Max/month'], cell: (s) => s.maxVisitsPerMonth, className: 'num' },
    { header: ['Telepon', 'Phone'], cell: (s) => s.phone || '—' },
    { header: ['Status', 'Status'], cell: (s) => activeBadge(s.active, t) },
  ],
  searchText: (s, ref) => `${s.name} ${ref.specialtyById.get(s.specialtyId)?.name ?? ''} ${s.hospitalId ? (ref.hospitalById.get(s.hospitalId)?.name ?? '') : ''} ${s.phone} ${s.email}`,
  fields: (ref) => [
    { key: 'name', label: ['Nama lengkap dan gelar', 'Full name and title'], kind: 'text', wide: true, required: true },
    { key: 'specialtyId', label: ['Spesialisasi', 'Specialty'], kind: 'select', options: ref.specialties.filter((s) => s.active).map((s) => ({ value: s.id, label: s.name })), required: true },
    { key: 'hospitalId', label: ['Rumah sakit', 'Hospital'], kind: 'select', nullable: true, options: ref.hospitals.filter((h) => h.active).map((h) => ({ value: h.id, label: h.name })) },
    { key: 'phone', label: ['Telepon / WA', 'Phone / WhatsApp'], kind: 'tel' },
    { key: 'email', label: ['Email', 'Email'], kind: 'email' },
    { key: 'maxVisitsPerMonth', label: ['Maks. kunjungan per bulan', 'Max visits per month'], kind: 'number' },
    { key: 'active', label: ['Aktif', 'Active'], kind: 'checkbox' },
    { key: 'usualWeekdays', label: ['Hari yang bisa berkunjung', 'Days available for visits'], kind: 'weekdays', wide: true },
    { key: 'preferredWeekdays', label: ['Hari pilihan', 'Preferred days'], kind: 'weekdays', wide: true },
    { key: 'notes', label: ['Catatan', 'Notes'], kind: 'textarea' },
  ],
  blank: (ref) => ({
    name: '',
    specialtyId: ref.specialties.find((s) => s.active)?.id ?? '',
    hospitalId: null,
    phone: '',
    email: '',
    maxVisitsPerMonth: 4,
    usualWeekdays: [1, 2, 3, 4, 5],
    preferredWeekdays: [],
    notes: '',
    active: true,
  }),
  toForm: (s) => ({ ...s }),
  create: (v) => call('specialists:create', pick(v, SPECIALIST_KEYS) as InputOf<'specialists:create'>),
  update: (row, v) => call('specialists:update', { id: row.id, version: row.version, changes: pick(v, SPECIALIST_KEYS) as InputOf<'specialists:update'>['changes'] }),
  isActive: (s) => s.active,
  deactivate: (s) => call('specialists:update', { id: s.id, version: s.version, changes: { active: false } }),
  sharesNames: true,
  wideForm: true,
};

const SPECIALIST_KEYS = ['name', 'specialtyId', 'hospitalId', 'phone', 'email', 'maxVisitsPerMonth', 'usualWeekdays', 'preferredWeekdays', 'notes', 'active'];
const PUSKESMAS_KEYS = ['code', 'name', 'kecamatan', 'address', 'lat', 'lon', 'openingHours', 'poned', 'inpatient', 'notes', 'active'];
const HOSPITAL_KEYS = ['name', 'kind', 'town', 'address', 'lat', 'lon', 'active'];

/** Only the fields the API takes: rows carry ids and derived values the contract rejects. */
function pick(values: FormValues, keys: string[]): FormValues {
  return Object.fromEntries(keys.filter((k) => k in values).map((k) => [k, values[k]]));
}

function hoursSummary(p: Puskesmas, t: Translate, timeZone: string): string {
  const monday = p.openingHours['1'];
  const openDays = Object.keys(p.openingHours).length;
  return monday ? `${formatTimeRange(monday.open, monday.close, timeZone)} · ${openDays} ${t('hari', 'days')}` : `${openDays} ${t('hari', 'days')}`;
}

export const puskesmasConfig: EntityConfig<Puskesmas> = {
  importKind: 'puskesmas',
  title: ['Puskesmas', 'Puskesmas'],
  singular: ['Puskesmas', 'Puskesmas'],
  load: (includeInactive) => call('puskesmas:list', { includeInactive }),
  columns: (ref, t) => [
    { header: ['Kode', 'Code'], cell: (p) => p.code ?? '—' },
    { header: ['Nama', 'Name'], cell: (p) => <strong>{p.name}</strong> },
    { header: ['Kecamatan', 'Kecamatan'], cell: (p) => p.kecamatan },
    { header: ['Jam buka (Senin)', 'Hours (Monday)'], cell: (p) => hoursSummary(p, t, ref.info.timeZone) },
    { header: ['Layanan', 'Services'], cell: (p) => [p.poned ? 'PONED' : '', p.inpatient ? t('Rawat inap', 'Inpatient') : ''].filter(Boolean).join(' · ') || '—' },
    { header: ['Status', 'Status'], cell: (p) => activeBadge(p.active, t) },
  ],
  searchText: (p) => `${p.code ?? ''} ${p.name} ${p.kecamatan} ${p.address}`,
  fields: () => [
    { key: 'name', label: ['Nama', 'Name'], kind: 'text', required: true },
    { key: 'code', label: ['Kode', 'Code'], kind: 'text' },
    { key: 'kecamatan', label: ['Kecamatan', 'Kecamatan'], kind: 'text' },
    { key: 'address', label: ['Alamat', 'Address'], kind: 'text' },
    { key: 'lat', label: ['Lintang', 'Latitude'], kind: 'number' },
    { key: 'lon', label: ['Bujur', 'Longitude'], kind: 'number' },
    { key: 'poned', label: ['PONED', 'PONED'], kind: 'checkbox' },
    { key: 'inpatient', label: ['Rawat inap', 'Inpatient care'], kind: 'checkbox' },
    { key: 'openingHours', label: ['Jam buka per hari', 'Opening hours per weekday'], kind: 'hours' },
    { key: 'notes', label: ['Catatan', 'Notes'], kind: 'textarea' },
    { key: 'active', label: ['Aktif', 'Active'], kind: 'checkbox' },
  ],
  blank: (ref) => ({
    name: '',
    code: '',
    kecamatan: '',
    address: '',
    lat: null,
    lon: null,
    poned: false,
    inpatient: false,
    openingHours: ref.settings.defaultOpeningHours,
    notes: '',
    active: true,
  }),
  toForm: (p) => ({ ...p, code: p.code ?? '' }),
  create: (v) => call('puskesmas:create', pick(v, PUSKESMAS_KEYS) as InputOf<'puskesmas:create'>),
  update: (row, v) => call('puskesmas:update', { id: row.id, version: row.version, changes: pick(v, PUSKESMAS_KEYS) as InputOf<'puskesmas:update'>['changes'] }),
  isActive: (p) => p.active,
  deactivate: (p) => call('puskesmas:update', { id: p.id, version: p.version, changes: { active: false } }),
  sharesNames: true,
  wideForm: true,
};

export const hospitalsConfig: EntityConfig<Hospital> = {
  importKind: 'hospitals',
  title: ['Rumah sakit', 'Hospitals'],
  singular: ['Rumah sakit', 'Hospital'],
  load: (includeInactive) => call('hospitals:list', { includeInactive }),
  columns: (_ref, t) => [
    { header: ['Nama', 'Name'], cell: (h) => <strong>{h.name}</strong> },
    { header: ['Jenis', 'Kind'], cell: (h) => h.kind || '—' },
    { header: ['Kota', 'Town'], cell: (h) => h.town || '—' },
    { header: ['Alamat', 'Address'], cell: (h) => h.address || '—' },
    { header: ['Status', 'Status'], cell: (h) => activeBadge(h.active, t) },
  ],
  searchText: (h) => `${h.name} ${h.kind} ${h.town} ${h.address}`,
  fields: () => [
    { key: 'name', label: ['Nama', 'Name'], kind: 'text', required: true, wide: true },
    { key: 'kind', label: ['Jenis', 'Kind'], kind: 'text', hint: ['mis. RSUD, RS swasta', 'e.g. RSUD, private'] },
    { key: 'town', label: ['Kota', 'Town'], kind: 'text' },
    { key: 'address', label: ['Alamat', 'Address'], kind: 'text', wide: true },
    { key: 'lat', label: ['Lintang', 'Latitude'], kind: 'number' },
    { key: 'lon', label: ['Bujur', 'Longitude'], kind: 'number' },
    { key: 'active', label: ['Aktif', 'Active'], kind: 'checkbox' },
  ],
  blank: () => ({ name: '', kind: '', town: '', address: '', lat: null, lon: null, active: true }),
  toForm: (h) => ({ ...h }),
  create: (v) => call('hospitals:create', pick(v, HOSPITAL_KEYS) as InputOf<'hospitals:create'>),
  update: (row, v) => call('hospitals:update', { id: row.id, version: row.version, changes: pick(v, HOSPITAL_KEYS) as InputOf<'hospitals:update'>['changes'] }),
  isActive: (h) => h.active,
  deactivate: (h) => call('hospitals:update', { id: h.id, version: h.version, changes: { active: false } }),
  sharesNames: true,
};

export const adoptionsConfig: EntityConfig<Adoption> = {
  importKind: 'adoptions',
  title: ['Adopsi', 'Adoptions'],
  singular: ['Adopsi', 'Adoption'],
  load: () => call('adoptions:list', {}),
  columns: (ref, t) => [
    { header: ['Puskesmas', 'Puskesmas'], cell: (a) => <strong>{ref.puskesmasById.get(a.puskesmasId)?.name ?? `#${a.puskesmasId}`}</strong> },
    { header: ['Kecamatan', 'Kecamatan'], cell: (a) => ref.puskesmasById.get(a.puskesmasId)?.kecamatan ?? '' },
    { header: ['Dokter spesialis', 'Specialist'], cell: (a) => ref.specialistById.get(a.specialistId)?.name ?? `#${a.specialistId}` },
    {
      header: ['Spesialisasi', 'Specialty'],
      cell: (a) => {
        const sp = ref.specialtyById.get(ref.specialistById.get(a.specialistId)?.specialtyId ?? 0);
        return sp ? (
          <>
            <Swatch color={sp.color} />
            {sp.name}
          </>
        ) : (
          '—'
        );
      },
    },
    { header: ['Peran', 'Role'], cell: (a) => (a.role === 'primary' ? <span className="badge badge-accent">{t('Utama', 'Primary')}</span> : <span className="badge">{t('Cadangan', 'Backup')}</span>) },
  ],
  searchText: (a, ref) => `${ref.puskesmasById.get(a.puskesmasId)?.name ?? ''} ${ref.puskesmasById.get(a.puskesmasId)?.kecamatan ?? ''} ${ref.specialistById.get(a.specialistId)?.name ?? ''}`,
  fields: (ref): FieldSpec[] => [
    { key: 'puskesmasId', label: ['Puskesmas', 'Puskesmas'], kind: 'select', options: puskesmasOptions(ref), required: true },
    { key: 'specialistId', label: ['Dokter spesialis', 'Specialist'], kind: 'select', options: specialistOptions(ref), required: true },
    { key: 'role', label: ['Peran', 'Role'], kind: 'select', options: [{ value: 'primary', label: 'Utama / Primary' }, { value: 'backup', label: 'Cadangan / Backup' }] },
  ],
  blank: () => ({ puskesmasId: '', specialistId: '', role: 'primary' }),
  toForm: (a) => ({ puskesmasId: a.puskesmasId, specialistId: a.specialistId, role: a.role }),
  create: (v) => call('adoptions:set', v as InputOf<'adoptions:set'>),
  // The pair is the adoption's identity: a changed pair is a new adoption replacing the old one.
  update: async (row, v) => {
    const saved = await call('adoptions:set', v as InputOf<'adoptions:set'>);
    if (saved.id !== row.id) await call('adoptions:delete', { id: row.id, version: row.version });
  },
  remove: (a) => call('adoptions:delete', { id: a.id, version: a.version }),
};

const LEAVE_KINDS = (t: Translate) => ({ leave: t('Cuti', 'Leave'), duty: t('Tugas', 'Duty'), training: t('Pelatihan', 'Training'), other: t('Lainnya', 'Other') });

export function leaveConfig(formatDate: (date: string) => string): EntityConfig<Unavailability> {
  return {
    importKind: 'leave',
    title: ['Cuti & tugas', 'Leave & duty'],
    singular: ['Cuti', 'Leave'],
    load: () => call('unavailability:list', {}),
    columns: (ref, t) => [
      { header: ['Dokter spesialis', 'Specialist'], cell: (u) => <strong>{ref.specialistById.get(u.specialistId)?.name ?? `#${u.specialistId}`}</strong> },
      { header: ['Mulai', 'From'], cell: (u) => formatDate(u.startDate) },
      { header: ['Selesai', 'Until'], cell: (u) => formatDate(u.endDate) },
      { header: ['Jenis', 'Kind'], cell: (u) => LEAVE_KINDS(t)[u.kind] },
      { header: ['Alasan', 'Reason'], cell: (u) => u.reason || '—' },
    ],
    searchText: (u, ref) => `${ref.specialistById.get(u.specialistId)?.name ?? ''} ${u.reason} ${u.startDate} ${u.endDate}`,
    fields: (ref) => [
      { key: 'specialistId', label: ['Dokter spesialis', 'Specialist'], kind: 'select', options: specialistOptions(ref), required: true, wide: true },
      { key: 'startDate', label: ['Tanggal mulai', 'Start date'], kind: 'date', required: true },
      { key: 'endDate', label: ['Tanggal selesai', 'End date'], kind: 'date', required: true },
      { key: 'kind', label: ['Jenis', 'Kind'], kind: 'select', options: [{ value: 'leave', label: ['Cuti', 'Leave'] }, { value: 'duty', label: ['Tugas', 'Duty'] }, { value: 'training', label: ['Pelatihan', 'Training'] }, { value: 'other', label: ['Lainnya', 'Other'] }] },
      { key: 'reason', label: ['Alasan', 'Reason'], kind: 'text' },
    ],
    blank: () => ({ specialistId: '', startDate: '', endDate: '', kind: 'leave', reason: '' }),
    toForm: (u) => ({ ...u }),
    create: (v) => call('unavailability:create', v as InputOf<'unavailability:create'>),
    update: (row, v) => call('unavailability:update', { id: row.id, version: row.version, changes: pick(v, ['startDate', 'endDate', 'kind', 'reason']) as InputOf<'unavailability:update'>['changes'] }),
    remove: (u) => call('unavailability:delete', { id: u.id, version: u.version }),
  };
}

export function holidaysConfig(longDate: (date: string) => string): EntityConfig<Holiday> {
  return {
    importKind: 'holidays',
    title: ['Hari libur', 'Holidays'],
    singular: ['Hari libur', 'Holiday'],
    load: () => call('holidays:list', {}),
    columns: (_ref, t) => [
      { header: ['Tanggal', 'Date'], cell: (h) => longDate(h.date) },
      { header: ['Nama', 'Name'], cell: (h) => <strong>{h.name}</strong> },
      { header: ['Jenis', 'Kind'], cell: (h) => (h.kind === 'libur' ? <span className="badge badge-danger">{t('Libur nasional', 'Public holiday')}</span> : <span className="badge badge-warn">{t('Cuti bersama', 'Collective leave')}</span>) },
    ],
    searchText: (h) => `${h.date} ${h.name} ${longDate(h.date)}`,
    fields: () => [
      { key: 'date', label: ['Tanggal', 'Date'], kind: 'date', required: true },
      { key: 'kind', label: ['Jenis', 'Kind'], kind: 'select', options: [{ value: 'libur', label: 'Libur nasional / Public holiday' }, { value: 'cuti_bersama', label: 'Cuti bersama / Collective leave' }] },
      { key: 'name', label: ['Nama', 'Name'], kind: 'text', required: true, wide: true },
    ],
    blank: () => ({ date: '', name: '', kind: 'libur' }),
    toForm: (h) => ({ date: h.date, name: h.name, kind: h.kind }),
    create: (v) => call('holidays:create', v as InputOf<'holidays:create'>),
    update: (row, v) => call('holidays:update', { id: row.id, version: row.version, changes: v as InputOf<'holidays:update'>['changes'] }),
    remove: (h) => call('holidays:delete', { id: h.id, version: h.version }),
  };
}
