import { afterEach, describe, expect, it } from 'vitest';
import { formatDate, formatNumber } from '../src/lib/format';

describe('formatDate', () => {
  it.each([
    ['2026-03-31T18:30:00Z', '01/04/2026'],
    ['2026-03-31T16:59:59Z', '31/03/2026'],
    ['2026-03-31T17:00:00.000Z', '01/04/2026'],
    ['2025-12-31T17:00:00Z', '01/01/2026'],
    ['2026-04-01', '01/04/2026'],
    ['2026-04-01T08:00:00+07:00', '01/04/2026'],
    ['2026-04-01T00:30:00+0900', '31/03/2026'],
    ['2024-02-29T12:00:00Z', '29/02/2024'],
    ['  2026-04-01T01:00:00Z  ', '01/04/2026'],
    ['2026-04-01 01:00:00z', '01/04/2026'],
  ])('%s → %s (Vietnam time)', (iso, expected) => {
    expect(formatDate(iso)).toBe(expected);
  });
});

describe('dates without an offset', () => {
  const zone = process.env.TZ;
  afterEach(() => {
    if (zone === undefined) delete process.env.TZ;
    else process.env.TZ = zone;
  });

  it('reads a date-time without an offset as Vietnam time, whatever the machine zone', () => {
    for (const machineZone of ['UTC', 'America/New_York', 'Asia/Tokyo']) {
      process.env.TZ = machineZone;
      // Read as UTC this would be 1 April in Vietnam; it is the evening of 31 March there.
      expect(formatDate('2026-03-31T23:30:00')).toBe('31/03/2026');
      expect(formatDate('2026-04-01T23:59')).toBe('01/04/2026');
    }
  });
});

describe('invalid dates', () => {
  it.each(['', 'hôm qua', '1', '2026', '01/04/2026', '2026-02-30', '2025-02-29', '2026-13-01', '2026-04-01T25:00:00Z', '2026-04-01T10:61Z'])(
    'throws an error naming %j',
    (input) => {
      expect(() => formatDate(input)).toThrow(JSON.stringify(input));
    },
  );

  it('throws on values that are not strings at run time', () => {
    expect(() => formatDate(undefined as unknown as string)).toThrow('Invalid date undefined');
    expect(() => formatDate(null as unknown as string)).toThrow('Invalid date null');
  });
});

describe('formatNumber', () => {
  it.each([
    [10349, '10.349'],
    [1234567, '1.234.567'],
    [1234, '1.234'],
    [999, '999'],
    [0, '0'],
    [-0, '0'],
    [-10349, '-10.349'],
    [1234.5, '1.234,5'],
  ])('%d → %s', (n, expected) => {
    expect(formatNumber(n)).toBe(expected);
  });

  it('groups with a plain full stop, not a space or other look-alike', () => {
    expect([...formatNumber(1234567)].map((c) => c.charCodeAt(0))).toEqual([49, 46, 50, 51, 52, 46, 53, 54, 55]);
  });

  it.each([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])('throws on %d', (n) => {
    expect(() => formatNumber(n)).toThrow(`Cannot format ${String(n)}`);
  });
});
