import type { Knex } from 'knex';

/**
 * The counters' rows in the CMS's database (SQLite or PostgreSQL, through Strapi's own connection):
 * - `articles.views`: an article's count, the one editors see; incremented in place (`views = views + n`)
 *   on the draft and the published row alike, with no lifecycle, webhook or `updatedAt` change;
 * - `portal_visit_totals`: unique visitors per day (`d:2026-12-01`), week (`w:<monday>`), month (`m:2026-12`),
 *   and `all`, every day's visitors added up since the portal started;
 * - `portal_article_view_days`: an article's views per day, for "Đọc nhiều" (the most read of the last days).
 * The two tables are the portal's own, made at start when missing; Strapi leaves tables it did not make alone.
 */

export const TOTALS_TABLE = 'portal_visit_totals';
export const VIEW_DAYS_TABLE = 'portal_article_view_days';
const ARTICLES = 'articles';

export type Db = { connection: Knex; schema: string | undefined };

/**
 * What the counting needs of the database, as one object: read directly with Strapi's connection
 * (`directCounterDatabase`), or asked of the CMS's main thread by the counters' own thread (thread.ts).
 */
export type CounterDatabase = {
  publishedArticle(documentId: string): Promise<number | undefined>;
  readTotals(names: readonly string[]): Promise<Record<string, number>>;
  writeIncrements(increments: Readonly<Record<string, number>>): Promise<void>;
  mostRead(days: readonly string[], limit: number): Promise<MostRead[]>;
};

export function directCounterDatabase(db: Db): CounterDatabase {
  return {
    publishedArticle: (documentId) => publishedArticle(db, documentId),
    readTotals: (names) => readTotals(db, names),
    writeIncrements: (increments) => writeIncrements(db, increments),
    mostRead: (days, limit) => mostRead(db, days, limit),
  };
}

const table = (db: Db, trx: Knex | Knex.Transaction, name: string) => (db.schema ? trx(name).withSchema(db.schema) : trx(name));

export async function ensureCounterTables(db: Db): Promise<void> {
  const schema = () => (db.schema ? db.connection.schema.withSchema(db.schema) : db.connection.schema);
  if (!(await schema().hasTable(TOTALS_TABLE))) {
    await schema().createTable(TOTALS_TABLE, (t) => {
      t.string('period', 16).primary();
      t.bigInteger('visitors').notNullable().defaultTo(0);
    });
  }
  if (!(await schema().hasTable(VIEW_DAYS_TABLE))) {
    await schema().createTable(VIEW_DAYS_TABLE, (t) => {
      t.string('document_id', 64).notNullable();
      t.string('day', 10).notNullable();
      t.integer('views').notNullable().defaultTo(0);
      t.primary(['document_id', 'day']);
      t.index(['day'], `${VIEW_DAYS_TABLE}_day`);
    });
  }
}

/** The id of a published row of the article, or undefined when it has none (draft only, deleted, unknown). */
export async function publishedArticle(db: Db, documentId: string): Promise<number | undefined> {
  const row = (await table(db, db.connection, ARTICLES).select('id').where('document_id', documentId).whereNotNull('published_at').first()) as
    { id: number } | undefined;
  return row?.id;
}

/** The database's values of the totals named (names as in store.ts); absent ones are 0. */
export async function readTotals(db: Db, names: readonly string[]): Promise<Record<string, number>> {
  const values: Record<string, number> = Object.fromEntries(names.map((name) => [name, 0]));
  const articles = names.filter((name) => name.startsWith('a:')).map((name) => name.slice(2));
  const periods = names.filter((name) => !name.startsWith('a:'));
  if (articles.length > 0) {
    const rows: Array<{ document_id: string; views: number | string | null }> = await table(db, db.connection, ARTICLES)
      .select('document_id')
      .max({ views: 'views' })
      .whereIn('document_id', articles)
      .groupBy('document_id');
    for (const row of rows) values[`a:${row.document_id}`] = Number(row.views ?? 0);
  }
  if (periods.length > 0) {
    const rows = (await table(db, db.connection, TOTALS_TABLE).select('period', 'visitors').whereIn('period', periods)) as Array<{
      period: string;
      visitors: number | string;
    }>;
    for (const row of rows) values[row.period] = Number(row.visitors);
  }
  return values;
}

