/**
 * What agencies can ask of articles beyond Strapi's own filters, as a rewrite of the filters before the
 * database sees them:
 * - `searchText` (Article): a search over title and lead that ignores case and diacritics. Its value is
 *   folded like the stored text (lib/search-text.ts); only the substring operators are offered.
 * - `category.slug` (Article): a section includes its sub-sections, as on the site, where a parent
 *   category's page lists its sub-categories' articles. `eq`, `eqi` and `in` become "the article's category
 *   is one of these categories or below them", `ne`, `nei` and `notIn` the opposite; the other text
 *   operators still compare the article's own category's slug. An unknown slug is an error, not an empty
 *   answer, so that a typo in an agency's configuration shows at once.
 * The same rewrite runs on the document service's filters (`$eq`) and on GraphQL arguments (`eq`).
 */
import { FilterError, type ModelLookup } from './filter-validation';
import { foldForSearch } from './search-text';

export const ARTICLE = 'api::article.article';
export const CATEGORY = 'api::category.category';

/** How a filter spells its operators: the document service and REST write `$eq`, GraphQL arguments `eq`. */
export type Dialect = 'strapi' | 'graphql';

/** A published category, as the sub-category expansion needs it. */
export type PublishedCategory = { documentId: string; slug: string; parentDocumentId: string | null };

export type RewriteOptions = {
  models: ModelLookup;
  dialect: Dialect;
  /** The published categories. Called at most once per rewrite, and only if a filter names a category slug. */
  categories: () => Promise<PublishedCategory[]>;
};

/** The operators of the search filter: after folding, `contains` and `containsi` mean the same. */
const SEARCH_OPERATORS = new Set(['contains', 'containsi', 'notContains', 'notContainsi']);
const INCLUDING = new Set(['eq', 'eqi', 'in']);
const EXCLUDING = new Set(['ne', 'nei', 'notIn']);
/** Every operator name GraphQL's filter inputs have: in that dialect an operator has no `$` to tell it apart. */
const GRAPHQL_OPERATORS = new Set([
  'and',
  'or',
  'not',
  'eq',
  'eqi',
  'ne',
  'nei',
  'lt',
  'lte',
  'gt',
  'gte',
  'in',
  'notIn',
  'contains',
  'notContains',
  'containsi',
  'notContainsi',
  'startsWith',
  'startsWithi',
  'endsWith',
  'endsWithi',
  'null',
  'notNull',
  'between',
]);

type Filters = Record<string, unknown>;

const isPlainObject = (value: unknown): value is Filters => typeof value === 'object' && value !== null && !Array.isArray(value);

/** qs turns `[0]`…`[20]` into arrays and longer lists into objects with numeric keys: both are lists. */
function asList(value: unknown): unknown[] | null {
  if (Array.isArray(value)) return value as unknown[];
  if (isPlainObject(value) && Object.keys(value).length > 0 && Object.keys(value).every((key) => /^\d+$/.test(key))) return Object.values(value);
  return null;
}

/** The children of every category, by documentId. */
function childrenOf(categories: readonly PublishedCategory[]): Map<string, string[]> {
  const children = new Map<string, string[]>();
  for (const category of categories) {
    if (!category.parentDocumentId) continue;
    children.set(category.parentDocumentId, [...(children.get(category.parentDocumentId) ?? []), category.documentId]);
  }
  return children;
}

/** A category and everything below it; a cycle an editor might have made cannot loop. */
export function subtree(categories: readonly PublishedCategory[], documentId: string): string[] {
  const children = childrenOf(categories);
  const found = new Set<string>([documentId]);
  const queue = [documentId];
  while (queue.length > 0) {
    for (const child of children.get(queue.shift()!) ?? []) {
      if (found.has(child)) continue;
      found.add(child);
      queue.push(child);
    }
  }
  return [...found];
}

class Rewrite {
  private categories: Promise<PublishedCategory[]> | undefined;

  constructor(private readonly options: RewriteOptions) {}

  /** The operator a key stands for (`$eq` or `eq` → `eq`), or null for a field name. */
  private operatorOf(key: string): string | null {
    if (this.options.dialect === 'strapi') return key.startsWith('$') ? key.slice(1) : null;
    return GRAPHQL_OPERATORS.has(key) ? key : null;
  }

  /** `eq` as this dialect writes it. */
  private operator(name: string): string {
    return this.options.dialect === 'strapi' ? `$${name}` : name;
  }

  /** Paths are written as REST writes them (`filters[category][slug][$eq]`), whatever the dialect. */
  private at(path: string, key: string): string {
    const operator = this.operatorOf(key);
    return `${path}[${operator === null ? key : `$${operator}`}]`;
  }

  private loadCategories(): Promise<PublishedCategory[]> {
    this.categories ??= this.options.categories();
    return this.categories;
  }

  async filters(uid: string, filters: unknown, path: string): Promise<unknown> {
    if (!isPlainObject(filters)) return filters;
    const model = this.options.models(uid);
    if (!model) return filters;
    const rewritten: Filters = {};
    for (const [key, value] of Object.entries(filters)) {
      const at = this.at(path, key);
      const operator = this.operatorOf(key);
      const attribute = model.attributes[key];
      if (operator === 'and' || operator === 'or') {
        const list = asList(value);
        rewritten[key] = list ? await Promise.all(list.map((item, index) => this.filters(uid, item, `${at}[${index}]`))) : value;
      } else if (operator === 'not') {
        rewritten[key] = await this.filters(uid, value, at);
      } else if (uid === ARTICLE && key === 'searchText') {
        rewritten[key] = this.search(value, at);
      } else if (uid === ARTICLE && key === 'category' && isPlainObject(value)) {
        rewritten[key] = await this.category(value, at);
      } else if (attribute?.type === 'relation' && attribute.target) {
        rewritten[key] = await this.filters(attribute.target, value, at);
      } else {
        rewritten[key] = value;
      }
    }
    return rewritten;
  }

