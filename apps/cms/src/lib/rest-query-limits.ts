/**
 * Bounds on a REST query (`/api/...?pagination[...]&populate[...]`), checked on the parsed query string
 * before Strapi reads it.
 *
 * Pagination is refused, not capped, when it is out of range: stock Strapi quietly turns
 * `pagination[pageSize]=1000000` and `=abc` into 100, `=-1` and `=0` into 1, and `pagination[page]=1e300`
 * into the first page, so a caller cannot tell that it did not get what it asked for.
 *
 * Populate is bounded in depth: every level of relations is one more query per populated document, and
 * `populate[relatedArticles][populate][relatedArticles]…` (or `populate=author.articles.author.articles`)
 * multiplies the answer at each level.
 */

export type RestLimits = {
  /** Largest `pageSize` / `limit` (Strapi's `api.rest.maxLimit`). */
  maxPageSize: number;
  /** Largest `page`. */
  maxPage: number;
  /** Largest `start`. */
  maxStart: number;
  /** Levels of relations and components a `populate` may reach (`populate=*` is one). */
  maxPopulateDepth: number;
};

/**
 * page ≤ 1,000,000 and start ≤ 100,000,000 keep every offset Strapi computes ((page − 1) × pageSize, or
 * start) below 2^31, which every database and driver takes as a plain integer; the portal has some
 * 10,000 articles. Populate: the deepest the site's own pages read is 2 (article → category → parent,
 * article → seo → shareImage); 3 leaves one level for agencies.
 */
export const DEFAULT_REST_LIMITS: Omit<RestLimits, 'maxPageSize'> = { maxPage: 1_000_000, maxStart: 100_000_000, maxPopulateDepth: 3 };

export class RestQueryError extends Error {
  constructor(
    /** The parameter at fault, as written in the query string: `pagination[pageSize]`, `populate`. */
    readonly parameter: string,
    /** Which limit: `pageSize`, `page`, `start`, `populateDepth`, or `pagination` for a malformed one. */
    readonly limit: string,
    message: string,
  ) {
    super(message);
    this.name = 'RestQueryError';
  }
}

const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const show = (value: unknown) => JSON.stringify(value) ?? String(value);

const PAGINATION_KEYS = new Set(['page', 'pageSize', 'start', 'limit', 'withCount']);

/** A whole number written in decimal digits only (what qs hands over is text), within [min, max]. */
function wholeNumber(value: unknown, min: number, max: number): boolean {
  if (typeof value === 'number') return Number.isSafeInteger(value) && value >= min && value <= max;
  if (typeof value !== 'string' || !/^\d{1,16}$/.test(value)) return false;
  const number = Number(value);
  return number >= min && number <= max;
}

function checkNumber(parameter: string, limit: string, value: unknown, min: number, max: number): void {
  if (wholeNumber(value, min, max)) return;
  const what = typeof value === 'object' && value !== null ? 'a list or object' : show(value);
  throw new RestQueryError(parameter, limit, `Invalid ${parameter}: expected a whole number from ${min} to ${max}, got ${what}`);
}

/** Checks `pagination` (and the page/pageSize/start/limit Strapi also reads at the top level). */
export function checkPagination(query: Record<string, unknown>, limits: RestLimits): void {
  const check = (prefix: (key: string) => string, values: Record<string, unknown>) => {
    if (values.page !== undefined) checkNumber(prefix('page'), 'page', values.page, 1, limits.maxPage);
    for (const key of ['pageSize', 'limit']) {
      if (values[key] !== undefined) checkNumber(prefix(key), 'pageSize', values[key], 1, limits.maxPageSize);
    }
    if (values.start !== undefined) checkNumber(prefix('start'), 'start', values.start, 0, limits.maxStart);
  };
  check((key) => key, query);
  const pagination = query.pagination;
  if (pagination === undefined) return;
  if (!isPlainObject(pagination)) {
    throw new RestQueryError(
      'pagination',
      'pagination',
      `Invalid pagination: expected pagination[page], pagination[pageSize], … got ${show(pagination)}`,
    );
  }
  for (const key of Object.keys(pagination)) {
    if (!PAGINATION_KEYS.has(key)) {
      throw new RestQueryError(`pagination[${key}]`, 'pagination', `Invalid pagination[${key}]: expected one of ${[...PAGINATION_KEYS].join(', ')}`);
    }
  }
  check((key) => `pagination[${key}]`, pagination);
}

/** What Strapi reads as a boolean populate value (`populate[author]=true`). */
const BOOLEAN_TEXT = /^(true|false|t|f|1|0)$/i;

/**
 * Levels of relations a `populate` reaches, for every form Strapi takes: `*` (1), `a,b.c` (dots are
 * levels: 2), lists of those, and objects (`populate[a][populate][b]=true` is 2; `on` fragments of a dynamic
 * zone count from the zone). Any other shape counts as deep as its text could be, never as nothing.
 */
export function populateDepth(populate: unknown): number {
  if (populate === undefined || populate === null || typeof populate === 'boolean') return 0;
  if (typeof populate === 'string') {
    return Math.max(0, ...populate.split(',').map((item) => (item.trim() === '' ? 0 : item.trim().split('.').length)));
  }
  if (Array.isArray(populate)) return Math.max(0, ...populate.map((item) => populateDepth(item)));
  if (isPlainObject(populate)) {
    return Math.max(0, ...Object.entries(populate).map(([key, value]) => key.split('.').length + nestedDepth(value)));
  }
  // Numbers and the like do not come out of a query string; refuse rather than guess.
  return Number.POSITIVE_INFINITY;
}

/** The levels below one populated attribute: `true`, `*`, or `{ populate, on, fields, filters, … }`. */
function nestedDepth(value: unknown): number {
  if (typeof value === 'string') return BOOLEAN_TEXT.test(value.trim()) ? 0 : populateDepth(value);
  if (!isPlainObject(value)) return populateDepth(value);
  const fragments = isPlainObject(value.on) ? Object.values(value.on).map((fragment) => nestedDepth(fragment)) : [];
  return Math.max(populateDepth(value.populate), ...fragments);
}

export function checkPopulate(query: Record<string, unknown>, limits: RestLimits): void {
  const depth = populateDepth(query.populate);
  if (depth > limits.maxPopulateDepth) {
    const levels = Number.isFinite(depth) ? String(depth) : 'an unknown number of';
    throw new RestQueryError(
      'populate',
      'populateDepth',
      `populate reaches ${levels} levels of relations; at most ${limits.maxPopulateDepth} are allowed`,
    );
  }
}

/** Every check on a parsed REST query; throws a RestQueryError naming the parameter and the limit. */
export function checkRestQuery(query: Record<string, unknown>, limits: RestLimits): void {
  checkPagination(query, limits);
  checkPopulate(query, limits);
}
