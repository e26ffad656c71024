/**
 * Adds N synthetic published articles for benchmarks: `pnpm --filter cms seed:bulk --articles 10000`.
 * Boots Strapi in-process (no HTTP) on the usual DATABASE_* environment, then writes rows in batched transactions
 * through knex (the document service needs ~0.3 s per article) in exactly the shape the document service writes,
 * names read from Strapi's metadata, so Strapi reads them back as its own documents.
 * Reads the repository's .env (DATABASE_* and the rest), like `pnpm start`.
 */
import '@portal/env/load';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Core } from '@strapi/strapi';
import { bodyBlocks } from '../src/bootstrap/seed/blocks';
import { loadDemoContent, type DemoArticle } from '../src/bootstrap/seed/data';
import { searchTextOf } from '../src/lib/search-text';
import { slugify } from '../src/lib/slug';

const APP_DIR = path.resolve(__dirname, '..');
const DIST_DIR = path.join(APP_DIR, 'dist');
const ARTICLE = 'api::article.article';
const MAX_ARTICLES = 200_000;
/** Documents per transaction: steady progress, and a failure rolls back one whole batch, never half a document. */
const BATCH = 1000;
/** Rows per INSERT: knex writes SQLite multi-row inserts as `select … union all select …`, capped at 500 terms. */
const CHUNK = 400;
const TWO_YEARS_MS = 730 * 24 * 60 * 60 * 1000;
const SECRETS = ['API_TOKEN_SALT', 'ADMIN_JWT_SECRET', 'TRANSFER_TOKEN_SALT', 'JWT_SECRET', 'ENCRYPTION_KEY'];

type Db = Core.Strapi['db']['connection'];
type Meta = ReturnType<Core.Strapi['db']['metadata']['get']>;
type Row = Record<string, string | number | Date | null>;
/** Row ids of one published document: Strapi 5 keeps a draft row and a published row per document. */
type Pair = { draft: number; published: number };
type Doc = Pair & { documentId: string; slug: string };
type VersionRow = { id: number | string; documentId: string; publishedAt: unknown };
type Link = { table: string; from: string; to: string; order?: string; inverseOrder?: string };
type Named = { name: string };
type Morph = Named & { joinColumn: Named; morphColumn: { idColumn: Named; typeColumn: Named } };

const seconds = (since: number) => ((Date.now() - since) / 1000).toFixed(1);
const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)];
const between = (low: number, high: number) => Math.ceil(low + Math.random() * (high - low));

/** Reads `--articles N`, or exits with status 2 when N is not a positive integer ≤ MAX_ARTICLES. */
function parseCount(argv: string[]): number {
  const usage = `--articles must be a positive integer ≤ ${MAX_ARTICLES}: pnpm --filter cms seed:bulk --articles 10000`;
  try {
    // pnpm passes a literal `--` through when one types `seed:bulk -- --articles N`.
    const args = argv.filter((arg) => arg !== '--');
    const { articles } = parseArgs({ args, options: { articles: { type: 'string' } } }).values;
    if (articles && /^\d+$/.test(articles) && +articles >= 1 && +articles <= MAX_ARTICLES) return +articles;
    console.error(`${usage} (got ${articles ?? 'nothing'})`);
  } catch (error) {
    console.error(`${(error as Error).message}\n${usage}`);
  }
  process.exit(2);
}

/** Compiles the app to dist/ when it is missing or older than a source: Strapi only loads compiled code. */
function compileIfStale(): void {
  const stamp = path.join(DIST_DIR, 'tsconfig.tsbuildinfo');
  const built = existsSync(path.join(DIST_DIR, 'src', 'index.js')) && existsSync(stamp) ? statSync(stamp).mtimeMs : 0;
  const sources = ['src', 'config', 'types']
    .filter((dir) => existsSync(path.join(APP_DIR, dir)))
    .flatMap((dir) => readdirSync(path.join(APP_DIR, dir), { recursive: true, encoding: 'utf8' }).map((file) => path.join(dir, file)));
  const newest = Math.max(...[...sources, 'tsconfig.json', '../../tsconfig.base.json'].map((file) => statSync(path.join(APP_DIR, file)).mtimeMs));
  if (newest <= built) return;
  try {
    const tsc = path.join(APP_DIR, 'node_modules', '.bin', 'tsc');
    execFileSync(tsc, ['-p', 'tsconfig.json'], { cwd: APP_DIR, stdio: 'inherit' });
  } catch (error) {
    // A type error elsewhere in the app should not block benchmarks when a build exists (noEmitOnError keeps it).
    if (!built) throw error;
    console.warn('tsc failed (see above): seeding through the existing dist/, which may be stale');
  }
}

