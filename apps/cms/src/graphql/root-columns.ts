import { Kind, type FieldNode, type FragmentDefinitionNode } from 'graphql';
import { selectedColumns } from './relation-resolvers';
import { fieldOf, typeNameOf, type Model, type SchemaBuild } from './schema-hook';

/**
 * Strapi's list queries (`articles`, `articles_connection`) read every column of every row (`select *`),
 * whatever the query asks: for a page of 100 articles that is the search text, the schedule, the review
 * fields, the authors of the row… each read from the database, transformed and then dropped. These
 * resolvers pass the columns the query's selection names as the query's `fields`, which Strapi validates,
 * sanitises and reads like a REST `fields[]` (always with `id` and `documentId`, which relations are read
 * by). A selection that names anything selectedColumns() cannot map to a column (a field an extension
 * added) leaves the query as Strapi makes it.
 */

type Args = Record<string, unknown>;
type Info = { fieldNodes: readonly FieldNode[]; fragments?: Record<string, FragmentDefinitionNode> };
type Resolver = (parent: unknown, args: Args, context: unknown, info: Info) => unknown;
type Naming = { getFindQueryName(model: Model): string; getFindConnectionQueryName(model: Model): string };

/**
 * The `nodes` (and the deprecated `data`) selections of a `_connection` field, or undefined when it selects
 * anything else (a fragment on the connection type is not followed: the columns are then left to Strapi).
 */
function nodesOf(fieldNodes: readonly FieldNode[]): FieldNode[] | undefined {
  const nodes: FieldNode[] = [];
  for (const node of fieldNodes) {
    for (const selection of node.selectionSet?.selections ?? []) {
      if (selection.kind !== Kind.FIELD) return undefined;
      const name = selection.name.value;
      if (name === 'nodes' || name === 'data') nodes.push(selection);
      else if (name !== 'pageInfo' && name !== '__typename') return undefined;
    }
  }
  return nodes;
}

/** A step of afterSchemaBuild (schema-hook.ts), for every collection type of the GraphQL schema. */
export function readOnlySelectedColumns({ schema, models, services }: SchemaBuild): void {
  const naming = services.utils.naming as unknown as Naming;
  for (const model of models) {
    if (model.modelType !== 'contentType' || model.uid.startsWith('admin::') || !typeNameOf(model, services)) continue;
    if ((model as { kind?: string }).kind !== 'collectionType') continue;
    const wrap = (path: string, rows: (info: Info) => readonly FieldNode[] | undefined) => {
      const field = fieldOf(schema, path);
      const resolve = field?.resolve as Resolver | undefined;
      if (!field || typeof resolve !== 'function') return;
      const known = new WeakMap<readonly FieldNode[], { columns: string[] | undefined }>();
      field.resolve = ((parent, args, context, info) => {
        let found = known.get(info.fieldNodes);
        if (!found) {
          const nodes = rows(info);
          found = { columns: nodes && nodes.length > 0 ? selectedColumns(model.attributes, nodes, info.fragments) : undefined };
          known.set(info.fieldNodes, found);
        }
        return resolve(parent, found.columns && args.fields === undefined ? { ...args, fields: found.columns } : args, context, info);
      }) satisfies Resolver;
    };
    wrap(`Query.${naming.getFindQueryName(model)}`, (info) => info.fieldNodes);
    wrap(`Query.${naming.getFindConnectionQueryName(model)}`, (info) => nodesOf(info.fieldNodes));
  }
}
