// Reads calendar files back with independent parsers: Mozilla's ical.js in process and
// Debian's python3-icalendar in a child process.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ICAL from 'ical.js';
import { findPython } from '../fixtures/tools';

export interface ParsedEvent {
  uid: string;
  sequence: number;
  status: string;
  summary: string;
  location: string;
  description: string;
  /** Wall-clock start in the event's zone, `YYYY-MM-DDTHH:mm`. */
  localStart: string;
  localEnd: string;
  tzid: string;
  /** The instant, ISO UTC. */
  utcStart: string;
  alarmTriggers: string[];
}

export interface ParsedCalendar {
  method: string;
  timezones: string[];
  stamps: string[];
  events: ParsedEvent[];
}

function local(time: ICAL.Time): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${time.year}-${pad(time.month)}-${pad(time.day)}T${pad(time.hour)}:${pad(time.minute)}`;
}

export function parseWithIcalJs(text: string): ParsedCalendar {
  const root = new ICAL.Component(ICAL.parse(text));
  const timezones = root.getAllSubcomponents('vtimezone').map((tz) => String(tz.getFirstPropertyValue('tzid')));
  // Register the file's own VTIMEZONEs so UTC conversion uses what the file says.
  for (const tz of root.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(new ICAL.Timezone(tz));
  const vevents = root.getAllSubcomponents('vevent');
  return {
    method: String(root.getFirstPropertyValue('method')),
    timezones,
    stamps: vevents.map((e) => e.getFirstProperty('dtstamp')?.toICALString() ?? ''),
    events: vevents.map((vevent) => {
      const event = new ICAL.Event(vevent);
      const start = event.startDate;
      return {
        uid: event.uid,
        sequence: event.sequence,
        status: String(vevent.getFirstPropertyValue('status') ?? ''),
        summary: event.summary,
        location: event.location,
        description: event.description,
        localStart: local(start),
        localEnd: local(event.endDate),
        tzid: String(vevent.getFirstProperty('dtstart')?.getParameter('tzid') ?? ''),
        utcStart: start.toJSDate().toISOString(),
        alarmTriggers: vevent.getAllSubcomponents('valarm').map((a) => String(a.getFirstPropertyValue('trigger'))),
      };
    }),
  };
}

const PYTHON_READER = `
import json, sys
from icalendar import Calendar
out = []
for name in sys.argv[1:]:
    cal = Calendar.from_ical(open(name, 'rb').read())
    events = []
    for ev in cal.walk('VEVENT'):
        start = ev.decoded('DTSTART')
        events.append({'uid': str(ev['UID']), 'start': start.isoformat(), 'tz': str(start.tzinfo), 'status': str(ev.get('STATUS', '')), 'sequence': int(ev.get('SEQUENCE', 0))})
    out.append({'file': name, 'method': str(cal.get('METHOD')), 'events': events})
print(json.dumps(out))
`;

export interface PythonCalendar {
  file: string;
  method: string;
  events: { uid: string; start: string; tz: string; status: string; sequence: number }[];
}

/** Parses files with python3-icalendar (a python3 that has it, found by name). */
export function parseWithPython(dir: string, files: { fileName: string; base64: string }[]): PythonCalendar[] {
  const paths = files.map((file) => {
    const target = path.join(dir, file.fileName);
    fs.writeFileSync(target, Buffer.from(file.base64, 'base64'));
    return target;
  });
  return JSON.parse(execFileSync(findPython(['icalendar'], 'python3-icalendar'), ['-c', PYTHON_READER, ...paths], { encoding: 'utf8' })) as PythonCalendar[];
}
