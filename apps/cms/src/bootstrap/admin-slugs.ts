import type { Core } from '@strapi/strapi';
import { SLUG_PLACEHOLDER, uniqueSlug } from '../documents/fill-slugs';

type GenerateArgs = { contentTypeUID: string; field: string; data: Record<string, unknown> };

/**
 * The dashboard asks for a slug when the form opens and when the editor clicks "Regenerate". Route that
 * through the same rule as API creates (Vietnamese transliteration, `-2`, `-3` on clashes) so both paths
 * give the same URL; before a title exists, answer with the placeholder that saving replaces.
 */
export function useVietnameseSlugsInDashboard(strapi: Core.Strapi): void {
  const service = strapi.plugin('content-manager').service<{
    generateUIDField: (args: GenerateArgs) => Promise<string>;
  }>('uid');
  const stock = service.generateUIDField.bind(service);
  service.generateUIDField = async (args: GenerateArgs) => {
    const contentTypes = strapi.contentTypes as unknown as Record<string, { attributes: Record<string, { targetField?: string }> }>;
    const attribute = contentTypes[args.contentTypeUID]?.attributes[args.field];
    const source = attribute?.targetField ? args.data?.[attribute.targetField] : undefined;
    if (attribute?.targetField && (typeof source !== 'string' || source.trim() === '')) return SLUG_PLACEHOLDER;
    if (typeof source !== 'string') return stock(args);
    const documentId = typeof args.data?.documentId === 'string' ? args.data.documentId : undefined;
    return uniqueSlug(strapi, args.contentTypeUID, args.field, source, documentId);
  };
}
