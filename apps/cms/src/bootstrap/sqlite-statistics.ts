import type { Core } from '@strapi/strapi';

/** How often a long-running CMS asks SQLite to refresh statistics that drifted (SQLite advises hours to a day). */
const OPTIMIZE_EVERY_MS = 6 * 60 * 60 * 1000;

let timer: NodeJS.Timeout | undefined;

/**
 * SQLite's planner chooses among indexes by statistics (sqlite_stat1) that only ANALYZE writes. Without them
 * it guesses, and on this schema it guesses wrong where it matters: `published_at IS NULL` (every draft row)
 * looks as selective as a document id, so the content manager's lookups by document (`document_id IN (…)
 * AND published_at IS NULL`) read every draft (~150 ms at 10,000 articles, the event loop blocked), and the
 * dashboard's list sorted by views passed its index by (~200 ms). With statistics: about 1 ms each.
 * PostgreSQL keeps statistics of its own (autovacuum's ANALYZE).
 *
 * At start: a full ANALYZE when the database has no statistics for articles yet (a first start, an import,
 * a restored backup; ~0.3 s at 10,000 articles), then `PRAGMA optimize`, which analyses again only the tables
 * that changed much since; the same every six hours while the CMS runs.
 */
export async function keepSqliteStatistics(strapi: Core.Strapi): Promise<void> {
  if (strapi.db.dialect.client !== 'sqlite') return;
  const knex = strapi.db.connection;
  const rows = async (sql: string): Promise<unknown[]> => (await knex.raw(sql)) as unknown[];
  const hasTable = (await rows("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_stat1'")).length > 0;
  const analysed = hasTable && (await rows("SELECT 1 FROM sqlite_stat1 WHERE tbl = 'articles' LIMIT 1")).length > 0;
  if (!analysed) await knex.raw('ANALYZE');
  await knex.raw('PRAGMA optimize');
  stopSqliteStatistics();
  timer = setInterval(() => {
    knex
      .raw('PRAGMA optimize')
      .catch((error: unknown) => strapi.log.warn(`PRAGMA optimize failed: ${error instanceof Error ? error.message : String(error)}`));
  }, OPTIMIZE_EVERY_MS);
  timer.unref();
}

export function stopSqliteStatistics(): void {
  if (timer) clearInterval(timer);
  timer = undefined;
}
