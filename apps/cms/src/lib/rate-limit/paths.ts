/**
 * Which requests the limiter counts: the public content API, REST under /api and GraphQL at /graphql.
 *
 * Strapi's router matches paths case-insensitively and with or without a trailing slash (`/API/Articles/`
 * and `/GraphQL/` are served like `/api/articles` and `/graphql`), so the path is compared in a normalised
 * form: percent-decoding undone (repeatedly, for doubly encoded paths), backslashes read as slashes, empty
 * and `.` segments dropped, `..` applied, lower case. A shape that cannot be normalised (bad encoding) is
 * counted as API: refusing too much there costs nothing, while a shape that routes to the API uncounted
 * would be a way around the limit. Everything else — the dashboard and its APIs (/admin, /content-manager,
 * /upload, /i18n, …), media under /uploads, /_health — is never counted.
 */

export type Surface = 'rest' | 'graphql';

/** The normalised segments of `path`, or undefined when it cannot be decoded. */
export function pathSegments(path: string): string[] | undefined {
  let decoded = path;
  for (let round = 0; ; round += 1) {
    let next: string;
    try {
      next = decodeURIComponent(decoded);
    } catch {
      return undefined;
    }
    if (next === decoded) break;
    // Encoded more than a few times over is no path any client sends.
    if (round === 4) return undefined;
    decoded = next;
  }
  const segments: string[] = [];
  for (const segment of decoded.replace(/\\/g, '/').split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment.toLowerCase());
  }
  return segments;
}

/** `rest` or `graphql` when `path` (koa's ctx.path, still percent-encoded) may reach the content API. */
export function apiSurface(path: string): Surface | undefined {
  const segments = pathSegments(path);
  if (segments === undefined) return 'rest';
  if (segments[0] === 'api') return 'rest';
  if (segments[0] === 'graphql') return 'graphql';
  return undefined;
}
