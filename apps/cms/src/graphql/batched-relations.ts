import type { Core } from '@strapi/strapi';
import DataLoader from 'dataloader';
import { planBatch, type BatchPlan } from '../lib/relation-batch';

/**
 * Strapi's GraphQL resolves every relation, media field and component one parent at a time: its association
 * and component resolvers end in `strapi.db.query(uid).load(parent, field, query)`, two queries per parent
 * (a page of 100 articles with author, category and its parent, cover, related articles and the SEO share
 * image made ~1,400 queries). During a GraphQL request, the loads of one relation with the same query that
 * GraphQL starts together (the siblings of a list) are answered here by one query for all of them.
 *
 * Only the database read is replaced: arguments, validation, sanitising, the published-only status the
 * resolver derives from the root query, media URL signing and the answer's shape stay Strapi's own, since
 * they happen around `load`. Anything this does not know how to batch — a deep sort, a nested populate, a
 * query holding raw SQL, a polymorphic relation, several fields at once, a read inside a transaction, a load
 * outside a GraphQL request — goes to Strapi's `load` unchanged.
 *
 * relation-resolvers.ts reads through `batchedLoad` directly, with the query planned once per batch rather
 * than once per parent.
 *
 * GRAPHQL_BATCH_RELATIONS=false turns it off (Strapi's per-parent reads); it is read on every load so that
 * tests can compare both on one running CMS.
 */

type Id = number | string;
type Row = Record<string, unknown> & { id: Id };
type Relation = { multiple: boolean; target: string };

/** One-row relations are the first row of their list; these hold a list. */
const TO_ONE = new Set(['oneToOne', 'manyToOne', 'morphOne']);
const TO_MANY = new Set(['oneToMany', 'manyToMany', 'morphMany']);
/** Ids per `IN (…)` list: far below SQLite's and PostgreSQL's limits on bound parameters. */
const CHUNK = 1000;

const chunks = <T>(items: readonly T[]): T[][] =>
  Array.from({ length: Math.ceil(items.length / CHUNK) }, (_, index) => items.slice(index * CHUNK, (index + 1) * CHUNK));

const isRow = (value: unknown): value is Row =>
  typeof value === 'object' && value !== null && (typeof (value as Row).id === 'number' || typeof (value as Row).id === 'string');

const copy = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(copy);
  return isRow(value) ? { ...value } : value;
};

/** One parent's read of a planned relation query: undefined when this read is not one the batch may answer. */
export type BatchedLoad = (entity: unknown) => Promise<unknown> | undefined;
type Planner = (uid: string, field: string, query: unknown, columns?: readonly string[]) => BatchedLoad | undefined;

const planners = new WeakMap<Core.Strapi, Planner>();

/**
 * The batched read of `uid.field` with `query` (a database-layer populate query, as Strapi's resolvers pass
 * to `load`), planned once for any number of parents; undefined when the batch cannot answer that query
 * as Strapi's `load` would, or before registerBatchedRelations.
 *
 * `columns`, for a to-many relation: the attributes of the related rows the caller will read (`id` is
 * always read). Without it every column is read, as Strapi's `load` does — an article's body for each of
 * a page's related articles, when the page shows only their titles.
 */
export function batchedLoad(strapi: Core.Strapi, uid: string, field: string, query: unknown, columns?: readonly string[]): BatchedLoad | undefined {
  return planners.get(strapi)?.(uid, field, query, columns);
}

