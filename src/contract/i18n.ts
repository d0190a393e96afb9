// Bilingual message helper for schemas. Validation runs once per language (see validate.ts),
// so a message function reads the language being produced at that moment.
export type Language = 'id' | 'en';

let current: Language = 'id';

export function withLanguage<T>(language: Language, run: () => T): T {
  const previous = current;
  current = language;
  try {
    return run();
  } finally {
    current = previous;
  }
}

/** A zod `error` option that yields the Indonesian or English text. */
export function msg(id: string, en: string): { error: () => string } {
  return { error: () => (current === 'id' ? id : en) };
}

/** Field names as the coordinator knows them, for prefixing validation messages. */
const FIELD_LABELS: Record<string, [string, string]> = {
  name: ['Nama', 'Name'],
  code: ['Kode', 'Code'],
  title: ['Gelar', 'Title'],
  color: ['Warna', 'Colour'],
  kind: ['Jenis', 'Kind'],
  town: ['Kota', 'Town'],
  address: ['Alamat', 'Address'],
  lat: ['Lintang', 'Latitude'],
  lon: ['Bujur', 'Longitude'],
  phone: ['Telepon', 'Phone'],
  email: ['Email', 'Email'],
  specialtyId: ['Spesialisasi', 'Specialty'],
  hospitalId: ['Rumah sakit', 'Hospital'],
  specialistId: ['Dokter spesialis', 'Specialist'],
  puskesmasId: ['Puskesmas', 'Puskesmas'],
  maxVisitsPerMonth: ['Maks. kunjungan per bulan', 'Max visits per month'],
  usualWeekdays: ['Hari kunjungan', 'Usual weekdays'],
  preferredWeekdays: ['Hari pilihan', 'Preferred weekdays'],
  openingHours: ['Jam buka', 'Opening hours'],
  kecamatan: ['Kecamatan', 'Kecamatan'],
  date: ['Tanggal', 'Date'],
  startDate: ['Tanggal mulai', 'Start date'],
  endDate: ['Tanggal selesai', 'End date'],
  startTime: ['Jam mulai', 'Start time'],
  endTime: ['Jam selesai', 'End time'],
  month: ['Bulan', 'Month'],
  year: ['Tahun', 'Year'],
  reason: ['Alasan', 'Reason'],
  role: ['Peran', 'Role'],
  id: ['ID', 'ID'],
  visitsPerMonth: ['Kunjungan per bulan', 'Visits per month'],
  // Visit log
  visitId: ['Kunjungan', 'Visit'],
  outcome: ['Hasil', 'Outcome'],
  actualDate: ['Tanggal pelaksanaan', 'Actual date'],
  movedTo: ['Pindah ke', 'Moved to'],
  attendees: ['Peserta', 'Attendees'],
  headcount: ['Jumlah', 'Count'],
  topics: ['Topik', 'Topics'],
  ageGroup: ['Kelompok umur', 'Age group'],
  condition: ['Kondisi', 'Condition'],
  decision: ['Keputusan', 'Decision'],
  notes: ['Catatan', 'Notes'],
  action: ['Tindakan', 'Action'],
  owner: ['Penanggung jawab', 'Owner'],
  dueDate: ['Batas waktu', 'Due date'],
  closeFollowups: ['Tindak lanjut yang ditutup', 'Follow-ups closed'],
  nameId: ['Nama (Indonesia)', 'Name (Indonesian)'],
  nameEn: ['Nama (Inggris)', 'Name (English)'],
  specialtyCode: ['Spesialisasi', 'Specialty'],
  windowMonths: ['Jangka bulan', 'Window in months'],
  // Programme settings
  programmeName: ['Nama program', 'Programme name'],
  districtName: ['Kabupaten/kota', 'District'],
  province: ['Provinsi', 'Province'],
  defaultOpeningHours: ['Hari dan jam kerja puskesmas', 'Puskesmas working days and hours'],
  city: ['Kota surat', 'City on letters'],
  officeName: ['Nama kantor', 'Office name'],
  officeAddress: ['Alamat kantor', 'Office address'],
  officePhone: ['Telepon kantor', 'Office phone'],
  officeEmail: ['Email kantor', 'Office email'],
  logoDataUrl: ['Logo', 'Logo'],
  signatoryTitle: ['Jabatan penanda tangan', 'Signatory title'],
  signatoryName: ['Nama penanda tangan', 'Signatory name'],
  signatoryNip: ['NIP penanda tangan', 'Signatory NIP'],
  coordinatorName: ['Nama koordinator', 'Coordinator name'],
  coordinatorPhone: ['Telepon koordinator', 'Coordinator phone'],
  coordinatorEmail: ['Email koordinator', 'Coordinator email'],
  timeZone: ['Zona waktu', 'Time zone'],
  visitStart: ['Jam mulai kunjungan', 'Visit start time'],
  visitMinutes: ['Lama kunjungan (menit)', 'Visit length (minutes)'],
  maxTravelKm: ['Jarak tempuh maksimal (km)', 'Maximum travel (km)'],
  roadFactor: ['Faktor jalan', 'Road factor'],
  averageSpeedKmh: ['Kecepatan rata-rata (km/jam)', 'Average speed (km/h)'],
  solverTimeLimitSeconds: ['Batas waktu penyusunan (detik)', 'Solver time limit (seconds)'],
  allowBackupCover: ['Dokter lain boleh menggantikan', 'Other specialists may cover'],
  allowTwoVisitsPerDay: ['Boleh dua kunjungan sehari', 'Two visits a day allowed'],
  jointVisits: ['Kunjungan beda spesialisasi', 'Visits of different specialties'],
  language: ['Bahasa', 'Language'],
  weights: ['Bobot', 'Weights'],
  continuity: ['Bobot: dokter adopsi yang sama', 'Weight: the adopted specialist'],
  travel: ['Bobot: jarak tempuh', 'Weight: travel'],
  fairness: ['Bobot: beban merata', 'Weight: even load'],
  spread: ['Bobot: sebaran dalam bulan', 'Weight: spread over the month'],
  stability: ['Bobot: jadwal tetap stabil', 'Weight: stability of the plan'],
  balance: ['Bobot: beban harian merata', 'Weight: even load over the days'],
  preference: ['Bobot: hari pilihan dokter', 'Weight: preferred weekdays'],
  aliases: ['Sebutan lain', 'Other names'],
};

export function fieldLabel(path: ReadonlyArray<PropertyKey>, language: Language): string {
  const named = [...path].reverse().find((part) => typeof part === 'string') as string | undefined;
  if (named === undefined) return '';
  const label = FIELD_LABELS[named];
  return label ? label[language === 'id' ? 0 : 1] : named;
}
