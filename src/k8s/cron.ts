// The schedule grammar Kubernetes accepts for a CronJob (robfig/cron's standard parser): five fields
// (minute hour day-of-month month day-of-week) or one of the @ descriptors. Each field is a comma list of
// `*`, `?`, a value or a range, each with an optional `/step`; months and weekdays also by name.

interface Field {
  name: string;
  min: number;
  max: number;
  names?: readonly string[];
}

const FIELDS: readonly Field[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'] },
  { name: 'day of week', min: 0, max: 6, names: ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'] },
];

const DESCRIPTORS = new Set(['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly']);
const EVERY = /^@every ([0-9]+(\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$/;

/** Undefined for a schedule Kubernetes accepts, else why not (a phrase that follows "is not a cron expression:"). */
export function cronProblem(schedule: string): string | undefined {
  const trimmed = schedule.trim();
  if (/\b(CRON_)?TZ=/.test(trimmed)) return 'a time zone inside the schedule is rejected by Kubernetes; set timeZone instead';
  if (trimmed.startsWith('@')) {
    return DESCRIPTORS.has(trimmed) || EVERY.test(trimmed) ? undefined : `"${trimmed}" is not one of ${[...DESCRIPTORS].join(', ')} or @every <duration>`;
  }
  const parts = trimmed.split(/\s+/);
  if (parts.length !== FIELDS.length)
    return `it has ${parts.length} field${parts.length === 1 ? '' : 's'}; write five: minute hour day-of-month month day-of-week, e.g. "0 3 * * *"`;
  for (const [i, field] of FIELDS.entries()) {
    const problem = fieldProblem(parts[i]!, field);
    if (problem) return `the ${field.name} field ${problem}`;
  }
  return undefined;
}

function fieldProblem(text: string, field: Field): string | undefined {
  for (const item of text.split(',')) {
    const [range, step, ...rest] = item.split('/');
    if (rest.length || range === undefined || range === '') return `"${item}" is not a value, range or step`;
    if (step !== undefined && !/^[0-9]+$/.test(step)) return `"${item}" has a step that is not a whole number`;
    if (step !== undefined && Number(step) === 0) return `"${item}" has a step of 0`;
    if (range === '*' || range === '?') continue;
    const bounds = range.split('-');
    if (bounds.length > 2) return `"${item}" is not a value or a range`;
    const values = bounds.map((bound) => valueOf(bound, field));
    const bad = bounds.find((_, j) => values[j] === undefined);
    if (bad !== undefined)
      return `holds "${bad}", which is not in ${field.min}-${field.max}${field.names ? ` or ${field.names[0]}-${field.names.at(-1)}` : ''}`;
    if (values.length === 2 && values[0]! > values[1]!) return `"${range}" is a range whose start is after its end`;
  }
  return undefined;
}

function valueOf(text: string, field: Field): number | undefined {
  const named = field.names?.indexOf(text.toUpperCase()) ?? -1;
  if (named >= 0) return named + field.min;
  if (!/^[0-9]+$/.test(text)) return undefined;
  const value = Number(text);
  return value >= field.min && value <= field.max ? value : undefined;
}

/** A time zone the function can resolve (the IANA database Node carries); Kubernetes checks the same names. */
export function timeZoneProblem(zone: string): string | undefined {
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(zone)) return 'is not an IANA time zone name such as Asia/Tokyo or Etc/UTC';
  try {
    const known = new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
    // The API server reads the zone from disk, where names are case-sensitive.
    return known !== zone && known.toLowerCase() === zone.toLowerCase() ? `is spelled ${known} in the time zone database` : undefined;
  } catch {
    return 'is not a known IANA time zone; use a name such as Asia/Tokyo or Etc/UTC';
  }
}
