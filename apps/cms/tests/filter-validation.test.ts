import { describe, expect, it } from 'vitest';
import { validateFilters, validatePopulate, type Model } from '../src/lib/filter-validation';

const MODELS: Record<string, Model> = {
  article: {
    attributes: {
      title: { type: 'string' },
      views: { type: 'integer' },
      score: { type: 'decimal' },
      featured: { type: 'boolean' },
      publishedAt: { type: 'datetime' },
      day: { type: 'date' },
      at: { type: 'time' },
      body: { type: 'blocks' },
      data: { type: 'json' },
      author: { type: 'relation', target: 'author' },
      cover: { type: 'media' },
      seo: { type: 'component', component: 'seo' },
      password: { type: 'password' },
    },
  },
  author: { attributes: { name: { type: 'string' }, articles: { type: 'relation', target: 'article' } } },
  seo: { attributes: { metaTitle: { type: 'string' } } },
  'plugin::upload.file': { attributes: { width: { type: 'integer' }, name: { type: 'string' } } },
};
const lookup = (uid: string) => MODELS[uid];
const check = (filters: unknown) => () => validateFilters(lookup, 'article', filters);

describe('validateFilters', () => {
  it('accepts the filters agencies use', () => {
    for (const filters of [
      undefined,
      {},
      { title: 'Tin' },
      { title: { $containsi: 'tỉnh' } },
      { views: { $gt: '5' } },
      { views: { $gte: 5, $lt: 10.5 } },
      { views: { $between: ['1', '100'] } },
      { views: { $in: ['1', 2] } },
      { views: ['1', '2'] },
      { views: { $null: 'true' } },
      { views: { $not: { $eq: 3 } } },
      { featured: { $eq: 'false' } },
      { publishedAt: { $gt: '2024-01-01' } },
      { publishedAt: { $lte: '2024-01-01T10:00:00.000Z' } },
      // What GraphQL's DateTime scalar makes of "2024-01-01T00:00:00Z".
      { publishedAt: { $gte: new Date('2024-01-01T00:00:00Z'), $lt: new Date('2025-01-01T00:00:00Z') } },
      { day: { $in: [new Date('2024-02-29')] } },
      { day: '2024-02-29' },
      { at: { $gt: '08:30' } },
      { id: { $in: [1, '2'] } },
      { documentId: 'abc' },
      { author: { name: { $startsWith: 'Ng' } } },
      { author: { articles: { views: { $gt: 1 } } } },
      { cover: { width: { $gt: 100 } } },
      { seo: { metaTitle: { $null: false } } },
      { $or: [{ title: 'a' }, { views: 1 }] },
      { $and: { 0: { title: 'a' }, 25: { views: 1 } } },
      { $not: { views: { $lt: 1 } } },
    ]) {
      expect(check(filters), JSON.stringify(filters)).not.toThrow();
    }
  });

  it('refuses what the database cannot answer, naming the filter', () => {
    const cases: Array<[unknown, RegExp]> = [
      [{ views: { $gt: 'abc' } }, /filters\[views\]\[\$gt\]: expected a number/],
      [{ views: { $gt: new Date() } }, /filters\[views\]\[\$gt\]: a date cannot be compared with a field of type integer/],
      [{ publishedAt: { $gt: new Date('nope') } }, /filters\[publishedAt\]\[\$gt\]: expected a valid date/],
      [{ views: { $gt: '' } }, /filters\[views\]\[\$gt\]/],
      [{ views: { $gt: ' ' } }, /filters\[views\]\[\$gt\]/],
      [{ views: { $eq: '1e400' } }, /filters\[views\]\[\$eq\]/],
      [{ views: { $eq: 'Infinity' } }, /filters\[views\]\[\$eq\]/],
      [{ views: { $in: ['1', 'x'] } }, /filters\[views\]\[\$in\]\[1\]/],
      [{ views: { $between: ['1'] } }, /two values/],
      [{ views: { $between: ['1', '2', '3'] } }, /two values/],
      [{ views: { $contains: '5' } }, /text search works on text fields only/],
      [{ publishedAt: { $startsWith: '2024' } }, /filters\[publishedAt\]\[\$startsWith\]/],
      [{ views: { $null: 'maybe' } }, /filters\[views\]\[\$null\]: expected true or false/],
      [{ featured: 'yes' }, /filters\[featured\]: expected true or false/],
      [{ views: { $eq: { a: '1' } } }, /expected a single value/],
      [{ title: { $eq: { $ne: 'x' } } }, /expected a single value/],
      [{ title: { $eq: null } }, /expected a value/],
      [{ views: { $like: '1' } }, /unknown operator/],
      [{ views: { $where: '1' } }, /unknown operator/],
      [{ $where: 'x' }, /unknown operator/],
      [{ nope: 'x' }, /unknown field "nope"/],
      [{ body: { $contains: 'x' } }, /cannot filter on body/],
      [{ data: 'x' }, /cannot filter on data/],
      [{ password: 'x' }, /cannot filter on password/],
      [{ publishedAt: { $gt: 'abc' } }, /expected an ISO date/],
      [{ day: '2024-13-45' }, /filters\[day\]/],
      [{ at: '25h' }, /expected a time/],
      [{ author: { name: { $eq: ['a', { b: 1 }] } } }, /filters\[author\]\[name\]\[\$eq\]/],
      [{ author: 'x' }, /filters\[author\]: expected an object/],
      [{ author: { articles: { views: { $lt: 'nhieu' } } } }, /filters\[author\]\[articles\]\[views\]\[\$lt\]/],
      [{ cover: { width: { $gt: 'abc' } } }, /filters\[cover\]\[width\]\[\$gt\]/],
      [{ $or: 'x' }, /filters\[\$or\]: expected a list/],
      [{ $or: [{ views: { $gt: 'abc' } }] }, /filters\[\$or\]\[0\]\[views\]\[\$gt\]/],
      [{ $not: { views: 'x' } }, /filters\[\$not\]\[views\]/],
      ['views', /expected an object/],
      [['views'], /expected an object/],
    ];
    for (const [filters, message] of cases) expect(check(filters), JSON.stringify(filters)).toThrow(message);
  });

  it('checks the filters inside populate, at any depth', () => {
    expect(() =>
      validatePopulate(lookup, 'article', { author: { filters: { name: 'x' }, populate: { articles: { filters: { views: 1 } } } } }),
    ).not.toThrow();
    expect(() => validatePopulate(lookup, 'article', { author: { populate: { articles: { filters: { views: 'x' } } } } })).toThrow(
      /populate\[author\]\[populate\]\[articles\]\[filters\]\[views\]/,
    );
    for (const populate of ['*', ['author'], true, undefined, { author: true }])
      expect(() => validatePopulate(lookup, 'article', populate)).not.toThrow();
  });
});