/** Loads Strapi without serving HTTP; its secrets only need to exist for that, so missing ones are made up. */
async function boot(): Promise<Core.Strapi> {
  const secret = () => randomBytes(24).toString('base64');
  for (const key of SECRETS) process.env[key] ||= secret();
  process.env.APP_KEYS ||= `${secret()},${secret()}`;
  // SEED_DEMO=false: an empty database gets a clear message below rather than a silent 30 s demo seed.
  // No counters: nothing reads them here, and their port may be a running CMS's.
  Object.assign(process.env, { SEED_DEMO: 'false', SERVE_ADMIN_PANEL: 'false', STRAPI_TELEMETRY_DISABLED: 'true', COUNTER: 'off' });
  // Strapi's CommonJS build, as in tests/helpers/cms.ts: its ES module build does not load under Node's resolver.
  const load = createRequire(path.join(APP_DIR, 'package.json'));
  const { createStrapi } = load('@strapi/strapi') as typeof import('@strapi/strapi');
  const strapi = createStrapi({ appDir: APP_DIR, distDir: DIST_DIR });
  strapi.log.level = process.env.STRAPI_LOG_LEVEL ?? 'error';
  return strapi.load();
}

/** The database column of an attribute (`publishedAt` → `published_at`). */
function column(meta: Meta, name: string): string {
  const attribute = meta.attributes[name];
  return attribute && 'columnName' in attribute && attribute.columnName ? attribute.columnName : name;
}

/** The link table behind a relation, with the order columns Strapi maintains in it. */
function linkTable(meta: Meta, name: string): Link {
  const attribute = meta.attributes[name];
  const table = attribute && 'joinTable' in attribute ? attribute.joinTable : undefined;
  if (!table || !('inverseJoinColumn' in table)) throw new Error(`${meta.uid}.${name} has no link table`);
  const { orderColumnName: order, inverseOrderColumnName: inverseOrder } = table;
  return { table: table.name, from: table.joinColumn.name, to: table.inverseJoinColumn.name, order, inverseOrder };
}

/** Published documents of a content type, each with its published row and the draft row of the same document. */
async function publishedDocs(db: Db, meta: Meta): Promise<Doc[]> {
  const [documentId, slug, publishedAt] = ['documentId', 'slug', 'publishedAt'].map((name) => column(meta, name));
  const rows: Doc[] = await db({ p: meta.tableName })
    .join({ d: meta.tableName }, `d.${documentId}`, `p.${documentId}`)
    .whereNotNull(`p.${publishedAt}`)
    .whereNull(`d.${publishedAt}`)
    .select({ documentId: `p.${documentId}`, slug: `p.${slug}`, draft: 'd.id', published: 'p.id' });
  return rows.map((row) => ({ ...row, draft: Number(row.draft), published: Number(row.published) }));
}

/** Where each target's inverse list ends (an author's articles), so new links are appended as Strapi appends them. */
async function inverseEnds(db: Db, link: Link): Promise<Map<number, number>> {
  if (!link.inverseOrder) return new Map();
  const rows: Array<{ to: number; end: number }> = await db(link.table).select({ to: link.to }).max({ end: link.inverseOrder }).groupBy(link.to);
  return new Map(rows.map(({ to, end }) => [Number(to), Number(end)]));
}

/** Link rows from one article row to its targets, with Strapi's 1-based order and inverse order. */
function links(link: Link, from: number, targets: number[], ends: Map<number, number> = new Map()): Row[] {
  return targets.map((to, index) => {
    ends.set(to, (ends.get(to) ?? 0) + 1);
    const row: Row = { [link.from]: from, [link.to]: to };
    if (link.order) row[link.order] = index + 1;
    if (link.inverseOrder) row[link.inverseOrder] = ends.get(to)!;
    return row;
  });
}

