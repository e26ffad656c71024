import type { Core } from '@strapi/strapi';

type Metadatas = Record<string, { edit?: { editable?: boolean; description?: string } }>;

/**
 * Shows Article.views in the edit form as read-only with a hint: editors see the count, nobody types it.
 * The Content Manager keeps its layout in its own store, so this is applied at start rather than in the schema.
 */
export async function lockViewsInEditForm(strapi: Core.Strapi): Promise<void> {
  const contentTypes = strapi.plugin('content-manager').service('content-types');
  const contentType = contentTypes.findContentType('api::article.article');
  const configuration = await contentTypes.findConfiguration(contentType);
  const metadatas = configuration.metadatas as Metadatas;
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
