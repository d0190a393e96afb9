// Small formatting helpers for the scheduler's sentences (Indonesian first, English second).
import { formatDate } from '../domain/format-id';

/** "2-13 Maret 2026" / "2-13 March 2026"; a single day when start = end. */
export function dateRange(start: string, end: string, language: 'id' | 'en'): string {
  if (start === end) return formatDate(start, language);
  const a = formatDate(start, language).split(' ');
  const b = formatDate(end, language).split(' ');
  if (a[1] === b[1] && a[2] === b[2]) return `${a[0]}-${b.join(' ')}`;
  if (a[2] === b[2]) return `${a[0]} ${a[1]} - ${b.join(' ')}`;
  return `${a.join(' ')} - ${b.join(' ')}`;
}

export const KIND_ID: Record<string, string> = { leave: 'cuti', duty: 'bertugas', training: 'pelatihan', other: 'berhalangan' };
export const KIND_EN: Record<string, string> = { leave: 'on leave', duty: 'on duty', training: 'in training', other: 'unavailable' };

export function km(value: number): string {
  return value.toFixed(value < 10 ? 1 : 0);
}
