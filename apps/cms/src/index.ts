import type { Core } from '@strapi/strapi';
import { useVietnameseSlugsInDashboard } from './bootstrap/admin-slugs';
import { cleanTextOnWrite } from './bootstrap/clean-text';
import { closeUnofferedSurfaces } from './bootstrap/closed-surfaces';
import { lockViewsInEditForm } from './bootstrap/editor-layout';
import { ensureFirstAdmin } from './bootstrap/first-admin';
import { declareListIndexes } from './bootstrap/list-indexes';
import { enforcePublicPermissions } from './bootstrap/public-permissions';
import { registerPublishWebhook } from './bootstrap/publish-webhook';
import { seedDemoContent } from './bootstrap/seed';
import { registerSlugFilling } from './documents/fill-slugs';
import { registerPublishedOnly } from './documents/published-only';
import { registerReadOnlyViews } from './documents/read-only-views';
import { registerFilterValidation } from './documents/valid-filters';
import { registerBatchedRelations } from './graphql/batched-relations';
import { readPlainFieldsDirectly } from './graphql/plain-fields';

export default {
  /** Rules on every document write and read, whatever the path (REST, GraphQL, dashboard, code); how lists are read fast. */
  register({ strapi }: { strapi: Core.Strapi }) {
    registerPublishedOnly(strapi);
    registerFilterValidation(strapi);
    closeUnofferedSurfaces(strapi);
    registerSlugFilling(strapi);
    registerReadOnlyViews(strapi);
    declareListIndexes(strapi);
    // Before the GraphQL plugin's bootstrap, which builds the schema.
    readPlainFieldsDirectly(strapi);
  },

  /** Permissions, the first editor, dashboard tweaks, demo content on an empty database, the publisher's webhook. */
  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    cleanTextOnWrite(strapi);
    registerBatchedRelations(strapi);
    await enforcePublicPermissions(strapi);
    await ensureFirstAdmin(strapi);
    await lockViewsInEditForm(strapi);
    useVietnameseSlugsInDashboard(strapi);
    if (process.env.SEED_DEMO !== 'false') await seedDemoContent(strapi);
    // After seeding: the demo content's hundreds of creates are not news for the publisher.
    await registerPublishWebhook(strapi);
  },
};
