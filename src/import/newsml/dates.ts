/**
 * NewsML-G2 date-times (xs:dateTime: the zone is optional) as the data
 * contract's ISO 8601 date-times, which always have one: the zone given is
 * kept, a missing one is read as UTC and said so.
 */
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$/;

/** `raw` as an ISO 8601 date-time with a zone, or undefined (with a note) when it is not a date-time. */
export function isoDateTime(raw: string | undefined, what: string, notes: string[]): string | undefined {
  const value = raw?.trim();
  if (!value) return undefined;
  const match = DATE_TIME.exec(value);
  if (!match || !realDateTime(match)) {
    notes.push(`${what} "${value.slice(0, 40)}" is not a date-time: left out`);
    return undefined;
  }
  const [, year, month, day, hour, minute, second = '00', fraction = '', zone] = match;
  if (!zone) notes.push(`${what} has no time zone: read as UTC`);
  return `${year}-${month}-${day}T${hour}:${minute}:${second}${fraction}${zone ?? 'Z'}`;
}

function realDateTime(match: RegExpExecArray): boolean {
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map((part) => Number(part ?? 0)) as number[];
  const date = new Date(Date.UTC(year as number, (month as number) - 1, day));
  const zone = match[8];
  const zoneOk = !zone || zone === 'Z' || (Number(zone.slice(1, 3)) <= 14 && Number(zone.slice(4)) < 60);
  return (
    zoneOk &&
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === (month as number) - 1 &&
    date.getUTCDate() === day &&
    (hour as number) < 24 &&
    (minute as number) < 60 &&
    (second as number) < 60
  );
}

/** Whether ISO date-time `a` is later than `b`. */
export function isLater(a: string, b: string): boolean {
  return Date.parse(a) > Date.parse(b);
}
