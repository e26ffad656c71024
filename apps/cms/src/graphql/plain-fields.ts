import type { Core } from '@strapi/strapi';

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

/** The parts of graphql-js objects this reads and writes (the schema is graphql-js's, loaded by the plugin). */
type FieldLike = { args: readonly unknown[]; resolve?: unknown };
type SchemaLike = { getType(name: string): unknown };
type Model = { uid: string; modelType?: string; attributes: Record<string, { type: string; private?: boolean }> };
type Generated = { resolvers?: Record<string, Record<string, unknown> | undefined>; resolversConfig?: Record<string, unknown> };

type GraphqlServices = {
  extension: { generate(options: unknown): Generated; shadowCRUD(uid: string): { isEnabled(): boolean } };
  contentApi: { buildSchema(): SchemaLike };
  utils: {
    naming: { getTypeName(model: Model): string; getComponentName(model: Model): string };
    attributes: { isStrapiScalar(attribute: unknown): boolean };
  };
};

const hasFields = (type: unknown): type is { getFields(): Record<string, FieldLike> } =>
  typeof type === 'object' && type !== null && typeof (type as { getFields?: unknown }).getFields === 'function';

/** `Type.field` paths of the scalar attributes of every shadow-CRUD model, `documentId` (and a component's `id`) included. */
export function scalarFieldPaths(models: readonly Model[], services: Pick<GraphqlServices, 'extension' | 'utils'>): string[] {
  const { naming, attributes } = services.utils;
  return models.flatMap((model) => {
    if (model.uid.startsWith('admin::') || !services.extension.shadowCRUD(model.uid).isEnabled()) return [];
    const component = model.modelType === 'component';
    const type = component ? naming.getComponentName(model) : naming.getTypeName(model);
    const scalars = Object.entries(model.attributes)
      .filter(([, attribute]) => !attribute.private && attributes.isStrapiScalar(attribute))
      .map(([name]) => name);
    return [...(component ? ['id'] : ['documentId']), ...scalars].map((field) => `${type}.${field}`);
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

export function readPlainFieldsDirectly(strapi: Core.Strapi): void {
  const plugin = strapi.plugin('graphql');
  const services: GraphqlServices = {
    extension: plugin.service<GraphqlServices['extension']>('extension'),
    contentApi: plugin.service<GraphqlServices['contentApi']>('content-api'),
    utils: plugin.service<GraphqlServices['utils']>('utils'),
  };
  // The schema build generates the extension configuration it wraps resolvers with: keep the last one.
  const generate = services.extension.generate.bind(services.extension);
  let generated: Generated | undefined;
  services.extension.generate = (options) => (generated = generate(options));

  const buildSchema = services.contentApi.buildSchema.bind(services.contentApi);
  services.contentApi.buildSchema = () => {
    generated = undefined;
    const schema = buildSchema();
    if (!generated) return schema;
    // Strapi's registries are typed per uid; only the shape above is read here.
    const registries = [strapi.components, strapi.contentTypes] as unknown as Array<Record<string, Model>>;
    const models = registries.flatMap((registry) => Object.values(registry));
    for (const path of unconfiguredPaths(scalarFieldPaths(models, services), generated)) {
      const [typeName, fieldName] = path.split('.');
      const type = schema.getType(typeName);
      const field = hasFields(type) ? type.getFields()[fieldName] : undefined;
      // Scalars take no arguments; a field with some is not one of these, whatever its name.
      if (field && field.args.length === 0) field.resolve = undefined;
    }
    return schema;
  };
}
