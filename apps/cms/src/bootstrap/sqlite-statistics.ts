import type { Core } from '@strapi/strapi';

/** How often a long-running CMS checks that SQLite's statistics still describe the tables. */
const CHECK_EVERY_MS = 60 * 60 * 1000;

let timer: NodeJS.Timeout | undefined;

/**
 * SQLite's planner chooses among indexes by statistics (sqlite_stat1) that only ANALYZE writes. Without them
 * it guesses, and on this schema it guesses wrong where it matters: `published_at IS NULL` (every draft row)
 * looks as selective as a document id, so the content manager's lookups by document (`document_id IN (…)
 * AND published_at IS NULL`) read every draft (~150 ms at 10,000 articles, the event loop blocked), and the
 * dashboard's list sorted by views passed its index by (~200 ms). With statistics: about 1 ms each.
 * Statistics of a smaller table mislead it as much: a database analysed with the demo's 64 articles, then
 * filled with 10,000 (an import, a restored backup), read bulk pages ~40 % slower.
 *
 * So, at start and every hour: a full ANALYZE when the statistics have no row count for articles or one off by
 * more than half (~0.3 s at 10,000 articles), then `PRAGMA optimize` for the other tables. PostgreSQL keeps
 * statistics of its own (autovacuum's ANALYZE).
 */
export async function keepSqliteStatistics(strapi: Core.Strapi): Promise<void> {
  if (strapi.db.dialect.client !== 'sqlite') return;
  const knex = strapi.db.connection;
  const refresh = async () => {
    const hasTable = (await knex.raw<unknown[]>("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_stat1'")).length > 0;
    const stat = hasTable
      ? (await knex.raw<Array<{ stat: string }>>("SELECT stat FROM sqlite_stat1 WHERE tbl = 'articles' LIMIT 1"))[0]?.stat
      : undefined;
    const recorded = Number(stat?.split(' ')[0]);
    const [{ rows }] = await knex.raw<Array<{ rows: number }>>('SELECT count(*) AS rows FROM articles');
    if (!(recorded > 0) || rows > recorded * 2 || rows * 2 < recorded) await knex.raw('ANALYZE');
    await knex.raw('PRAGMA optimize');
  };
  await refresh();
  stopSqliteStatistics();
  timer = setInterval(() => {
    refresh().catch((error: unknown) =>
      strapi.log.warn(`SQLite statistics not refreshed: ${error instanceof Error ? error.message : String(error)}`),
    );
  }, CHECK_EVERY_MS);
  timer.unref();
}

export function stopSqliteStatistics(): void {
  if (timer) clearInterval(timer);
  timer = undefined;
}
