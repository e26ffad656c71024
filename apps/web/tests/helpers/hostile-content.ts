/**
 * Content that breaks careless pages, written into the test CMS through its REST API (as an editor's tools
 * would) before the site is built: words longer than a phone's line in a title, a lead, a source, a
 * caption, an author's and a category's name, and a pasted URL.
 */

/** 80 letters and digits without a break opportunity: a run-together phrase, as pasted from elsewhere. */
export const LONG_WORD = 'Quyếtđịnhphêduyệtkếhoạchđầutưcôngtrunghạngiaiđoạn20262030củaỦybannhândântỉnhBìnhAn';
/** A pasted link: no space, no hyphen. */
export const LONG_URL = 'https://binhan.gov.vn/vanban/quyetdinhso1234QDUBNDveviecpheduyetkehoachdautucongtrunghan2026den2030.pdf';

/** What the global setup created, for the tests that open its pages. */
export type HostileContent = { articleSlug: string; authorSlug: string; categorySlug: string; searchQuery: string };

type Entry = { documentId: string; slug: string };
type Block = { type: string; [key: string]: unknown };

async function rest<T>(cmsUrl: string, token: string, method: string, url: string, body?: unknown): Promise<T> {
  const response = await fetch(`${cmsUrl}${url}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!response.ok) throw new Error(`${method} ${url} answered ${response.status}: ${await response.text()}`);
  return ((await response.json()) as { data: T }).data;
}

/** An image block of the demo content, to carry a caption of our own (images need an upload behind them). */
async function demoImageBlock(cmsUrl: string, token: string): Promise<Block> {
  const articles = await rest<Array<{ body: Block[] | null }>>(cmsUrl, token, 'GET', '/api/articles?fields[0]=body&pagination[pageSize]=100');
  const image = articles.flatMap((article) => article.body ?? []).find((block) => block.type === 'image');
  if (!image) throw new Error('The demo content has no image block to copy');
  return image;
}

const text = (words: string): Block => ({ type: 'paragraph', children: [{ type: 'text', text: words }] });

/** Creates and publishes a category, an author and an article full of long words; returns their slugs. */
export async function addHostileContent(cmsUrl: string, token: string): Promise<HostileContent> {
  const create = <T>(type: string, data: Record<string, unknown>) => rest<T>(cmsUrl, token, 'POST', `/api/${type}?status=published`, { data });
  const image = await demoImageBlock(cmsUrl, token);
  const category = await create<Entry>('categories', {
    name: `Chuyên mục ${LONG_WORD}`,
    slug: 'chuyen-muc-tu-rat-dai',
    description: `Mô tả ${LONG_WORD}`,
  });
  const author = await create<Entry>('authors', { name: `Nhóm ${LONG_WORD}`, slug: 'nhom-tu-rat-dai', bio: LONG_URL });
  const imageData = image.image as Record<string, unknown>;
  const article = await create<Entry>('articles', {
    title: `Công bố ${LONG_WORD} tại ${LONG_URL}`,
    slug: 'cong-bo-tu-rat-dai',
    lead: `${LONG_WORD} ${LONG_URL}`,
    source: LONG_WORD.slice(0, 60),
    category: category.documentId,
    author: author.documentId,
    body: [
      text(`Toàn văn: ${LONG_URL}`),
      { ...image, image: { ...imageData, caption: `Ảnh: ${LONG_WORD}`, alternativeText: 'Ảnh minh họa' } },
      {
        type: 'paragraph',
        children: [
          { type: 'text', text: 'Xem tại ' },
          { type: 'link', url: LONG_URL, children: [{ type: 'text', text: LONG_URL }] },
        ],
      },
      { type: 'list', format: 'unordered', children: [{ type: 'list-item', children: [{ type: 'text', text: LONG_WORD }] }] },
      { type: 'heading', level: 2, children: [{ type: 'text', text: LONG_WORD }] },
    ],
  });
  return { articleSlug: article.slug, authorSlug: author.slug, categorySlug: category.slug, searchQuery: LONG_WORD };
}
