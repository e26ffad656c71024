import { describe, expect, it } from 'vitest';
import { planBatch, stableKey, UNBOUNDED_LIMIT } from '../src/lib/relation-batch';

describe('stableKey', () => {
  it('is equal for equal queries whatever the order of their keys', () => {
    const a = { where: { publishedAt: { $notNull: true }, title: 'x' }, limit: 20, offset: 0 };
    const b = { offset: 0, limit: 20, where: { title: 'x', publishedAt: { $notNull: true } } };
    expect(stableKey(a)).toBe(stableKey(b));
  });

  it('tells apart values that print alike', () => {
    const keys = [1, '1', true, 'true', null, 'null', undefined, [1], { 0: 1 }, new Date(0), new Date(0).toISOString()].map(stableKey);
    expect(new Set(keys).size).toBe(keys.length);
    expect(stableKey({ a: undefined })).not.toBe(stableKey({}));
    expect(stableKey({ a: [1, 2] })).not.toBe(stableKey({ a: [2, 1] }));
  });

  it('refuses what is not plain data', () => {
    class Raw {
      sql = 'select 1';
    }
    expect(stableKey({ where: new Raw() })).toBeUndefined();
    expect(stableKey({ where: { id: () => 1 } })).toBeUndefined();
    expect(stableKey({ limit: Number.NaN })).toBeUndefined();
    expect(stableKey([new Date(Number.NaN)])).toBeUndefined();
  });
});

describe('planBatch', () => {
  const where = { publishedAt: { $notNull: true } };

  it('cuts each parent’s list where the per-parent LIMIT and OFFSET would, and keeps the id tie-breaker', () => {
    expect(planBatch({ where, limit: 20, offset: 0 }, true)).toMatchObject({ query: { where, limit: UNBOUNDED_LIMIT }, start: 0, end: 20 });
    expect(planBatch({ where, limit: 3, offset: 2 }, true)).toMatchObject({ query: { where, limit: UNBOUNDED_LIMIT }, start: 2, end: 5 });
    // Strapi applies neither a LIMIT of 0 nor an OFFSET of 0, but still adds the tie-breaker for them.
    expect(planBatch({ where, limit: 0, offset: 4 }, true)).toMatchObject({ query: { limit: UNBOUNDED_LIMIT }, start: 4, end: Infinity });
    expect(planBatch({ where, limit: -1, offset: 4 }, true)).toMatchObject({ query: { limit: -1 }, start: 4, end: Infinity });
    const unpaginated = planBatch({ where }, true);
    expect(unpaginated).toMatchObject({ start: 0, end: Infinity });
    expect(unpaginated?.query).not.toHaveProperty('limit');
    expect(planBatch({ where, limit: 2 }, true)?.query).not.toHaveProperty('offset');
  });

  it('reads a to-one relation as the first row, never with an offset', () => {
    expect(planBatch({ where, limit: 25, offset: 0 }, false)).toMatchObject({ query: { where, limit: UNBOUNDED_LIMIT } });
    expect(planBatch({ where, limit: 25, offset: 1 }, false)).toBeUndefined();
  });

  it('groups equal queries and separates different ones', () => {
    const key = (query: unknown) => planBatch(query, true)?.key;
    expect(key({ where, limit: 20, offset: 0 })).toBe(key({ offset: 0, limit: 20, where }));
    expect(key({ where, limit: 20, offset: 0 })).not.toBe(key({ where, limit: 20, offset: 1 }));
    expect(key({ where, orderBy: [{ title: 'asc' }] })).not.toBe(key({ where, orderBy: [{ title: 'desc' }] }));
  });

  it('takes sorts on the target’s own fields', () => {
    for (const orderBy of ['title', [{ title: 'asc' }, { views: 'desc' }], { title: 'asc' }, ['title']]) {
      expect(planBatch({ where, orderBy }, true)).toBeDefined();
    }
  });

  it('leaves to Strapi what it cannot batch', () => {
    for (const query of [
      undefined,
      true,
      'author',
      { where, orderBy: [{ author: { name: 'asc' } }] },
      { where, select: ['id'] },
      { where, populate: { author: true } },
      { where, count: true },
      { where, limit: 2.5 },
      { where, limit: -2 },
      { where, offset: -1 },
      { where, limit: '10' },
      { where: { id: { $in: new Set([1]) } } },
    ]) {
      expect(planBatch(query, true), JSON.stringify(query)).toBeUndefined();
    }
  });
});
