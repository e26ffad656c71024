import type { Core, UID } from '@strapi/strapi';
import { bodyBlocks } from './blocks';
import { loadDemoContent, type DemoArticle, type DemoContent } from './data';
import { uploadDrawnImage } from './images';
import { counterDb, lastDays, periodsAt } from '../../lib/counters';
import { writeIncrements } from '../../lib/counters/database';

const ARTICLE = 'api::article.article';
const AUTHOR = 'api::author.author';
const CATEGORY = 'api::category.category';
const SETTINGS = 'api::site-setting.site-setting';
const DAY = 24 * 60 * 60 * 1000;
/** Demo articles are spread over this many days before the seeding day. */
const SPREAD_DAYS = 730;

export type SeedResult = 'seeded' | 'skipped';

/** A stable small hash, so ordering and choices in the demo data are the same on every machine. */
function hash(text: string): number {
  let h = 2166136261;
  for (const char of text) h = Math.imul(h ^ char.codePointAt(0)!, 16777619) >>> 0;
  return h;
}

function seedState(strapi: Core.Strapi) {
  return strapi.store({ type: 'plugin', name: 'portal', key: 'demo-seed' });
}

async function isEmpty(strapi: Core.Strapi): Promise<boolean> {
  for (const uid of [ARTICLE, AUTHOR, CATEGORY] as const) {
    if ((await strapi.db.query(uid).count()) > 0) return false;
  }
  return true;
}

async function findBy(strapi: Core.Strapi, uid: UID.ContentType, field: string, value: string) {
  return strapi.documents(uid).findFirst({ filters: { [field]: value }, status: 'draft' } as never);
}

async function ensureCategories(strapi: Core.Strapi, content: DemoContent): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  const parentsFirst = [...content.categories].sort((a, b) => Number(Boolean(a.parent)) - Number(Boolean(b.parent)));
  for (const category of parentsFirst) {
    const existing = await findBy(strapi, CATEGORY, 'slug', category.slug);
    const created =
      existing ??
      (await strapi.documents(CATEGORY).create({
        data: {
          name: category.name,
          slug: category.slug,
          description: category.description,
          parent: category.parent ? ids.get(category.parent) : undefined,
        },
        status: 'published',
      } as never));
    ids.set(category.slug, created.documentId);
  }
  return ids;
}

async function ensureAuthors(strapi: Core.Strapi, content: DemoContent): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const [index, author] of content.authors.entries()) {
    let existing = await findBy(strapi, AUTHOR, 'slug', author.slug);
    if (!existing) {
      const avatar = await uploadDrawnImage(
        strapi,
        { kind: 'photo', seed: 9000 + index },
        { name: `tac-gia-${author.slug}`, alternativeText: `Ảnh đại diện của ${author.name}` },
      );
      existing = await strapi.documents(AUTHOR).create({
        data: { name: author.name, slug: author.slug, bio: author.bio, avatar: avatar.id },
        status: 'published',
      } as never);
    }
    ids.set(author.slug, existing.documentId);
  }
  return ids;
}

/** Rewrites a document's dates in the database, as if it had been written and published on `date`. */
async function backdate(strapi: Core.Strapi, documentId: string, date: Date, views: number) {
  const query = strapi.db.query(ARTICLE);
  await query.updateMany({ where: { documentId }, data: { createdAt: date, updatedAt: date, views } });
  await query.updateMany({ where: { documentId, publishedAt: { $notNull: true } }, data: { publishedAt: date } });
}

/**
 * A share of an article's views on each of the last seven days since it was published, as readers would
 * have left them, so that "Đọc nhiều" has something to show on a fresh portal.
 */
async function recentViews(strapi: Core.Strapi, documentId: string, title: string, publishedAt: number, views: number, now: number) {
  const days = lastDays(now, 7).filter((day) => day >= periodsAt(publishedAt).day);
  const increments = Object.fromEntries(
    days.map((day) => [`v:${documentId}:${day}`, 1 + (hash(`${title}:${day}`) % Math.max(1, Math.floor(views / 20)))]),
  );
  await writeIncrements(counterDb(strapi), increments);
}

async function createArticle(strapi: Core.Strapi, article: DemoArticle, refs: { category: string; author: string; related: string[] }) {
  const images = await Promise.all(
    article.images.map(async (image, index) => ({
      after: image.after,
      file: await uploadDrawnImage(
        strapi,
        { kind: 'photo', seed: hash(article.title) + index },
        { name: `anh-${hash(article.title).toString(36)}-${index + 1}`, alternativeText: image.alt, caption: image.caption },
      ),
    })),
  );
  return strapi.documents(ARTICLE).create({
    data: {
      title: article.title,
      lead: article.lead,
      source: article.source,
      body: bodyBlocks(article.paragraphs, images),
      cover: images[0]?.file.id,
      author: refs.author,
      category: refs.category,
      relatedArticles: refs.related,
    },
    ...(article.draft ? {} : { status: 'published' }),
  } as never);
}

