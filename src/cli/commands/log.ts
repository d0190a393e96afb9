// `asuhan log`: records the outcome of a visit from the command line (bulk entry, tests), or
// shows what is recorded for it. Everything goes through visit-log:save, so the same rules hold.
import type { Api } from '../../app/api';
import { AsuhanError } from '../../contract/errors';
import type { VisitLogDetail } from '../../contract/visit-log';
import { ATTENDEE_ROLES } from '../../contract/visit-log';
import { formatDate } from '../../domain/format-id';
import { readInputText } from '../../files/guard';
import type { CliCommand, CliIo } from '../command';
import { printJson, stringOption, usageError } from '../command';
import { withApi } from '../session';

type RawInput = Record<string, unknown>;

function list(values: Record<string, unknown>, name: string): string[] {
  const value = values[name];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** "bidan:3,perawat:2" (counts per role) and "dokter_umum=dr. Rina" (a named attendee). */
export function parseAttendees(text: string): RawInput[] {
  return text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const named = /^([a-z_]+)\s*=\s*(.+)$/.exec(part);
      if (named) return { role: named[1], name: named[2]?.trim() };
      const counted = /^([a-z_]+)\s*(?::\s*(\d+))?$/.exec(part);
      if (counted) return { role: counted[1], headcount: Number(counted[2] ?? '1') };
      throw usageError(
        `--attendees: "${part}" tidak dimengerti; tulis peran:jumlah atau peran=Nama (peran: ${ATTENDEE_ROLES.join(', ')}).`,
        `--attendees: cannot read "${part}"; write role:count or role=Name (roles: ${ATTENDEE_ROLES.join(', ')}).`,
      );
    });
}

/** "age group|condition|decision[|hospital id][|notes]" */
export function parseCase(text: string): RawInput {
  const [ageGroup, condition, decision, hospital, notes] = text.split('|').map((p) => p.trim());
  if (!ageGroup || !condition || !decision) {
    throw usageError(
      `--case: "${text}" perlu kelompok-umur|kondisi|keputusan[|id-rumah-sakit][|catatan].`,
      `--case: "${text}" needs age-group|condition|decision[|hospital-id][|notes].`,
    );
  }
  const hospitalId = hospital ? Number(hospital) : null;
  if (hospital && !Number.isInteger(hospitalId)) throw usageError(`--case: id rumah sakit "${hospital}" bukan angka.`, `--case: hospital id "${hospital}" is not a number.`);
  return { ageGroup, condition, decision, hospitalId, notes: notes ?? '' };
}

/** "action|owner|YYYY-MM-DD" */
export function parseFollowup(text: string): RawInput {
  const [action, owner, dueDate] = text.split('|').map((p) => p.trim());
  if (!action || !owner || !dueDate) {
    throw usageError(`--followup: "${text}" perlu tindakan|penanggung-jawab|YYYY-MM-DD.`, `--followup: "${text}" needs action|owner|YYYY-MM-DD.`);
  }
  return { action, owner, dueDate };
}

function visitId(text: string | undefined): number {
  const id = Number(text);
  if (!text || !Number.isInteger(id) || id <= 0) throw usageError('--visit perlu ID kunjungan (angka).', '--visit needs a visit ID (a number).');
  return id;
}

function inputFromOptions(values: Record<string, unknown>): RawInput {
  const outcome = stringOption(values, 'outcome');
  const date = stringOption(values, 'date');
  const start = stringOption(values, 'start');
  const end = stringOption(values, 'end');
  const to = stringOption(values, 'to');
  const attendees = stringOption(values, 'attendees');
  const topics = stringOption(values, 'topics');
  const close = stringOption(values, 'close');
  return {
    visitId: visitId(stringOption(values, 'visit')),
    outcome,
    ...(outcome === 'moved' ? { movedTo: { date: to, ...(start ? { startTime: start } : {}), ...(end ? { endTime: end } : {}) } } : {}),
    ...(outcome !== 'moved' && date ? { actualDate: date } : {}),
    ...(outcome !== 'moved' && start ? { startTime: start } : {}),
    ...(outcome !== 'moved' && end ? { endTime: end } : {}),
    reason: stringOption(values, 'reason') ?? '',
    notes: stringOption(values, 'notes') ?? '',
    attendees: attendees ? parseAttendees(attendees) : [],
    topics: topics ? topics.split(',').map((t) => t.trim()).filter(Boolean) : [],
    cases: list(values, 'case').map(parseCase),
    followups: list(values, 'followup').map(parseFollowup),
    closeFollowups: close ? close.split(',').map((id) => ({ id: Number(id.trim()) })) : [],
    replace: values.replace === true,
  };
}