  /** Filters inside an object-form `populate` (REST's `populate[author][filters]…`), recursively. */
  async populate(uid: string, populate: unknown, path: string): Promise<unknown> {
    if (!isPlainObject(populate)) return populate;
    const model = this.options.models(uid);
    if (!model) return populate;
    const rewritten: Filters = { ...populate };
    for (const [key, value] of Object.entries(populate)) {
      const attribute = model.attributes[key];
      if (!isPlainObject(value) || attribute?.type !== 'relation' || !attribute.target) continue;
      const next: Filters = { ...value };
      if (value.filters !== undefined) next.filters = await this.filters(attribute.target, value.filters, `${path}[${key}][filters]`);
      if (value.populate !== undefined) next.populate = await this.populate(attribute.target, value.populate, `${path}[${key}][populate]`);
      rewritten[key] = next;
    }
    return rewritten;
  }

  /** `searchText: { containsi: 'Bảo vệ' }` → `{ containsi: 'bao ve' }`; anything else is refused. */
  private search(value: unknown, path: string): Filters {
    const usage = 'search with containsi (or contains, notContainsi, notContains) and a text, such as searchText: { containsi: "bao ve an ninh" }';
    if (!isPlainObject(value) || Object.keys(value).length === 0) throw new FilterError(path, usage);
    const folded: Filters = {};
    for (const [key, operand] of Object.entries(value)) {
      const at = this.at(path, key);
      const operator = this.operatorOf(key);
      if (operator === null || !SEARCH_OPERATORS.has(operator)) throw new FilterError(at, usage);
      if (typeof operand !== 'string') throw new FilterError(at, `expected the text to search for, got ${JSON.stringify(operand) ?? 'nothing'}`);
      const text = foldForSearch(operand);
      if (text === '') throw new FilterError(at, 'the search text is empty: give at least one letter or digit');
      folded[key] = text;
    }
    return folded;
  }

  /** The documentIds of the categories `slug` names, each with its sub-categories. */
  private async sections(values: unknown[], path: string, ignoreCase: boolean): Promise<string[]> {
    const categories = await this.loadCategories();
    const ids = new Set<string>();
    for (const [index, value] of values.entries()) {
      const at = values.length > 1 ? `${path}[${index}]` : path;
      if (typeof value !== 'string' && typeof value !== 'number')
        throw new FilterError(at, `expected a category slug, got ${JSON.stringify(value) ?? 'nothing'}`);
      const slug = ignoreCase ? String(value).toLowerCase() : String(value);
      const category = categories.find((candidate) => (ignoreCase ? candidate.slug.toLowerCase() : candidate.slug) === slug);
      // A draft category is as unknown as a misspelt one: its existence is not public.
      if (!category) throw new FilterError(at, `no published category has the slug ${JSON.stringify(String(value))}`);
      for (const id of subtree(categories, category.documentId)) ids.add(id);
    }
    return [...ids];
  }

  /** `category: { slug: { eq: 'tin-tuc' }, … }` → `category: { and: [{ documentId: { in: [tin-tuc and below] } }, …] }`. */
  private async category(value: Filters, path: string): Promise<unknown> {
    const { slug, ...others } = value;
    if (slug === undefined) return this.filters(CATEGORY, value, path);
    const slugPath = `${path}[slug]`;
    const conditions: unknown[] = [];
    const residual: Filters = {};
    const include = (ids: string[]) => conditions.push({ documentId: { [this.operator('in')]: ids } });
    const exclude = (ids: string[]) => conditions.push({ documentId: { [this.operator('notIn')]: ids } });
    const list = asList(slug);
    if (list || !isPlainObject(slug)) {
      // A bare value (REST's `filters[category][slug]=tin-tuc`) or a bare list is an equality test.
      include(await this.sections(list ?? [slug], slugPath, false));
    } else {
      for (const [key, operand] of Object.entries(slug)) {
        const operator = this.operatorOf(key);
        const at = this.at(slugPath, key);
        const values = asList(operand) ?? [operand];
        const ignoreCase = operator === 'eqi' || operator === 'nei';
        if (operator !== null && INCLUDING.has(operator)) include(await this.sections(values, at, ignoreCase));
        else if (operator !== null && EXCLUDING.has(operator)) exclude(await this.sections(values, at, ignoreCase));
        else residual[key] = operand;
      }
    }
    if (Object.keys(residual).length > 0) conditions.push({ slug: residual });
    if (Object.keys(others).length > 0) conditions.push(await this.filters(CATEGORY, others, path));
    return { [this.operator('and')]: conditions };
  }
}

/** `filters` of a read of `uid`, rewritten as described above; throws a FilterError naming a bad part. */
export function rewriteFilters(options: RewriteOptions, uid: string, filters: unknown, path = 'filters'): Promise<unknown> {
  return new Rewrite(options).filters(uid, filters, path);
}

/** The filters and the filters inside `populate` of one document-service read, sharing one category lookup. */
export async function rewriteQuery(options: RewriteOptions, uid: string, params: { filters?: unknown; populate?: unknown }) {
  const rewrite = new Rewrite(options);
  return {
    filters: await rewrite.filters(uid, params.filters, 'filters'),
    populate: await rewrite.populate(uid, params.populate, 'populate'),
  };
}
