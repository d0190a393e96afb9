// A strict RFC 5545 check of a calendar file as bytes, independent of any parser: line endings,
// folding, content-line syntax, component nesting, the properties each component must (and
// may only once) have, value forms, TEXT escaping, and a VTIMEZONE for every TZID used.
// Returns the problems found, each naming its line; an empty list means the file conforms.

// Single TEXT values (list-valued ones such as CATEGORIES separate items with bare commas).
const TEXT_PROPERTIES = new Set(['SUMMARY', 'DESCRIPTION', 'LOCATION', 'COMMENT', 'NAME', 'X-WR-CALNAME', 'X-WR-CALDESC', 'CONTACT']);
const DATE_TIME_PROPERTIES = new Set(['DTSTART', 'DTEND', 'DUE', 'RECURRENCE-ID', 'EXDATE', 'RDATE']);
const UTC_PROPERTIES = new Set(['DTSTAMP', 'CREATED', 'LAST-MODIFIED', 'COMPLETED']);

interface Rules {
  required: string[];
  once: string[];
  /** Properties of which at most one may appear. */
  exclusive?: [string, string][];
  children: string[];
}

const COMPONENTS: Record<string, Rules> = {
  VCALENDAR: { required: ['PRODID', 'VERSION'], once: ['PRODID', 'VERSION', 'CALSCALE', 'METHOD'], children: ['VEVENT', 'VTODO', 'VJOURNAL', 'VFREEBUSY', 'VTIMEZONE'] },
  VEVENT: {
    required: ['DTSTAMP', 'UID', 'DTSTART'],
    once: ['DTSTAMP', 'UID', 'DTSTART', 'CLASS', 'CREATED', 'DESCRIPTION', 'GEO', 'LAST-MODIFIED', 'LOCATION', 'ORGANIZER', 'PRIORITY', 'SEQUENCE', 'STATUS', 'SUMMARY', 'TRANSP', 'URL', 'RECURRENCE-ID', 'DTEND', 'DURATION'],
    exclusive: [['DTEND', 'DURATION']],
    children: ['VALARM'],
  },
  VALARM: { required: ['ACTION', 'TRIGGER'], once: ['ACTION', 'TRIGGER', 'DURATION', 'REPEAT', 'DESCRIPTION', 'SUMMARY'], children: [] },
  VTIMEZONE: { required: ['TZID'], once: ['TZID', 'LAST-MODIFIED', 'TZURL'], children: ['STANDARD', 'DAYLIGHT'] },
  STANDARD: { required: ['DTSTART', 'TZOFFSETTO', 'TZOFFSETFROM'], once: ['DTSTART', 'TZOFFSETTO', 'TZOFFSETFROM'], children: [] },
  DAYLIGHT: { required: ['DTSTART', 'TZOFFSETTO', 'TZOFFSETFROM'], once: ['DTSTART', 'TZOFFSETTO', 'TZOFFSETFROM'], children: [] },
};

interface ContentLine {
  line: number;
  name: string;
  params: Record<string, string[]>;
  value: string;
}

interface Component {
  name: string;
  line: number;
  properties: ContentLine[];
  children: Component[];
}

const NAME = /^(?:[A-Za-z0-9-]+)$/;
// param = name "=" value *("," value); value = quoted-string / paramtext (no control, DQUOTE, ";", ":", ",").
const PARAM = /^;([A-Za-z0-9-]+)=((?:"[^"\x00-\x08\x0a-\x1f\x7f]*"|[^";:,\x00-\x08\x0a-\x1f\x7f]*)(?:,(?:"[^"\x00-\x08\x0a-\x1f\x7f]*"|[^";:,\x00-\x08\x0a-\x1f\x7f]*))*)/;

function parseContentLine(text: string, line: number, problems: string[]): ContentLine | null {
  const nameMatch = /^[A-Za-z0-9-]+/.exec(text);
  if (!nameMatch || !NAME.test(nameMatch[0])) {
    problems.push(`line ${line}: not a content line: ${text.slice(0, 40)}`);
    return null;
  }
  let rest = text.slice(nameMatch[0].length);
  const params: Record<string, string[]> = {};
  while (rest.startsWith(';')) {
    const param = PARAM.exec(rest);
    if (!param) {
      problems.push(`line ${line}: malformed parameter in ${nameMatch[0]}`);
      return null;
    }
    params[param[1]!.toUpperCase()] = param[2]!.split(',').map((v) => v.replace(/^"|"$/g, ''));
    rest = rest.slice(param[0].length);
  }
  if (!rest.startsWith(':')) {
    problems.push(`line ${line}: ${nameMatch[0]} has no ":" before its value`);
    return null;
  }
  const value = rest.slice(1);
  if (/[\x00-\x08\x0a-\x1f\x7f]/.test(value)) problems.push(`line ${line}: control character in the value of ${nameMatch[0]}`);
  return { line, name: nameMatch[0].toUpperCase(), params, value };
}

