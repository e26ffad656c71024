/**
 * What a backup says it holds and a restore checks it got back: the same SQL on SQLite and PostgreSQL,
 * read from the database's own tables (Strapi 5 keeps a draft row and, once published, a published row per
 * document; the schedule is on the draft row; a document's views are the highest of its rows, as the
 * counters keep them: docs/counters.md).
 */
export const COUNT_NAMES = [
  'publishedArticles',
  'draftArticles',
  'authors',
  'categories',
  'files',
  'adminUsers',
  'adminRoles',
  'apiTokens',
  'scheduledArticles',
  'totalViews',
] as const;

export type CountName = (typeof COUNT_NAMES)[number];
export type Counts = Record<CountName, number>;

/** How the counts read in the printed table. */
export const COUNT_LABELS: Record<CountName, string> = {
  publishedArticles: 'articles published',
  draftArticles: 'articles not published',
  authors: 'authors',
  categories: 'categories',
  files: 'files (media library)',
  adminUsers: 'admin users',
  adminRoles: 'admin roles',
  apiTokens: 'API tokens',
  scheduledArticles: 'articles scheduled',
  totalViews: 'total views',
};

/** The tables the counts read: a database without them is not the CMS's. */
export const COUNTED_TABLES = ['articles', 'authors', 'categories', 'files', 'admin_users', 'admin_roles', 'strapi_api_tokens'];

/** One SQL query per count, each answering one number; `table` quotes a table name (and its schema). */
export function countQueries(table: (name: string) => string): Record<CountName, string> {
  const documents = (name: string, where = '') => `SELECT COUNT(DISTINCT document_id) FROM ${table(name)}${where}`;
  return {
    publishedArticles: documents('articles', ' WHERE published_at IS NOT NULL'),
    // Every document has a draft row; these are the ones that have no published row.
    draftArticles: `SELECT COUNT(*) FROM ${table('articles')} d WHERE d.published_at IS NULL AND NOT EXISTS (SELECT 1 FROM ${table('articles')} p WHERE p.document_id = d.document_id AND p.published_at IS NOT NULL)`,
    authors: documents('authors'),
    categories: documents('categories'),
    files: `SELECT COUNT(*) FROM ${table('files')}`,
    adminUsers: `SELECT COUNT(*) FROM ${table('admin_users')}`,
    adminRoles: `SELECT COUNT(*) FROM ${table('admin_roles')}`,
    apiTokens: `SELECT COUNT(*) FROM ${table('strapi_api_tokens')}`,
    scheduledArticles: `SELECT COUNT(*) FROM ${table('articles')} WHERE published_at IS NULL AND (scheduled_publish_at IS NOT NULL OR scheduled_unpublish_at IS NOT NULL)`,
    totalViews: `SELECT COALESCE(SUM(v), 0) FROM (SELECT MAX(views) AS v FROM ${table('articles')} GROUP BY document_id) per_document`,
  };
}

/** Runs every count with `one` (a query answering one number, which drivers may give as text or bigint). */
export async function readCounts(table: (name: string) => string, one: (sql: string) => unknown): Promise<Counts> {
  const counts = {} as Counts;
  for (const [name, sql] of Object.entries(countQueries(table)) as Array<[CountName, string]>) counts[name] = Number((await one(sql)) ?? 0);
  return counts;
}

/** The names whose values differ. */
export function countDifferences(expected: Counts, actual: Counts): CountName[] {
  return COUNT_NAMES.filter((name) => expected[name] !== actual[name]);
}

/** The counts as a table of text: the archive's next to the restored database's when both are given. */
export function formatCounts(archive: Counts, restored?: Counts): string {
  const width = Math.max(...COUNT_NAMES.map((name) => COUNT_LABELS[name].length));
  const header = restored ? `  ${''.padEnd(width)}  ${'archive'.padStart(10)}  ${'restored'.padStart(10)}` : '';
  const rows = COUNT_NAMES.map((name) => {
    const line = `  ${COUNT_LABELS[name].padEnd(width)}  ${String(archive[name]).padStart(10)}`;
    if (!restored) return line;
    return `${line}  ${String(restored[name]).padStart(10)}${restored[name] === archive[name] ? '' : '  ← differs'}`;
  });
  return [header, ...rows].filter(Boolean).join('\n');
}
