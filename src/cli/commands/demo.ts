// The README's main job: the embedded default database with the demo district, then next
// month's plan (saved into the visits) with its summary, and its rosters. Run again with
// nothing changed, it changes nothing (no new plan, no backup, no files) and says so.
import fs from 'node:fs';
import path from 'node:path';
import { recordPlanInput, unchangedPlan } from '../../app/plan-input';
import { addMonths, todayIn } from '../../domain/dates';
import { formatMonth } from '../../domain/format-id';
import type { CliCommand, CliIo } from '../command';
import { printJson } from '../command';
import { checkOutputFolder } from '../../files/guard';
import { withApi } from '../session';
import { writeMonthRosters } from './export';
import { initCommand } from './init';
import { printPlanSummary, summaryFromPreview } from './plan-report';

export const demoCommand: CliCommand = {
  name: 'demo',
  summary: 'Siapkan kabupaten contoh di database bawaan, susun jadwal bulan depan dan tampilkan ringkasannya',
  usage: 'asuhan demo [--out DIR] [--db PATH] [--json]',
  details: 'Sama dengan "asuhan init --demo" pada database bawaan (folder data pengguna), lalu "asuhan plan" untuk bulan depan.',
  options: { out: { type: 'string' } },
  async run({ values }, flags, io) {
    if (typeof values.out === 'string' && values.out) checkOutputFolder(values.out);
    const initLines: string[] = [];
    const initIo: CliIo = flags.json ? { ...io, out: (line) => initLines.push(line) } : io;
    const initCode = await initCommand.run({ values: { demo: true }, positionals: [] }, flags, initIo);
    if (initCode !== 0) return initCode;
    return withApi(flags, io, async (api, ctx) => {
      const settings = await api.client['settings:get']({});
      const month = addMonths(todayIn(settings.timeZone, io.now()).slice(0, 7), 1);
      const rosterDir = path.resolve(typeof values.out === 'string' && values.out ? values.out : path.join(path.dirname(path.resolve(flags.db)), 'ekspor', `jadwal-${month}`));
      const current = await unchangedPlan(ctx.db.kysely, month);
      if (current !== null) {
        const rostersThere = fs.existsSync(path.join(rosterDir, `jadwal-${month}.xlsx`));
        const rosterFiles = rostersThere ? fs.readdirSync(rosterDir).sort() : await writeMonthRosters(api, month, rosterDir);
        if (!rostersThere) await recordPlanInput(ctx.db.kysely, month, current);
        if (flags.json) {
          printJson(io, { ...(JSON.parse(initLines.join('\n')) as object), plan: { planId: current, unchanged: true }, rosters: { dir: rosterDir, files: rosterFiles, written: !rostersThere } });
          return 0;
        }
        io.out('');
        io.out(`Tidak ada yang berubah sejak rencana #${current} untuk ${formatMonth(month)} disimpan: tidak ada rencana baru dan tidak ada cadangan.`);
        io.out(rostersThere ? `Jadwal ${month} sudah ada di: ${rosterDir}` : `Jadwal ${month} (${rosterFiles.length} berkas) ditulis ulang ke: ${rosterDir}`);
        io.out(`Lihat semua kunjungan: asuhan plan --month ${month} --dry-run`);
        return 0;
      }
      const preview = await api.client['plans:run']({ month, mode: 'replan' });
      const applied = await api.client['plans:apply']({ planId: preview.planId });
      const summary = summaryFromPreview(preview);
      // Last step: the month's rosters (PDF, calendars, Excel, messages) in a folder beside the database.
      const rosterFiles = await writeMonthRosters(api, month, rosterDir);
      // After the rosters: the input includes the calendars sent.
      await recordPlanInput(ctx.db.kysely, month, applied.planId);
      if (flags.json) {
        printJson(io, { ...(JSON.parse(initLines.join('\n')) as object), plan: { planId: applied.planId, ...summary, explanations: preview.explanations.length }, rosters: { dir: rosterDir, files: rosterFiles } });
        return 0;
      }
      io.out('');
      printPlanSummary(io, summary);
      io.out(`Disimpan sebagai rencana #${applied.planId}. Lihat semua kunjungan: asuhan plan --month ${month} --dry-run`);
      io.out(`Jadwal ${month} (${rosterFiles.length} berkas: PDF, kalender .ics per dokter, Excel, pesan WhatsApp) ditulis ke: ${rosterDir}`);
      return 0;
    });
  },
};
