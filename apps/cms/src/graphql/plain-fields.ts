import { fieldOf, typeNameOf, type Generated, type GraphqlServices, type Model, type SchemaBuild } from './schema-hook';

/**
 * Strapi wraps the resolver of every field of its GraphQL schema (plugin-graphql's wrap-resolvers): for each
 * field of each object in an answer it runs an authorisation step, builds a policy context, runs the field's
 * policies and middlewares, then reads the value with lodash's `fp.get(name)`. For a scalar attribute of a
 * content type or component that nothing configures, none of that does anything — no auth config, no
 * policy, no middleware, and authorisation only applies to Query and Mutation — yet it was about 40 % of the
 * time of a page of 100 articles (~45 scalar fields each). Such fields get GraphQL's own property read back,
 * which returns the same value.
 *
 * A field is left wrapped when the extension service configures anything for it (`Type.field` in
 * resolversConfig: auth, policies, middlewares) or gives it a resolver of its own, so a policy added later
 * to a scalar field keeps running. The configuration is the one Strapi's schema build itself generated.
 */

/** `Type.field` paths of the scalar attributes of every shadow-CRUD model, `documentId` (and a component's `id`) included. */
export function scalarFieldPaths(models: readonly Model[], services: Pick<GraphqlServices, 'extension' | 'utils'>): string[] {
  return models.flatMap((model) => {
    const type = typeNameOf(model, services);
    if (!type) return [];
    const scalars = Object.entries(model.attributes)
      .filter(([, attribute]) => !attribute.private && services.utils.attributes.isStrapiScalar(attribute))
      .map(([name]) => name);
    return [...(model.modelType === 'component' ? ['id'] : ['documentId']), ...scalars].map((field) => `${type}.${field}`);
  });
}

/** The paths of `paths` that nothing in the extension configuration touches. */
export function unconfiguredPaths(paths: readonly string[], generated: Generated): string[] {
  const configured = new Set(Object.keys(generated.resolversConfig ?? {}));
  return paths.filter((path) => {
    const [type, field] = path.split('.');
    return !configured.has(path) && generated.resolvers?.[type]?.[field] === undefined;
  });
}

/** A step of afterSchemaBuild (schema-hook.ts). */
export function readPlainFieldsDirectly({ schema, generated, models, services }: SchemaBuild): void {
  for (const path of unconfiguredPaths(scalarFieldPaths(models, services), generated)) {
    const field = fieldOf(schema, path);
    // Scalars take no arguments; a field with some is not one of these, whatever its name.
    if (field && field.args.length === 0) field.resolve = undefined;
  }
}
