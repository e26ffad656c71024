import type { Core } from '@strapi/strapi';

/**
 * What changes to the GraphQL schema after Strapi builds it need: the schema itself (graphql-js's, with
 * Strapi's wrapped resolvers), the extension configuration Strapi's build generated and wrapped them with
 * (resolversConfig: auth, policies, middlewares per `Type.field`; resolvers of its own), the shadow-CRUD
 * models and the GraphQL plugin's services.
 */

/** The parts of graphql-js objects read and written here (the schema is graphql-js's, loaded by the plugin). */
export type FieldLike = { args: readonly unknown[]; resolve?: unknown };
export type SchemaLike = { getType(name: string): unknown };
export type Attribute = {
  type: string;
  private?: boolean;
  relation?: string;
  target?: unknown;
  multiple?: boolean;
  repeatable?: boolean;
  component?: string;
};
export type Model = { uid: string; modelType?: string; attributes: Record<string, Attribute> };
export type Generated = { resolvers?: Record<string, Record<string, unknown> | undefined>; resolversConfig?: Record<string, unknown> };

export type GraphqlServices = {
  extension: { generate(options: unknown): Generated; shadowCRUD(uid: string): { isEnabled(): boolean } };
  contentApi: { buildSchema(): SchemaLike; isBuiltInQueryField: (name: string) => boolean };
  utils: {
    naming: { getTypeName(model: Model): string; getComponentName(model: Model): string };
    attributes: { isStrapiScalar(attribute: unknown): boolean };
  };
  builders: { utils: { transformArgs: (args: unknown, options: { contentType: unknown; usePagination?: boolean }) => Record<string, unknown> } };
};

export type SchemaBuild = { schema: SchemaLike; generated: Generated; models: Model[]; services: GraphqlServices };

const hasFields = (type: unknown): type is { getFields(): Record<string, FieldLike> } =>
  typeof type === 'object' && type !== null && typeof (type as { getFields?: unknown }).getFields === 'function';

/** The field `Type.field` of the schema, if there is one. */
export function fieldOf(schema: SchemaLike, path: string): FieldLike | undefined {
  const [typeName, fieldName] = path.split('.');
  const type = schema.getType(typeName);
  return hasFields(type) ? type.getFields()[fieldName] : undefined;
}

/** The type name of a shadow-CRUD model in the schema, or undefined for a model the schema leaves out. */
export function typeNameOf(model: Model, services: Pick<GraphqlServices, 'extension' | 'utils'>): string | undefined {
  if (model.uid.startsWith('admin::') || !services.extension.shadowCRUD(model.uid).isEnabled()) return undefined;
  const { naming } = services.utils;
  return model.modelType === 'component' ? naming.getComponentName(model) : naming.getTypeName(model);
}

/**
 * Runs `steps`, in order, on every schema Strapi builds (at its GraphQL plugin's bootstrap, so this must be
 * called in `register`).
 */
export function afterSchemaBuild(strapi: Core.Strapi, ...steps: Array<(build: SchemaBuild) => void>): void {
  const plugin = strapi.plugin('graphql');
  const services: GraphqlServices = {
    extension: plugin.service<GraphqlServices['extension']>('extension'),
    contentApi: plugin.service<GraphqlServices['contentApi']>('content-api'),
    utils: plugin.service<GraphqlServices['utils']>('utils'),
    builders: plugin.service<GraphqlServices['builders']>('builders'),
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
    const build: SchemaBuild = { schema, generated, models: registries.flatMap((registry) => Object.values(registry)), services };
    for (const step of steps) step(build);
    return schema;
  };
}
