import type { Core } from '@strapi/strapi';
import { buildPublicationFilterWhere, contentTypes, errors, parsePublicationFilter } from '@strapi/utils';
import { Kind, type FieldNode, type FragmentDefinitionNode, type SelectionSetNode } from 'graphql';
import merge from 'lodash/fp/merge';
import { stableKey } from '../lib/relation-batch';
import { batchedLoad, type BatchedLoad } from './batched-relations';
import { fieldOf, typeNameOf, type Attribute, type Generated, type Model, type SchemaBuild } from './schema-hook';

/**
 * Strapi's resolver of a relation, media or component field does, for every parent, work that depends only on
 * the field's arguments, the caller and the root query it is under (plugin-graphql 5.54's wrap-resolvers
 * and builders/resolvers/association.js and component.js): the authorisation of the field's scope, the
 * arguments turned into a query, that query validated and sanitised against the caller's permissions,
 * turned into a database query, the published-only status inherited from the root query. Then the one part
 * that depends on the parent: the read. A page of 100 articles did that work 100 times per relation (~1,000
 * times a page), and it cost more than the reads themselves once they were batched.
 *
 * These resolvers do the same steps in the same order: the authorisation once per request and field, the
 * field's middlewares (such as documents/article-filters.ts's) per parent as Strapi runs them, the query
 * work once per batch — per request, field, arguments and root query — then each parent's read through
 * batched-relations.ts. When the batch cannot answer a query exactly as Strapi's `load` would (batchedLoad:
 * a sort on a related field, raw SQL, a read inside a transaction or outside a GraphQL request), that
 * parent's query is prepared afresh and read by Strapi's `load`, as Strapi's resolver does. A field is left
 * to Strapi's resolver when it has a resolver of its own, policies or middlewares other than functions, or
 * is polymorphic. GRAPHQL_BATCH_RELATIONS=false gives every field back to Strapi's resolver; it is read per
 * call so that tests compare both on one CMS.
 */

type Args = Record<string, unknown>;
type RootQueryArgs = { _originField?: string; status?: string; publicationFilter?: unknown; hasPublishedVersion?: unknown };
type Context = { state?: { auth?: unknown }; rootQueryArgsByPath?: Map<unknown, RootQueryArgs> };
type Path = { key: string | number; prev?: Path };
type Info = { fieldNodes: readonly FieldNode[]; fragments?: Record<string, FragmentDefinitionNode>; path?: Path };
type Resolver = (parent: unknown, args: Args, context: Context, info: Info) => unknown;
type Middleware = (next: Resolver, parent: unknown, args: Args, context: Context, info: Info) => unknown;

/** What a field answers: the relation's row (to-one), its list (to-many) or the list with its page (`_connection`). */
type Shape = 'value' | 'nodes' | 'connection';

/** A field these resolvers answer. `auth` is the field's auth configuration (a relation's target `find` scope). */
export type RelationField = {
  path: string;
  kind: 'association' | 'component';
  shape: Shape;
  uid: string;
  attribute: string;
  /** The related model: the relation's target, the file model for media, the component. */
  target: string;
  media: boolean;
  auth: unknown;
  /** The field's middlewares from the extension configuration, run in order before the read. */
  middlewares: Middleware[];
};

/** What one batch shares: the database query, the sanitised query answers carry, the batched read. */
type Prepared = { dbQuery: Args; load: BatchedLoad | undefined; sanitizedQuery: unknown };

const FILE_UID = 'plugin::upload.file';

/** Attribute kinds that are no column of the model's own table. */
const NOT_COLUMNS = new Set(['relation', 'media', 'component', 'dynamiczone']);

/**
 * The column attributes of `target` that the selections of `fieldNodes` read — its scalar fields; its
 * relation, media and component fields need only the row's id, always read — or undefined, meaning every
 * column, when a selection names anything else (a field an extension added, resolved from who knows which
 * columns). Fragments are followed; `@skip`/`@include` are ignored, so the set is never too small.
 */
