import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { checkRestQuery, DEFAULT_REST_LIMITS, populateDepth, RestQueryError } from '../src/lib/rest-query-limits';
import { APP_DIR } from './helpers/database';

/** The qs copy Strapi's query middleware parses with (the CMS does not depend on qs itself). */
const fromStrapiCore = createRequire(createRequire(createRequire(`${APP_DIR}/package.json`).resolve('@strapi/strapi')).resolve('@strapi/core'));
const qs = fromStrapiCore('qs') as { parse(text: string, options: Record<string, unknown>): Record<string, unknown> };

const LIMITS = { ...DEFAULT_REST_LIMITS, maxPageSize: 100 };

/** The query string as Strapi's query middleware parses it (qs, depth 20, lists up to 100). */
const query = (text: string) => qs.parse(text, { strictNullHandling: true, arrayLimit: 100, depth: 20 });

function refusal(text: string): RestQueryError | undefined {
  try {
    checkRestQuery(query(text), LIMITS);
  } catch (error) {
    if (error instanceof RestQueryError) return error;
    throw error;
  }
  return undefined;
}

describe('pagination', () => {
  it('accepts every page and page size in range', () => {
    for (const text of [
      '',
      'pagination[page]=1&pagination[pageSize]=100',
      'pagination[pageSize]=1',
      'pagination[start]=0&pagination[limit]=100',
      'pagination[page]=1000000&pagination[pageSize]=100',
      'pagination[start]=100000000',
      'pagination[withCount]=false',
      'limit=25',
    ]) {
      expect(refusal(text), text).toBeUndefined();
    }
  });

  it('refuses, naming the parameter and the range, what Strapi would quietly change', () => {
    const cases: Array<[string, string, string]> = [
      ['pagination[pageSize]=101', 'pagination[pageSize]', 'from 1 to 100, got "101"'],
      ['pagination[pageSize]=1000000', 'pagination[pageSize]', 'from 1 to 100'],
      ['pagination[pageSize]=-1', 'pagination[pageSize]', 'got "-1"'],
      ['pagination[pageSize]=0', 'pagination[pageSize]', 'got "0"'],
      ['pagination[pageSize]=abc', 'pagination[pageSize]', 'got "abc"'],
      ['pagination[pageSize]=', 'pagination[pageSize]', 'got ""'],
      ['pagination[pageSize]=1.5', 'pagination[pageSize]', 'got "1.5"'],
      ['pagination[pageSize]=1e2', 'pagination[pageSize]', 'got "1e2"'],
      ['pagination[pageSize]=0x10', 'pagination[pageSize]', 'got "0x10"'],
      ['pagination[pageSize]=%2010', 'pagination[pageSize]', 'got " 10"'],
      ['pagination[pageSize][]=5', 'pagination[pageSize]', 'got a list or object'],
      ['pagination[pageSize][0]=5&pagination[pageSize][1]=7', 'pagination[pageSize]', 'got a list or object'],
      ['pagination[pageSize]=5&pagination[pageSize]=7', 'pagination[pageSize]', 'got a list or object'],
      ['pagination[pageSize][a]=5', 'pagination[pageSize]', 'got a list or object'],
      ['pagination[pageSize]', 'pagination[pageSize]', 'got null'],
      ['pagination[limit]=101', 'pagination[limit]', 'from 1 to 100'],
      ['pagination[limit]=-1', 'pagination[limit]', 'from 1 to 100'],
      ['pagination[limit]=abc', 'pagination[limit]', 'from 1 to 100'],
      ['pagination[page]=0', 'pagination[page]', 'from 1 to 1000000'],
      ['pagination[page]=1e300', 'pagination[page]', 'from 1 to 1000000'],
      ['pagination[page]=1000001', 'pagination[page]', 'from 1 to 1000000'],
      ['pagination[page]=99999999999999999999', 'pagination[page]', 'from 1 to 1000000'],
      ['pagination[start]=-5', 'pagination[start]', 'from 0 to 100000000'],
      ['pagination[start]=abc', 'pagination[start]', 'from 0 to 100000000'],
      ['pagination=5', 'pagination', 'expected pagination[page]'],
      ['pagination[]=5', 'pagination', 'expected pagination[page]'],
      ['pagination[foo]=1', 'pagination[foo]', 'expected one of page, pageSize, start, limit, withCount'],
      ['pageSize=1000', 'pageSize', 'from 1 to 100'],
      ['limit=-1', 'limit', 'from 1 to 100'],
    ];
    for (const [text, parameter, detail] of cases) {
      const error = refusal(text);
      expect(error?.parameter, text).toBe(parameter);
      expect(error?.message, text).toContain(`Invalid ${parameter}: `);
      expect(error?.message, text).toContain(detail);
    }
  });
});

describe('populateDepth', () => {
  it('counts levels in every form Strapi reads', () => {
    const cases: Array<[string, number]> = [
      ['populate=*', 1],
      ['populate=author', 1],
      ['populate=author,category.parent', 2],
      ['populate=author.articles.author.articles', 4],
      ['populate[0]=author&populate[1]=category.parent', 2],
      ['populate[author]=true', 1],
      ['populate[author]=false', 1],
      ['populate[author][fields][0]=name', 1],
      ['populate[author][populate]=*', 2],
      ['populate[author][populate][articles][populate]=*', 3],
      ['populate[author][populate][0]=articles.category', 3],
      ['populate[relatedArticles][populate][relatedArticles][populate][relatedArticles]=true', 3],
      ['populate[author][populate][articles][count]=true', 2],
      ['populate[category][filters][name][$eq]=x&populate[category][populate][parent]=true', 2],
      ['populate[author.articles]=true', 2],
      ['populate[author]=articles.author', 3],
      ['populate[zone][on][shared.seo][populate][shareImage]=true', 2],
    ];
    for (const [text, depth] of cases) expect(populateDepth(query(text).populate), text).toBe(depth);
  });

  it('counts a shape it does not know as too deep, never as nothing', () => {
    expect(populateDepth(5)).toBe(Number.POSITIVE_INFINITY);
    expect(populateDepth({ author: { populate: 5 } })).toBe(Number.POSITIVE_INFINITY);
  });
});

describe('populate depth', () => {
  it('accepts 3 levels and refuses 4, in every form, with the limit in the message', () => {
    const deep = (levels: number) => `populate${'[relatedArticles][populate]'.repeat(levels - 1)}[relatedArticles]=true`;
    expect(refusal(deep(3))).toBeUndefined();
    expect(refusal('populate[author][populate][articles][populate]=*')).toBeUndefined();
    for (const text of [
      deep(4),
      deep(30),
      'populate=author.articles.author.articles',
      'populate[0]=author.articles.author.category',
      'populate[author][populate][articles][populate][author][populate]=*',
      'populate[relatedArticles][populate][0]=author.articles.relatedArticles',
      'populate=*&populate[author][populate][articles][populate][author][populate][articles]=true',
    ]) {
      const error = refusal(text);
      expect(error?.limit, text).toBe('populateDepth');
      expect(error?.message, text).toMatch(/^populate reaches \d+ levels of relations; at most 3 are allowed$/);
    }
  });
});