function printDetail(io: CliIo, detail: VisitLogDetail): void {
  const v = detail.visit;
  io.out(`Kunjungan #${v.id}: ${v.puskesmasName} · ${v.specialistName} (${v.specialtyName}) · ${formatDate(v.date)} ${v.startTime}-${v.endTime} · status ${v.status}`);
  if (v.movedToVisitId) io.out(`  Dipindah ke kunjungan #${v.movedToVisitId}`);
  if (v.movedFromVisitId) io.out(`  Pindahan dari kunjungan #${v.movedFromVisitId}`);
  const log = detail.log;
  if (!log) {
    io.out('  Belum dicatat.');
  } else {
    io.out(`  Hasil: ${log.outcome}${log.actualDate ? ` · ${formatDate(log.actualDate)} ${log.startTime}-${log.endTime}` : ''}${log.reason ? ` · alasan: ${log.reason}` : ''}`);
    if (log.attendees.length) io.out(`  Peserta (${log.attendance}): ${log.attendees.map((a) => (a.name ? `${a.name} (${a.role})` : `${a.role} ${a.headcount}`)).join(', ')}`);
    if (log.topics.length) io.out(`  Topik: ${log.topics.map((t) => t.nameId).join('; ')}`);
    for (const c of log.cases) io.out(`  Kasus: ${c.ageGroup} · ${c.condition} · ${c.decision}${c.hospitalName ? ` → ${c.hospitalName}` : ''}`);
    for (const f of log.followupsOpened) io.out(`  Tindak lanjut #${f.id}: ${f.action} (${f.owner}, batas ${formatDate(f.dueDate)}) · ${f.status}`);
    for (const f of log.followupsClosed) io.out(`  Ditutup di kunjungan ini: #${f.id} ${f.action}`);
    if (log.notes) io.out(`  Catatan: ${log.notes}`);
  }
  if (detail.openFollowups.length) {
    io.out(`  Tindak lanjut terbuka di puskesmas ini: ${detail.openFollowups.map((f) => `#${f.id} ${f.action} (batas ${f.dueDate})`).join('; ')}`);
  }
}

/** Options arrive as text; the contract validates them like any other caller's input. */
async function saveRaw(api: Api, input: RawInput): Promise<VisitLogDetail> {
  const result = await api.invoke('visit-log:save', input);
  if (!result.ok) throw new AsuhanError(result.error.code, result.error.message, result.error.messageEn, result.error.fields);
  return result.data as VisitLogDetail; // produced by the visit-log:save handler
}

/** A year of logs for a large district is a few MB. */
const MAX_LOG_FILE_BYTES = 32 * 1024 * 1024;

/** --file: a JSON array of visit-log:save inputs, each saved in its own transaction. */
async function saveFile(api: Api, file: string): Promise<{ saved: number[]; failed: { index: number; visitId: unknown; message: string; messageEn: string }[] }> {
  let entries: unknown;
  try {
    entries = JSON.parse(readInputText(file, { maxBytes: MAX_LOG_FILE_BYTES }));
  } catch (error) {
    if (error instanceof AsuhanError) throw usageError(`--file: ${error.messageId}`, `--file: ${error.messageEn}`);
    const detail = error instanceof Error ? error.message : String(error);
    throw usageError(`--file: ${file} tidak bisa dibaca sebagai JSON (${detail}).`, `--file: ${file} cannot be read as JSON (${detail}).`);
  }
  if (!Array.isArray(entries)) throw usageError('--file harus berisi daftar (array) JSON.', '--file must hold a JSON array.');
  const saved: number[] = [];
  const failed: { index: number; visitId: unknown; message: string; messageEn: string }[] = [];
  for (const [index, entry] of entries.entries()) {
    const result = await api.invoke('visit-log:save', entry);
    const id = (entry as { visitId?: unknown } | null)?.visitId;
    if (result.ok) saved.push(Number(id));
    else failed.push({ index, visitId: id, message: result.error.message, messageEn: result.error.messageEn });
  }
  return { saved, failed };
}

export const logCommand: CliCommand = {
  name: 'log',
  summary: 'Catat hasil kunjungan (selesai, batal, tidak terlaksana, pindah) atau tampilkan catatannya',
  usage: [
    'asuhan log --visit ID                      (tampilkan catatan)',
    '       asuhan log --visit ID --outcome done [--date YYYY-MM-DD] [--start HH:mm --end HH:mm]',
    '                  --attendees "bidan:3,perawat:2,dokter_umum=dr. Rina" --topics anc,pre-eclampsia',
    '                  [--case "adult|Preeklampsia berat|referred|3"]... [--followup "Tindakan|Penanggung jawab|YYYY-MM-DD"]...',
    '                  [--close ID,ID] [--notes TEKS] [--replace]',
    '       asuhan log --visit ID --outcome cancelled --reason TEKS',
    '       asuhan log --visit ID --outcome missed [--reason TEKS]',
    '       asuhan log --visit ID --outcome moved --to YYYY-MM-DD [--start HH:mm --end HH:mm] [--reason TEKS]',
    '       asuhan log --file catatan.json          (daftar JSON masukan visit-log:save)',
  ].join('\n'),
  details: [
    'Peran peserta: dokter_umum, bidan, perawat, gizi, kader, other. Kode topik: lihat "asuhan report topics".',
    'Kelompok umur kasus: neonate, infant, toddler, child, adolescent, adult, adult_35_plus; keputusan: managed,',
    'referred (dengan id rumah sakit), follow_up. Kasus tanpa nama pasien.',
    'Kunjungan selesai perlu minimal satu peserta dan satu topik, dan tidak boleh di masa depan.',
    'Satu kunjungan dicatat sekali; --replace mengganti catatan lama (koreksi, tercatat di log audit).',
  ].join('\n'),
  options: {
    visit: { type: 'string' },
    outcome: { type: 'string' },
    date: { type: 'string' },
    start: { type: 'string' },
    end: { type: 'string' },
    to: { type: 'string' },
    reason: { type: 'string' },
    attendees: { type: 'string' },
    topics: { type: 'string' },
    case: { type: 'string', multiple: true },
    followup: { type: 'string', multiple: true },
    close: { type: 'string' },
    notes: { type: 'string' },
    replace: { type: 'boolean', default: false },
    file: { type: 'string' },
  },
  async run({ values }, flags, io) {
    const file = stringOption(values, 'file');
    if (file !== undefined) {
      return withApi(flags, io, async (api) => {
        const result = await saveFile(api, file);
        if (flags.json) printJson(io, result);
        else {
          io.out(`Tersimpan: ${result.saved.length} kunjungan. Gagal: ${result.failed.length}.`);
          for (const f of result.failed) io.err(`  #${f.index + 1} (kunjungan ${String(f.visitId)}): ${f.message}`);
        }
        return result.failed.length > 0 ? 2 : 0;
      });
    }
    const id = visitId(stringOption(values, 'visit'));
    if (stringOption(values, 'outcome') === undefined) {
      return withApi(flags, io, async (api) => {
        const detail = await api.client['visit-log:get']({ visitId: id });
        if (flags.json) printJson(io, detail);
        else printDetail(io, detail);
        return 0;
      });
    }
    const input = inputFromOptions(values);
    return withApi(flags, io, async (api) => {
      const detail = await saveRaw(api, input);
      if (flags.json) printJson(io, detail);
      else {
        io.out(`Tercatat: kunjungan #${detail.visit.id} (${detail.log?.outcome}).`);
        printDetail(io, detail);
      }
      return 0;
    });
  },
};
