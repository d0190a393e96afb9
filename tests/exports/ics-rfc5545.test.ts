// The strict RFC 5545 check itself: what the app writes passes, even with hostile text, and
// each way a file can break is caught (a check that passes everything proves nothing).
import { describe, expect, it } from 'vitest';
import { buildCalendar, type CalendarEvent } from '../../src/exports/ics';
import { TEST_TODAY } from '../fixtures/temp-db';
import { parseWithIcalJs } from './ics-check';
import { rfc5545Problems } from './ics-rfc5545';

const HOSTILE = 'Catatan; koma, garis miring \\ dan "kutip"\nbaris baru, é ñ ü 🙂 — Puskesmas Kalibaru Kulon '.repeat(3);

function calendar(overrides: Partial<CalendarEvent> = {}): string {
  const event: CalendarEvent = {
    uid: 'visit-1@asuhan',
    sequence: 2,
    cancelled: false,
    tentative: true,
    date: '2026-03-02',
    startTime: '09:00',
    endTime: '12:00',
    summary: `Rencana kunjungan dr. Ayu, Sp.OG; ${HOSTILE.slice(0, 60)}`,
    location: `Puskesmas Sempu, Jl. Raya; No. 1, ${HOSTILE.slice(0, 40)}`,
    description: HOSTILE,
    reminder: 'Besok 09.00 WIB: kunjungan, jangan lupa; ya',
    ...overrides,
  };
  return buildCalendar([event, { ...event, uid: 'visit-2@asuhan', cancelled: true, tentative: false, summary: 'DIBATALKAN: x' }], { name: 'Jadwal; dr. Ayu, Sp.OG', timeZone: 'Asia/Makassar', stamp: TEST_TODAY });
}

describe('strict RFC 5545 check', () => {
  it('passes what the app writes, hostile text included, and the text survives', () => {
    const text = calendar();
    expect(rfc5545Problems(text)).toEqual([]);
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
    const [event] = parseWithIcalJs(text).events;
    expect(event!.description).toBe(HOSTILE);
    expect(event!.status).toBe('TENTATIVE');
  });

  const valid = calendar();
  const lines = valid.split('\r\n');
  const longIndex = lines.findIndex((l, i) => lines[i + 1]?.startsWith(' '));
  const cases: [string, string, RegExp][] = [
    ['no CRLF after END:VCALENDAR', valid.replace(/\r\n$/, ''), /last line does not end with CRLF/],
    ['a bare LF', valid.replace('\r\nVERSION', '\nVERSION'), /bare LF/],
    ['an unfolded long line', valid.replace(/\r\n /, ''), /more than 75/],
    ['no VTIMEZONE for the TZID used', valid.replace(/BEGIN:VTIMEZONE[\s\S]*?END:VTIMEZONE\r\n/, ''), /TZID Asia\/Makassar is used but has no VTIMEZONE/],
    ['a VTIMEZONE for another zone', valid.replace(/TZID:Asia\/Makassar/, 'TZID:Asia/Jakarta'), /TZID Asia\/Makassar is used but has no VTIMEZONE/],
    ['no DTSTAMP', valid.replace(/DTSTAMP:[^\r]*\r\n/, ''), /VEVENT \(line \d+\): missing DTSTAMP/],
    ['a local DTSTAMP', valid.replace(/DTSTAMP:(\d{8}T\d{6})Z/, 'DTSTAMP:$1'), /DTSTAMP must be a UTC date-time/],
    ['no UID', valid.replace(/UID:visit-1@asuhan\r\n/, ''), /missing UID/],
    ['no PRODID', valid.replace(/PRODID:[^\r]*\r\n/, ''), /VCALENDAR \(line 1\): missing PRODID/],
    ['a second SUMMARY', valid.replace(/(SUMMARY:[^\r]*\r\n)/, '$1SUMMARY:lagi\r\n'), /SUMMARY more than once/],
    ['an unescaped comma', valid.replace(/SUMMARY:Rencana kunjungan dr\. Ayu\\,/, 'SUMMARY:Rencana kunjungan dr. Ayu,'), /unescaped ";" or ","/],
    ['an unknown STATUS', valid.replace('STATUS:TENTATIVE', 'STATUS:MAYBE'), /STATUS MAYBE is not one of/],
    ['mismatched END', valid.replace('END:VALARM', 'END:VEVENT'), /closes BEGIN:VALARM/],
    ['a property after END:VCALENDAR', `${valid}X-EXTRA:1\r\n`, /outside the calendar/],
    ['a byte-order mark', `\ufeff${valid}`, /byte-order mark/],
  ];
  it.each(cases)('catches %s', (_label, broken, problem) => {
    expect(longIndex).toBeGreaterThan(0);
    expect(rfc5545Problems(broken).join('\n')).toMatch(problem);
  });

  it('catches a fold inside a UTF-8 character', () => {
    const bytes = Buffer.from(valid, 'utf8');
    const at = bytes.indexOf(Buffer.from('é', 'utf8'));
    const broken = Buffer.concat([bytes.subarray(0, at + 1), Buffer.from('\r\n '), bytes.subarray(at + 1)]);
    expect(rfc5545Problems(broken).join('\n')).toMatch(/not valid UTF-8/);
  });
});