export function selectedColumns(
  attributes: Record<string, { type?: string }>,
  fieldNodes: readonly FieldNode[],
  fragments: Record<string, FragmentDefinitionNode> = {},
): string[] | undefined {
  const columns = new Set<string>(['documentId']);
  const seen = new Set<string>();
  const visit = (selectionSet: SelectionSetNode | undefined): boolean => {
    for (const selection of selectionSet?.selections ?? []) {
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        if (!visit(selection.selectionSet)) return false;
      } else if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const name = selection.name.value;
        if (seen.has(name)) continue;
        seen.add(name);
        const fragment = fragments[name];
        if (!fragment || !visit(fragment.selectionSet)) return false;
      } else {
        const name = selection.name.value;
        // documentId is a column of every content type, though no attribute of its schema.
        if (name === '__typename' || name === 'documentId') continue;
        const attribute = attributes[name.endsWith('_connection') ? name.slice(0, -'_connection'.length) : name];
        if (!attribute || typeof attribute.type !== 'string') return false;
        if (!NOT_COLUMNS.has(attribute.type)) columns.add(name);
      }
    }
    return true;
  };
  for (const node of fieldNodes) if (!visit(node.selectionSet)) return undefined;
  return [...columns].sort();
}

/**
 * The field's configuration (Strapi's generated `auth`, middlewares added by the extension service) when
 * these resolvers can run it as Strapi's wrap-resolvers does: no policies, middlewares given as functions,
 * no resolver of its own.
 */
function configOf(generated: Generated, path: string): Pick<RelationField, 'auth' | 'middlewares'> | undefined {
  const config = (generated.resolversConfig?.[path] ?? {}) as Record<string, unknown>;
  const [type, field] = path.split('.');
  if (generated.resolvers?.[type]?.[field] !== undefined) return undefined;
  if (!Object.keys(config).every((key) => key === 'auth' || key === 'middlewares' || key === 'policies')) return undefined;
  if (config.policies !== undefined && !(Array.isArray(config.policies) && config.policies.length === 0)) return undefined;
  const middlewares = config.middlewares ?? [];
  if (!Array.isArray(middlewares) || !middlewares.every((middleware) => typeof middleware === 'function')) return undefined;
  return { auth: config.auth, middlewares: middlewares as Middleware[] };
}

/** The relation, media and component fields of the schema's models that these resolvers answer. */
export function relationFields(build: Pick<SchemaBuild, 'generated' | 'models' | 'services'>): RelationField[] {
  const { generated, models, services } = build;
  const enabled = (uid: string) => services.extension.shadowCRUD(uid).isEnabled();
  return models.flatMap((model: Model) => {
    const type = typeNameOf(model, services);
    if (!type) return [];
    return Object.entries(model.attributes).flatMap(([attribute, definition]: [string, Attribute]) => {
      if (definition.private) return [];
      const fields = (kind: RelationField['kind'], target: string, multiple: boolean, media: boolean): RelationField[] => {
        const shapes: Array<[string, Shape]> = multiple
          ? [
              [attribute, 'nodes'],
              [`${attribute}_connection`, 'connection'],
            ]
          : [[attribute, 'value']];
        return shapes.flatMap(([field, shape]) => {
          const path = `${type}.${field}`;
          const config = configOf(generated, path);
          return config ? [{ path, kind, shape, uid: model.uid, attribute, target, media, ...config }] : [];
        });
      };
      if (definition.type === 'media') return enabled(FILE_UID) ? fields('association', FILE_UID, Boolean(definition.multiple), true) : [];
      // Strapi's component resolver answers a repeatable component's list as it is, with no `_connection` field.
      if (definition.type === 'component' && typeof definition.component === 'string') return fields('component', definition.component, false, false);
      if (definition.type !== 'relation' || typeof definition.target !== 'string' || !definition.relation) return [];
      if (definition.relation.includes('morph') || !enabled(definition.target)) return [];
      return fields('association', definition.target, definition.relation.endsWith('Many'), false);
    });
  });
}

