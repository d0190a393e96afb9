// Words the exports print: visit statuses, place lines, and the ids used in file names.
import type { Settings } from '../domain/settings';
import type { VisitStatus } from '../domain/types';

export const STATUS_LABEL_ID: Record<VisitStatus, string> = {
  planned: 'Direncanakan',
  confirmed: 'Dikonfirmasi',
  done: 'Terlaksana',
  cancelled: 'Dibatalkan',
  missed: 'Tidak terlaksana',
};

/** "Puskesmas Kenari" even when the stored name lacks the word. */
export function puskesmasLabel(name: string): string {
  // A name that already says what it is ("PKM Kenari", "UPTD Puskesmas Kenari") keeps its own words.
  return /^(puskesmas|pkm|upt\.?d?\.?\s+(puskesmas|pkm))\b/i.test(name) ? name : `Puskesmas ${name}`;
}

/** "Jl. Raya Kenari No. 1, Kec. Kenari" */
export function placeLine(address: string, kecamatan: string): string {
  const parts = [address.trim()];
  if (kecamatan.trim() && !address.toLowerCase().includes(kecamatan.trim().toLowerCase())) parts.push(`Kec. ${kecamatan.trim()}`);
  return parts.filter(Boolean).join(', ');
}

/** A file-name-safe slug: "dr. Ayu Kartika Sari, Sp.OG" -> "dr-ayu-kartika-sari-sp-og". */
export function slug(text: string): string {
  const cleaned = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return cleaned.slice(0, 60) || 'x';
}

/**
 * The office's letterhead as lines (name, then address and contacts), leaving out what the
 * settings leave empty: a district that has not filled them in gets no letterhead, never
 * another district's.
 */
export function letterheadLines(settings: Pick<Settings, 'officeName' | 'districtName' | 'officeAddress' | 'officePhone' | 'officeEmail'>): string[] {
  const office = settings.officeName.trim() || settings.districtName.trim();
  const contacts = [settings.officeAddress.trim(), settings.officePhone.trim() && `Telp. ${settings.officePhone.trim()}`, settings.officeEmail.trim() && `Email: ${settings.officeEmail.trim()}`]
    .filter(Boolean)
    .join(' · ');
  return [office, contacts].filter(Boolean);
}
