import type { Core } from '@strapi/strapi';
import { useVietnameseSlugsInDashboard } from './bootstrap/admin-slugs';
import { invalidateCacheOnChange } from './bootstrap/cache-invalidation';
import { cleanTextOnWrite } from './bootstrap/clean-text';
import { closeUnofferedSurfaces } from './bootstrap/closed-surfaces';
import { speakVietnameseToNewEditors } from './bootstrap/admin-language';
import { configureDashboard } from './bootstrap/editor-layout';
import { checkReviewFieldsFirst } from './bootstrap/editor-refusals';
import { enforceEditorRoles } from './bootstrap/editor-roles';
import { ensureFirstAdmin } from './bootstrap/first-admin';
import { declareListIndexes } from './bootstrap/list-indexes';
import { enforcePublicPermissions } from './bootstrap/public-permissions';
import { keepSqliteStatistics, stopSqliteStatistics } from './bootstrap/sqlite-statistics';
import { ensurePublisherToken } from './bootstrap/publisher-token';
import { registerPublishWebhook } from './bootstrap/publish-webhook';
import { backfillSearchText, hideSearchTextFromOutput, maintainSearchText } from './bootstrap/search-text';
import { seedDemoContent } from './bootstrap/seed';
import { registerSlugFilling } from './documents/fill-slugs';
import { registerArticleFilters } from './documents/article-filters';
import { registerPublishedOnly } from './documents/published-only';
import { keepViewsOnPublish } from './documents/keep-views';
import { registerReadOnlyViews } from './documents/read-only-views';
import { backfillPublishedDate, registerReviewRules } from './documents/review-rules';
import { registerFilterValidation } from './documents/valid-filters';
import { startCounters, stopCounters } from './lib/counters';
import { closeResponseCache } from './lib/response-cache';
import { ensureAuditTable } from './audit/trail';
import { recordAuditTrail } from './audit/record';
import { registerAuditRoutes } from './audit/routes';
import { registerPreviewRoutes } from './preview/routes';
import { previewSettings } from './preview/settings';
import { registerScheduleValidation, startScheduler, stopScheduler } from './schedule';
import { hideScheduleFromApi } from './schedule/hidden';
import { registerBatchedRelations } from './graphql/batched-relations';
import { registerMostReadQuery } from './graphql/most-read';
import { readPlainFieldsDirectly } from './graphql/plain-fields';
import { resolveRelationsInBatches } from './graphql/relation-resolvers';
import { readOnlySelectedColumns } from './graphql/root-columns';
import { afterSchemaBuild } from './graphql/schema-hook';

export default {
  /** Rules on every document write and read, whatever the path (REST, GraphQL, dashboard, code); how lists are read fast. */
  register({ strapi }: { strapi: Core.Strapi }) {
    registerPublishedOnly(strapi);
    registerFilterValidation(strapi);
    // After the checks above: they see the filters as the caller sent them.
    registerArticleFilters(strapi);
    hideSearchTextFromOutput(strapi);
    closeUnofferedSurfaces(strapi);
    registerSlugFilling(strapi);
    registerReadOnlyViews(strapi);
    registerReviewRules(strapi);
    checkReviewFieldsFirst(strapi);
    keepViewsOnPublish(strapi);
    declareListIndexes(strapi);
    // Before the GraphQL plugin's bootstrap, which builds the schema.
    afterSchemaBuild(strapi, readPlainFieldsDirectly, resolveRelationsInBatches(strapi), readOnlySelectedColumns);
    registerMostReadQuery(strapi);
    registerScheduleValidation(strapi);
    hideScheduleFromApi(strapi);
    // The audit trail's record is written in the transaction of the write it describes.
    recordAuditTrail(strapi);
    registerAuditRoutes(strapi);
    // The publisher's way to one document's draft for the editors' preview (docs/preview.md).
    registerPreviewRoutes(strapi, previewSettings());
  },

  /** The audit trail's table, search text, permissions, the editors' roles, the first editor, the publisher's API token, dashboard tweaks, demo content on an empty database, SQLite's statistics, the publisher's webhook, the scheduler. */
  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    // Before any write: each one is recorded there.
    await ensureAuditTable(strapi);
    cleanTextOnWrite(strapi);
    invalidateCacheOnChange(strapi);
    // After cleanTextOnWrite, so that the search text is folded from the cleaned title and lead.
    maintainSearchText(strapi);
    await backfillSearchText(strapi);
    registerBatchedRelations(strapi);
    await enforcePublicPermissions(strapi);
    await enforceEditorRoles(strapi);
    speakVietnameseToNewEditors(strapi);
    await ensureFirstAdmin(strapi);
    await ensurePublisherToken(strapi);
    await configureDashboard(strapi);
    useVietnameseSlugsInDashboard(strapi);
    // Before seeding, which writes the demo's views of the last days into the counters' tables.
    await startCounters(strapi);
    if (process.env.SEED_DEMO !== 'false') await seedDemoContent(strapi);
    await backfillPublishedDate(strapi);
    // After seeding and backfills, so that a first start analyses the tables as they will be read.
    await keepSqliteStatistics(strapi);
    // After seeding: the demo content's hundreds of creates are not news for the publisher.
    await registerPublishWebhook(strapi);
    // After the webhook: a schedule missed while the CMS was down is caught up now, and the site follows.
    startScheduler(strapi);
  },

  /** The scheduler's run in flight finished; pending counts written; connections that must not keep the process alive closed. */
  async destroy() {
    stopSqliteStatistics();
    await stopScheduler();
    // First: the counters write what readers' hits left pending while the database is still open.
    await stopCounters();
    await closeResponseCache();
  },
};
