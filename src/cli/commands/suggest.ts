// `asuhan suggest`: who can cover a planned visit (--visit ID), or an uncovered requirement
// (--puskesmas ID --specialty CODE --month YYYY-MM): alternatives ranked by the change in the
// plan's cost, each passing the hard rules; where nobody can, what would make it coverable.
import { isMonth } from '../../domain/dates';
import type { CliCommand } from '../command';
import { printJson, stringOption, usageError } from '../command';
import { withApi } from '../session';
import { english } from './plan-report';

function positiveId(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < 1) throw usageError(`--${name} harus nomor (mis. 12), bukan "${value}".`, `--${name} must be a number (e.g. 12), not "${value}".`);
  return Number(value);
}

export const suggestCommand: CliCommand = {
  name: 'suggest',
  summary: 'Siapa yang bisa menggantikan? Alternatif untuk satu kunjungan atau kebutuhan yang belum tercakup',
  usage: 'asuhan suggest --visit ID | --puskesmas ID --specialty KODE --month YYYY-MM [--limit N] [--per-specialist N] [--db PATH] [--json]',
  details: [
    'Setiap saran lolos semua aturan wajib dan diurutkan menurut perubahan biaya rencana (terkecil dulu),',
    'dengan aturan yang mengubahnya; paling banyak --per-specialist saran per dokter (bawaan 3), --limit seluruhnya (bawaan 10).',
    'Bila tidak ada yang bisa datang: apa yang membuatnya bisa (pengganti dari luar adopsi, batas bulanan +1,',
    'jarak yang dimasukkan, jam buka lebih panjang) dan biayanya. Tidak mengubah apa pun.',
  ].join('\n'),
  options: { visit: { type: 'string' }, puskesmas: { type: 'string' }, specialty: { type: 'string' }, month: { type: 'string' }, limit: { type: 'string' }, 'per-specialist': { type: 'string' } },
  async run({ values }, flags, io) {
    const visitId = positiveId(stringOption(values, 'visit'), 'visit');
    const puskesmasId = positiveId(stringOption(values, 'puskesmas'), 'puskesmas');
    const limit = positiveId(stringOption(values, 'limit'), 'limit') ?? 10;
    const perSpecialist = positiveId(stringOption(values, 'per-specialist'), 'per-specialist') ?? 3;
    const code = stringOption(values, 'specialty');
    const month = stringOption(values, 'month');
    if (visitId !== undefined && (puskesmasId !== undefined || code !== undefined || month !== undefined)) {
      throw usageError('Pakai --visit, atau --puskesmas, --specialty dan --month, bukan keduanya.', 'Use --visit, or --puskesmas, --specialty and --month, not both.');
    }
    if (visitId === undefined && (puskesmasId === undefined || code === undefined || month === undefined)) {
      throw usageError('Sebutkan --visit ID, atau --puskesmas ID --specialty KODE --month YYYY-MM.', 'Give --visit ID, or --puskesmas ID --specialty CODE --month YYYY-MM.');
    }
    if (month !== undefined && !isMonth(month)) throw usageError('--month harus bulan dengan format YYYY-MM (mis. 2026-03).', '--month must be a month written YYYY-MM (e.g. 2026-03).');
    return withApi(flags, io, async (api) => {
      let input;
      if (visitId !== undefined) input = { visitId, limit, perSpecialist };
      else {
        const specialty = (await api.client['specialties:list']({ includeInactive: true })).find((s) => s.code === code);
        if (!specialty) throw usageError(`Spesialisasi "${code}" tidak ada (lihat asuhan status).`, `No specialty "${code}" (see asuhan status).`);
        input = { puskesmasId: puskesmasId as number, specialtyId: specialty.id, month: month as string, limit, perSpecialist };
      }
      const list = await api.client['plans:suggest'](input);
      if (flags.json) {
        printJson(io, list);
        return 0;
      }
      const en = english(io);
      if (list.suggestions.length > 0) {
        io.out(en ? `Alternatives (${list.suggestions.length}, best first):` : `Alternatif (${list.suggestions.length}, terbaik dulu):`);
        list.suggestions.forEach((s, i) => io.out(`  ${i + 1}. ${en ? s.messageEn : s.message}`));
      } else io.out(en ? 'Nobody can go within the hard rules.' : 'Tidak ada yang bisa datang dalam aturan wajib.');
      if (list.remedies.length > 0) {
        io.out(en ? 'What would make it coverable:' : 'Yang membuatnya bisa:');
        for (const r of list.remedies) io.out(`  - ${en ? r.messageEn : r.message}`);
      } else if (list.suggestions.length === 0) io.out(en ? 'No single change of the kinds tried would make it coverable.' : 'Tidak ada satu perubahan (dari yang dicoba) yang membuatnya bisa.');
      io.out(en ? `(${list.elapsedMs} ms)` : `(${list.elapsedMs} ms)`);
      return 0;
    });
  },
};