/** The response key of the root field `info` is under, whose arguments Strapi keeps in rootQueryArgsByPath. */
function rootKey(info: Info): string | number | undefined {
  let path = info.path;
  while (path?.prev) path = path.prev;
  return path?.key;
}

export function resolveRelationsInBatches(strapi: Core.Strapi): (build: SchemaBuild) => void {
  return (build) => {
    const { transformArgs } = build.services.builders.utils;
    const { isBuiltInQueryField } = build.services.contentApi;

    /** Strapi's authorisation of a field with auth configuration (wrap-resolvers' `authorize`). */
    async function authorize(field: RelationField, context: Context): Promise<void> {
      if (field.auth === undefined || field.auth === null || field.auth === false) return;
      try {
        await strapi.auth.verify(context?.state?.auth as never, field.auth);
      } catch {
        throw new errors.ForbiddenError();
      }
    }

    /** The published-only status and publication filter of association.js, from the field and its root query. */
    function publicationWhere(field: RelationField, args: Args, context: Context, info: Info): Args {
      const targetModel = strapi.getModel(field.target as never);
      if (!contentTypes.hasDraftAndPublish(targetModel)) return {};
      const key = rootKey(info);
      const rootArgs = key === undefined ? undefined : context.rootQueryArgsByPath?.get(key);
      const builtIn = Boolean(rootArgs?._originField && isBuiltInQueryField(rootArgs._originField));
      const status = (args.status as string | undefined) || (builtIn ? rootArgs?.status || 'published' : null);
      const defaultFilters = status ? { where: { publishedAt: status === 'published' ? { $notNull: true } : { $null: true } } } : {};
      let filter = builtIn ? rootArgs?.publicationFilter : undefined;
      if (filter === undefined && builtIn && rootArgs?.hasPublishedVersion !== undefined) {
        filter = rootArgs.hasPublishedVersion ? 'has-published-version-document' : 'never-published-document';
      }
      let filterWhere = {};
      if (filter !== undefined) {
        let mode: ReturnType<typeof parsePublicationFilter> | undefined;
        try {
          mode = parsePublicationFilter(filter);
        } catch {
          mode = undefined;
        }
        if (mode !== undefined) {
          const metadata = strapi.db.metadata.get(field.target);
          const where = buildPublicationFilterWhere(
            strapi.db.connection,
            metadata,
            targetModel,
            mode,
            status === 'published' ? 'published' : 'draft',
          );
          if (where && Object.keys(where).length > 0) filterWhere = { where };
        }
      }
      return merge(defaultFilters, filterWhere);
    }

    /** The per-batch part of Strapi's resolver: everything before the read. */
    async function prepare(field: RelationField, args: Args, context: Context, info: Info, columns?: readonly string[]): Promise<Prepared> {
      const auth = context?.state?.auth;
      const targetModel = strapi.getModel(field.target as never);
      const transformedArgs = transformArgs(args, { contentType: targetModel, usePagination: true });
      await strapi.contentAPI.validate.query(transformedArgs, targetModel, { auth });
      const sanitizedQuery = await strapi.contentAPI.sanitize.query(transformedArgs, targetModel, { auth });
      const queryParams = strapi.get<{ transform(uid: string, query: unknown): Args }>('query-params');
      const transformedQuery = queryParams.transform(field.target, sanitizedQuery);
      const dbQuery = field.kind === 'component' ? transformedQuery : merge(publicationWhere(field, args, context, info), transformedQuery);
      return { dbQuery, load: batchedLoad(strapi, field.uid, field.attribute, dbQuery, columns), sanitizedQuery };
    }

    async function signed(data: unknown): Promise<unknown> {
      const upload = strapi.plugin('upload');
      if (!upload || !data) return data;
      const { signFileUrls } = upload.service<{ signFileUrls: (file: unknown) => Promise<unknown> }>('file');
      return Array.isArray(data) ? Promise.all(data.map((file) => signFileUrls(file))) : signFileUrls(data);
    }

    /** The answer of Strapi's field resolver for `data` (format service's return types, unwrapped as type.js does). */
    function shaped(field: RelationField, data: unknown, prepared: Prepared): unknown {
      if (field.kind === 'component' || field.shape === 'value') return data;
      if (field.shape === 'nodes') return data ?? [];
      const { toEntityResponseCollection } = strapi.plugin('graphql').service<{
        returnTypes: { toEntityResponseCollection: (nodes: unknown, info: unknown) => unknown };
      }>('format').returnTypes;
      return toEntityResponseCollection(data, { args: prepared.sanitizedQuery, resourceUID: field.target });
    }

    /** One parent's answer, from the batch prepared for its arguments and root query. */
    /** One parent's answer, from the batch prepared for its arguments and root query. */
    async function read(field: RelationField, prepared: Prepared, parent: unknown, args: Args, context: Context, info: Info): Promise<unknown> {
      const batched = prepared.load?.(parent);
      // Strapi's own read, with a query of this parent's own, as its resolver would make.
      const data: unknown = batched
        ? await batched
        : await strapi.db.query(field.uid).load(parent, field.attribute, (await prepare(field, args, context, info)).dbQuery);
      return shaped(field, field.media ? await signed(data) : data, prepared);
    }

    function resolverFor(field: RelationField, stock: Resolver): Resolver {
      /** Per request (its GraphQL context): the field's authorisation, and the prepared batch per root query and arguments. */
      const authorised = new WeakMap<object, Promise<void>>();
      const batches = new WeakMap<object, Map<string, Promise<Prepared>>>();
      /**
       * The columns a to-many relation's rows are read with, per selection (GraphQL hands every item of a
       * list the same fieldNodes array). Media keep every column: the upload plugin builds URLs from them.
       */
      const columnsByNodes = new WeakMap<readonly FieldNode[], { columns: string[] | undefined }>();
      const columnsOf = (info: Info): string[] | undefined => {
        if (field.kind !== 'association' || field.media || field.shape === 'value' || !Array.isArray(info.fieldNodes)) return undefined;
        let found = columnsByNodes.get(info.fieldNodes);
        if (!found) {
          const model = strapi.getModel(field.target as never) as { attributes?: Record<string, { type?: string }> } | undefined;
          const attributes = model?.attributes ?? {};
          found = { columns: selectedColumns(attributes, info.fieldNodes, info.fragments) };
          columnsByNodes.set(info.fieldNodes, found);
        }
        return found.columns;
      };
      const preparedFor = (args: Args, context: Context, info: Info): Promise<Prepared> => {
        const columns = columnsOf(info);
        const argsKey = stableKey(args);
        if (argsKey === undefined) return prepare(field, args, context, info, columns);
        const key = `${String(rootKey(info))}\u0000${argsKey}\u0000${columns ? columns.join(',') : '*'}`;
        let byKey = batches.get(context);
        if (!byKey) batches.set(context, (byKey = new Map<string, Promise<Prepared>>()));
        let prepared = byKey.get(key);
        if (!prepared) byKey.set(key, (prepared = prepare(field, args, context, info, columns)));
        return prepared;
      };
      const base: Resolver = async (parent, args, context, info) => read(field, await preparedFor(args, context, info), parent, args, context, info);
      // Strapi's chain: each middleware, in order, calls the next; the last one calls the read.
      const chain = field.middlewares.reduceRight<Resolver>(
        (next, middleware) => (parent, args, context, info) => middleware(next, parent, args, context, info),
        base,
      );
      return async (parent, args, context, info) => {
        if (process.env.GRAPHQL_BATCH_RELATIONS === 'false' || typeof context !== 'object' || context === null) {
          return stock(parent, args, context, info);
        }
        let authorisation = authorised.get(context);
        if (!authorisation) authorised.set(context, (authorisation = authorize(field, context)));
        await authorisation;
        return chain(parent, args, context, info);
      };
    }

    for (const field of relationFields(build)) {
      const definition = fieldOf(build.schema, field.path);
      if (typeof definition?.resolve !== 'function') continue;
      definition.resolve = resolverFor(field, definition.resolve as Resolver);
    }
  };
}
