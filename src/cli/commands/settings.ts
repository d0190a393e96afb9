// `asuhan settings`: every programme setting, and `asuhan settings set KEY=VALUE...` to change
// them through the same API method as the settings screen (settings:update), so a bad pair is
// refused with the same message and nothing is written.
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { fieldLabel } from '../../contract/i18n';
import type { ApiClient } from '../../contract/index';
import { ruleWeightsSchema, SETUP_KEYS, type Settings, settingsSchema } from '../../domain/settings';
import { zoneAbbreviation } from '../../domain/zones';
import { parseOpeningHours } from '../../imports/values';
import type { CliCommand, CliIo } from '../command';
import { printJson, usageError } from '../command';
import { withApi } from '../session';

type SettingsChanges = NonNullable<Parameters<ApiClient['settings:update']>[0]>['changes'];

const english = (io: CliIo) => (io.env.ASUHAN_LANG ?? '').toLowerCase().startsWith('en');

const TOP_KEYS = Object.keys(settingsSchema.shape).filter((key) => key !== 'weights');
const WEIGHT_KEYS = Object.keys(ruleWeightsSchema.shape).map((key) => `weights.${key}`);
const ALL_KEYS = [...TOP_KEYS, ...WEIGHT_KEYS];

function bare(schema: z.ZodType): z.ZodType {
  let inner = schema;
  while (inner instanceof z.ZodDefault || inner instanceof z.ZodOptional) inner = inner.unwrap() as z.ZodType;
  return inner;
}

function schemaOf(key: string): z.ZodType | undefined {
  if (key.startsWith('weights.')) return (ruleWeightsSchema.shape as Record<string, z.ZodType>)[key.slice(8)];
  return key === 'weights' ? undefined : (settingsSchema.shape as Record<string, z.ZodType>)[key];
}

const TRUE = new Set(['true', 'ya', 'yes', '1', 'on']);
const FALSE = new Set(['false', 'tidak', 'no', '0', 'off']);

const LOGO_TYPES: Record<string, string> = { '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg' };

/** The text after "=" as the value the field takes: numbers and yes/no parsed, hours read as
 * "Senin-Kamis 07.30-14.00, Jumat 07.30-11.00", a logo read from "@FILE". Anything that does not
 * fit is passed on as typed, for the API to refuse with its own message. */
export function settingValue(key: string, text: string): unknown {
  const schema = schemaOf(key);
  if (!schema) throw usageError(`Pengaturan "${key}" tidak dikenal. Pilihan: ${ALL_KEYS.join(', ')}.`, `Unknown setting "${key}". Choose from: ${ALL_KEYS.join(', ')}.`);
  const inner = bare(schema);
  if (inner instanceof z.ZodNumber) {
    const value = Number(text.replace(',', '.'));
    return text.trim() !== '' && Number.isFinite(value) ? value : text;
  }
  if (inner instanceof z.ZodBoolean) {
    const word = text.trim().toLowerCase();
    return TRUE.has(word) ? true : FALSE.has(word) ? false : text;
  }
  if (key === 'defaultOpeningHours') {
    const parsed = parseOpeningHours(text);
    if (!parsed.ok) throw usageError(`defaultOpeningHours: ${parsed.message}.`, `defaultOpeningHours: ${parsed.messageEn}.`);
    return parsed.value;
  }
  if (key === 'logoDataUrl' && text.startsWith('@')) {
    const file = text.slice(1);
    const type = LOGO_TYPES[path.extname(file).toLowerCase()];
    if (!type) throw usageError('logoDataUrl=@BERKAS: logo harus .png atau .jpg.', 'logoDataUrl=@FILE: the logo must be .png or .jpg.');
    if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw usageError(`Berkas logo ${path.resolve(file)} tidak ada.`, `Logo file ${path.resolve(file)} does not exist.`);
    if (fs.statSync(file).size > 1_400_000) throw usageError('Logo terlalu besar (maksimal 1,4 MB).', 'The logo is too large (at most 1.4 MB).');
    return `data:${type};base64,${fs.readFileSync(file).toString('base64')}`;
  }
  return text;
}

