import type { Core } from '@strapi/strapi';
import { checkPreviewToken, DRAFT_ROUTE_HEADER, DRAFT_ROUTE_PREFIX, draftRouteKeyMatches } from '../contract/preview-link';
import { articleForPreview } from './article-draft';
import type { PreviewSettings } from './settings';

type Ctx = {
  params: Record<string, string>;
  query: Record<string, unknown>;
  headers: Record<string, string | string[] | undefined>;
  status: number;
  body: unknown;
  set(name: string, value: string): void;
};

const MESSAGES = {
  malformed: 'The preview link is malformed',
  forged: 'The preview link is not valid for this document',
  expired: 'The preview link has expired',
} as const;

function answer(ctx: Ctx, status: number, body: unknown): void {
  ctx.status = status;
  ctx.body = body;
  // A draft never waits in a cache on the way.
  ctx.set('cache-control', 'no-store');
}

/**
 * The draft route, `GET /portal-preview/article/:documentId?token=…`: one document's version (draft or
 * published, as the link says) in the shape the site's renderer reads, for the publisher's preview and
 * nobody else. Two checks, both failing closed: the publisher's key in DRAFT_ROUTE_HEADER (a key derived
 * from PREVIEW_SECRET, compared in constant time; 401 without it), and a link the dashboard signed for this
 * very document, not expired (403). A document that does not exist is a 404. Not a content-API route: the
 * public API keeps refusing drafts to everyone, token or not.
 */
export function registerPreviewRoutes(strapi: Core.Strapi, settings: PreviewSettings | null): void {
  strapi.server.routes({
    type: 'admin',
    prefix: DRAFT_ROUTE_PREFIX,
    routes: [
      {
        method: 'GET',
        path: '/:kind/:documentId',
        handler: async (ctx: Ctx) => {
          if (!settings || !draftRouteKeyMatches(ctx.headers[DRAFT_ROUTE_HEADER], settings.secret)) {
            return answer(ctx, 401, { error: `Missing or wrong ${DRAFT_ROUTE_HEADER} header` });
          }
          const check = checkPreviewToken(settings.secret, ctx.params.kind, ctx.params.documentId, ctx.query.token);
          if (!check.ok) return answer(ctx, 403, { error: MESSAGES[check.reason] });
          const article = await articleForPreview(strapi, check.claim.documentId, check.claim.status);
          if (!article) return answer(ctx, 404, { error: 'No such document' });
          answer(ctx, 200, { data: article });
        },
        // Strapi's admin authentication is not the one here: the handler's checks above are.
        config: { auth: false },
      },
    ],
  } as unknown as Parameters<Core.Strapi['server']['routes']>[0]);
}
