import { describe, expect, it } from 'vitest';
import { createCmsClient, fetchArticlesOfCategorySince, searchArticles, toDateTime } from '../src/index';

// Arguments are checked before any request: this client points at nothing that listens.
const client = createCmsClient({ url: 'http://127.0.0.1:9', retries: 0 });

describe('toDateTime', () => {
  it('takes a Date, an ISO date or an ISO timestamp with an offset', () => {
    expect(toDateTime(new Date(Date.UTC(2026, 0, 31, 1, 2, 3)), 'since')).toBe('2026-01-31T01:02:03.000Z');
    expect(toDateTime('2026-01-31', 'since')).toBe('2026-01-31T00:00:00.000Z');
    expect(toDateTime('2026-01-31T08:00:00+07:00', 'since')).toBe('2026-01-31T01:00:00.000Z');
  });

  it('refuses an impossible date, naming the option', () => {
    expect(() => toDateTime('2026-13-45', 'since')).toThrow(/^since must be a Date or an ISO date .* \(got "2026-13-45"\)$/);
    expect(() => toDateTime(new Date('nope'), 'until')).toThrow(/^until must be/);
  });
});

describe('argument checks', () => {
  it('fetchArticlesOfCategorySince refuses an empty slug and a bad date without asking the CMS', async () => {
    await expect(fetchArticlesOfCategorySince(client, ' ', '2026-01-01')).rejects.toThrow(/categorySlug must name a category/);
    await expect(fetchArticlesOfCategorySince(client, 'tin-tuc', 'hôm qua')).rejects.toThrow(RangeError);
    await expect(fetchArticlesOfCategorySince(client, 'tin-tuc', '2026-01-01', { until: '2026-02-30x' })).rejects.toThrow(/^until/);
  });

  it('searchArticles refuses an empty text and impossible pages', async () => {
    await expect(searchArticles(client, '   ')).rejects.toThrow('searchArticles needs a text to search for');
    await expect(searchArticles(client, 'an ninh', { page: 0 })).rejects.toThrow(/page must be a positive integer/);
    await expect(searchArticles(client, 'an ninh', { pageSize: 101 })).rejects.toThrow(/pageSize must be an integer from 1 to 100/);
  });
});
