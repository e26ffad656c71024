import type { Core } from '@strapi/strapi';

type Metadatas = Record<string, { edit?: { editable?: boolean; description?: string }; list?: { label?: string; sortable?: boolean } }>;
/** An edit-view configuration of the Content Manager, as far as this file reads it. */
type Configuration = { settings: unknown; metadatas: Metadatas; layouts: { list?: string[] } & Record<string, unknown> };
/** The part of the Content Manager's `content-types` service used here. */
type ContentTypesService = {
  findContentType(uid: string): unknown;
  findConfiguration(contentType: unknown): Promise<Configuration>;
  updateConfiguration(contentType: unknown, configuration: Configuration): Promise<unknown>;
};

/**
 * Article.views in the dashboard: read-only with a hint in the edit form (editors see the count, nobody
 * types it), and a sortable "Lượt xem" column of the list, so that editors can order articles by readers.
 * The Content Manager keeps its layouts in its own store, so this is applied at start rather than in the
 * schema; an editor who later removes the column from the list keeps that choice (the column is added once).
 */
export async function lockViewsInEditForm(strapi: Core.Strapi): Promise<void> {
  const contentTypes = strapi.plugin('content-manager').service<ContentTypesService>('content-types');
  const contentType = contentTypes.findContentType('api::article.article');
  const configuration = await contentTypes.findConfiguration(contentType);
  const { metadatas, layouts } = configuration;
  const views = metadatas.views?.edit;
  let changed = false;
  if (views && views.editable !== false) {
    metadatas.views = { ...metadatas.views, edit: { ...views, editable: false, description: 'Đếm tự động theo lượt truy cập của bạn đọc' } };
    changed = true;
  }
  if (metadatas.views?.list?.label !== 'Lượt xem') {
    metadatas.views = { ...metadatas.views, list: { ...metadatas.views?.list, label: 'Lượt xem', sortable: true } };
    if (!(layouts.list ?? []).includes('views')) layouts.list = [...(layouts.list ?? []), 'views'];
    changed = true;
  }
  if (!changed) return;
  await contentTypes.updateConfiguration(contentType, { settings: configuration.settings, metadatas, layouts });
}