/** Inserts rows CHUNK at a time; returns the `returning` columns of every row (RETURNING works on both dialects). */
async function insert<T>(db: Db, table: string, rows: Row[], returning: string[] = []): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < rows.length; i += CHUNK) {
    const query = db(table).insert(rows.slice(i, i + CHUNK));
    if (returning.length) out.push(...((await query.returning(returning)) as T[]));
    else await query;
  }
  return out;
}

/** A 24-character lower-case id like Strapi's cuid2 document ids (which start with a letter). */
function newDocumentId(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  return Array.from(randomBytes(24), (byte, i) => alphabet[byte % (i === 0 ? 26 : 36)]).join('');
}

/** A Vietnamese-looking article: the start of one demo title and the end of another, shuffled demo paragraphs. */
function compose(pool: DemoArticle[], paragraphs: string[]) {
  const [first, second] = [pick(pool), pick(pool)];
  const [head, tail] = [first.title.split(' '), second.title.split(' ')];
  const cut = (words: string[]) => between(words.length / 3, words.length / 1.5);
  const title = [...head.slice(0, cut(head)), ...tail.slice(cut(tail))];
  // An unbiased shuffle: sort by random keys.
  const shuffled = paragraphs.map((text) => ({ text, key: Math.random() })).sort((a, b) => a.key - b.key);
  const body = bodyBlocks(
    shuffled.slice(0, between(4, 8)).map(({ text }) => text),
    [],
  );
  return { title: title.join(' ').slice(0, 250), lead: first.lead, source: first.source, body: JSON.stringify(body) };
}