/** "KEY=VALUE" pairs into one change (weights nested), checked before anything is written. */
export function settingsChanges(pairs: string[]): Record<string, unknown> {
  const changes: Record<string, unknown> = {};
  const weights: Record<string, unknown> = {};
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at <= 0) throw usageError(`"${pair}" harus berbentuk KUNCI=NILAI, misalnya timeZone=Asia/Makassar.`, `"${pair}" must be KEY=VALUE, e.g. timeZone=Asia/Makassar.`);
    const key = pair.slice(0, at).trim();
    const value = settingValue(key, pair.slice(at + 1));
    if (key.startsWith('weights.')) weights[key.slice(8)] = value;
    else changes[key] = value;
  }
  if (Object.keys(weights).length) changes.weights = weights;
  return changes;
}

function shown(key: string, settings: Settings): string {
  const value = key.startsWith('weights.') ? settings.weights[key.slice(8) as keyof Settings['weights']] : settings[key as keyof Settings];
  if (key === 'logoDataUrl') return value ? `(${Math.round(String(value).length / 1024)} KB)` : '';
  if (key === 'defaultOpeningHours') {
    const hours = settings.defaultOpeningHours;
    return Object.entries(hours).map(([day, h]) => `${day}:${h?.open}-${h?.close}`).join(' ');
  }
  if (key === 'timeZone') return `${value} (${zoneAbbreviation(String(value))})`;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function printSettings(io: CliIo, settings: Settings): void {
  const en = english(io);
  const width = Math.max(...ALL_KEYS.map((k) => k.length));
  const missing = new Set<string>(SETUP_KEYS.filter((key) => settings[key].trim() === ''));
  for (const key of ALL_KEYS) {
    const label = fieldLabel(key.split('.'), en ? 'en' : 'id');
    const value = shown(key, settings);
    io.out(`${missing.has(key) ? '!' : ' '} ${key.padEnd(width)}  ${value || (en ? '(empty)' : '(kosong)')}${label && label !== key ? `  · ${label}` : ''}`);
  }
  if (missing.size) {
    io.out('');
    io.out(en
      ? `To fill in before the first roster (!): ${[...missing].join(', ')}. Example: asuhan settings set "districtName=Kabupaten Contoh" "province=Sulawesi Tenggara"`
      : `Isi dulu sebelum roster pertama (!): ${[...missing].join(', ')}. Contoh: asuhan settings set "districtName=Kabupaten Contoh" "province=Sulawesi Tenggara"`);
  }
}

export const settingsCommand: CliCommand = {
  name: 'settings',
  summary: 'Tampilkan atau ubah pengaturan program (kop surat, penanda tangan, zona waktu, bobot)',
  usage: 'asuhan settings [set KUNCI=NILAI ...] [--db PATH] [--json]',
  details: [
    'Tanpa argumen: semua pengaturan; tanda ! menandai yang wajib diisi sebelum roster pertama.',
    'set: mengubah satu atau beberapa sekaligus, diperiksa seperti di layar Pengaturan; bila satu salah, tidak ada yang diubah.',
    'Contoh: asuhan settings set "districtName=Kabupaten Contoh" "province=Sulawesi Tenggara" weights.continuity=5 allowTwoVisitsPerDay=ya',
    'Provinsi menentukan zona waktu (WIB, WITA, WIT). Jam kerja: defaultOpeningHours="Senin-Kamis 07.30-14.00, Jumat 07.30-11.00". Logo: logoDataUrl=@logo.png',
  ].join('\n'),
  allowPositionals: true,
  options: {},
  async run({ positionals }, flags, io) {
    const [action, ...pairs] = positionals;
    if (action !== undefined && action !== 'set') throw usageError(`Perintah "settings ${action}" tidak dikenal; pakai "asuhan settings" atau "asuhan settings set KUNCI=NILAI".`, `Unknown "settings ${action}"; use "asuhan settings" or "asuhan settings set KEY=VALUE".`);
    if (action === 'set' && pairs.length === 0) throw usageError('Sebutkan KUNCI=NILAI yang diubah.', 'Name the KEY=VALUE pairs to change.');
    const changes = action === 'set' ? settingsChanges(pairs) : undefined;
    return withApi(flags, io, async (api) => {
      const settings = changes ? await api.client['settings:update']({ changes: changes as SettingsChanges }) : await api.client['settings:get']({});
      if (flags.json) printJson(io, settings);
      else {
        if (changes) io.out(english(io) ? `Saved: ${Object.keys(changes).join(', ')}.` : `Disimpan: ${Object.keys(changes).join(', ')}.`);
        printSettings(io, settings);
      }
      return 0;
    });
  },
};
