import type { IncomingMessage, ServerResponse } from 'node:http';
import { rm } from 'node:fs/promises';
import { createLimit } from '@portal/cms-client';
import { checkPreviewToken, type PreviewKind } from 'cms/preview-link';
import {
  createStaticHandler,
  linkMedia,
  mediaReferences,
  articlePage,
  withArticle,
  type ContentSource,
  type SiteContent,
  type StaticHandler,
} from 'web/site';
import { previewHeaders, sendMessage } from './preview-page';
import { fetchDraft } from './preview-source';
import type { Renderer } from './renderer';

/** Where preview links point on the control server: `/preview/<kind>/<documentId>?token=…` (cms/preview-link). */
const PREVIEW_PATH = /^\/preview\/([^/]+)\/([^/]+)\/?$/;

/** The files a preview page loads besides itself: the site's built assets and icons, and media. */
const PAGE_FILES = /^\/(_astro\/|media\/|favicon\.(ico|svg)$)/;

/** The status of each answer that is not the page. */
const NO_PAGE = { missing: 404, expired: 403, slugTaken: 409, unavailable: 503 } as const;

export type PreviewOptions = {
  /** PREVIEW_SECRET; without it every preview link is refused. */
  secret: string | undefined;
  cmsUrl: string;
  source: ContentSource;
  siteUrl: string;
  dashboardUrl: string;
  counterUrl: string;
  /** The media of previewed pages, linked from the media cache: `<previewDir>/media/…`. */
  previewDir: string;
  /** The renderer and the live content, once the first build is live (Publisher.previewBase). */
  base: () => Promise<{ renderer: Renderer; content: SiteContent } | null>;
  log: (line: string) => void;
};

/**
 * The editors' preview on the control server (never on the site's port): a signed link opens one
 * document's draft (or published version), rendered by the site's own renderer from the live content with
 * that one article in place, marked "Bản xem trước" and `noindex`, framed only by the dashboard. The page's
 * files (/_astro/…, icons) come from the renderer's client files, its media from the preview folder.
 *
 *   link checked here (malformed / forged / expired → 403) → draft asked of the CMS (gone → 404) →
 *   its page alone computed (web's articlePage) and rendered, one at a time → 200, no-store
 */
export class Preview {
  private readonly headers: Record<string, string>;
  private readonly media: StaticHandler;
  private readonly files: StaticHandler;
  private clientDir: string | null = null;
  private readonly oneAtATime = createLimit(1);

  constructor(private readonly options: PreviewOptions) {
    this.headers = previewHeaders(new URL(options.dashboardUrl).origin);
    this.media = createStaticHandler(() => options.previewDir);
    // Before the first build the renderer's folder is unknown: the preview folder, which has no such files, answers 404.
    this.files = createStaticHandler(() => this.clientDir ?? options.previewDir);
  }

  /**
   * Empties the preview's media folder (at start: links of earlier previews). A folder that cannot be
   * removed is only logged: the preview must never stop the publisher (the first render makes it again).
   */
  async reset(): Promise<void> {
    await rm(this.options.previewDir, { recursive: true, force: true }).catch((error: unknown) =>
      this.options.log(`Could not empty the preview folder ${this.options.previewDir}: ${error instanceof Error ? error.message : String(error)}`),
    );
  }

  /** True for the paths answered here: preview pages and the files they load. */
  serves(pathname: string): boolean {
    return PREVIEW_PATH.test(pathname) || PAGE_FILES.test(pathname);
  }

  /** Answers a GET or HEAD of a path it `serves`. */
  async answer(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const match = PREVIEW_PATH.exec(url.pathname);
    if (match) return this.page(res, match[1], match[2], url.searchParams.getAll('token'));
    if (url.pathname.startsWith('/media/')) return this.media(req, res);
    this.clientDir = (await this.options.base())?.renderer.clientDir ?? null;
    this.files(req, res);
  }

  private async page(res: ServerResponse, kind: string, documentId: string, tokens: string[]): Promise<void> {
    const { secret } = this.options;
    if (!secret) return sendMessage(res, 404, 'off', this.headers);
    // One token, exactly: a repeated parameter is refused, whichever of its values is good.
    const check = checkPreviewToken(secret, kind, documentId, tokens.length === 1 ? tokens[0] : undefined);
    if (!check.ok) return sendMessage(res, 403, check.reason, this.headers);
    try {
      const page = await this.oneAtATime(() => this.render(secret, check.claim.kind, check.claim.documentId, tokens[0]));
      if (typeof page !== 'string') return void res.writeHead(200, this.headers).end(page);
      sendMessage(res, NO_PAGE[page], page, page === 'unavailable' ? { ...this.headers, 'retry-after': '5' } : this.headers);
    } catch (error) {
      this.options.log(`Preview of ${documentId} failed: ${error instanceof Error ? error.message : String(error)}`);
      sendMessage(res, 502, 'failed', this.headers);
    }
  }

  /** The page's bytes, or why there is none. */
  private async render(secret: string, kind: PreviewKind, documentId: string, token: string): Promise<Buffer | keyof typeof NO_PAGE> {
    const { options } = this;
    const base = await options.base();
    if (!base) return 'unavailable';
    const draft = await fetchDraft(options.cmsUrl, secret, kind, documentId, token);
    // The CMS checks the link too: a refusal there (its clock ahead of ours) is a refusal here.
    if (!draft.found) return draft.status === 404 ? 'missing' : 'expired';
    // A draft saved without a title has no slug yet: its preview still needs an address.
    const article = { ...draft.article, slug: draft.article.slug || documentId };
    if (base.content.articles.some((other) => other.slug === article.slug && other.documentId !== documentId)) return 'slugTaken';
    const content = await withArticle(base.content, article, options.source);
    // Its page alone, as the site's page list computes it: a page reads its own data only.
    const page = articlePage(content, documentId);
    if (!page) throw new Error(`the content has no article ${documentId}`);
    const { siteUrl, dashboardUrl, counterUrl } = options;
    const pages = new Map([[page.url, page]]);
    const rendered = await base.renderer.render(`${siteUrl}${page.url}`, { content, pages, siteUrl, dashboardUrl, counterUrl, preview: true });
    if (rendered.status !== 200) throw new Error(`${page.url} rendered with HTTP ${rendered.status}`);
    await linkMedia(options.source.mediaCacheDir, mediaReferences(rendered.body.toString('utf8')), options.previewDir);
    return rendered.body;
  }
}
