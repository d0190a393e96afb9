import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  daysBetween,
  isCalendarDate,
  isMonth,
  isoWeekday,
  monthDays,
  monthRange,
  todayIn,
} from '../../src/domain/dates';
import { formatLongDate, formatMonth, formatTime, formatTimeRange } from '../../src/domain/format-id';
import { PROVINCES, provinceTimeZone, zoneAbbreviation } from '../../src/domain/zones';

describe('calendar dates', () => {
  it('accepts real dates only', () => {
    expect(isCalendarDate('2026-03-02')).toBe(true);
    expect(isCalendarDate('2028-02-29')).toBe(true);
    expect(isCalendarDate('2026-02-29')).toBe(false);
    expect(isCalendarDate('2026-02-30')).toBe(false);
    expect(isCalendarDate('2026-13-01')).toBe(false);
    expect(isCalendarDate('2026-3-2')).toBe(false);
    expect(isCalendarDate("2026-03-02' OR 1=1")).toBe(false);
  });

  it('accepts months YYYY-MM', () => {
    expect(isMonth('2026-03')).toBe(true);
    expect(isMonth('2026-00')).toBe(false);
    expect(isMonth('2026-3')).toBe(false);
  });

  it('does arithmetic across month and year ends', () => {
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(daysBetween('2026-03-01', '2026-04-01')).toBe(31);
    expect(addMonths('2026-12', 1)).toBe('2027-01');
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(monthRange('2026-11', '2027-02')).toEqual(['2026-11', '2026-12', '2027-01', '2027-02']);
    expect(monthDays('2026-02')).toHaveLength(28);
  });

  it('knows the weekday: 2 March 2026 is a Monday', () => {
    expect(isoWeekday('2026-03-02')).toBe(1);
    expect(isoWeekday('2026-03-08')).toBe(7);
  });

  it("gives today's date in the district's zone, not UTC", () => {
    // 17:30 UTC on 1 March is already 2 March in Jakarta (UTC+7) and Jayapura (UTC+9).
    const instant = new Date('2026-03-01T17:30:00Z');
    expect(todayIn('Asia/Jakarta', instant)).toBe('2026-03-02');
    expect(todayIn('Asia/Jayapura', instant)).toBe('2026-03-02');
    expect(todayIn('UTC', instant)).toBe('2026-03-01');
  });
});

describe('Indonesian formatting', () => {
  it('writes dates as the coordinator reads them', () => {
    expect(formatLongDate('2026-03-02')).toBe('Senin, 2 Maret 2026');
    expect(formatLongDate('2026-08-17')).toBe('Senin, 17 Agustus 2026');
    expect(formatMonth('2026-03')).toBe('Maret 2026');
    expect(formatTime('09:00', 'Asia/Jakarta')).toBe('09.00 WIB');
    expect(formatTime('09:00', 'Asia/Pontianak')).toBe('09.00 WIB');
    expect(formatTime('09:00', 'Asia/Makassar')).toBe('09.00 WITA');
    expect(formatTime('09:00', 'Asia/Jayapura')).toBe('09.00 WIT');
    expect(formatTimeRange('09:00', '12:00', 'Asia/Makassar')).toBe('09.00–12.00 WITA');
  });

  it('names the zone of every province, and every province lies in one of the three zones', () => {
    expect(zoneAbbreviation('Asia/Jakarta')).toBe('WIB');
    expect(zoneAbbreviation('Asia/Pontianak')).toBe('WIB');
    expect(zoneAbbreviation('Asia/Makassar')).toBe('WITA');
    expect(zoneAbbreviation('Asia/Jayapura')).toBe('WIT');
    expect(PROVINCES).toHaveLength(38);
    expect(provinceTimeZone('Sulawesi Tenggara')).toBe('Asia/Makassar');
    expect(provinceTimeZone('Kalimantan Barat')).toBe('Asia/Pontianak');
    expect(provinceTimeZone('Papua Pegunungan')).toBe('Asia/Jayapura');
    expect(provinceTimeZone('Bali')).toBe('Asia/Makassar');
    expect(new Set(PROVINCES.map((p) => p.name)).size).toBe(38);
    expect(PROVINCES.filter((p) => zoneAbbreviation(p.timeZone) === 'WITA')).toHaveLength(12);
    expect(PROVINCES.filter((p) => zoneAbbreviation(p.timeZone) === 'WIT')).toHaveLength(8);
  });

  it('does not shift the day whatever the process time zone', () => {
    // formatLongDate pins to UTC noon; a date must print as itself even at the far ends of the globe.
    for (const date of ['2026-01-01', '2026-03-02', '2026-12-31']) {
      expect(formatLongDate(date, 'en')).toContain(String(Number(date.slice(8))));
    }
  });
});
