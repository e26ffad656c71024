import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The contract of the editors' preview, shared by the CMS (which signs links and answers the draft route)
 * and the publisher (which checks links, asks the draft route and renders): one definition of the link,
 * its token and the draft route's header, imported by both (`cms/preview-link`).
 *
 * A link is `<PREVIEW_URL>/article/<documentId>?token=<status>.<expires>.<signature>`: `status` is `draft`
 * or `published` (the version shown), `expires` the Unix time in seconds after which the link is refused,
 * `signature` the HMAC-SHA256 (base64url) of the kind, documentId, status and expiry under a key derived
 * from PREVIEW_SECRET. The documentId sits in the path and is signed, so a token opens only the document it
 * was made for. The draft route is authenticated by a second key derived from the same secret, so that
 * neither key tells anything of the other.
 */

/** The kinds of document a link can be made for. */
export const PREVIEW_KINDS = ['article'] as const;
export type PreviewKind = (typeof PREVIEW_KINDS)[number];
export type PreviewStatus = 'draft' | 'published';

export type PreviewClaim = { kind: PreviewKind; documentId: string; status: PreviewStatus; expires: number };

type PreviewMedia = { url: string; alternativeText: string | null; width: number | null; height: number | null; formats: unknown };
type PreviewLink = { documentId: string; name: string; slug: string };

/**
 * The draft route's answer (`{ data: PreviewArticle }`): an article in the shape of packages/cms-client's
 * `ArticleFields` fragment, the one every build reads over GraphQL, so that the site's pages show a preview
 * with the same code. The publisher hands it to the client's own `toArticle`, which type-checks the match.
 */
export type PreviewArticle = {
  documentId: string;
  title: string;
  slug: string;
  lead: string;
  source: string | null;
  body: unknown;
  publishedAt: string | null;
  updatedAt: string | null;
  views: number | null;
  cover: (PreviewMedia & { caption: string | null }) | null;
  author: PreviewLink | null;
  category: (PreviewLink & { parent: PreviewLink | null }) | null;
  relatedArticles: Array<{ documentId: string; slug: string; title: string; publishedAt: string | null }>;
  seo: {
    metaTitle: string | null;
    metaDescription: string | null;
    shareImage: { url: string; width: number | null; height: number | null } | null;
  } | null;
};

/** The publisher's header on the CMS's draft route. */
export const DRAFT_ROUTE_HEADER = 'x-portal-preview-key';
/** The CMS's draft route: `GET <prefix>/<kind>/<documentId>?token=…`, answered only with the header above. */
export const DRAFT_ROUTE_PREFIX = '/portal-preview';

/** PREVIEW_SECRET is generated with 32 random bytes (64 hex digits); anything much shorter is refused. */
export const MIN_SECRET_LENGTH = 32;
/** Default and bounds of PREVIEW_TTL_SECONDS: an hour, from a minute to a day. */
export const DEFAULT_TTL_SECONDS = 3600;
export const MIN_TTL_SECONDS = 60;
export const MAX_TTL_SECONDS = 86_400;

const DOCUMENT_ID = /^[a-z0-9]{1,64}$/;
const TOKEN = /^(draft|published)\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/;

function derivedKey(secret: string, purpose: string): Buffer {
  if (secret.length < MIN_SECRET_LENGTH) throw new Error(`PREVIEW_SECRET must be at least ${MIN_SECRET_LENGTH} characters`);
  return createHmac('sha256', secret).update(`portal-preview:${purpose}`).digest();
}

function signature(secret: string, { kind, documentId, status, expires }: PreviewClaim): string {
  return createHmac('sha256', derivedKey(secret, 'link')).update(`${kind}\n${documentId}\n${status}\n${expires}`).digest('base64url');
}

/** True when `value` is a documentId as Strapi makes them (lower-case letters and digits). */
export function isDocumentId(value: unknown): value is string {
  return typeof value === 'string' && DOCUMENT_ID.test(value);
}

/** The token of a link for `claim`. */
export function signPreviewToken(secret: string, claim: PreviewClaim): string {
  if (!isDocumentId(claim.documentId)) throw new Error(`Not a documentId: ${JSON.stringify(claim.documentId)}`);
  return `${claim.status}.${claim.expires}.${signature(secret, claim)}`;
}

/** The path of a link, relative to PREVIEW_URL. */
export function previewPath(claim: PreviewClaim, token: string): string {
  return `/${claim.kind}/${claim.documentId}?token=${encodeURIComponent(token)}`;
}

export type PreviewCheck = { ok: true; claim: PreviewClaim } | { ok: false; reason: 'malformed' | 'forged' | 'expired' };

/**
 * Checks a presented token for the document named in the link's path. Fails closed: anything but one
 * string of the exact shape (an absent, empty or repeated parameter, other case, extra characters) is
 * `malformed`; a signature that is not the one this secret makes for this kind, document, status and
 * expiry is `forged` (compared in constant time); a good one past its time is `expired`.
 */
export function checkPreviewToken(secret: string, kind: unknown, documentId: unknown, token: unknown, now = Date.now()): PreviewCheck {
  if (typeof kind !== 'string' || !(PREVIEW_KINDS as readonly string[]).includes(kind) || !isDocumentId(documentId) || typeof token !== 'string') {
    return { ok: false, reason: 'malformed' };
  }
  const match = TOKEN.exec(token);
  if (!match) return { ok: false, reason: 'malformed' };
  const claim: PreviewClaim = { kind: kind as PreviewKind, documentId, status: match[1] as PreviewStatus, expires: Number(match[2]) };
  const expected = Buffer.from(signature(secret, claim));
  const presented = Buffer.from(match[3]);
  if (presented.length !== expected.length || !timingSafeEqual(presented, expected)) return { ok: false, reason: 'forged' };
  if (claim.expires * 1000 <= now) return { ok: false, reason: 'expired' };
  return { ok: true, claim };
}

/** The value of DRAFT_ROUTE_HEADER: a key derived from PREVIEW_SECRET, hex. */
export function draftRouteKey(secret: string): string {
  return derivedKey(secret, 'draft-route').toString('hex');
}

/**
 * True when a presented draft-route key is exactly the expected one: a single non-empty string, compared
 * in constant time (both hashed first, so no length check shows how much was right). Anything else — a
 * missing header, an empty one, several joined, another case — is false.
 */
export function draftRouteKeyMatches(presented: unknown, secret: string): boolean {
  if (typeof presented !== 'string' || presented.length === 0 || secret.length < MIN_SECRET_LENGTH) return false;
  const a = createHash('sha256').update(presented).digest();
  const b = createHash('sha256').update(draftRouteKey(secret)).digest();
  return timingSafeEqual(a, b);
}
