import { describe, expect, it } from 'vitest';
import { addEvent, isEmpty, mergeWork, noWork, parseEvent } from '../src/events';

const work = (body: unknown) => addEvent(noWork(), parseEvent(body));

describe('webhook events as work', () => {
  it('bounds articles, authors and categories to their own documentIds', () => {
    expect(work({ event: 'entry.publish', model: 'article', entry: { documentId: 'a1' } })).toMatchObject({ full: false, articles: new Set(['a1']) });
    expect(work({ event: 'entry.update', model: 'author', entry: { documentId: 'u1' } })).toMatchObject({ full: false, authors: new Set(['u1']) });
    expect(work({ event: 'entry.delete', model: 'category', entry: { documentId: 'c1' } })).toMatchObject({
      full: false,
      categories: new Set(['c1']),
    });
    const merged = mergeWork(
      work({ event: 'entry.update', model: 'author', entry: { documentId: 'u1' } }),
      work({ event: 'entry.update', model: 'category', entry: { documentId: 'c1' } }),
    );
    expect(merged).toMatchObject({ full: false, authors: new Set(['u1']), categories: new Set(['c1']) });
    expect(isEmpty(merged)).toBe(false);
  });

  it('asks for everything when it cannot bound a change: settings, media, no id, a model it does not know in any other spelling', () => {
    for (const body of [
      { event: 'entry.update', model: 'site-setting', entry: null },
      { event: 'media.update', entry: { documentId: 'm1' } },
      { event: 'entry.update', model: 'author', entry: {} },
      { event: 'entry.update', model: 'author', entry: { documentId: ['u1'] } },
      { event: 'entry.update', model: 'Author', entry: { documentId: 'u1' } },
      { event: 'entry.update', model: 'constructor', entry: { documentId: 'u1' } },
      { event: 'entry.update', model: '__proto__', entry: { documentId: 'u1' } },
      { event: 'entry.update', model: 'toString', entry: { documentId: 'u1' } },
      { event: 'entry.update', model: '', entry: { documentId: 'u1' } },
    ]) {
      const result = work(body);
      expect(result.full, JSON.stringify(body)).toBe(true);
      expect(result.articles.size + result.authors.size + result.categories.size, JSON.stringify(body)).toBe(0);
    }
  });

  it('refuses what is no Strapi event, and ignores what changes nothing readers see', () => {
    for (const body of [
      null,
      [],
      'entry.update',
      { event: 'entry.explode', model: 'article' },
      { event: 'entry.update' },
      { event: ['entry.update'], model: 'article' },
    ])
      expect(() => parseEvent(body), JSON.stringify(body)).toThrow();
    expect(isEmpty(work({ event: 'media.create', entry: { documentId: 'm1' } }))).toBe(true);
    expect(isEmpty(work({ event: 'entry.update', model: 'author', entry: { documentId: 'u1', publishedAt: null } }))).toBe(true);
  });
});
