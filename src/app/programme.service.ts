// Handlers for the programme file: export this district's programme, start from another's.
import { AsuhanError } from '../contract/errors';
import type { Handlers } from '../contract/index';
import { programmeFileSchema } from '../contract/programme';
import { parseInput } from '../contract/validate';
import { backupBeforeChange } from '../db/database-backup';
import { applyProgramme, readProgramme } from '../db/programme.repository';
import { exportFile } from '../exports/export-file';
import type { AppContext } from './context';

type ProgrammeHandlers = Pick<Handlers, 'programme:export' | 'programme:import'>;

function slug(text: string): string {
  return text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60);
}

function readJson(fileName: string, base64: string): unknown {
  try {
    return JSON.parse(Buffer.from(base64, 'base64').toString('utf8').replace(/^\uFEFF/, ''));
  } catch {
    throw new AsuhanError('VALIDATION', `Berkas ${fileName} bukan berkas program (JSON tidak terbaca). Tidak ada yang diubah.`, `${fileName} is not a programme file (unreadable JSON). Nothing was changed.`);
  }
}

export function programmeHandlers({ db, now }: AppContext): ProgrammeHandlers {
  return {
    'programme:export': async () => {
      const programme = await readProgramme(db.kysely, now());
      const name = slug(programme.settings.programmeName ?? '') || 'asuhan';
      return exportFile(`program-${name}.json`, 'application/json', `${JSON.stringify(programme, null, 2)}\n`);
    },
    'programme:import': async ({ fileName, base64 }) => {
      const file = parseInput(programmeFileSchema, readJson(fileName, base64));
      const backupFile = await backupBeforeChange(db, 'before-programme', now());
      return { ...(await applyProgramme(db.kysely, file, now())), backupFile };
    },
  };
}