function checkValue(property: ContentLine, problems: string[], tzids: Set<string>): void {
  const { name, value, params, line } = property;
  if (TEXT_PROPERTIES.has(name)) {
    // TEXT: ";" and "," escaped, a backslash only before \ ; , n N.
    if (/(^|[^\\])(\\\\)*[;,]/.test(value)) problems.push(`line ${line}: unescaped ";" or "," in ${name}`);
    if (/\\([^;,nN]|$)/.test(value.replace(/\\\\/g, ''))) problems.push(`line ${line}: stray backslash in ${name}`);
  }
  if (UTC_PROPERTIES.has(name) && !/^\d{8}T\d{6}Z$/.test(value)) problems.push(`line ${line}: ${name} must be a UTC date-time (YYYYMMDDTHHMMSSZ), got ${value}`);
  if (DATE_TIME_PROPERTIES.has(name)) {
    const isDate = params.VALUE?.[0]?.toUpperCase() === 'DATE';
    const tzid = params.TZID?.[0];
    for (const item of value.split(',')) {
      if (isDate ? !/^\d{8}$/.test(item) : !/^\d{8}T\d{6}Z?$/.test(item)) problems.push(`line ${line}: ${name} value ${item} is not a ${isDate ? 'DATE' : 'DATE-TIME'}`);
      if (tzid && item.endsWith('Z')) problems.push(`line ${line}: ${name} has both TZID and a UTC time`);
    }
    if (tzid) tzids.add(tzid);
  }
  if (name === 'SEQUENCE' && !/^\d+$/.test(value)) problems.push(`line ${line}: SEQUENCE must be a non-negative integer`);
  if (name === 'VERSION' && value !== '2.0') problems.push(`line ${line}: VERSION must be 2.0`);
  if ((name === 'TZOFFSETTO' || name === 'TZOFFSETFROM') && !/^[+-]\d{4}(\d{2})?$/.test(value)) problems.push(`line ${line}: ${name} must be +HHMM or -HHMM`);
  if (name === 'TRIGGER' && !/^[+-]?P(\d+W|(\d+D)?(T(\d+H)?(\d+M)?(\d+S)?)?)$/.test(value) && !/^\d{8}T\d{6}Z$/.test(value)) problems.push(`line ${line}: TRIGGER is neither a duration nor a UTC date-time`);
}

function checkComponent(component: Component, parent: string | null, problems: string[], tzids: Set<string>): void {
  const rules = COMPONENTS[component.name];
  const at = `${component.name} (line ${component.line})`;
  if (!rules) {
    if (!component.name.startsWith('X-')) problems.push(`${at}: unknown component`);
    return;
  }
  if (parent && !COMPONENTS[parent]?.children.includes(component.name)) problems.push(`${at}: not allowed inside ${parent}`);
  const counts = new Map<string, number>();
  for (const p of component.properties) counts.set(p.name, (counts.get(p.name) ?? 0) + 1);
  for (const name of rules.required) if (!counts.has(name)) problems.push(`${at}: missing ${name}`);
  for (const name of rules.once) if ((counts.get(name) ?? 0) > 1) problems.push(`${at}: ${name} more than once`);
  for (const [a, b] of rules.exclusive ?? []) if (counts.has(a) && counts.has(b)) problems.push(`${at}: both ${a} and ${b}`);
  for (const p of component.properties) checkValue(p, problems, tzids);
  const status = component.properties.find((p) => p.name === 'STATUS')?.value;
  if (component.name === 'VEVENT' && status !== undefined && !['TENTATIVE', 'CONFIRMED', 'CANCELLED'].includes(status)) problems.push(`${at}: STATUS ${status} is not one of TENTATIVE, CONFIRMED, CANCELLED`);
  if (component.name === 'VALARM') {
    const action = component.properties.find((p) => p.name === 'ACTION')?.value;
    if (action === 'DISPLAY' && !counts.has('DESCRIPTION')) problems.push(`${at}: a DISPLAY alarm needs a DESCRIPTION`);
  }
  if (component.name === 'VTIMEZONE' && component.children.length === 0) problems.push(`${at}: needs a STANDARD or DAYLIGHT rule`);
  if (component.name === 'VCALENDAR' && component.children.filter((c) => c.name !== 'VTIMEZONE').length === 0) problems.push(`${at}: no calendar component`);
  // Calendar properties come before the first component (RFC 5545 section 3.4 grammar).
  if (component.name === 'VCALENDAR') {
    const firstChild = Math.min(...component.children.map((c) => c.line));
    for (const p of component.properties) if (p.line > firstChild) problems.push(`line ${p.line}: calendar property ${p.name} after a component`);
  }
  for (const child of component.children) checkComponent(child, component.name, problems, tzids);
}

