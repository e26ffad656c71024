import type { Core } from '@strapi/strapi';
import { withoutUnsafeCharacters, withoutUnsafeCharactersDeep } from '../lib/unsafe-text';

const TEXT_TYPES = new Set(['string', 'text', 'richtext', 'email']);
const JSON_TYPES = new Set(['blocks', 'json']);
/** The media library's own text fields (captions and alt texts are shown on pages). */
const MEDIA = 'plugin::upload.file';

type Event = { model: { uid: string; attributes: Record<string, { type: string }> }; params: { data?: unknown } };

function cleanRow(attributes: Event['model']['attributes'], row: unknown): void {
  if (typeof row !== 'object' || row === null) return;
  const data = row as Record<string, unknown>;
  for (const [name, attribute] of Object.entries(attributes)) {
    const value = data[name];
    if (typeof value === 'string' && TEXT_TYPES.has(attribute.type)) data[name] = withoutUnsafeCharacters(value);
    else if (value !== null && value !== undefined && JSON_TYPES.has(attribute.type)) data[name] = withoutUnsafeCharactersDeep(value);
  }
}

/** The portal's own content types and components, and media: what readers and agencies see. */
function isPortalModel(uid: string): boolean {
  return uid.startsWith('api::') || uid === MEDIA || /^(shared|site)\./.test(uid);
}

/**
 * Strips bidi controls, line/paragraph separators and control characters from every text field on every
 * write, whatever the path (dashboard, REST, GraphQL, uploads, scripts): they are removed at the database
 * layer, where all of those meet. See lib/unsafe-text.ts for the list and why.
 */
export function cleanTextOnWrite(strapi: Core.Strapi): void {
  const clean = (event: Event) => {
    if (!isPortalModel(event.model.uid)) return;
    const { data } = event.params;
    for (const row of Array.isArray(data) ? data : [data]) cleanRow(event.model.attributes, row);
  };
  strapi.db.lifecycles.subscribe({
    beforeCreate: clean,
    beforeUpdate: clean,
    beforeCreateMany: clean,
    beforeUpdateMany: clean,
  });
}