/**
 * Published articles oldest first, so that every curated "other news" link points to an article that is
 * already published when the linking one is.
 */
function chronological(articles: DemoArticle[]): DemoArticle[] {
  return [...articles].sort((a, b) => hash(a.title) - hash(b.title));
}

async function ensureArticles(strapi: Core.Strapi, content: DemoContent, categories: Map<string, string>, authors: Map<string, string>, now: number) {
  const ordered = chronological(content.articles);
  const published = ordered.filter((a) => !a.draft);
  const step = (SPREAD_DAYS * DAY) / published.length;
  const publishedSoFar: Array<{ category: string; documentId: string }> = [];
  for (const article of ordered) {
    const position = published.indexOf(article);
    let existing = await findBy(strapi, ARTICLE, 'title', article.title);
    if (!existing) {
      const relatedCount = hash(`related:${article.title}`) % 6;
      const sameCategory = publishedSoFar.filter((p) => p.category === article.category);
      const related = sameCategory
        .slice(Math.max(0, sameCategory.length - relatedCount))
        .reverse()
        .map((p) => p.documentId);
      existing = await createArticle(strapi, article, {
        category: categories.get(article.category)!,
        author: authors.get(article.author)!,
        related,
      });
      const date =
        position >= 0
          ? new Date(now - (published.length - 1 - position) * step - (hash(article.lead) % 8) * 60 * 60 * 1000)
          : new Date(now - (hash(article.lead) % 10) * DAY);
      const views = article.draft ? 0 : 40 + (hash(article.title) % 4000);
      await backdate(strapi, existing.documentId, date, views);
      if (!article.draft) await recentViews(strapi, existing.documentId, article.title, date.getTime(), views, now);
    }
    if (!article.draft) publishedSoFar.push({ category: article.category, documentId: existing.documentId });
  }
}

async function ensureSiteSettings(strapi: Core.Strapi, categories: Map<string, string>) {
  if (await strapi.documents(SETTINGS).findFirst()) return;
  const banner = await uploadDrawnImage(
    strapi,
    { kind: 'banner' },
    { name: 'banner-cong-thong-tin', alternativeText: 'Cổng thông tin điện tử tỉnh Bình An' },
  );
  const menu = ['thoi-su-chinh-tri', 'kinh-te', 'van-hoa-xa-hoi', 'an-ninh-quoc-phong', 'chi-dao-dieu-hanh', 'cai-cach-hanh-chinh', 'y-te-giao-duc']
    .map((slug) => categories.get(slug))
    .filter((id): id is string => Boolean(id));
  await strapi.documents(SETTINGS).create({
    data: {
      portalName: 'Cổng thông tin điện tử tỉnh Bình An',
      banner: banner.id,
      menu,
      loginLinkText: 'Đăng nhập',
      footer: {
        agency: 'Cơ quan chủ quản: Ủy ban nhân dân tỉnh Bình An',
        address: 'Số 12 đường Trần Hưng Đạo, phường Phú Thịnh, thành phố Bình An, tỉnh Bình An',
        phone: '0252 3 822 000',
        email: 'congthongtin@binhan.gov.vn',
        licence:
          'Giấy phép thiết lập trang thông tin điện tử số 25/GP-TTĐT do Sở Thông tin và Truyền thông tỉnh Bình An cấp. Ghi rõ nguồn khi phát hành lại thông tin từ cổng thông tin này.',
      },
    },
  } as never);
}

/**
 * Seeds the demo portal when the database is empty. Idempotent: a finished seed is recorded and never runs
 * again (so content editors delete stays deleted); an interrupted one resumes, skipping what exists.
 */
export async function seedDemoContent(strapi: Core.Strapi, options: { appRoot?: string; now?: number } = {}): Promise<SeedResult> {
  const state = seedState(strapi);
  const recorded = await state.get();
  if (recorded === 'done') return 'skipped';
  if (recorded !== 'running' && !(await isEmpty(strapi))) {
    await state.set({ value: 'done' });
    return 'skipped';
  }
  await state.set({ value: 'running' });
  const started = Date.now();
  const content = await loadDemoContent(options.appRoot ?? strapi.dirs.app.root);
  const now = Math.floor((options.now ?? Date.now()) / (60 * 60 * 1000)) * 60 * 60 * 1000;
  strapi.log.info(`Seeding demo content: ${content.articles.length} articles…`);
  const categories = await ensureCategories(strapi, content);
  const authors = await ensureAuthors(strapi, content);
  await ensureArticles(strapi, content, categories, authors, now);
  await ensureSiteSettings(strapi, categories);
  await state.set({ value: 'done' });
  strapi.log.info(`Demo content seeded in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return 'seeded';
}
