import { beforeAll, describe, expect, it } from 'vitest';
import { sitePages, WEB_PACKAGE_DIR, type RenderContext } from 'web/site';
import { prepareRenderer, type Renderer } from '../src/renderer';
import { bidiContent, FORBIDDEN } from './fixtures/bidi-content';

/**
 * The site's own guard, on the real render path (the renderer build the publisher uses, no CMS): text
 * that still carries bidi controls never reaches a page's <title>, meta tags, JSON-LD or the RSS feed.
 * The CMS strips them on write, and the site strips them as it fetches content; this is for text that
 * comes another way.
 */
const SITE_URL = 'http://localhost:4321';
let renderer: Renderer;
const context: RenderContext = {
  content: bidiContent,
  pages: sitePages(bidiContent),
  siteUrl: SITE_URL,
  dashboardUrl: 'http://localhost:1337/admin',
  counterUrl: 'http://localhost:1337/counter',
};

beforeAll(async () => {
  renderer = await prepareRenderer(WEB_PACKAGE_DIR, { ...process.env, SITE_URL }, () => undefined);
});

async function render(url: string): Promise<string> {
  const output = await renderer.render(`${SITE_URL}${url}`, context);
  expect(output.status, url).toBe(200);
  return output.body.toString('utf8');
}

/** What leaves a page for tabs, link previews, feeds and search engines: the <head>'s title, meta, links and JSON-LD. */
function headText(html: string): string {
  const head = html.slice(0, html.indexOf('</head>'));
  return [...head.matchAll(/<title>[^<]*<\/title>|<meta [^>]*>|<link [^>]*>|<script type="application\/ld\+json">[^<]*<\/script>/g)]
    .map((m) => m[0])
    .join('\n');
}

const forbiddenIn = (text: string) =>
  FORBIDDEN.filter((char) => text.includes(char)).map((char) => `U+${char.codePointAt(0)!.toString(16).toUpperCase()}`);

describe('bidi controls in content', () => {
  it.each([
    ['home', '/'],
    ['article', '/bai-viet/tin-thu-nghiem/'],
    ['article (SEO title and description)', '/bai-viet/tin-thu-nghiem-seo/'],
    ['category', '/chuyen-muc/chuyen-muc-thu/'],
    ['author', '/tac-gia/tac-gia-thu/'],
  ])('%s page: not in its title, meta tags or JSON-LD', async (_kind, url) => {
    const head = headText(await render(url));
    expect(head).toContain('Cổng thử nghiệm');
    expect(head).toContain('fdp.exe');
    expect(forbiddenIn(head)).toEqual([]);
  });

  it('JSON-LD: gone, and it still names the article, its author and the portal', async () => {
    const html = await render('/bai-viet/tin-thu-nghiem/');
    const json = /<script type="application\/ld\+json">([^<]*)<\/script>/.exec(html)![1];
    const data = JSON.parse(json) as { headline: string; author: { name: string }; publisher: { name: string } };
    // Bidi controls are dropped, line and paragraph separators become spaces.
    expect(data.headline).toBe('Tin thử nghiệm  fdp.exe');
    expect(data.author.name).toBe('Tác giả  fdp.exe');
    expect(data.publisher.name).toBe('Cổng thử nghiệm  fdp.exe');
    expect(forbiddenIn(json)).toEqual([]);
  });

  it('RSS feed: not in titles, descriptions, authors or categories', async () => {
    const rss = await render('/rss.xml');
    expect(rss).toContain('<title>Tin thử nghiệm  fdp.exe</title>');
    expect(rss).toContain('Tác giả  fdp.exe');
    expect(forbiddenIn(rss)).toEqual([]);
  });
});
