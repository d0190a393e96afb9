// Times and dates as people type them, and the plain words the API answers with.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { calendarDate, id, localTime, openingHours, parseDate, parseTime } from '../../src/contract/fields';
import { parseInput } from '../../src/contract/validate';

describe('parseTime', () => {
  it.each([
    ['9', '09:00'],
    ['9.00', '09:00'],
    ['09:00', '09:00'],
    ['7.30', '07:30'],
    ['0730', '07:30'],
    [' 13:05 ', '13:05'],
  ])('reads %s as %s', (typed, time) => expect(parseTime(typed)).toBe(time));
  it.each(['24', '9.5', '9:60', 'sembilan', '', '123'])('refuses %s', (typed) => expect(parseTime(typed)).toBeNull());
});

describe('parseDate', () => {
  it.each([
    ['2/3/2026', '2026-03-02'],
    ['02-03-2026', '2026-03-02'],
    ['2 Maret 2026', '2026-03-02'],
    ['Senin, 2 Maret 2026', '2026-03-02'],
    ['17 agt 2026', '2026-08-17'],
    ['2 March 2026', '2026-03-02'],
    ['2026-03-02', '2026-03-02'],
  ])('reads %s as %s', (typed, date) => expect(parseDate(typed)).toBe(date));
  it.each(['30/2/2026', '2 Marett 2026', '03/2026', ''])('refuses %s', (typed) => expect(parseDate(typed)).toBeNull());
});

describe('validation messages', () => {
  const schema = z.object({ puskesmasId: id, date: calendarDate, startTime: localTime, openingHours });
  function fieldsOf(input: unknown) {
    try {
      parseInput(schema, input);
      return [];
    } catch (error) {
      return (error as { fields: { path: string; message: string; messageEn: string }[] }).fields;
    }
  }

  it('accepts typed times and dates and stores them in one form', () => {
    expect(parseInput(schema, { puskesmasId: 1, date: '2/3/2026', startTime: '7.30', openingHours: { '5': { open: '7', close: '11.30' } } })).toEqual({
      puskesmasId: 1,
      date: '2026-03-02',
      startTime: '07:30',
      openingHours: { '5': { open: '07:00', close: '11:30' } },
    });
  });

  it('reports every field at once in plain words', () => {
    const fields = fieldsOf({ date: 'besok', startTime: '', openingHours: { '5': { open: '13:00', close: '11:00' } } });
    expect(fields.map((f) => f.message)).toEqual([
      'Puskesmas: wajib diisi',
      'Tanggal: tanggal tidak dikenali; tulis mis. 2/3/2026 atau 2 Maret 2026',
      'Jam mulai: wajib diisi',
      'Jam buka: jam tutup harus setelah jam buka (Jumat)',
    ]);
    expect(fields[3]!.messageEn).toBe('Opening hours: closing time must be after opening time (Friday)');
  });
});