/** Writes `count` published articles in batched transactions; returns how many published articles exist after. */
async function seedBulk(strapi: Core.Strapi, count: number, started: number): Promise<number> {
  const db = strapi.db.connection;
  const meta = strapi.db.metadata.get(ARTICLE);
  const col = (name: string) => column(meta, name);
  const authors = await publishedDocs(db, strapi.db.metadata.get('api::author.author'));
  const categories = await publishedDocs(db, strapi.db.metadata.get('api::category.category'));
  if (!authors.length || !categories.length) {
    throw new Error('No published authors or categories: run `pnpm start` once to seed the demo content first');
  }
  const authorLink = linkTable(meta, 'author');
  const categoryLink = linkTable(meta, 'category');
  const relatedLink = linkTable(meta, 'relatedArticles');
  const [authorEnds, categoryEnds] = [await inverseEnds(db, authorLink), await inverseEnds(db, categoryLink)];
  // Media hang off a polymorphic table (file_id, related_id, related_type, field, order); prefer demo covers.
  const cover = meta.attributes.cover as { target: string; morphBy: string };
  const files = strapi.db.metadata.get(cover.target);
  const morph = (files.attributes[cover.morphBy] as { joinTable: Morph }).joinTable;
  const { joinColumn, morphColumn } = morph;
  const [fileCol, idCol, typeCol] = [joinColumn.name, morphColumn.idColumn.name, morphColumn.typeColumn.name];
  const asCover = { [typeCol]: ARTICLE, field: 'cover' };
  const used = (await db(morph.name).distinct(fileCol).where(asCover).pluck(fileCol)) as number[];
  const images = (await db(files.tableName).where(column(files, 'mime'), 'like', 'image/%').pluck('id')) as number[];
  const covers = used.length ? used : images;

  // Texts from the demo articles of the same category, so a generated "kinh-te" article reads like one.
  const demo = (await loadDemoContent(APP_DIR)).articles;
  const texts = new Map(
    categories.map((category) => {
      const own = demo.filter((article) => article.category === category.slug);
      const pool = own.length ? own : demo;
      return [category.documentId, { pool, paragraphs: pool.flatMap((article) => article.paragraphs) }];
    }),
  );
  const takenSlugs = new Set<string>(await db(meta.tableName).pluck(col('slug')));
  const nextSuffix = new Map<string, number>();
  const generated = new Map<string, Pair[]>(categories.map((category) => [category.documentId, []]));
  // Dates ascending, so "other news" always points to older articles, as in the demo seed.
  const now = Date.now();
  const dates = Array.from({ length: count }, () => now - Math.floor(Math.random() * TWO_YEARS_MS));
  dates.sort((a, b) => a - b);

  for (let start = 0; start < count; start += BATCH) {
    const plans = dates.slice(start, start + BATCH).map((time) => {
      const category = pick(categories);
      const { pool, paragraphs } = texts.get(category.documentId)!;
      const text = compose(pool, paragraphs);
      const base = slugify(text.title);
      let suffix = nextSuffix.get(base) ?? 2;
      while (takenSlugs.has(`${base}-${suffix}`)) suffix++;
      nextSuffix.set(base, suffix + 1);
      takenSlugs.add(`${base}-${suffix}`);
      const [views, coverId] = [Math.floor(Math.random() * 5001), covers.length ? pick(covers) : undefined];
      const extra = { documentId: newDocumentId(), date: new Date(time), author: pick(authors), views, coverId };
      return { ...text, ...extra, slug: `${base}-${suffix}`, category };
    });
    await db.transaction(async (trx) => {
      // The draft row (published_at NULL) and the published row are equal but for published_at; locale is NULL
      // because articles are not localized, and created_by/updated_by stay NULL as for content written by code.
      const rows = plans.flatMap((p) =>
        [null, p.date].map((publishedAt): Row => ({
          [col('documentId')]: p.documentId,
          [col('title')]: p.title,
          [col('slug')]: p.slug,
          [col('lead')]: p.lead,
          // What the CMS's database lifecycle would store; knex writes bypass it (see bootstrap/search-text.ts).
          [col('searchText')]: searchTextOf(p.title, p.lead),
          [col('source')]: p.source,
          [col('body')]: p.body,
          [col('views')]: p.views,
          [col('createdAt')]: p.date,
          [col('updatedAt')]: p.date,
          [col('publishedAt')]: publishedAt,
          [col('locale')]: null,
        })),
      );
      const returning = ['id', `${col('documentId')} as documentId`, `${col('publishedAt')} as publishedAt`];
      const ids = new Map<string, Partial<Pair>>();
      for (const { id, documentId, publishedAt } of await insert<VersionRow>(trx, meta.tableName, rows, returning)) {
        ids.set(documentId, { ...ids.get(documentId), [publishedAt === null ? 'draft' : 'published']: Number(id) });
      }
      const out = { author: [] as Row[], category: [] as Row[], related: [] as Row[], cover: [] as Row[] };
      for (const plan of plans) {
        const self = ids.get(plan.documentId) as Pair; // both of its rows were just inserted
        const sameCategory = generated.get(plan.category.documentId)!;
        const related = new Set<Pair>();
        for (let n = Math.floor(Math.random() * 4); n > 0 && sameCategory.length; n--) related.add(pick(sameCategory));
        // Draft rows link to draft rows and published rows to published rows, as publishing does.
        for (const version of ['draft', 'published'] as const) {
          out.author.push(...links(authorLink, self[version], [plan.author[version]], authorEnds));
          out.category.push(...links(categoryLink, self[version], [plan.category[version]], categoryEnds));
          out.related.push(
            ...links(
              relatedLink,
              self[version],
              [...related].map((target) => target[version]),
            ),
          );
          if (plan.coverId === undefined) continue;
          out.cover.push({ ...asCover, [fileCol]: plan.coverId, [idCol]: self[version], order: 1 });
        }
        sameCategory.push(self);
      }
      await insert(trx, authorLink.table, out.author);
      await insert(trx, categoryLink.table, out.category);
      await insert(trx, relatedLink.table, out.related);
      await insert(trx, morph.name, out.cover);
    });
    console.log(`  ${Math.min(start + BATCH, count)}/${count} articles (${seconds(started)} s)`);
  }
  return strapi.documents(ARTICLE).count({ status: 'published' });
}

async function main(): Promise<void> {
  const started = Date.now();
  const count = parseCount(process.argv.slice(2));
  compileIfStale();
  const strapi = await boot();
  try {
    console.log(`Strapi loaded (${strapi.db.dialect.client}) in ${seconds(started)} s; adding ${count} articles…`);
    const total = await seedBulk(strapi, count, started);
    console.log(`Added ${count} articles in ${seconds(started)} s (total published now: ${total})`);
  } finally {
    await strapi.destroy();
  }
}

// Strapi leaves timers behind even after destroy(): end the process explicitly. Expected failures (an empty
// database, an unreachable server) read best as one line; STRAPI_LOG_LEVEL=debug shows the stack.
main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(process.env.STRAPI_LOG_LEVEL === 'debug' || !(error instanceof Error) ? error : error.message);
    process.exit(1);
  },
);
