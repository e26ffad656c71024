import type { Core } from '@strapi/strapi';
import { ARTICLE_LIST, LABELS, type FieldLabel } from './dashboard-labels';

const ARTICLE = 'api::article.article';
/** Raised when ARTICLE_LIST or the list settings change: the article list is then laid out again once. */
const LIST_LAYOUT_VERSION = 2;

type Metadata = {
  edit?: { editable?: boolean; label?: string; description?: string; mainField?: string };
  list?: { label?: string; sortable?: boolean; searchable?: boolean };
};
type Metadatas = Record<string, Metadata>;
/** A Content Manager view configuration, as far as this file reads it. */
type Configuration = { settings: Record<string, unknown>; metadatas: Metadatas; layouts: { list?: string[] } & Record<string, unknown> };
type Model = { uid: string; attributes: Record<string, unknown> };
/** The part of the Content Manager's `content-types` and `components` services used here. */
type ConfigurationService = {
  findConfiguration(model: Model): Promise<Configuration>;
  updateConfiguration(model: Model, configuration: Configuration): Promise<unknown>;
};
type ContentTypesService = ConfigurationService & { findContentType(uid: string): Model | undefined };
type ComponentsService = ConfigurationService & { findComponent(uid: string): Model | undefined };

/**
 * Writes `labels` into the metadatas of the fields the model has (label and description in the edit
 * form, label of the list column); returns whether anything changed. Fields the model lacks are skipped.
 */
export function applyLabels(metadatas: Metadatas, labels: Record<string, FieldLabel>, fields: string[]): boolean {
  let changed = false;
  for (const [field, { label, description }] of Object.entries(labels)) {
    const current = metadatas[field];
    if (!fields.includes(field) || !current) continue;
    if (current.edit?.label === label && current.edit?.description === description && current.list?.label === label) continue;
    metadatas[field] = { ...current, edit: { ...current.edit, label, description }, list: { ...current.list, label } };
    changed = true;
  }
  return changed;
}

/** Article.views is counted, never typed: read-only in the edit form, a sortable column ("Lượt xem"). */
function lockViews(metadatas: Metadatas): boolean {
  const views = metadatas.views;
  if (!views || (views.edit?.editable === false && views.list?.sortable === true)) return false;
  metadatas.views = { ...views, edit: { ...views.edit, editable: false }, list: { ...views.list, sortable: true } };
  return true;
}

/** The article list an editor scans (ARTICLE_LIST, the fields that exist), newest edits first; every column sortable. */
function layOutArticleList(configuration: Configuration, fields: string[]): void {
  const columns = ARTICLE_LIST.filter((field) => fields.includes(field) && configuration.metadatas[field]);
  configuration.layouts.list = columns;
  for (const column of columns) {
    const metadata = configuration.metadatas[column];
    configuration.metadatas[column] = { ...metadata, list: { ...metadata.list, sortable: true } };
  }
  configuration.settings = { ...configuration.settings, mainField: 'title', defaultSortBy: 'updatedAt', defaultSortOrder: 'DESC' };
}

/**
 * The dashboard in Vietnamese: every field of every content type and component labelled and described
 * (dashboard-labels.ts) at every start, Article.views locked, and the article list laid out. The Content
 * Manager keeps its layouts in its own store, so this is applied at start rather than in the schemas.
 * Labels are the code's at every start; the list layout is applied once per LIST_LAYOUT_VERSION, so an
 * editor who rearranges the columns in "Configure the view" keeps that choice until the next version.
 */
export async function configureDashboard(strapi: Core.Strapi): Promise<void> {
  const contentManager = strapi.plugin('content-manager');
  const contentTypes = contentManager.service<ContentTypesService>('content-types');
  const components = contentManager.service<ComponentsService>('components');
  const store = strapi.store({ type: 'plugin', name: 'portal', key: 'article-list-layout-version' });
  const layOutList = (await store.get()) !== LIST_LAYOUT_VERSION;
  for (const [uid, labels] of Object.entries(LABELS)) {
    const isComponent = uid in strapi.components;
    const service: ConfigurationService = isComponent ? components : contentTypes;
    const model = isComponent ? components.findComponent(uid) : contentTypes.findContentType(uid);
    if (!model) continue;
    const configuration = await service.findConfiguration(model);
    const fields = Object.keys(model.attributes);
    let changed = applyLabels(configuration.metadatas, labels, fields);
    if (uid === ARTICLE) {
      changed = lockViews(configuration.metadatas) || changed;
      if (layOutList) layOutArticleList(configuration, fields);
      changed ||= layOutList;
    }
    if (!changed) continue;
    const { settings, metadatas, layouts } = configuration;
    await service.updateConfiguration(model, { settings, metadatas, layouts });
  }
  if (layOutList) await store.set({ value: LIST_LAYOUT_VERSION });
}
