import type { Core } from '@strapi/strapi';

/** An index as Strapi's database layer declares one: plain column names, created and kept by its schema sync. */
type ModelIndex = { name: string; columns: string[]; type?: 'unique' };

/**
 * Indexes for the orders whole collections are read in, and for the queries that run all the time.
 *
 * - published_at: the site, the publisher and agencies page through every article newest first
 *   (`publishedAt:desc`, REST and GraphQL alike). With the tie-breaker in the same direction (`id:desc`, as
 *   the client sends and docs/api.md advises) the database reads each page straight from the index (SQLite
 *   and PostgreSQL both walk an ascending index backwards), and page 100 costs what page 1 does. Without it,
 *   or with a tie-breaker in the other direction, each page sorted every published row, body included:
 *   ~50–150 ms a page at 10,000 articles on SQLite, most of the time of a full read.
 * - (published_at, scheduled_publish_at) and (published_at, scheduled_unpublish_at): the scheduler's poll,
 *   drafts whose time has come, every SCHEDULE_POLL_MS on every instance; without them a scan of the table
 *   (~50–100 ms at 10,000 articles, the event loop blocked on SQLite).
 * - (published_at, updated_at) and (published_at, views): the dashboard's article list (the draft rows),
 *   newest edits first by default and sorted by views when editors look for what is read; without them
 *   each list page sorted every draft, body included (~200 ms at 10,000 articles).
 *
 * Declared on the model in `register`, before Strapi turns content types into database models, so that its
 * schema sync creates the index on a new database, adds it to an existing one and drops it if it is removed
 * here. SQLite's planner also needs statistics to prefer them (sqlite-statistics.ts).
 */
const LIST_INDEXES: Record<string, ModelIndex[]> = {
  'api::article.article': [
    { name: 'articles_published_at_idx', columns: ['published_at'] },
    { name: 'articles_scheduled_publish_idx', columns: ['published_at', 'scheduled_publish_at'] },
    { name: 'articles_scheduled_unpublish_idx', columns: ['published_at', 'scheduled_unpublish_at'] },
    { name: 'articles_list_updated_idx', columns: ['published_at', 'updated_at'] },
    { name: 'articles_list_views_idx', columns: ['published_at', 'views'] },
  ],
};

export function declareListIndexes(strapi: Core.Strapi): void {
  for (const [uid, indexes] of Object.entries(LIST_INDEXES)) {
    // Strapi copies a content type's `indexes` into its database model (transformContentTypesToModels);
    // its public types do not list the key.
    const contentType = strapi.contentTypes[uid as keyof typeof strapi.contentTypes] as { indexes?: ModelIndex[] } | undefined;
    if (!contentType) throw new Error(`No content type ${uid} to index`);
    const present = new Set((contentType.indexes ?? []).map((index) => index.name));
    contentType.indexes = [...(contentType.indexes ?? []), ...indexes.filter((index) => !present.has(index.name))];
  }
}
