import type { Core } from '@strapi/strapi';

type Metadatas = Record<string, { edit?: { editable?: boolean; description?: string } }>;
/** An edit-view configuration of the Content Manager, as far as this file reads it. */
type Configuration = { settings: unknown; metadatas: Metadatas; layouts: unknown };
/** The part of the Content Manager's `content-types` service used here. */
type ContentTypesService = {
  findContentType(uid: string): unknown;
  findConfiguration(contentType: unknown): Promise<Configuration>;
  updateConfiguration(contentType: unknown, configuration: Configuration): Promise<unknown>;
};

/**
 * Shows Article.views in the edit form as read-only with a hint: editors see the count, nobody types it.
 * The Content Manager keeps its layout in its own store, so this is applied at start rather than in the schema.
 */
export async function lockViewsInEditForm(strapi: Core.Strapi): Promise<void> {
  const contentTypes = strapi.plugin('content-manager').service<ContentTypesService>('content-types');
  const contentType = contentTypes.findContentType('api::article.article');
  const configuration = await contentTypes.findConfiguration(contentType);
  const metadatas = configuration.metadatas;
  const views = metadatas.views?.edit;
  if (!views || views.editable === false) return;
  metadatas.views = {
    ...metadatas.views,
    edit: { ...views, editable: false, description: 'Đếm tự động theo lượt truy cập của bạn đọc' },
  };
  await contentTypes.updateConfiguration(contentType, {
    settings: configuration.settings,
    metadatas,
    layouts: configuration.layouts,
  });
}
