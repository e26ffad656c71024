import type { Core } from '@strapi/strapi';
import { traverseEntity } from '@strapi/utils';

type OutputSanitizer = (schema: { uid?: string }) => (data: unknown) => Promise<unknown>;
/** Strapi's sanitizers registry; its `add` keeps nothing under a path that was never `set`. */
type Sanitizers = { get(path: string): OutputSanitizer[]; set(path: string, value: OutputSanitizer[]): unknown };

/**
 * Leaves `fields` of `uid` out of every REST response of the content API, populated relations included.
 * (GraphQL is told apart by the caller: its shadow CRUD decides per field whether output, input or both go.)
 */
export function stripFromRestOutput(strapi: Core.Strapi, uid: string, fields: readonly string[]): void {
  const strip: OutputSanitizer = (schema) => (data) =>
    traverseEntity(
      ({ key, schema: model }, visitor) => {
        if (model.uid === uid && fields.includes(key)) visitor.remove(key);
      },
      { schema: schema as Parameters<typeof traverseEntity>[1]['schema'], getModel: (name) => strapi.getModel(name as never) },
      data as Parameters<typeof traverseEntity>[2],
    );
  const sanitizers = strapi.sanitizers as unknown as Sanitizers;
  sanitizers.set('content-api.output', [...sanitizers.get('content-api.output'), strip]);
}
