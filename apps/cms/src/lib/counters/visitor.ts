import { createHash, randomBytes } from 'node:crypto';
import type { Periods } from './periods';

/**
 * Who a visitor is, without cookies, storage or personal data kept: a hash of the client address and the
 * user agent with a salt of the period it counts in (as Plausible and Fathom do). The day's salt rotates every
 * day, the week's every week, the month's every month; each lives only in memory (or Redis, expiring with its
 * period), so once a period is over nobody — the portal included — can link its hashes to an address again.
 * A week's and a month's uniques are real uniques of that period, not sums of days.
 */

export type VisitorIds = { day: string; week: string; month: string };
export type Salts = { day: string; week: string; month: string };

const hash = (salt: string, address: string, userAgent: string) =>
  createHash('sha256').update(salt).update('\u0000').update(address).update('\u0000').update(userAgent).digest('base64url').slice(0, 22);

export function visitorIds(salts: Salts, address: string, userAgent: string): VisitorIds {
  return { day: hash(salts.day, address, userAgent), week: hash(salts.week, address, userAgent), month: hash(salts.month, address, userAgent) };
}

export const newSalt = () => randomBytes(16).toString('base64url');

/** Salt names of a moment's periods, and how long each salt must live. */
export function saltNames(periods: Periods): Array<{ name: keyof Salts; key: string; endsAt: number }> {
  return [
    { name: 'day', key: `d:${periods.day}`, endsAt: periods.ends.day },
    { name: 'week', key: `w:${periods.week}`, endsAt: periods.ends.week },
    { name: 'month', key: `m:${periods.month}`, endsAt: periods.ends.month },
  ];
}