export function registerBatchedRelations(strapi: Core.Strapi): void {
  const entityManager = strapi.db.entityManager;
  const stockLoad = entityManager.load.bind(entityManager);
  const endpoint = String(strapi.plugin('graphql').config('endpoint'));
  /** Per request (its Koa context): one loader per relation and query. Dropped with the request. */
  const loadersByRequest = new WeakMap<object, Map<string, DataLoader<Id, unknown>>>();

  /** The relation `uid.field` as the batch needs it, or undefined for kinds it leaves to Strapi. */
  function relationOf(uid: string, field: string): Relation | undefined {
    const attribute = strapi.db.metadata.get(uid)?.attributes[field] as { type?: string; relation?: string; target?: unknown } | undefined;
    if (attribute?.type !== 'relation' || typeof attribute.target !== 'string' || !attribute.relation) return undefined;
    if (TO_ONE.has(attribute.relation)) return { multiple: false, target: attribute.target };
    if (TO_MANY.has(attribute.relation)) return { multiple: true, target: attribute.target };
    return undefined;
  }

  /**
   * `field` of every parent in `ids`, as `load` answers for one: null for a parent that is gone. Queries: the
   * parents with the relation populated; for a to-many relation the populate reads only target ids (each
   * parent's list is cut in memory, and a parent may have thousands), then one query reads the rows kept.
   */
  async function loadAll(
    uid: string,
    field: string,
    relation: Relation,
    plan: BatchPlan,
    columns: readonly string[] | undefined,
    ids: readonly Id[],
  ): Promise<unknown[]> {
    const populate = relation.multiple ? { ...plan.query, select: ['id'] } : plan.query;
    const values = new Map<string, unknown>();
    for (const part of chunks([...new Set(ids.map(String))])) {
      const parents = (await strapi.db
        .query(uid)
        .findMany({ select: ['id'], where: { id: { $in: part } }, populate: { [field]: populate } })) as Row[];
      for (const parent of parents) values.set(String(parent.id), parent[field]);
    }
    if (relation.multiple) {
      for (const [id, list] of values) {
        if (Array.isArray(list)) values.set(id, (list as unknown[]).filter(isRow).slice(plan.start, plan.end));
      }
      const wanted = [...new Set([...values.values()].flatMap((list) => (Array.isArray(list) ? (list as Row[]).map((row) => row.id) : [])))];
      const rows = new Map<string, Row>();
      for (const part of chunks(wanted)) {
        // The query builder, as Strapi's populate reads targets: no lifecycle events; every column unless told.
        const found = await entityManager
          .createQueryBuilder(relation.target)
          .init({ ...(columns ? { select: ['id', ...columns.filter((column) => column !== 'id')] } : {}), where: { id: { $in: part } } })
          .execute<Row[]>();
        for (const row of found) rows.set(String(row.id), row);
      }
      for (const [id, list] of values) {
        if (!Array.isArray(list)) continue;
        // A row deleted between the two queries is left out, as a read after the deletion would.
        values.set(
          id,
          (list as Row[]).flatMap((row) => rows.get(String(row.id)) ?? []),
        );
      }
    }
    // Each caller gets rows of its own, as from its own query: resolvers further down may decorate them.
    return ids.map((id) => (values.has(String(id)) ? copy(values.get(String(id))) : null));
  }

  function loaderFor(
    request: object,
    uid: string,
    field: string,
    relation: Relation,
    plan: BatchPlan,
    columns: readonly string[] | undefined,
  ): DataLoader<Id, unknown> {
    let loaders = loadersByRequest.get(request);
    if (!loaders) {
      loaders = new Map<string, DataLoader<Id, unknown>>();
      loadersByRequest.set(request, loaders);
    }
    const name = `${uid}\u0000${field}\u0000${plan.key}\u0000${columns ? columns.join(',') : '*'}`;
    let loader = loaders.get(name);
    if (!loader) {
      // No cache: a mutation may change a relation between two reads of one request; batching alone is enough.
      loader = new DataLoader<Id, unknown>((ids) => loadAll(uid, field, relation, plan, columns, ids), { cache: false });
      loaders.set(name, loader);
    }
    return loader;
  }

  const plan: Planner = (uid, field, query, columns) => {
    const relation = relationOf(uid, field);
    const batch = relation ? planBatch(query, relation.multiple) : undefined;
    if (!relation || !batch) return undefined;
    const read = relation.multiple && columns ? [...columns].sort() : undefined;
    return (entity) => {
      const request = strapi.requestContext.get();
      if (
        process.env.GRAPHQL_BATCH_RELATIONS === 'false' ||
        request?.path !== endpoint ||
        !isRow(entity) ||
        // A read inside a transaction stays in it: a batch runs outside any one caller's transaction.
        strapi.db.inTransaction()
      ) {
        return undefined;
      }
      return loaderFor(request, uid, field, relation, batch, read).load(entity.id);
    };
  };
  planners.set(strapi, plan);

  entityManager.load = (uid, entity, fields, populate) =>
    (typeof fields === 'string' ? plan(uid, fields, populate)?.(entity) : undefined) ?? stockLoad(uid, entity, fields, populate);
}
