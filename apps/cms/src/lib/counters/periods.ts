/**
 * The calendar the counters keep, in Vietnam time: Asia/Ho_Chi_Minh has been UTC+7 without daylight saving
 * since 1975, so a fixed offset is exact. Weeks start on Monday (ISO 8601), as Vietnamese calendars do.
 */

const OFFSET_MS = 7 * 3_600_000;
const DAY_MS = 86_400_000;

export type Periods = {
  /** `2026-12-01`: the local day. */
  day: string;
  /** `2026-11-30`: the Monday that starts the local week. */
  week: string;
  /** `2026-12`: the local month. */
  month: string;
  /** When each period ends (ms since the epoch, exclusive). */
  ends: { day: number; week: number; month: number };
};

const isoDay = (utcMs: number) => new Date(utcMs).toISOString().slice(0, 10);

/** The day, week and month that `ms` falls in, Vietnam time. */
export function periodsAt(ms: number): Periods {
  const local = new Date(ms + OFFSET_MS);
  const year = local.getUTCFullYear();
  const month = local.getUTCMonth();
  const date = local.getUTCDate();
  const dayStart = Date.UTC(year, month, date);
  const sinceMonday = (local.getUTCDay() + 6) % 7;
  const weekStart = dayStart - sinceMonday * DAY_MS;
  return {
    day: isoDay(dayStart),
    week: isoDay(weekStart),
    month: isoDay(dayStart).slice(0, 7),
    ends: {
      day: dayStart + DAY_MS - OFFSET_MS,
      week: weekStart + 7 * DAY_MS - OFFSET_MS,
      month: Date.UTC(year, month + 1, 1) - OFFSET_MS,
    },
  };
}

/** The local days from `days - 1` days before `ms`'s day up to it, oldest first: the last 7 days with today. */
export function lastDays(ms: number, days: number): string[] {
  const today = Date.parse(`${periodsAt(ms).day}T00:00:00Z`);
  return Array.from({ length: days }, (_, index) => isoDay(today - (days - 1 - index) * DAY_MS));
}

/** Names of the stored totals: `d:2026-12-01`, `w:2026-11-30`, `m:2026-12`, and `all` (every day's visitors added up). */
export const totalNames = (periods: Periods) => ({ day: `d:${periods.day}`, week: `w:${periods.week}`, month: `m:${periods.month}`, all: 'all' });
