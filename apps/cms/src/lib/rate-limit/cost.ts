import { Kind, parse, valueFromASTUntyped, type DocumentNode, type FragmentDefinitionNode, type SelectionSetNode } from 'graphql';

/**
 * What a request costs against the cost budget, estimated before it runs, from what it asks for rather
 * than from the schema (kept simple on purpose, and never cheaper than the real work by much):
 *
 * - a page of documents costs one unit per 25 documents asked for: the default page (25) 1, the largest
 *   (100) 4 — `pagination: { pageSize }` or `{ limit }` over GraphQL, `pagination[pageSize]` or
 *   `pagination[limit]` over REST;
 * - GraphQL: every top-level field is a read of its page (default size unless `pagination` says otherwise),
 *   every nested field with a `pagination` argument adds its page, and every alias adds 1 more — aliases are
 *   how one request repeats a read many times. Fragments count where they are spread. At least 1;
 * - REST: the page of the request, 1 for a single document.
 *
 * Shapes the estimate cannot read are charged the most: a page size that is not a number (or below 1,
 * Strapi's "all", capped at the largest page), a document too large or too deeply fragmented to walk, and
 * a GraphQL request with no query text (a persisted-query hash names a document of unknown cost). A cost
 * above a caller's whole budget is counted as the whole budget (gcra.ts), so it still runs when the budget
 * is full. A GraphQL request that does not parse costs 1: Apollo refuses it without running anything.
 */

export type PageLimits = { defaultLimit: number; maxLimit: number };

export const DOCUMENTS_PER_UNIT = 25;
/** Charged for what cannot be estimated; gcra.ts cuts it down to the caller's whole budget. */
export const UNKNOWN_COST = Number.MAX_SAFE_INTEGER;
/** Bounds of the walk: past them a document is charged UNKNOWN_COST rather than walked further. */
const MAX_TOKENS = 50_000;
const MAX_VISITS = 10_000;

class TooLarge extends Error {}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Units for a page of `size` documents; undefined or null: the default page. */
export function pageWeight(size: unknown, limits: PageLimits): number {
  const documents =
    size === undefined || size === null
      ? limits.defaultLimit
      : typeof size === 'number' && Number.isInteger(size) && size >= 1
        ? size
        : limits.maxLimit;
  return Math.max(1, Math.ceil(Math.min(documents, limits.maxLimit) / DOCUMENTS_PER_UNIT));
}

/** The heaviest page a `pagination` value asks for (pageSize and limit both looked at). */
function paginationWeight(pagination: unknown, limits: PageLimits, parseNumbers: boolean): number {
  if (pagination === undefined || pagination === null) return pageWeight(undefined, limits);
  if (!isRecord(pagination)) return pageWeight(-1, limits);
  const sizes = [pagination.pageSize, pagination.limit].filter((size) => size !== undefined);
  if (sizes.length === 0) return pageWeight(undefined, limits);
  return Math.max(
    ...sizes
      .flatMap((size) => (Array.isArray(size) ? (size as unknown[]) : [size]))
      .map((size) => {
        // qs leaves REST values as strings: "100" is a page of 100, "abc" the largest page.
        if (parseNumbers && typeof size === 'string') return pageWeight(/^\d+$/.test(size) ? Number(size) : -1, limits);
        return pageWeight(size, limits);
      }),
  );
}

/** Cost of a REST request from its parsed query string (koa's ctx.query after strapi::query). */
export function restCost(query: unknown, limits: PageLimits): number {
  return isRecord(query) ? paginationWeight(query.pagination, limits, true) : 1;
}

function documentCost(document: DocumentNode, variables: Record<string, unknown>, limits: PageLimits): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  const values: Record<string, unknown> = {};
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    if (definition.kind === Kind.OPERATION_DEFINITION) {
      for (const variable of definition.variableDefinitions ?? []) {
        if (variable.defaultValue) values[variable.variable.name.value] = valueFromASTUntyped(variable.defaultValue);
      }
    }
  }
  Object.assign(values, variables);
  let total = 0;
  let visits = 0;
  const walk = (selectionSet: SelectionSetNode, root: boolean, spreading: Set<string>): void => {
    for (const selection of selectionSet.selections) {
      visits += 1;
      if (visits > MAX_VISITS) throw new TooLarge();
      if (selection.kind === Kind.FIELD) {
        const pagination = selection.arguments?.find((argument) => argument.name.value === 'pagination');
        if (pagination) total += paginationWeight(valueFromASTUntyped(pagination.value, values), limits, false);
        else if (root && !selection.name.value.startsWith('__')) total += pageWeight(undefined, limits);
        if (selection.alias) total += 1;
        if (selection.selectionSet) walk(selection.selectionSet, false, spreading);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        walk(selection.selectionSet, root, spreading);
      } else {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        // A fragment spread inside itself is invalid GraphQL (Apollo refuses it); it is not followed here.
        if (!fragment || spreading.has(name)) continue;
        spreading.add(name);
        walk(fragment.selectionSet, root, spreading);
        spreading.delete(name);
      }
    }
  };
  for (const definition of document.definitions) {
    if (definition.kind === Kind.OPERATION_DEFINITION) walk(definition.selectionSet, true, new Set());
  }
  return Math.max(1, total);
}

function variablesOf(value: unknown): Record<string, unknown> {
  if (isRecord(value)) return value;
  if (typeof value === 'string') {
    try {
      const parsed: unknown = JSON.parse(value);
      return isRecord(parsed) ? parsed : {};
    } catch {
      return {};
    }
  }
  return {};
}

/**
 * Cost of a GraphQL request: its JSON body (POST) or its query string (GET), `{ query, variables }`; a
 * batch (an array) costs the sum of its operations.
 */
export function graphqlCost(request: unknown, limits: PageLimits): number {
  if (Array.isArray(request))
    return Math.min(
      UNKNOWN_COST,
      (request as unknown[]).reduce<number>((sum, item) => sum + graphqlCost(item, limits), 0),
    );
  if (!isRecord(request)) return 1;
  const { query } = request;
  if (typeof query !== 'string' || query.trim() === '') return request.extensions === undefined ? 1 : UNKNOWN_COST;
  let document: DocumentNode;
  try {
    document = parse(query, { noLocation: true, maxTokens: MAX_TOKENS });
  } catch (error) {
    return error instanceof Error && /more th\w+ \d+ tokens/i.test(error.message) ? UNKNOWN_COST : 1;
  }
  try {
    return documentCost(document, variablesOf(request.variables), limits);
  } catch (error) {
    if (error instanceof TooLarge) return UNKNOWN_COST;
    throw error;
  }
}
