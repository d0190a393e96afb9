// Every subcommand of `asuhan`, by name and summary: enough for `asuhan --help` without loading
// any command. A command's module, and through it the heavy packages it needs (HiGHS, pdfkit,
// exceljs), is imported only when that command runs, so start-up stays fast
// (`npm run bench -- --only startup`).
//
// To add a command: write src/cli/commands/<name>.ts exporting `<name>Command: CliCommand` as
// status.ts does, then add one line below with the same name and summary as the module:
//   lazy('<name>', '<summary>', async () => (await import('./<name>')).<name>Command),
// Keep imports of heavy packages out of module top levels (see src/app/lazy-package.ts).
// tests/cli/command-list.test.ts checks every line against its module.
import type { CliCommand } from '../command';

export interface CommandEntry {
  name: string;
  summary: string;
  load: () => Promise<CliCommand>;
}

function lazy(name: string, summary: string, load: () => Promise<CliCommand>): CommandEntry {
  return { name, summary, load };
}

export const COMMANDS: readonly CommandEntry[] = [
  lazy('init', 'Buat database (kosong, dari program kabupaten lain dengan --programme, atau --demo: kabupaten contoh)', async () => (await import('./init')).initCommand),
  lazy('status', 'Ringkasan isi database (aktif dan nonaktif terpisah)', async () => (await import('./status')).statusCommand),
  lazy('settings', 'Tampilkan atau ubah pengaturan program (kop surat, penanda tangan, zona waktu, bobot)', async () => (await import('./settings')).settingsCommand),
  lazy('programme', 'Ekspor program kabupaten ini (aturan, bobot, spesialisasi, kebutuhan, topik) untuk kabupaten lain', async () => (await import('./programme')).programmeCommand),
  lazy('demo', 'Siapkan kabupaten contoh di database bawaan, susun jadwal bulan depan dan tampilkan ringkasannya', async () => (await import('./demo')).demoCommand),
  lazy('serve', 'Jalankan aplikasi di peramban (http://127.0.0.1:PORT; dengan akun juga di jaringan kantor: --host)', async () => (await import('./serve')).serveCommand),
  lazy('users', 'Akun pengguna server bersama: tambah, daftar, nonaktifkan, atur ulang kata sandi', async () => (await import('./users')).usersCommand),
  lazy('feeds', 'Tautan kalender langganan (pribadi, bisa dicabut) untuk dokter spesialis atau seluruh kabupaten', async () => (await import('./feeds')).feedsCommand),
  lazy('backup', 'Buat cadangan database sekarang', async () => (await import('./backup')).backupCommand),
  lazy('backups', 'Daftar cadangan database ini', async () => (await import('./backup')).backupsCommand),
  lazy('restore', 'Pulihkan database dari berkas cadangan', async () => (await import('./restore')).restoreCommand),
  lazy('plan', 'Susun jadwal kunjungan sebulan (atau beberapa bulan) dengan penjadwal optimasi', async () => (await import('./plan')).planCommand),
  lazy('suggest', 'Siapa yang bisa menggantikan? Alternatif untuk satu kunjungan atau kebutuhan yang belum tercakup', async () => (await import('./suggest')).suggestCommand),
  lazy('solve', 'Selesaikan berkas masalah penjadwalan (JSON) tanpa database', async () => (await import('./solve')).solveCommand),
  lazy('log', 'Catat hasil kunjungan (selesai, batal, tidak terlaksana, pindah) atau tampilkan catatannya', async () => (await import('./log')).logCommand),
  lazy('report', 'Laporan kunjungan: kepatuhan, topik, tindak lanjut, dasbor', async () => (await import('./report')).reportCommand),
  lazy('export', 'Tulis jadwal sebulan sebagai kalender (ics), PDF, Excel, CSV atau pesan teks', async () => (await import('./export')).exportCommand),
  lazy('import', 'Impor dokter, puskesmas, rumah sakit, adopsi, cuti atau hari libur dari .xlsx atau CSV', async () => (await import('./import')).importCommand),
  lazy('districts', 'Kabupaten/kota di server bersama: daftar, tambah', async () => (await import('./districts')).districtsCommand),
  lazy('district', 'Pindahkan seluruh data kabupaten/kota ke database lain (mis. dari berkas PC ke server PostgreSQL) dan kembali', async () => (await import('./district')).districtCommand),
];

/** Every command's module (tests that walk all options). */
export function loadCommands(): Promise<CliCommand[]> {
  return Promise.all(COMMANDS.map((entry) => entry.load()));
}
