// The desktop app's own settings, beside its database in the user-data folder: a small JSON
// file (no database is involved, because with a server address the local file is never opened).
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { AsuhanError } from '../../src/contract/errors';
import { writeFileSafely } from '../../src/files/guard';

export const DESKTOP_SETTINGS_FILE = 'desktop-settings.json';

const settingsSchema = z.object({
  /** The server the window shows instead of the local file (checked again at every start). */
  serverUrl: z.string().optional(),
});

export type DesktopSettings = z.infer<typeof settingsSchema>;

export function desktopSettingsPath(userData: string): string {
  return path.join(userData, DESKTOP_SETTINGS_FILE);
}

/** The saved settings; none saved yet is `{}`. A file that is not valid JSON of this shape is refused, naming it. */
export function readDesktopSettings(file: string): DesktopSettings {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw error;
  }
  let parsed: DesktopSettings;
  try {
    parsed = settingsSchema.parse(JSON.parse(text));
  } catch {
    throw new AsuhanError(
      'VALIDATION',
      `Berkas pengaturan ${file} rusak. Mulai Asuhan dengan --forget-server untuk menghapus alamat server di dalamnya.`,
      `The settings file ${file} is damaged. Start Asuhan with --forget-server to clear the server address in it.`,
    );
  }
  return parsed;
}

export function writeDesktopSettings(file: string, settings: DesktopSettings): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  writeFileSafely(file, `${JSON.stringify(settingsSchema.parse(settings), null, 2)}\n`);
}
