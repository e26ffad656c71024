import type { Core, UID } from '@strapi/strapi';
import { firstFreeSlug, slugify } from '../lib/slug';

type Attribute = { type: string; targetField?: string };

/**
 * What the dashboard shows in a slug box before the editor has typed a title ("generated from the title").
 * Strapi pre-fills required slug fields as soon as the form opens and does not refill them when the title
 * changes; this placeholder makes the intent visible, and saving replaces it with the real slug.
 */
export const SLUG_PLACEHOLDER = 'tu-dong-tao-tu-tieu-de';

const isPlaceholder = (value: unknown) => typeof value === 'string' && new RegExp(`^${SLUG_PLACEHOLDER}(-\\d+)?$`).test(value);
type Data = Record<string, unknown>;

/** The uid attributes of a content type that are derived from another field (`targetField`). */
function derivedUidFields(strapi: Core.Strapi, uid: string): Array<[string, string]> {
  const attributes = strapi.contentType(uid as UID.ContentType).attributes as Record<string, Attribute>;
  return Object.entries(attributes)
    .filter(([, attribute]) => attribute.type === 'uid' && attribute.targetField)
    .map(([name, attribute]) => [name, attribute.targetField as string]);
}

/** A slug for `text` that no other document of `uid` uses (`base`, `base-2`, `base-3`…). */
export async function uniqueSlug(strapi: Core.Strapi, uid: string, field: string, text: string, documentId?: string): Promise<string> {
  const base = slugify(text);
  if (!base) return base;
  const rows = (await strapi.db.query(uid).findMany({
    select: [field],
    where: {
      $or: [{ [field]: base }, { [field]: { $startsWith: `${base}-` } }],
      ...(documentId ? { documentId: { $ne: documentId } } : {}),
    },
  })) as Array<Record<string, string>>;
  return firstFreeSlug(
    base,
    rows.map((row) => row[field]),
  );
}

async function currentValue(strapi: Core.Strapi, uid: string, field: string, documentId: string) {
  const row = (await strapi.db.query(uid).findOne({ select: [field], where: { documentId } })) as Record<string, string | null> | null;
  return row?.[field];
}

/**
 * Fills uid fields (Article.slug, Author.slug, Category.slug) from their target field when a document is
 * created or updated without one, through any path: REST, GraphQL, Content Manager or code.
 * An existing slug is never changed by a later title edit: published URLs stay stable.
 */
export function registerSlugFilling(strapi: Core.Strapi): void {
  strapi.documents.use(async (context, next) => {
    if ((context.action !== 'create' && context.action !== 'update') || !context.uid.startsWith('api::')) {
      return next();
    }
    const params = context.params as { data?: Data; documentId?: string };
    const data = params.data;
    if (!data) return next();
    for (const [field, targetField] of derivedUidFields(strapi, context.uid)) {
      const placeholder = isPlaceholder(data[field]);
      if (typeof data[field] === 'string' && data[field].trim() !== '' && !placeholder) continue;
      const source = data[targetField];
      if (typeof source !== 'string' || source.trim() === '') {
        // A draft without a title yet: no slug rather than a placeholder that would clash with the next one.
        if (placeholder) data[field] = null;
        continue;
      }
      if (context.action === 'update' && !placeholder && !(field in data) && params.documentId) {
        if (await currentValue(strapi, context.uid, field, params.documentId)) continue;
      }
      data[field] = await uniqueSlug(strapi, context.uid, field, source, params.documentId);
    }
    return next();
  });
}