/**
 * Writes taken increments in one transaction: all of them or none (the caller then puts them back).
 * Names: `a:<documentId>` (views), `v:<documentId>:<day>` (views of a day), and period totals.
 */
export async function writeIncrements(db: Db, increments: Readonly<Record<string, number>>): Promise<void> {
  const entries = Object.entries(increments).filter(([, by]) => Number.isInteger(by) && by > 0);
  if (entries.length === 0) return;
  await db.connection.transaction(async (trx) => {
    for (const [name, by] of entries) {
      if (name.startsWith('a:')) {
        await table(db, trx, ARTICLES)
          .where('document_id', name.slice(2))
          .update({ views: trx.raw('COALESCE(??, 0) + ?', ['views', by]) });
      } else if (name.startsWith('v:')) {
        const [, documentId, day] = name.split(':');
        await table(db, trx, VIEW_DAYS_TABLE)
          .insert({ document_id: documentId, day, views: by })
          .onConflict(['document_id', 'day'])
          .merge({ views: trx.raw('?? + ?', [`${VIEW_DAYS_TABLE}.views`, by]) });
      } else {
        await table(db, trx, TOTALS_TABLE)
          .insert({ period: name, visitors: by })
          .onConflict(['period'])
          .merge({ visitors: trx.raw('?? + ?', [`${TOTALS_TABLE}.visitors`, by]) });
      }
    }
  });
}

export type MostRead = { documentId: string; title: string; slug: string; views: number };

/** The published articles most viewed over `days` (local day names), most first; ties by documentId. */
export async function mostRead(db: Db, days: readonly string[], limit: number): Promise<MostRead[]> {
  // Whether an article is published is asked of each of the days' rows (an index lookup), not as `IN (every
  // published article)`: SQLite made that list anew for each query, a third of a second at 100,000 articles,
  // on every build of the site (the home page's list).
  const published = table(db, db.connection, `${ARTICLES} as published`)
    .select(db.connection.raw('1'))
    .whereRaw('?? = ??', ['published.document_id', 'days.document_id'])
    .whereNotNull('published.published_at');
  const ranked = (await table(db, db.connection, `${VIEW_DAYS_TABLE} as days`)
    .select('days.document_id')
    .sum({ views: 'days.views' })
    .whereIn('days.day', days)
    .whereExists(published)
    .groupBy('days.document_id')
    .orderBy([
      { column: 'views', order: 'desc' },
      { column: 'days.document_id', order: 'asc' },
    ])
    .limit(limit)) as Array<{ document_id: string; views: number | string }>;
  if (ranked.length === 0) return [];
  const rows = (await table(db, db.connection, ARTICLES)
    .select('document_id', 'title', 'slug')
    .whereIn(
      'document_id',
      ranked.map((row) => row.document_id),
    )
    .whereNotNull('published_at')) as Array<{ document_id: string; title: string; slug: string }>;
  const byId = new Map(rows.map((row) => [row.document_id, row]));
  return ranked.flatMap((row) => {
    const article = byId.get(row.document_id);
    return article ? [{ documentId: row.document_id, title: article.title, slug: article.slug, views: Number(row.views) }] : [];
  });
}

/** Keeps an article's count equal on all its rows (after a publish copied an older draft value over it). */
export async function alignViews(trx: Knex | Knex.Transaction, schema: string | undefined, documentId: string): Promise<void> {
  const articles = schema ? `${schema}.${ARTICLES}` : ARTICLES;
  await trx.raw(`UPDATE ?? SET views = (SELECT MAX(a2.views) FROM ?? a2 WHERE a2.document_id = ?) WHERE document_id = ?`, [
    articles,
    articles,
    documentId,
    documentId,
  ]);
}
