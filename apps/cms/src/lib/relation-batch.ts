/**
 * Pure rules for reading one relation of many parents in one database query, with the same answer per parent
 * as Strapi's one-parent-at-a-time `load(parent, field, query)`. Used by src/graphql/batched-relations.ts.
 *
 * `query` is the database-layer populate query Strapi's GraphQL resolvers build (where, orderBy, limit,
 * offset). Run for one parent, its LIMIT/OFFSET cut that parent's list; run for many parents at once they
 * would cut the list of all parents together. So the batched query drops them and each parent's list is cut
 * in memory, after a query that sorts exactly as the per-parent one does.
 */

/** A database-layer populate query: `{ where, orderBy, limit, offset, … }`. */
export type RelationQuery = Record<string, unknown>;

export type BatchPlan = {
  /** Equal for loads that can share one query (same relation, same query). */
  key: string;
  /** The query to run for all parents at once. */
  query: RelationQuery;
  /** Each parent's list is cut to [start, end). */
  start: number;
  end: number;
};

/**
 * A LIMIT larger than any table: it makes Strapi's query builder append the `id ASC` tie-breaker it appends to
 * every paginated query (ensurePaginationOrderStability), so the batched query orders rows exactly as the
 * per-parent one did. Both SQLite and PostgreSQL take a 64-bit LIMIT.
 */
export const UNBOUNDED_LIMIT = Number.MAX_SAFE_INTEGER;

/** The keys of a query the batch knows how to run for many parents; any other key falls back to Strapi's own read. */
const KNOWN_KEYS = new Set(['where', 'filters', 'orderBy', 'limit', 'offset']);

const isPlainObject = (value: unknown): value is Record<string, unknown> => {
  if (typeof value !== 'object' || value === null) return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
};

/**
 * A text equal for equal queries (object keys in any order), or undefined when the query holds something
 * other than plain data (a knex raw expression, a function): such a query is not batched, since two of
 * them cannot be told equal.
 */
export function stableKey(value: unknown): string | undefined {
  if (value === undefined) return 'u';
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : undefined;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : `d${value.toISOString()}`;
  if (Array.isArray(value)) {
    const items = value.map(stableKey);
    return items.includes(undefined) ? undefined : `[${items.join(',')}]`;
  }
  if (!isPlainObject(value)) return undefined;
  const entries: string[] = [];
  for (const key of Object.keys(value).sort()) {
    const item = stableKey(value[key]);
    if (item === undefined) return undefined;
    entries.push(`${JSON.stringify(key)}:${item}`);
  }
  return `{${entries.join(',')}}`;
}

const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value >= 0;

/**
 * A sort on a relation's field (`author.name`) makes Strapi sort through a window-function subquery of its
 * own ("deep sort"); it is left to Strapi's per-parent read.
 */
function sortsOnOwnFields(orderBy: unknown): boolean {
  if (orderBy === undefined || orderBy === null || typeof orderBy === 'string') return true;
  const entries = Array.isArray(orderBy) ? orderBy : [orderBy];
  return entries.every(
    (entry) => typeof entry === 'string' || (isPlainObject(entry) && Object.values(entry).every((direction) => typeof direction === 'string')),
  );
}

/**
 * How to batch `query` for a to-one (`multiple` false) or to-many relation, or undefined when only Strapi's
 * own per-parent read is known to give the right answer.
 */
export function planBatch(query: unknown, multiple: boolean): BatchPlan | undefined {
  if (!isPlainObject(query)) return undefined;
  if (Object.entries(query).some(([key, value]) => value !== undefined && !KNOWN_KEYS.has(key))) return undefined;
  if (!sortsOnOwnFields(query.orderBy)) return undefined;
  const { limit, offset, ...rest } = query;
  if (!(limit === undefined || limit === null || limit === -1 || isCount(limit))) return undefined;
  if (!(offset === undefined || offset === null || isCount(offset))) return undefined;
  // A to-one relation is the first row of its list; with an offset it would be another row, so Strapi answers.
  if (!multiple && offset) return undefined;
  const key = stableKey(query);
  if (key === undefined) return undefined;
  // Strapi's query builder: no id tie-breaker when neither limit nor offset is set or when limit is -1
  // (no limit), and LIMIT/OFFSET only when truthy (limit 0 means none).
  const paginated = !((limit === undefined || limit === null) && (offset === undefined || offset === null)) && limit !== -1;
  const batched: RelationQuery = { ...rest, ...(paginated ? { limit: UNBOUNDED_LIMIT } : limit === -1 ? { limit: -1 } : {}) };
  const start = typeof offset === 'number' ? offset : 0;
  const end = typeof limit === 'number' && limit > 0 ? start + limit : Number.POSITIVE_INFINITY;
  return { key, query: batched, start, end };
}
