import type { Core } from '@strapi/strapi';

/** An index as Strapi's database layer declares one: plain column names, created and kept by its schema sync. */
type ModelIndex = { name: string; columns: string[]; type?: 'unique' };

/**
 * Indexes for the orders whole collections are read in. The site, the publisher and agencies page through
 * every article newest first (`publishedAt:desc`, REST and GraphQL alike); without an index on published_at
 * each page sorted every row of the table, body included: ~150 ms a page at 10,000 articles on SQLite, most
 * of the time of a full read. With it the database walks the index (SQLite and PostgreSQL both read an
 * ascending index backwards) and sorts only rows published in the same millisecond by the tie-breakers.
 *
 * Declared on the model in `register`, before Strapi turns content types into database models, so that its
 * schema sync creates the index on a new database, adds it to an existing one and drops it if it is removed here.
 */
const LIST_INDEXES: Record<string, ModelIndex[]> = {
  'api::article.article': [{ name: 'articles_published_at_idx', columns: ['published_at'] }],
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