export function rfc5545Problems(bytes: Buffer | string): string[] {
  const buffer = typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes;
  const problems: string[] = [];
  if (buffer.length === 0) return ['empty file'];
  if (buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf) problems.push('starts with a byte-order mark');
  const text = buffer.toString('latin1');
  if (!text.endsWith('\r\n')) problems.push('the last line does not end with CRLF');
  if (/\r(?!\n)/.test(text)) problems.push('bare CR');
  if (/(^|[^\r])\n/.test(text)) problems.push('bare LF');

  // Physical lines: at most 75 octets, each valid UTF-8 on its own (a fold never splits a character).
  const physical = text.split('\r\n');
  if (physical.at(-1) === '') physical.pop();
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const logical: { line: number; text: string }[] = [];
  physical.forEach((raw, i) => {
    const bytesOfLine = Buffer.from(raw, 'latin1');
    if (bytesOfLine.length > 75) problems.push(`line ${i + 1}: ${bytesOfLine.length} octets, more than 75`);
    let decoded: string;
    try {
      decoded = decoder.decode(bytesOfLine);
    } catch {
      problems.push(`line ${i + 1}: not valid UTF-8 (a fold inside a character?)`);
      decoded = bytesOfLine.toString('utf8');
    }
    if (decoded.startsWith(' ') || decoded.startsWith('\t')) {
      const previous = logical.at(-1);
      if (!previous) problems.push(`line ${i + 1}: continuation without a line to continue`);
      else previous.text += decoded.slice(1);
    } else if (decoded === '') problems.push(`line ${i + 1}: empty line`);
    else logical.push({ line: i + 1, text: decoded });
  });

  // Nesting.
  const stack: Component[] = [];
  let root: Component | null = null;
  for (const { line, text: content } of logical) {
    const parsed = parseContentLine(content, line, problems);
    if (!parsed) continue;
    if (parsed.name === 'BEGIN') {
      const component: Component = { name: parsed.value.toUpperCase(), line, properties: [], children: [] };
      if (stack.length === 0) {
        if (root) problems.push(`line ${line}: a second top-level component`);
        else if (component.name !== 'VCALENDAR') problems.push(`line ${line}: the file must start with BEGIN:VCALENDAR`);
        root ??= component;
      } else stack.at(-1)!.children.push(component);
      stack.push(component);
    } else if (parsed.name === 'END') {
      const open = stack.pop();
      if (!open) problems.push(`line ${line}: END:${parsed.value} without BEGIN`);
      else if (open.name !== parsed.value.toUpperCase()) problems.push(`line ${line}: END:${parsed.value} closes BEGIN:${open.name} (line ${open.line})`);
    } else if (stack.length === 0) problems.push(`line ${line}: ${parsed.name} outside the calendar`);
    else stack.at(-1)!.properties.push(parsed);
  }
  for (const open of stack) problems.push(`BEGIN:${open.name} (line ${open.line}) is never closed`);
  if (!root) return [...problems, 'no VCALENDAR'];

  const tzids = new Set<string>();
  checkComponent(root, null, problems, tzids);
  const defined = root.children.filter((c) => c.name === 'VTIMEZONE').map((c) => c.properties.find((p) => p.name === 'TZID')?.value ?? '');
  for (const tzid of tzids) if (!defined.includes(tzid)) problems.push(`TZID ${tzid} is used but has no VTIMEZONE`);
  for (const tzid of defined) if (!tzids.has(tzid)) problems.push(`VTIMEZONE ${tzid} is defined but never used`);
  if (new Set(defined).size !== defined.length) problems.push('a VTIMEZONE is defined twice');
  return problems;
}
