import type { Core } from '@strapi/strapi';
import { stripFromRestOutput } from '../lib/hidden-fields';
import { SEARCH_TEXT_VERSION, searchTextOf } from '../lib/search-text';

const ARTICLE = 'api::article.article';
/** A write that names one of these changes what searchText must hold (or tries to set it directly). */
const TEXT_FIELDS = ['title', 'lead', 'searchText'];
/** Rows read and rewritten at a time by the backfill. */
const BATCH_SIZE = 500;

type Data = Record<string, unknown>;
type Row = { id: number; title?: string | null; lead?: string | null; searchText?: string | null };
type Event = { params: { data?: unknown; where?: unknown }; state: Record<string, unknown> };
/** The parts of the GraphQL plugin's extension service used here. */
type ShadowCrud = { shadowCRUD(uid: string): { field(name: string): { disableOutput(): void } } };

const isData = (value: unknown): value is Data => typeof value === 'object' && value !== null && !Array.isArray(value);
const touchesText = (data: Data) => TEXT_FIELDS.some((field) => field in data);

/** Sets data.searchText from the title and lead the row will have once `data` is written over `current`. */
function fill(data: Data, current?: Row | null): void {
  data.searchText = searchTextOf('title' in data ? data.title : current?.title, 'lead' in data ? data.lead : current?.lead);
}

/**
 * Keeps Article.searchText equal to the folded title and lead of its own row on every write, whatever the
 * path (dashboard, REST, GraphQL, publishing, scripts), at the database layer where all of them meet. A
 * value sent for searchText itself is always replaced. Each row (draft or published version) folds its own
 * text, so a search of published articles never matches words that only an unpublished draft has.
 */
export function maintainSearchText(strapi: Core.Strapi): void {
  const articles = () => strapi.db.query(ARTICLE);
  strapi.db.lifecycles.subscribe({
    models: [ARTICLE],
    beforeCreate(event: Event) {
      if (isData(event.params.data)) fill(event.params.data);
    },
    beforeCreateMany(event: Event) {
      const rows: unknown[] = Array.isArray(event.params.data) ? event.params.data : [event.params.data];
      for (const row of rows) if (isData(row)) fill(row);
    },
    async beforeUpdate(event: Event) {
      const { data, where } = event.params;
      if (!isData(data) || !touchesText(data)) return;
      // A partial write (the dashboard saving only the lead, a script renaming) needs the other field as stored.
      const current = 'title' in data && 'lead' in data ? null : ((await articles().findOne({ where, select: ['title', 'lead'] })) as Row | null);
      fill(data, current);
    },
    async beforeUpdateMany(event: Event) {
      const { data, where } = event.params;
      if (!isData(data) || !touchesText(data)) return;
      if ('title' in data && 'lead' in data) {
        fill(data);
        return;
      }
      // The rows differ in the field not written: each is recomputed from its own text once written.
      data.searchText = null;
      const rows = (await articles().findMany({ where, select: ['id'] })) as Row[];
      event.state.ids = rows.map((row) => row.id);
    },
    async afterUpdateMany(event: Event) {
      const ids = event.state.ids;
      if (!Array.isArray(ids)) return;
      // beforeUpdate above computes the value from the row's stored title and lead.
      for (const id of ids as number[]) await articles().update({ where: { id }, data: { searchText: null } });
    },
  });
}

/**
 * Fills searchText where it is missing (articles written before the field existed), or everywhere when the
 * folding changed (SEARCH_TEXT_VERSION), in batches. It writes the column directly: a backfill is not an
 * edit, so neither updatedAt nor any lifecycle or webhook should see it. Returns the rows rewritten.
 */
export async function backfillSearchText(strapi: Core.Strapi): Promise<number> {
  const store = strapi.store({ type: 'plugin', name: 'portal', key: 'search-text-version' });
  const everyRow = (await store.get()) !== SEARCH_TEXT_VERSION;
  const metadata = strapi.db.metadata.get(ARTICLE) as { tableName: string; attributes: Record<string, { columnName?: string }> };
  const column = metadata.attributes.searchText?.columnName;
  if (!column) throw new Error('Article.searchText has no database column: the content type and this code disagree');
  let lastId = 0;
  let rewritten = 0;
  for (;;) {
    const rows = (await strapi.db.query(ARTICLE).findMany({
      select: ['id', 'title', 'lead', 'searchText'],
      where: { id: { $gt: lastId }, ...(everyRow ? {} : { searchText: { $null: true } }) },
      orderBy: { id: 'asc' },
      limit: BATCH_SIZE,
    })) as Row[];
    if (rows.length === 0) break;
    const stale = rows
      .map((row) => ({ id: row.id, text: searchTextOf(row.title, row.lead), stored: row.searchText }))
      .filter((row) => row.text !== row.stored);
    if (stale.length > 0) {
      await strapi.db.connection.transaction(async (trx) => {
        for (const row of stale)
          await trx(metadata.tableName)
            .where({ id: row.id })
            .update({ [column]: row.text });
      });
    }
    rewritten += stale.length;
    lastId = rows[rows.length - 1].id;
  }
  if (everyRow) await store.set({ value: SEARCH_TEXT_VERSION });
  if (rewritten > 0) strapi.log.info(`Article search text filled for ${rewritten} rows`);
  return rewritten;
}

/**
 * searchText is for filtering only: GraphQL's Article type does not have it, and REST responses, populated
 * relations included, leave it out. Its shape (folded words on two lines) is not part of the API.
 */
export function hideSearchTextFromOutput(strapi: Core.Strapi): void {
  const extensions = strapi.plugin('graphql')?.service('extension') as ShadowCrud | undefined;
  extensions?.shadowCRUD(ARTICLE).field('searchText').disableOutput();
  stripFromRestOutput(strapi, ARTICLE, ['searchText']);
}
