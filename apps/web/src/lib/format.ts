// Vietnam has kept UTC+7 without daylight saving since 1975, so a fixed zone name is exact for news dates.
const TIME_ZONE = 'Asia/Ho_Chi_Minh';

const DATE_PARTS = new Intl.DateTimeFormat('vi-VN', {
  timeZone: TIME_ZONE,
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
});

const NUMBER = new Intl.NumberFormat('vi-VN');

// Only ISO 8601 (what Strapi sends): V8 happily reads "1" as 1 January 2001.
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** Parses an ISO date; a date-time without an offset is read as Vietnam time, whatever the build machine's zone. */
function parseIso(iso: string): Date {
  const text = typeof iso === 'string' ? iso.trim().toUpperCase().replace(' ', 'T') : '';
  const match = ISO.exec(text);
  if (match === null) throw new Error(`Invalid date ${JSON.stringify(iso)}: expected ISO 8601 such as 2026-04-01T08:30:00Z`);
  const [, year, month, day, hour, , , offset] = match;
  // V8 rolls 30 February over to 2 March; a date that does not exist is an error, not a different day.
  const calendar = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  if (calendar.getUTCMonth() !== Number(month) - 1 || calendar.getUTCDate() !== Number(day)) {
    throw new Error(`Invalid date ${JSON.stringify(iso)}: that day does not exist`);
  }
  const date = new Date(hour !== undefined && offset === undefined ? `${text}+07:00` : text);
  if (Number.isNaN(date.getTime())) throw new Error(`Invalid date ${JSON.stringify(iso)}: time out of range`);
  return date;
}

function parts(iso: string): Readonly<Record<'day' | 'month' | 'year', string>> {
  const found = { day: '', month: '', year: '' };
  for (const part of DATE_PARTS.formatToParts(parseIso(iso))) {
    if (Object.hasOwn(found, part.type)) found[part.type as keyof typeof found] = part.value;
  }
  return found;
}

/** Dates already formatted: every article's date shows on its page, its listings and its neighbours'. */
const formatted = new Map<string, string>();
const FORMATTED_MAX = 200_000;

/** `dd/MM/yyyy` in Vietnam time, e.g. '2026-03-31T18:30:00Z' → '01/04/2026'. Throws on an invalid date. */
export function formatDate(iso: string): string {
  const known = typeof iso === 'string' ? formatted.get(iso) : undefined;
  if (known !== undefined) return known;
  const { day, month, year } = parts(iso);
  const text = `${day}/${month}/${year}`;
  if (formatted.size >= FORMATTED_MAX) formatted.clear();
  formatted.set(iso, text);
  return text;
}

/** A number with Vietnamese grouping ('.') and decimal comma: 10349 → '10.349'. Throws on NaN or Infinity. */
export function formatNumber(n: number): string {
  if (typeof n !== 'number' || !Number.isFinite(n)) throw new Error(`Cannot format ${String(n)} as a number`);
  // `+ 0` turns -0 into 0 so a zero count never prints as "-0".
  return NUMBER.format(n + 0);
}
