import type { Core } from '@strapi/strapi';
import { ARTICLE, SCHEDULE_FIELDS, SCHEDULE_LABELS } from '../schedule/fields';

type Metadata = { edit?: Record<string, unknown>; list?: Record<string, unknown> };
type Configuration = { settings: unknown; metadatas: Record<string, Metadata>; layouts: { list?: string[] } & Record<string, unknown> };
type ContentTypesService = {
  findContentType(uid: string): unknown;
  findConfiguration(contentType: unknown): Promise<Configuration>;
  updateConfiguration(contentType: unknown, configuration: Configuration): Promise<unknown>;
};

const HINT = 'Giờ theo trình duyệt của bạn (Asia/Ho_Chi_Minh trên máy ở Việt Nam). Để trống: không hẹn.';

/**
 * The schedule fields in the dashboard: their Vietnamese labels and a hint on the time zone in the edit form,
 * and two columns at the end of the article list. Applied once: an editor who removes a column keeps that choice.
 */
export async function showScheduleInDashboard(strapi: Core.Strapi): Promise<void> {
  const contentTypes = strapi.plugin('content-manager').service<ContentTypesService>('content-types');
  const contentType = contentTypes.findContentType(ARTICLE);
  const configuration = await contentTypes.findConfiguration(contentType);
  const { metadatas, layouts } = configuration;
  let changed = false;
  for (const kind of ['publish', 'unpublish'] as const) {
    const field = SCHEDULE_FIELDS[kind];
    const label = SCHEDULE_LABELS[kind];
    const metadata = metadatas[field] ?? {};
    if (metadata.list?.label === label) continue;
    metadatas[field] = { ...metadata, edit: { ...metadata.edit, label, description: HINT }, list: { ...metadata.list, label, sortable: true } };
    if (!(layouts.list ?? []).includes(field)) layouts.list = [...(layouts.list ?? []), field];
    changed = true;
  }
  if (changed) await contentTypes.updateConfiguration(contentType, { settings: configuration.settings, metadatas, layouts });
}
